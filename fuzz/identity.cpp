// Fuzz target: ID number, certificate number, phone and name validation and the masks shown on
// public screens. Invariants: a valid ID is 18 characters with a matching check character, a
// real past birth date and a province prefix; masks never reveal the whole value; a valid
// certificate number re-parses from its own string; nothing throws or reads out of bounds.
#include <algorithm>
#include <string_view>

#include "domain/certificate.h"
#include "domain/identity.h"
#include "domain/utf8.h"
#include "fuzz.h"

using namespace tx;

TX_FUZZ_TARGET(identity) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const Date today = *Date::from_ymd(2026, 11, 25);

  auto id = check_id_number(in, today);
  if (id) {
    const std::string& v = id->value;
    TX_FUZZ_CHECK(v.size() == 18, "valid ID has 18 characters");
    TX_FUZZ_CHECK(id_check_character(v.substr(0, 17)) == v[17], "check character matches");
    TX_FUZZ_CHECK(valid_region_prefix((v[0] - '0') * 10 + (v[1] - '0')), "province prefix");
    TX_FUZZ_CHECK(!(today < id->birth), "birth date not in the future");
    TX_FUZZ_CHECK(((v[16] - '0') % 2 == 1) == id->male, "sex from the sequence digit");
    std::string m = mask_id(v);
    TX_FUZZ_CHECK(m.size() == 18 && m.find(v.substr(3, 11)) == std::string::npos, "ID mask hides the middle");
    TX_FUZZ_CHECK(check_id_number(v, today).ok(), "a normalised ID stays valid");
  } else {
    TX_FUZZ_CHECK(id.problem().code == "invalid_id_number" && id.problem().field == "id_number", "ID problem code");
  }

  auto cert = check_certificate_number(in, today);
  if (cert) {
    TX_FUZZ_CHECK(cert->category >= 1 && cert->category <= 7 && cert->level >= 1 && cert->level <= 4,
                  "category and level in range");
    auto again = check_certificate_number(cert->str(), today);
    TX_FUZZ_CHECK(again.ok() && again->str() == cert->str(), "certificate number round trip");
  }

  auto phone = check_phone(in);
  if (phone) {
    for (char c : phone.value()) TX_FUZZ_CHECK(c >= '0' && c <= '9', "phone is digits only");
    std::string m = mask_phone(phone.value());
    TX_FUZZ_CHECK(m != phone.value() && m.size() == phone->size(), "phone mask hides digits");
  }
  auto last4 = check_phone_last4(in);
  if (last4) TX_FUZZ_CHECK(last4->size() == 4, "four digits");

  auto name = check_name(in);
  if (name) {
    TX_FUZZ_CHECK(utf8_valid(name.value()), "valid name is UTF-8");
    std::string m = mask_name(name.value());
    TX_FUZZ_CHECK(utf8_valid(m), "masked name is UTF-8");
    // The mask keeps the first character (the surname) and one '*', whatever the name's length.
    TX_FUZZ_CHECK(utf8_length(m) == 2 && m.back() == '*', "the first character and one star");
    std::size_t first = 1;
    while (first < m.size() && (static_cast<unsigned char>(m[first]) & 0xC0) == 0x80) ++first;
    TX_FUZZ_CHECK(m.compare(0, first, name.value(), 0, first) == 0, "the first character is kept");
    TX_FUZZ_CHECK(m.find_first_not_of('*', first) == std::string::npos, "the rest is hidden");
  }
  (void)mask_id(in);
  (void)mask_phone(in);
  (void)mask_account(in);
  return 0;
}
