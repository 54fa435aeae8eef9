// Disability certificates (第二代残疾人证): code tables, numbers, validity and renewal window.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/identity.h"
#include "domain/result.h"

namespace tx {

struct CodeName {
  int code;
  const char* zh;
  const char* en;
};

// Category 1 视力 vision … 7 多重 multiple; nullptr for an unknown code.
const CodeName* disability_category(int code);
// Level 1 一级 (most severe) … 4 四级; nullptr for an unknown code.
const CodeName* disability_level(int code);

struct CertificateNumber {
  IdNumber id;
  int category = 0;     // 1..7
  int level = 0;        // 1..4
  int replacement = 0;  // 0 = original, n = "Bn" (n-th replacement)
  std::string str() const;
};

// check_certificate_number: 18-character ID + category digit + level digit, optionally "B<n>".
// Fails with code "invalid_certificate_number", field "certificate_number", reason one of
// length, id_number, category, level, replacement.
Result<CertificateNumber> check_certificate_number(std::string_view raw, Date today);

enum class CertificateStatus { valid, expired, lost, frozen, cancelled };
std::string_view to_string(CertificateStatus s);
std::optional<CertificateStatus> certificate_status_from(std::string_view s);

constexpr int kCertificateValidityYears = 10;
constexpr int kDefaultRenewalWindowDays = 180;

// certificate_expiry: a certificate issued on `issued` is valid for ten years.
Date certificate_expiry(Date issued);

// effective_status: a stored "valid" certificate past its expiry date is "expired".
CertificateStatus effective_status(CertificateStatus stored, Date expires_on, Date today);

// renewal_open: renewal may be booked from `window_days` before expiry onwards (also after).
bool renewal_open(Date expires_on, Date today, int window_days = kDefaultRenewalWindowDays);

}  // namespace tx
