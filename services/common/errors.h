// The error catalogue: every expected failure the services report has a stable code, an HTTP
// status and a message in Chinese and English that says what is wrong and how to fix it
// (ACCESSIBILITY S10). HTTP handlers throw ApiError; one place turns it into the JSON shape
// {"error":{"code","message_zh","message_en","field"?,"reason"?}}.
#pragma once
#include <stdexcept>
#include <string>

#include "domain/result.h"

namespace tx {

class ApiError : public std::runtime_error {
 public:
  ApiError(std::string code, std::string field = {}, std::string reason = {})
      : std::runtime_error(code), code_(std::move(code)), field_(std::move(field)),
        reason_(std::move(reason)) {}
  explicit ApiError(const Problem& p) : ApiError(p.code, p.field, p.reason) {}
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string code_, field_, reason_;
};

// StorageError: the database could not do what was asked (disk full, I/O error, locked too
// long). Nothing was changed; the HTTP layer answers 503 storage_unavailable.
class StorageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ErrorText {
  int status = 500;
  std::string zh, en;
};

// describe: status and messages for a code (refined by field and reason where that helps the
// resident fix the input). Unknown codes describe themselves as a 500 "internal" error.
ErrorText describe_error(const std::string& code, const std::string& field,
                         const std::string& reason);

// error_status: the HTTP status of a code.
int error_status(const std::string& code);

}  // namespace tx
