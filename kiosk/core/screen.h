// The kiosk's screens: what the screen stack holds. Each has a stable id used by the a11y log
// and scripts (docs/a11y-log.md: a contract) — screen_id(); the order of the values means
// nothing.
#pragma once

namespace tx {

enum class Screen {
  home, settings, language, appt_kind, appt_day, identity_id, identity_phone, appt_confirm,
  appt_slip, my_list, my_cancel, subsidy_consent, subsidy_status, jobs_list, jobs_filter,
  jobs_detail, jobs_done, call_staff, identity_returning, identity_phone_full,
  // staff mode
  staff_sign_in, staff_pin, staff_pin_old, staff_pin_new, staff_pin_repeat, staff_home,
  staff_appts, staff_appt, staff_resched_day, staff_resched_confirm, staff_cancel_confirm,
  staff_find, staff_resident, staff_not_registered, staff_reveal_reason, staff_book_kind,
  staff_book_day, staff_book_phone, staff_book_name, staff_book_address, staff_book_reason,
  staff_book_confirm, staff_booked, staff_apply_item, staff_applicant, staff_agent_name,
  staff_agent_phone, staff_apply_confirm, staff_worklists, staff_renewals, staff_interests,
  staff_calls, staff_sync
};
bool is_staff_screen(Screen s);
const char* screen_id(Screen s);

}  // namespace tx
