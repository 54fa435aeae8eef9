// Pieces shared by the resident screens (screens.cpp) and the staff screens
// (staff_screens.cpp): catalog tables for appointment kinds, statuses and disability
// categories, formatting of dates and money, JSON field access, the banners every screen
// carries (idle warning, service error with Retry, notice) and the 12-key keypad.
// No HTTP, no SDL, no ImGui here (STYLE rule 3).
#pragma once
#include <string>

#include "core/app.h"

namespace tx::kit {

// kKinds and kKindKeys (the kinds in the order shown, and their names) are core/identity.h's.
extern const char* const kKindHelp[6];   // one line explaining each
extern const char* const kCategories[8];  // 0 = any, 1..7 disability categories
extern const char* const kCategoriesShort[8];  // the same, short: "视力" (the jobs filter, jobs7)

std::string kind_name(const ScreenCtx& c, const std::string& kind);
// Each appointment kind its own icon (KIOSK_UI.md): a new person, renew, a checked clipboard,
// a card, a home, a video camera.
Icon kind_icon(const std::string& kind);
// Dates and times in words at the station's time zone (core/local_time.h), never ISO stamps:
// "12月5日 星期六" / "Saturday 5 December" for "YYYY-MM-DD" or a stamp (anything else as is).
std::string fmt_date(const ScreenCtx& c, const std::string& ymd);
// "12月3日" (the year when not this year's).
std::string fmt_short_date(const ScreenCtx& c, const std::string& ymd);
// A record's slot, "上午9:00–11:30" / "9:00–11:30 am", from its "start" and "end".
std::string slot(const ScreenCtx& c, const nlohmann::json& j);
// "今天 10:52" / "昨天 10:52" / "12月3日" for a stamp or a date.
std::string fmt_relative(const ScreenCtx& c, const std::string& stamp);
// An appointment's status as a badge (icon + words, never colour alone).
Badge appt_badge(const ScreenCtx& c, const std::string& status);
std::string money(double v);
// j[k] as text ("" when missing or not a string/number).
std::string js(const nlohmann::json& j, const char* k);
// j[base_zh] or j[base_en] by screen language, else j[base].
std::string loc_field(const ScreenCtx& c, const nlohmann::json& j, const std::string& base);
void loading(Ui& ui, const ScreenCtx& c);
// The idle warning (T1), a service error with Retry, a one-line notice; staff screens add the
// banner for calls from kiosks.
void banners(Ui& ui, const ScreenCtx& c);
std::string step(const ScreenCtx& c, int i, int n);
std::string status_word(const ScreenCtx& c, const std::string& s);
// Lines as they are heard: each line ends a sentence — the catalog's period added where the
// line does not already end with one ("。" or "."), never two ("…行政复议。。" before round 10).
std::string sentences(const ScreenCtx& c, const std::string& lines);
// lookup: the name of `code` in a {code, catalog key} table; the code itself when it is not
// there (a code the catalog does not know yet is shown rather than nothing).
template <std::size_t N>
std::string lookup(const ScreenCtx& c, const char* const (&table)[N][2], const std::string& code) {
  for (const auto& row : table)
    if (code == row[0]) return c.t(row[1]);
  return code;
}
std::string categories_text(const ScreenCtx& c, const nlohmann::json& cats);
// The on-screen keypad (digits, erase, clear, OK; X for ID numbers). Keys are ≥ 120 px (V3).
// `extra` adds one more key in the free place of the second row (id, label, spoken label).
struct ExtraKey {
  std::string id, label, speak;
  Intent intent;
};
// A destructive action asked first, in a dialog over the screen (KIOSK_UI.md): the question, the
// safe choice first and focused, the destructive one without a ✓; spoken as a dialog (the
// question, then that Back keeps things as they are). Back does what `keep` does (it leaves the
// screen). Drawn inline while the idle warning is the dialog on screen.
struct Choice {
  std::string id, label;
  Intent intent;
};
void confirm_dialog(Ui& ui, const ScreenCtx& c, const std::string& question, const Choice& keep, const Choice& destroy);

void keypad(Ui& ui, const ScreenCtx& c, bool with_x, const ExtraKey* extra = nullptr);
// day_buttons: a button per assessment day that offers `kind` in `days` (GET /assessment-days),
// with its hours and places left (a full day shown, not selectable), `except` left out; selecting
// one emits intent::PickDay with the date. Says so when there is none; "loading" until days arrive.
void day_buttons(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind,
                 const std::string& id_prefix, const std::string& none_id,
                 const std::string& except = "");
// The resident's day step (issue 12 point 3): more than kDaysWithoutWeeks days that offer `kind`
// are chosen by week first — the same journey on every panel and text size, so a keys-only
// resident's presses do not change with the text size (docs/kiosk.md "The day step").
constexpr int kDaysWithoutWeeks = 7;
int days_offering(const nlohmann::json& days, const std::string& kind);
// A calendar week (Monday to Sunday) with at least one day offering `kind`: how many days, how
// many of them still have places, and the places left in all.
struct WeekOfDays {
  std::string monday, sunday;  // "YYYY-MM-DD"
  int days = 0, open = 0, places = 0;
};
std::vector<WeekOfDays> weeks_of(const nlohmann::json& days, const std::string& kind);
// A button per week ("<prefix>week.<Monday>": "下周" with "12月14日–20日 · 9个名额" under it, a
// week without places disabled with "已约满"; Icon::week), spoken with its words, dates in full,
// days and places; emits intent::PickWeek.
void week_buttons(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind,
                  const std::string& prefix = "");
// The first `n` days that still have places for `kind` ("<prefix>day.YYYY-MM-DD"), above the
// weeks: the soonest day is one Enter or one tap away, as it was before the weeks (most residents
// take the first day offered; scripts written for the direct list keep working).
void soonest_days(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind, int n,
                  const std::string& prefix = "");
// The day step, the resident's and staff booking's alike (days7: one journey, one helper): up to
// kDaysWithoutWeeks days that offer `kind` a button each; more, the two soonest open days and the
// weeks, or — a week chosen (`pick.open`) — that week's days on one page ("12月15日 周二", the
// whole date spoken). Ids "<prefix>day.<date>" and "<prefix>week.<Monday>" ("" for the
// resident, "staff." for the staff); `none_id` says there is no day. Drawn after the screen's
// begin (its id "….day", or "….week" with a week open) and banners.
struct DayStep {
  const nlohmann::json& days;
  const std::string& kind;
  const WeekPick& pick;
  std::string prefix, none_id;
};
void day_step(Ui& ui, const ScreenCtx& c, const DayStep& d);
// day_line: "上午9:00–11:30  <place>" for `kind` on `date` in `days` ("" when not there).
std::string day_line(const ScreenCtx& c, const nlohmann::json& days, const std::string& date,
                     const std::string& kind);
// Digits grouped for reading back: "138 0013 8000" (mobile) / "010 1234 5678".
std::string phone_groups(const std::string& digits);
// An ID number as it is typed, in its three parts, the places still to fill as "_":
// "110105 1949____ ____".
std::string id_groups(const std::string& typed);
// What a keypad field says about itself (S6: how many characters are in, never which): "4 of 18"
// for a fixed-length field, the count alone for a phone number or a PIN.
std::string field_speak(const ScreenCtx& c, const std::string& typed, std::size_t fixed_length = 0);

}  // namespace tx::kit

namespace tx::kit {
// A list's hint (issue 12 point 3): drawn above the records at 1× text; at larger text spoken and
// captioned only (Ui::spoken_hint), so that the page starts with the records. An empty list's
// hint ("none") is always drawn.
void list_hint(Ui& ui, const std::string& hint, bool empty);
}  // namespace tx::kit
