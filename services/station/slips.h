// Appointment slip codes (the QR code on a slip, domain/slip_code.h): made and checked here with
// the station's key, so a code names an appointment of this station and nothing personal.
// A forged code (bad MAC) and an old one (the appointment moved to another day since) are
// `slip_invalid`; a cancelled, completed or missed appointment's is `slip_inactive`; one whose
// day has passed is `slip_expired`. Added beside the service (docs/api.md "Slips").
#pragma once
#include <string>

#include "station/service.h"

namespace tx::station {

// The code printed and shown on an appointment's slip.
std::string slip_code(StationService& svc, const Appointment& a);

// The appointment a code names, checked (MAC, status, day); throws ApiError as above. No audit
// row: the callers audit what they show.
Appointment appointment_by_slip(StationService& svc, const std::string& code);

// A resident at a kiosk: the code plus the last four digits of the resident's phone (the second
// factor). Wrong digits count towards a lock of that resident's slips like failed
// verifications (verification_failed, then locked); the view is audited.
Appointment resident_appointment_by_slip(StationService& svc, const std::string& code,
                                         const std::string& phone_last4, const Actor& by);

}  // namespace tx::station
