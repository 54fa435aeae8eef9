#include "domain/identity.h"

#include <array>

#include "domain/utf8.h"

namespace tx {

namespace {
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr char kCheck[] = "10X98765432";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Problem id_problem(const char* reason) { return Problem{"invalid_id_number", "id_number", reason}; }
}  // namespace

char id_check_character(std::string_view first17) {
  int sum = 0;
  for (std::size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool valid_region_prefix(int p) {
  return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) || (p >= 31 && p <= 37) ||
         (p >= 41 && p <= 46) || (p >= 50 && p <= 54) || (p >= 61 && p <= 65) ||
         (p >= 81 && p <= 83);
}

Result<IdNumber> check_id_number(std::string_view raw, Date today) {
  std::string_view s = trim(raw);
  if (s.size() != 18) return id_problem("length");
  std::string id(s);
  if (id[17] == 'x') id[17] = 'X';
  for (int i = 0; i < 17; ++i)
    if (!is_digit(id[i])) return id_problem("characters");
  if (!is_digit(id[17]) && id[17] != 'X') return id_problem("characters");
  if (!valid_region_prefix((id[0] - '0') * 10 + (id[1] - '0'))) return id_problem("region");
  auto birth = Date::parse(id.substr(6, 4) + "-" + id.substr(10, 2) + "-" + id.substr(12, 2));
  if (!birth || birth->year() < 1800) return id_problem("birth_date");
  if (*birth > today) return id_problem("future_birth_date");
  if (id_check_character(id) != id[17]) return id_problem("check_character");
  return IdNumber{id, *birth, ((id[16] - '0') % 2) == 1};
}

std::string mask_id(std::string_view id) {
  if (id.size() <= 7) return std::string(id.size(), '*');
  return std::string(id.substr(0, 3)) + std::string(id.size() - 7, '*') +
         std::string(id.substr(id.size() - 4));
}

std::string mask_name(std::string_view name) {
  // Keep the first character (the surname, or its first character for 欧阳-style names) and one
  // star, whatever the length (DOMAIN.md: `张*`), so the mask does not tell how long the name is.
  if (name.empty()) return "";
  std::size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  return std::string(name.substr(0, first)) + "*";
}

std::string mask_phone(std::string_view p) {
  if (p.size() < 8) return std::string(p.size(), '*');
  return std::string(p.substr(0, 3)) + std::string(p.size() - 7, '*') +
         std::string(p.substr(p.size() - 4));
}

std::string mask_account(std::string_view a) {
  if (a.size() < 9) return std::string(a.size(), '*');
  return std::string(a.substr(0, 4)) + std::string(a.size() - 8, '*') +
         std::string(a.substr(a.size() - 4));
}

Result<std::string> check_phone(std::string_view raw, std::string_view field) {
  std::string_view s = trim(raw);
  std::string digits;
  int dashes = 0;
  for (char c : s) {
    if (is_digit(c)) digits += c;
    else if (c == '-' && ++dashes == 1) continue;
    else return Problem{"invalid_phone", std::string(field), "characters"};
  }
  bool mobile = digits.size() == 11 && digits[0] == '1' && dashes == 0;
  bool landline = digits.size() >= 10 && digits.size() <= 12 && digits[0] == '0';
  if (!mobile && !landline) return Problem{"invalid_phone", std::string(field), "length"};
  return digits;
}

Result<std::string> check_phone_last4(std::string_view raw) {
  std::string_view s = trim(raw);
  if (s.size() != 4) return Problem{"invalid_field", "phone_last4", "four_digits"};
  for (char c : s)
    if (!is_digit(c)) return Problem{"invalid_field", "phone_last4", "four_digits"};
  return std::string(s);
}

Result<std::string> check_name(std::string_view raw) {
  std::string_view s = trim(raw);
  if (s.empty() || !utf8_valid(s) || utf8_length(s) > 30)
    return Problem{"invalid_name", "name", "length"};
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return Problem{"invalid_name", "name", "characters"};
  return std::string(s);
}

}  // namespace tx
