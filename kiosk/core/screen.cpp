#include "core/screen.h"

#include "screens/screens.h"

#include <array>
#include <cstdlib>

namespace tx {

namespace {

using A = Awaits;
using B = BookingStep;

constexpr ScreenInfo kScreens[] = {
    // screen                         id                          staff  awaits            booking step   free text  draw
    {Screen::home,                    "home",                     false, A::station,       B::none,       false, screens::home},
    {Screen::settings,                "settings",                 false, A::nothing,       B::none,       false, screens::settings},
    {Screen::language,                "language",                 false, A::nothing,       B::none,       false, screens::language},
    {Screen::appt_kind,               "appointment.kind",         false, A::nothing,       B::kind,       false, screens::appt_kind},
    {Screen::appt_day,                "appointment.day",          false, A::days,          B::day,        false, screens::appt_day},
    {Screen::identity_id,             "identity.id_number",       false, A::nothing,       B::identity,   false, screens::identity_id},
    {Screen::identity_phone,          "identity.phone",           false, A::nothing,       B::identity,   false, screens::identity_phone},
    {Screen::appt_confirm,            "appointment.confirm",      false, A::nothing,       B::confirm,    false, screens::appt_confirm},
    {Screen::appt_slip,               "appointment.slip",         false, A::nothing,       B::none,       false, screens::appt_slip},
    {Screen::my_list,                 "appointments.list",        false, A::appointments,  B::none,       false, screens::my_list},
    {Screen::my_cancel,               "appointments.cancel",      false, A::nothing,       B::none,       false, screens::my_cancel},
    {Screen::subsidy_consent,         "subsidy.consent",          false, A::nothing,       B::none,       false, screens::subsidy_consent},
    {Screen::subsidy_status,          "subsidy.status",           false, A::subsidies,     B::none,       false, screens::subsidy_status},
    {Screen::subsidy_detail,          "subsidy.detail",           false, A::nothing,       B::none,       false, screens::subsidy_detail},
    {Screen::jobs_list,               "jobs.list",                false, A::jobs,          B::none,       false, screens::jobs_list},
    {Screen::jobs_filter,             "jobs.filter",              false, A::facets,        B::none,       false, screens::jobs_filter},
    {Screen::jobs_detail,             "jobs.detail",              false, A::job,           B::none,       false, screens::jobs_detail},
    {Screen::jobs_done,               "jobs.interest_done",       false, A::interest,      B::none,       false, screens::jobs_done},
    {Screen::call_staff,              "call_staff",               false, A::call,          B::none,       false, screens::call_staff},
    {Screen::identity_returning,      "identity.returning",       false, A::nothing,       B::identity,   false, screens::identity_returning},
    {Screen::identity_phone_full,     "identity.phone_full",      false, A::nothing,       B::identity,   false, screens::identity_phone_full},
    {Screen::jobs_about,              "jobs.about",               false, A::nothing,       B::none,       false, screens::jobs_about},
    {Screen::settings_more,           "settings.more",            false, A::nothing,       B::none,       false, screens::settings_more},
    {Screen::subsidy_payments,        "subsidy.payments",         false, A::nothing,       B::none,       false, screens::subsidy_payments},
    {Screen::subsidy_appeal,          "subsidy.appeal",           false, A::nothing,       B::none,       false, screens::subsidy_appeal},
    {Screen::staff_sign_in,           "staff.sign_in",            true,  A::staff_names,   B::none,       false, screens::staff_sign_in},
    {Screen::staff_pin,               "staff.pin",                true,  A::nothing,       B::none,       false, screens::staff_pin},
    {Screen::staff_pin_old,           "staff.pin_old",            true,  A::nothing,       B::none,       false, screens::staff_pin_old},
    {Screen::staff_pin_new,           "staff.pin_new",            true,  A::nothing,       B::none,       false, screens::staff_pin_new},
    {Screen::staff_pin_repeat,        "staff.pin_repeat",         true,  A::nothing,       B::none,       false, screens::staff_pin_repeat},
    {Screen::staff_home,              "staff.home",               true,  A::nothing,       B::none,       false, screens::staff_home},
    {Screen::staff_appts,             "staff.appointments",       true,  A::staff_appts,   B::none,       false, screens::staff_appts},
    {Screen::staff_appt,              "staff.appointment",        true,  A::nothing,       B::none,       false, screens::staff_appt},
    {Screen::staff_resched_day,       "staff.reschedule_day",     true,  A::staff_days,    B::none,       false, screens::staff_resched_day},
    {Screen::staff_resched_confirm,   "staff.reschedule_confirm", true,  A::nothing,       B::none,       false, screens::staff_resched_confirm},
    {Screen::staff_cancel_confirm,    "staff.cancel_confirm",     true,  A::nothing,       B::none,       false, screens::staff_cancel_confirm},
    {Screen::staff_find,              "staff.find",               true,  A::nothing,       B::none,       false, screens::staff_find},
    {Screen::staff_resident,          "staff.resident",           true,  A::nothing,       B::none,       false, screens::staff_resident},
    {Screen::staff_not_registered,    "staff.not_registered",     true,  A::nothing,       B::none,       false, screens::staff_not_registered},
    {Screen::staff_reveal_reason,     "staff.reveal_reason",      true,  A::nothing,       B::none,       false, screens::staff_reveal_reason},
    {Screen::staff_book_kind,         "staff.book_kind",          true,  A::nothing,       B::none,       false, screens::staff_book_kind},
    {Screen::staff_book_day,          "staff.book_day",           true,  A::staff_days,    B::none,       false, screens::staff_book_day},
    {Screen::staff_book_phone,        "staff.book_phone",         true,  A::nothing,       B::none,       false, screens::staff_book_phone},
    {Screen::staff_book_name,         "staff.book_name",          true,  A::nothing,       B::none,       true, screens::staff_book_name},
    {Screen::staff_book_address,      "staff.book_address",       true,  A::nothing,       B::none,       true, screens::staff_book_address},
    {Screen::staff_book_reason,       "staff.book_reason",        true,  A::nothing,       B::none,       false, screens::staff_book_reason},
    {Screen::staff_book_confirm,      "staff.book_confirm",       true,  A::nothing,       B::none,       false, screens::staff_book_confirm},
    {Screen::staff_booked,            "staff.booked",             true,  A::nothing,       B::none,       false, screens::staff_booked},
    {Screen::staff_apply_item,        "staff.apply_item",         true,  A::nothing,       B::none,       false, screens::staff_apply_item},
    {Screen::staff_applicant,         "staff.applicant",          true,  A::nothing,       B::none,       false, screens::staff_applicant},
    {Screen::staff_agent_name,        "staff.agent_name",         true,  A::nothing,       B::none,       true, screens::staff_agent_name},
    {Screen::staff_agent_phone,       "staff.agent_phone",        true,  A::nothing,       B::none,       false, screens::staff_agent_phone},
    {Screen::staff_apply_confirm,     "staff.apply_confirm",      true,  A::nothing,       B::none,       false, screens::staff_apply_confirm},
    {Screen::staff_worklists,         "staff.worklists",          true,  A::nothing,       B::none,       false, screens::staff_worklists},
    {Screen::staff_renewals,          "staff.renewals",           true,  A::staff_renewals, B::none,      false, screens::staff_renewals},
    {Screen::staff_interests,         "staff.job_interests",      true,  A::staff_interests, B::none,     false, screens::staff_interests},
    {Screen::staff_calls,             "staff.calls",              true,  A::nothing,       B::none,       false, screens::staff_calls},
    {Screen::staff_sync,              "staff.sync",               true,  A::staff_sync,    B::none,       false, screens::staff_sync},
    {Screen::staff_resident_appts,    "staff.resident_appts",     true,  A::nothing,       B::none,       false, screens::staff_resident_appts},
    {Screen::staff_resident_apps,     "staff.resident_apps",      true,  A::nothing,       B::none,       false, screens::staff_resident_apps},
    {Screen::staff_resident_changes,  "staff.resident_changes",   true,  A::nothing,       B::none,       false, screens::staff_resident_changes},
};

constexpr size_t kCount = sizeof(kScreens) / sizeof(kScreens[0]);
static_assert(kCount == size_t(Screen::staff_resident_changes) + 1, "every Screen has exactly one row in kScreens");

// Row i describes Screen(i): checked once at compile time, so the lookup is an index.
constexpr bool rows_in_order() {
  for (size_t i = 0; i < kCount; ++i)
    if (size_t(kScreens[i].screen) != i) return false;
  return true;
}
static_assert(rows_in_order(), "kScreens rows must follow the Screen enum");

}  // namespace

const ScreenInfo& screen_info(Screen s) {
  size_t i = size_t(s);
  if (i >= kCount) std::abort();  // not a Screen value
  return kScreens[i];
}

}  // namespace tx
