// Resident identity numbers (GB 11643-1999), phone numbers, and the masking rules for showing
// personal data on a public screen or in logs (DOMAIN.md, "Privacy").
#pragma once
#include <string>
#include <string_view>

#include "domain/date.h"
#include "domain/result.h"

namespace tx {

struct IdNumber {
  std::string value;  // 18 characters, upper-case X
  Date birth;
  bool male = false;  // sequence digit 17 odd
};

// check_id_number: validates an 18-character resident ID: province prefix, real birth date not
// after `today`, ISO 7064 MOD 11-2 check character. Leading/trailing spaces are ignored and a
// typed 'x' is upper-cased. Fails with code "invalid_id_number", field "id_number" and reason
// one of: length, characters, region, birth_date, future_birth_date, check_character.
Result<IdNumber> check_id_number(std::string_view raw, Date today);

// id_check_character: the check character for the first 17 digits (no validation of them).
char id_check_character(std::string_view first17);

// valid_region_prefix: the first two digits name a province (or 81/82/83 residence permits).
bool valid_region_prefix(int two_digits);

// Masks: "110***********002X", "张*" / "欧阳**", "138****8000", "6217********1234".
std::string mask_id(std::string_view id);
std::string mask_name(std::string_view utf8_name);
std::string mask_phone(std::string_view phone);
std::string mask_account(std::string_view account);

// check_phone: an 11-digit mobile number starting with 1, or a landline (0 + area code +
// number, 10–12 digits, one optional '-'). Returns the digits only. Fails "invalid_phone".
Result<std::string> check_phone(std::string_view raw, std::string_view field = "phone");

// check_phone_last4: exactly four digits. Fails "invalid_field" for the given field.
Result<std::string> check_phone_last4(std::string_view raw);

// check_name: 1–30 characters of valid UTF-8, no control characters. Fails "invalid_name".
Result<std::string> check_name(std::string_view raw);

}  // namespace tx
