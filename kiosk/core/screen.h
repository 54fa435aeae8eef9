// The kiosk's screens and the one table that describes them (screen.cpp): each screen's stable
// id (the a11y log's and the scripts' — docs/a11y-log.md, a contract), whether it is a staff
// screen, its step in the booking journey, whether it takes free text, and which data it waits
// for before it is announced (S2: once, with its data). The order of the enum values means
// nothing; what was spread over switch statements and "s >= staff_sign_in" is in the table.
// Each row names the screen's draw function (screens/screens.h): App draws the current screen
// through the table, with no switch.
#pragma once

namespace tx {

class Ui;
struct ScreenCtx;
using DrawFn = void (*)(Ui& ui, const ScreenCtx& c);

enum class Screen {
  home, settings, language, appt_kind, appt_day, identity_id, identity_phone, appt_confirm,
  appt_slip, my_list, my_cancel, subsidy_consent, subsidy_status, subsidy_detail, jobs_list, jobs_filter,
  jobs_detail, jobs_done, call_staff, identity_returning, identity_phone_full,
  jobs_about,  // a job's details and description, a step of their own where the detail does not hold them (details11)
  // the settings' second step where all of them do not hold one page at the resident's size (settings11)
  settings_more,
  // a programme's payments, a list of their own where its detail does not hold them (round 13)
  subsidy_payments,
  // why a programme was refused or stopped and how to appeal, where its detail does not hold them (round 15)
  subsidy_appeal,
  // staff mode
  staff_sign_in, staff_pin, staff_pin_old, staff_pin_new, staff_pin_repeat, staff_home,
  staff_appts, staff_appt, staff_resched_day, staff_resched_confirm, staff_cancel_confirm,
  staff_find, staff_resident, staff_not_registered, staff_reveal_reason, staff_book_kind,
  staff_book_day, staff_book_phone, staff_book_name, staff_book_address, staff_book_reason,
  staff_book_confirm, staff_booked, staff_apply_item, staff_applicant, staff_agent_name,
  staff_agent_phone, staff_apply_confirm, staff_worklists, staff_renewals, staff_interests,
  staff_calls, staff_sync,
  // a resident's records, each a list reached from the card (round 10)
  staff_resident_appts, staff_resident_apps, staff_resident_changes
};

// What a screen shows once an answer has come (it is announced then, not before). station: the
// station's name, which home's title says (GET /station at start; unless the config names it).
enum class Awaits {
  nothing, station, days, appointments, subsidies, jobs, facets, job, interest, call,
  staff_names, staff_appts, staff_days, staff_renewals, staff_interests, staff_sync
};

// The booking journey's steps (the total is fixed when it starts: App::step_text).
enum class BookingStep { none, kind, day, identity, confirm };

struct ScreenInfo {
  Screen screen;
  const char* id;
  bool staff;
  Awaits awaits;
  BookingStep step;
  bool free_text;  // takes characters from a keyboard's input method (staff names, addresses)
  DrawFn draw;     // screens/screens.h
};

const ScreenInfo& screen_info(Screen s);
inline bool is_staff_screen(Screen s) { return screen_info(s).staff; }
inline const char* screen_id(Screen s) { return screen_info(s).id; }

}  // namespace tx
