#include "domain/certificate.h"

namespace tx {

namespace {
constexpr CodeName kCategories[] = {
    {1, "视力残疾", "Vision"},         {2, "听力残疾", "Hearing"},
    {3, "言语残疾", "Speech"},         {4, "肢体残疾", "Physical"},
    {5, "智力残疾", "Intellectual"},   {6, "精神残疾", "Mental"},
    {7, "多重残疾", "Multiple"},
};
constexpr CodeName kLevels[] = {
    {1, "一级", "Level 1 (most severe)"},
    {2, "二级", "Level 2"},
    {3, "三级", "Level 3"},
    {4, "四级", "Level 4 (least severe)"},
};
Problem cert_problem(const char* reason) {
  return Problem{"invalid_certificate_number", "certificate_number", reason};
}
}  // namespace

const CodeName* disability_category(int code) {
  return code >= 1 && code <= 7 ? &kCategories[code - 1] : nullptr;
}
const CodeName* disability_level(int code) {
  return code >= 1 && code <= 4 ? &kLevels[code - 1] : nullptr;
}

std::string CertificateNumber::str() const {
  std::string s = id.value + char('0' + category) + char('0' + level);
  if (replacement > 0) s += "B" + std::to_string(replacement);
  return s;
}

Result<CertificateNumber> check_certificate_number(std::string_view raw, Date today) {
  while (!raw.empty() && raw.front() == ' ') raw.remove_prefix(1);
  while (!raw.empty() && raw.back() == ' ') raw.remove_suffix(1);
  if (raw.size() < 20 || raw.size() > 24) return cert_problem("length");
  auto id = check_id_number(raw.substr(0, 18), today);
  if (!id) return cert_problem("id_number");
  CertificateNumber c;
  c.id = id.value();
  c.category = raw[18] - '0';
  c.level = raw[19] - '0';
  if (!disability_category(c.category)) return cert_problem("category");
  if (!disability_level(c.level)) return cert_problem("level");
  std::string_view tail = raw.substr(20);
  if (!tail.empty()) {
    if (tail.size() < 2 || (tail[0] != 'B' && tail[0] != 'b')) return cert_problem("replacement");
    int n = 0;
    for (char ch : tail.substr(1)) {
      if (ch < '0' || ch > '9') return cert_problem("replacement");
      n = n * 10 + (ch - '0');
    }
    if (n < 1) return cert_problem("replacement");
    c.replacement = n;
  }
  return c;
}

std::string_view to_string(CertificateStatus s) {
  switch (s) {
    case CertificateStatus::valid: return "valid";
    case CertificateStatus::expired: return "expired";
    case CertificateStatus::lost: return "lost";
    case CertificateStatus::frozen: return "frozen";
    case CertificateStatus::cancelled: return "cancelled";
  }
  return "valid";
}

std::optional<CertificateStatus> certificate_status_from(std::string_view s) {
  for (auto st : {CertificateStatus::valid, CertificateStatus::expired, CertificateStatus::lost,
                  CertificateStatus::frozen, CertificateStatus::cancelled})
    if (to_string(st) == s) return st;
  return std::nullopt;
}

Date certificate_expiry(Date issued) { return issued.plus_years(kCertificateValidityYears); }

CertificateStatus effective_status(CertificateStatus stored, Date expires_on, Date today) {
  if (stored == CertificateStatus::valid && today > expires_on) return CertificateStatus::expired;
  return stored;
}

bool renewal_open(Date expires_on, Date today, int window_days) {
  return today >= expires_on.plus_days(-window_days);
}

}  // namespace tx
