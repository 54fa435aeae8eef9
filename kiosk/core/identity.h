// The kiosk's view of resident ID numbers: which field error to show and speak (ACCESSIBILITY
// S10) before any round trip. The rules themselves (GB 11643-1999, masking, phone numbers) are
// the station's, in services/domain/identity.h; the station validates again.
#pragma once
#include <cstddef>
#include <string>

#include "core/i18n.h"
#include "domain/appointment.h"
#include "domain/identity.h"

namespace tx {

// Keypad field lengths. ID numbers and the last four phone digits have one length; a whole phone
// number is 11 digits (mobile) or up to 12 (a landline with its area code), a staff PIN 6 to 12.
inline constexpr std::size_t kIdChars = 18;
inline constexpr std::size_t kLast4Digits = 4;
inline constexpr std::size_t kPhoneDigitsMax = 12;
inline constexpr std::size_t kPinDigitsMax = 12;

enum class IdCheck { ok, too_short, too_long, bad_character, bad_province, bad_date, bad_checksum };

// Validates an 18-character ID (a lower-case x is accepted). `today` is "YYYY-MM-DD"; when it is
// not known yet, birth dates are not compared with it.
IdCheck check_id_number(const std::string& id, const std::string& today);
// Upper-cases a typed x.
std::string normalize_id(std::string id);
// The appointment kinds in the order the kiosk offers them (API codes), and the catalog keys of
// their names.
inline constexpr const char* kKinds[] = {"first_assessment", "renewal", "reassessment", "replacement",
                                         "home_assessment", "video_assessment"};
inline constexpr const char* kKindKeys[] = {TK("kind.first_assessment"), TK("kind.renewal"),
                                            TK("kind.reassessment"), TK("kind.replacement"),
                                            TK("kind.home_assessment"), TK("kind.video_assessment")};
// kind_key: the catalog key of a kind's name; nullptr for a code the kiosk does not know.
const char* kind_key(const std::string& code);

// first_timer_kind: a kind a first-time applicant may book (no certificate on record needed);
// for these the kiosk asks whether the resident has been here before.
inline bool first_timer_kind(const std::string& kind) {
  auto k = appointment_kind_from(kind);
  return k && !needs_certificate(*k);
}

}  // namespace tx
