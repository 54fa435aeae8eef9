// Typed intents: what a screen asks the controller to do (docs/kiosk.md "Intents"). Each is a
// small struct; `Intent` is their std::variant. A screen emits one with `c.emit(intent::X{..})`,
// so a misspelt intent or a wrong argument fails to compile, and App::apply visits the variant
// with one handler per type: an intent nobody handles fails to compile too (app.cpp).
// Pure data: no SDL, ImGui or HTTP.
#pragma once
#include <cstdlib>
#include <string>
#include <variant>

#include "core/screen.h"

namespace tx::intent {

// A record id as the service sends it in JSON text ("42" → 42; anything else → 0, which no
// record has).
inline long id(const std::string& s) { return std::atol(s.c_str()); }

// ---- shared by resident and staff screens
struct Next {};                              // the step's submit / OK key (identity, PIN, staff fields)
struct Type { char ch; };                    // a keypad character: '0'..'9' or 'X'
struct Erase {};
struct Clear {};
struct PickDay { std::string date; };        // "YYYY-MM-DD" from the day list (resident or staff)
struct Retry {};                             // the service error banner's "try again"
struct Continue {};                          // the idle warning's "continue"
struct PopTo { Screen screen; };             // back to this screen on the stack

// ---- resident: navigation and settings
struct Go {
  enum To { appointment, appointments, subsidy, jobs, jobs_filter, settings, language, staff_sign_in } to;
};
struct EndSession {};
struct SetLang { enum Lang { zh, yue, en } lang; };
struct SetText { int step; };
struct SetTheme { int index; };
struct ToggleSpeech {};
struct Volume { int delta; };                // +1 louder, -1 softer
struct Rate { int delta; };                  // +1 faster, -1 slower
struct ToggleLowReach {};
struct ToggleScanning {};
struct ScanSpeed { int delta; };             // +1 faster (shorter interval), -1 slower
struct SettingsDefault {};
struct SettingsMore {};                      // the settings' second step (settings11)

// ---- resident: journeys
struct PickKind { std::string kind; };
struct PickWeek { std::string monday; };     // "YYYY-MM-DD": a week of the days (then its days)
struct Returning { bool yes; };              // been here before (booking a first-timer kind)
struct ConfirmBooking { std::string reason; };  // "" | bedridden | severe_mobility (home visit)
struct ReadPhone {};                         // consent to hear a first-timer's whole phone number (S7)
struct RepeatSlip {};
struct PrintSlip {};
struct Finish {};
struct CancelAsk { long id; };
struct CancelConfirm {};
struct Consent { bool read_aloud; };
struct SubsidyOpen { int index; };          // a programme of the subsidy list: its payments and review
struct SubsidyAppeal {};    // why the open programme was refused or stopped and how to appeal, on a step of their own (round 15)
struct SubsidyPayments {};  // the open programme's payments, a list of their own where its detail does not hold them (round 13)
struct JobOpen { long id; };
struct JobInterest {};
struct JobAbout {};  // a job's details and description as a step of their own (details11)
struct FilterDistrict { std::string district; };  // "" = any
struct FilterType { std::string type; };          // "" = any
struct FilterCategory { int category; };          // 0 = any
struct FilterApply {};
struct FilterNext {};                             // the filter's next group of choices (jobs9)

// ---- staff mode
struct StaffPick { std::string username; };
struct StaffGo {
  enum To { today, upcoming, find, book, home_visit, worklists, renewals, interests, calls, sync, change_pin,
            sign_out,
            // a resident's records, from their card (round 10)
            resident_appts, resident_apps, resident_changes } to;
};
struct StaffOpenAppt { long id; };
struct StaffTransition { std::string action; };   // check-in | complete | no-show
struct StaffPrint {};
struct StaffReschedule {};
struct StaffReschedConfirm {};
struct StaffCancel {};
struct StaffCancelConfirm {};
struct StaffReveal {};
struct StaffRevealReason { int index; };           // into kRevealReasons
struct StaffHide {};
struct StaffBookFor {};
struct StaffHomeVisitFor {};
struct StaffRegisterBook {};
struct StaffPickKind { std::string kind; };
struct StaffNameLater {};
struct StaffAgentNameLater {};
struct StaffRegisteredAddress {};
struct StaffReason { std::string reason; };        // bedridden | severe_mobility | other
struct StaffBookConfirm {};
struct StaffApply { std::string what; };           // application | change
struct StaffPickItem { std::string item; };
struct StaffApplicant { std::string relation; };   // "" = the resident
struct StaffSkipPhone {};
struct StaffApplyConfirm {};
struct StaffOpenResident { long id; };
struct StaffContacted { long interest_id; };
struct StaffCallAck { long id; };
struct StaffCallClose { long id; };
struct StaffSyncNow {};
struct StaffSyncRefresh {};
struct StaffRefreshAppts {};
struct StaffDone {};

}  // namespace tx::intent

namespace tx {

using Intent = std::variant<
    intent::Next, intent::Type, intent::Erase, intent::Clear, intent::PickDay, intent::Retry, intent::Continue,
    intent::PopTo, intent::Go, intent::EndSession, intent::SetLang, intent::SetText, intent::SetTheme,
    intent::ToggleSpeech, intent::Volume, intent::Rate, intent::ToggleLowReach, intent::ToggleScanning,
    intent::ScanSpeed, intent::SettingsDefault, intent::SettingsMore, intent::PickKind, intent::PickWeek, intent::Returning, intent::ConfirmBooking, intent::ReadPhone,
    intent::RepeatSlip, intent::PrintSlip, intent::Finish, intent::CancelAsk, intent::CancelConfirm,
    intent::Consent, intent::SubsidyOpen, intent::SubsidyPayments, intent::SubsidyAppeal, intent::JobOpen, intent::JobInterest, intent::JobAbout, intent::FilterDistrict, intent::FilterType,
    intent::FilterCategory, intent::FilterApply, intent::FilterNext, intent::StaffPick, intent::StaffGo, intent::StaffOpenAppt,
    intent::StaffTransition, intent::StaffPrint, intent::StaffReschedule, intent::StaffReschedConfirm,
    intent::StaffCancel, intent::StaffCancelConfirm, intent::StaffReveal, intent::StaffRevealReason,
    intent::StaffHide, intent::StaffBookFor, intent::StaffHomeVisitFor, intent::StaffRegisterBook,
    intent::StaffPickKind, intent::StaffNameLater, intent::StaffAgentNameLater, intent::StaffRegisteredAddress,
    intent::StaffReason, intent::StaffBookConfirm, intent::StaffApply, intent::StaffPickItem,
    intent::StaffApplicant, intent::StaffSkipPhone, intent::StaffApplyConfirm, intent::StaffOpenResident,
    intent::StaffContacted, intent::StaffCallAck, intent::StaffCallClose, intent::StaffSyncNow,
    intent::StaffSyncRefresh, intent::StaffRefreshAppts, intent::StaffDone>;

}  // namespace tx
