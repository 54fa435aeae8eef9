// Resident ID checks (GB 11643-1999) and masking for a public screen (DOMAIN.md "Privacy").
// The station service validates again; the kiosk checks first so the error can say which field
// and what to fix (ACCESSIBILITY S10) without a round trip.
#pragma once
#include <string>

namespace tx {

enum class IdCheck { ok, too_short, too_long, bad_character, bad_province, bad_date, bad_checksum };

// Validates an 18-character ID (a lower-case x is accepted). `today` is "YYYY-MM-DD".
IdCheck check_id_number(const std::string& id, const std::string& today);
// Upper-cases a trailing x.
std::string normalize_id(std::string id);
// "110***********002X": first 3 and last 4 characters.
std::string mask_id(const std::string& id);
// "138****8000".
std::string mask_phone(const std::string& phone);

}  // namespace tx
