// Result<T>: an expected failure carries a code (stable, used by the API and the catalogs), the
// field at fault (if any) and a reason sub-code; programmer mistakes assert instead (STYLE.md 7).
#pragma once
#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace tx {

struct Problem {
  std::string code;    // e.g. "invalid_id_number"
  std::string field;   // e.g. "id_number"; empty when no single field is at fault
  std::string reason;  // e.g. "check_character"; refines the code for messages
};

template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Problem p) : v_(std::move(p)) {}    // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& {
    assert(ok() && "Result::value() on a failure: check ok() first");
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok() && "Result::value() on a failure: check ok() first");
    return std::get<0>(std::move(v_));
  }
  const T* operator->() const { return &value(); }
  const Problem& problem() const {
    assert(!ok() && "Result::problem() on a success");
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Problem> v_;
};

}  // namespace tx
