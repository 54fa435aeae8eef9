// The draw function of every screen, as the screen table (core/screen.cpp) lists them: each
// draws from a read-only view of the app state (ScreenCtx) and emits intents. They call the
// screens' bodies in screens.cpp (resident) and staff_screens.cpp (staff).
#pragma once

namespace tx {

class Ui;
struct ScreenCtx;

namespace screens {

void home(Ui& ui, const ScreenCtx& c);
void settings(Ui& ui, const ScreenCtx& c);
void settings_more(Ui& ui, const ScreenCtx& c);  // (settings11)
void language(Ui& ui, const ScreenCtx& c);
void appt_kind(Ui& ui, const ScreenCtx& c);
void appt_day(Ui& ui, const ScreenCtx& c);
void identity_id(Ui& ui, const ScreenCtx& c);
void identity_phone(Ui& ui, const ScreenCtx& c);
void identity_phone_full(Ui& ui, const ScreenCtx& c);
void identity_returning(Ui& ui, const ScreenCtx& c);
void appt_confirm(Ui& ui, const ScreenCtx& c);
void appt_slip(Ui& ui, const ScreenCtx& c);
void my_list(Ui& ui, const ScreenCtx& c);
void my_cancel(Ui& ui, const ScreenCtx& c);
void subsidy_consent(Ui& ui, const ScreenCtx& c);
void subsidy_status(Ui& ui, const ScreenCtx& c);
void subsidy_detail(Ui& ui, const ScreenCtx& c);
void jobs_list(Ui& ui, const ScreenCtx& c);
void jobs_filter(Ui& ui, const ScreenCtx& c);
void jobs_detail(Ui& ui, const ScreenCtx& c);
void jobs_done(Ui& ui, const ScreenCtx& c);
void jobs_about(Ui& ui, const ScreenCtx& c);
void subsidy_payments(Ui& ui, const ScreenCtx& c);
void subsidy_appeal(Ui& ui, const ScreenCtx& c);
void call_staff(Ui& ui, const ScreenCtx& c);
void staff_sign_in(Ui& ui, const ScreenCtx& c);
void staff_pin(Ui& ui, const ScreenCtx& c);
void staff_pin_old(Ui& ui, const ScreenCtx& c);
void staff_pin_new(Ui& ui, const ScreenCtx& c);
void staff_pin_repeat(Ui& ui, const ScreenCtx& c);
void staff_home(Ui& ui, const ScreenCtx& c);
void staff_appts(Ui& ui, const ScreenCtx& c);
void staff_appt(Ui& ui, const ScreenCtx& c);
void staff_resched_day(Ui& ui, const ScreenCtx& c);
void staff_resched_confirm(Ui& ui, const ScreenCtx& c);
void staff_cancel_confirm(Ui& ui, const ScreenCtx& c);
void staff_find(Ui& ui, const ScreenCtx& c);
void staff_resident(Ui& ui, const ScreenCtx& c);
void staff_resident_appts(Ui& ui, const ScreenCtx& c);
void staff_resident_apps(Ui& ui, const ScreenCtx& c);
void staff_resident_changes(Ui& ui, const ScreenCtx& c);
void staff_not_registered(Ui& ui, const ScreenCtx& c);
void staff_reveal_reason(Ui& ui, const ScreenCtx& c);
void staff_book_kind(Ui& ui, const ScreenCtx& c);
void staff_book_day(Ui& ui, const ScreenCtx& c);
void staff_book_phone(Ui& ui, const ScreenCtx& c);
void staff_book_name(Ui& ui, const ScreenCtx& c);
void staff_book_address(Ui& ui, const ScreenCtx& c);
void staff_book_reason(Ui& ui, const ScreenCtx& c);
void staff_book_confirm(Ui& ui, const ScreenCtx& c);
void staff_booked(Ui& ui, const ScreenCtx& c);
void staff_apply_item(Ui& ui, const ScreenCtx& c);
void staff_applicant(Ui& ui, const ScreenCtx& c);
void staff_agent_name(Ui& ui, const ScreenCtx& c);
void staff_agent_phone(Ui& ui, const ScreenCtx& c);
void staff_apply_confirm(Ui& ui, const ScreenCtx& c);
void staff_worklists(Ui& ui, const ScreenCtx& c);
void staff_renewals(Ui& ui, const ScreenCtx& c);
void staff_interests(Ui& ui, const ScreenCtx& c);
void staff_calls(Ui& ui, const ScreenCtx& c);
void staff_sync(Ui& ui, const ScreenCtx& c);

}  // namespace screens
}  // namespace tx
