// Shared pieces of the resident and staff screens (see kit.h).
#include "screens/kit.h"

#include "core/identity.h"
#include "domain/date.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tx {


namespace kit {

const char* const kKindHelp[] = {TK("kind_help.first_assessment"), TK("kind_help.renewal"),
                                 TK("kind_help.reassessment"), TK("kind_help.replacement"),
                                 TK("kind_help.home_assessment"), TK("kind_help.video_assessment")};
const char* const kCategories[] = {TK("category.0"), TK("category.1"), TK("category.2"),
                                   TK("category.3"), TK("category.4"), TK("category.5"),
                                   TK("category.6"), TK("category.7")};
// (the jobs filter's options under "残疾类别": "视力", spoken as the whole name, jobs7)
const char* const kCategoriesShort[] = {TK("category_short.0"), TK("category_short.1"), TK("category_short.2"),
                                        TK("category_short.3"), TK("category_short.4"), TK("category_short.5"),
                                        TK("category_short.6"), TK("category_short.7")};
const char* const kApptStatus[][2] = {{"booked", TK("appt_status.booked")},
                                      {"checked_in", TK("appt_status.checked_in")},
                                      {"completed", TK("appt_status.completed")},
                                      {"cancelled", TK("appt_status.cancelled")},
                                      {"no_show", TK("appt_status.no_show")},
                                      {"rescheduled", TK("appt_status.rescheduled")},
                                      {"dispatched", TK("appt_status.dispatched")},
                                      {"visit_failed", TK("appt_status.visit_failed")}};

std::string kind_name(const ScreenCtx& c, const std::string& kind) {
  const char* key = kind_key(kind);
  return key ? c.t(key) : kind;
}

std::string fmt_date(const ScreenCtx& c, const std::string& ymd) { return c.app.local_time().date(ymd); }
std::string fmt_short_date(const ScreenCtx& c, const std::string& ymd) { return c.app.local_time().short_date(ymd); }
std::string fmt_relative(const ScreenCtx& c, const std::string& stamp) { return c.app.local_time().relative(stamp); }
std::string slot(const ScreenCtx& c, const nlohmann::json& j) {
  return c.app.local_time().time_range(js(j, "start"), js(j, "end"));
}

Badge appt_badge(const ScreenCtx& c, const std::string& status) {
  static const std::pair<const char*, std::pair<Icon, Badge::Tone>> looks[] = {
      {"booked", {Icon::calendar, Badge::neutral}},     {"checked_in", {Icon::check, Badge::good}},
      {"completed", {Icon::check, Badge::good}},        {"cancelled", {Icon::cross, Badge::bad}},
      {"no_show", {Icon::cross, Badge::bad}},           {"rescheduled", {Icon::renew, Badge::warn}},
      {"dispatched", {Icon::home, Badge::warn}},        {"visit_failed", {Icon::cross, Badge::bad}}};
  for (const auto& [code, look] : looks)
    if (status == code) return {look.first, status_word(c, status), look.second};
  return {Icon::none, status_word(c, status), Badge::neutral};
}

std::string money(double v) {
  char buf[32];
  if (std::fabs(v - std::round(v)) < 0.005) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

std::string js(const nlohmann::json& j, const char* k) {
  if (!j.is_object() || !j.contains(k)) return "";
  const auto& v = j[k];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long>());
  if (v.is_number()) return money(v.get<double>());
  return "";
}

std::string loc_field(const ScreenCtx& c, const nlohmann::json& j, const std::string& base) {
  std::string v = js(j, (base + (c.loc == Locale::en ? "_en" : "_zh")).c_str());
  return v.empty() ? js(j, base.c_str()) : v;
}

void loading(Ui& ui, const ScreenCtx& c) { ui.text("loading", c.t("common.loading")); }

void confirm_dialog(Ui& ui, const ScreenCtx& c, const std::string& question, const Choice& keep, const Choice& destroy) {
  const bool modal = !c.app.idle_warning();  // one dialog at a time: the idle warning's first
  if (modal) ui.modal_begin();
  ui.hint(question);
  ui.announce(c.f("dialog.back_keeps", {{"yes", destroy.label}}));
  if (c.loading) loading(ui, c);
  ui.row(2);
  if (ui.button(keep.id, keep.label, Icon::back)) c.emit(keep.intent);
  if (ui.button(destroy.id, destroy.label, Icon::cross)) c.emit(destroy.intent);
  ui.end_row();
  if (modal) ui.modal_end();
  ui.default_focus(keep.id);
}

// Banners common to every screen: the idle warning (T1), a service error with Retry, a notice.
void banners(Ui& ui, const ScreenCtx& c) {
  const App& app = c.app;
  if (app.idle_warning()) {
    // A dialog over the screen with a visible countdown (T1, KIOSK_UI.md): the screen under it
    // stays as it was, so the resident sees where they were.
    ui.modal_begin();
    std::string secs = std::to_string(app.idle_seconds_left());
    ui.text("idle.countdown", c.f("idle.countdown", {{"s", secs}}), TextStyle::heading);
    ui.text("idle.warning",
            c.f(app.staff_signed_in() ? "staff.idle_warning" : "idle.warning", {{"s", secs}}),
            TextStyle::banner);
    if (ui.button("idle.continue", c.t("idle.continue"), Icon::check)) c.emit(intent::Continue{});
    ui.modal_end();
    ui.default_focus("idle.continue");
  }
  if (app.error().active) {
    ui.text("error.message", c.t("error.prefix") + app.error().text, TextStyle::banner);
    if (app.error().network) {
      if (ui.button("error.retry", c.t("error.retry"), Icon::right)) c.emit(intent::Retry{});
      ui.default_focus("error.retry");
    }
  }
  if (!c.s.notice.empty()) ui.text("notice", c.s.notice, TextStyle::banner);
}

std::string step(const ScreenCtx& c, int i, int n) {
  return c.f("common.step", {{"i", std::to_string(i)}, {"n", std::to_string(n)}});
}

std::string status_word(const ScreenCtx& c, const std::string& s) { return lookup(c, kApptStatus, s); }

std::string sentences(const ScreenCtx& c, const std::string& lines) {
  const std::string period = c.t("punct.period");
  std::string out;
  for (size_t from = 0; from <= lines.size();) {
    const size_t nl = lines.find('\n', from);
    const std::string line = lines.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
    if (!line.empty()) out += line + (ends_sentence(line) ? (period.back() == ' ' ? " " : "") : period);
    if (nl == std::string::npos) break;
    from = nl + 1;
  }
  return out;
}

std::string categories_text(const ScreenCtx& c, const nlohmann::json& cats) {
  std::string out;
  if (!cats.is_array()) return out;
  for (const auto& v : cats)
    if (v.is_number_integer() && v.get<int>() >= 1 && v.get<int>() <= 7)
      out += (out.empty() ? "" : c.t("punct.list")) + c.t(kCategories[v.get<int>()]);
  return out;
}

Icon kind_icon(const std::string& kind) {
  static const std::pair<const char*, Icon> icons[] = {
      {"first_assessment", Icon::person_add}, {"renewal", Icon::renew},
      {"reassessment", Icon::clipboard},      {"replacement", Icon::card},
      {"home_assessment", Icon::home},        {"video_assessment", Icon::video}};
  for (const auto& [k, i] : icons)
    if (kind == k) return i;
  return Icon::calendar;
}

void keypad(Ui& ui, const ScreenCtx& c, bool with_x, const ExtraKey* extra) {
  // One telephone layout on every screen (KIOSK_UI.md, ADA 707.6): 1 2 3 / 4 5 6 / 7 8 9 /
  // X 0 ⌫, with 清空 and 下一步 beside it. Without an X the free place holds the screen's extra
  // key (or stays empty).
  auto digit = [&](char d) {
    std::string k(1, d);
    if (ui.key("keypad." + k, k, c.t("identity.key_digit") + k)) c.emit(intent::Type{d});
  };
  ui.row(3, 120);
  for (char d : std::string("123456789")) digit(d);
  if (with_x) {
    if (ui.key("keypad.x", "X", c.t("identity.key_x"))) c.emit(intent::Type{'X'});
  } else if (extra) {
    if (ui.key(extra->id, extra->label, extra->speak)) c.emit(extra->intent);
  } else {
    ui.spacer();
  }
  digit('0');
  if (ui.key("keypad.erase", c.t("identity.erase"), c.t("identity.erase"))) c.emit(intent::Erase{});
  ui.end_row();
  ui.row(2, 120);
  // (the X keypad's clear key kept its id, the other one its own: scripts name them)
  const char* clear_id = with_x ? "keypad.clear" : "keypad.clear2";
  if (ui.key(clear_id, c.t("identity.clear"), c.t("identity.clear"))) c.emit(intent::Clear{});
  if (ui.key("keypad.ok", c.t("identity.next"), c.t("identity.next"))) c.emit(intent::Next{});
  ui.end_row();
}

std::string phone_groups(const std::string& d) {
  // Mobile 3-4-4; a landline's area code (3 digits for 010/02x, else 4) then the rest in fours.
  // (while typing too: a number starting with 1 is grouped as a mobile number from the start)
  size_t first = !d.empty() && d[0] == '1' ? 3 : (d.size() >= 2 && d[0] == '0' && (d[1] == '1' || d[1] == '2')) ? 3 : 4;
  std::string out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i == first || (i > first && (i - first) % 4 == 0)) out += ' ';
    out += d[i];
  }
  return out;
}

namespace {
const nlohmann::json* kind_on(const nlohmann::json& day, const std::string& kind) {
  if (!day.is_object() || !day.contains("kinds") || !day["kinds"].is_object() || !day["kinds"].contains(kind))
    return nullptr;
  return &day["kinds"][kind];
}
}  // namespace

namespace {
// The Monday of the week `ymd` is in ("" when it is not a date).
std::string monday_of(const std::string& ymd) {
  auto d = Date::parse(ymd);
  return d ? d->plus_days(1 - int(d->iso_weekday())).str() : "";
}

// A direct list of a few days (up to kFewDays: the harness's two, a station's short week) on one
// page at every text size (days8): at 1.5–2× on 1024×600 the two days stood one a page, and on
// 768×1366 staff booking's and rescheduling's page 1 held the hint alone — the content steps
// down (1.5×, 1×) before such a list pages (Ui::fit_pages). More days page as a list does.
constexpr int kFewDays = 4;
void few_days_on_one_page(Ui& ui, const nlohmann::json& days, const std::string& kind) {
  if (days_offering(days, kind) <= kFewDays) ui.fit_pages(1);
}

// How a week's days are worded on this panel (days9; the day step asks it too, for its hint).
// A week's days on a short panel wide enough for three columns of "12月15日 周二" / "上午9:00–
// 11:30 · 余16个" at 1× (1366×768; days8): two lines a day, no icon, two rows — the hours shown,
// not only spoken (a compact frame leaves a note off). Measured in the cells of a compact frame
// (Ui::lines_fit_cells: the week asks one page, Ui::end steps to that frame before it pages).
// Where three columns do not hold them at the resident's size (1.5× at most) — 1024×600, and at
// a larger text size 1366×768 and 1280×800 (the three columns at 1× text left ≈ 200 px blank on
// 1366×768 at 2×) — a week whose days share their hours shows them once, above the days
// ("上午9:00–11:30 · 服务站一楼评定室", the place too when it is one), and each day its places left
// on its one line ("12月7日 周一 · 余9个"; the day's icon where the line holds it too): two
// columns, the text stepping down from the resident's size only as far as one page needs (1.5×
// at 2× on 1366×768). Days of different hours keep the hours in the note as before (spoken,
// shown where the frame is not compact).
struct WeekForm {
  bool tall = false, three = false, hours_once = false, icon = true;
  std::string one_slot, one_place;
  bool places_differ = false;
  std::string hours_line;  // (what stands once above the days: the hours, the place when one)
};

// A week's days of different hours, grouped by their hours (settings10): "周一至周四 上午9:00–
// 11:30，周五 下午2:00–4:30" / "Mon–Thu 9:00–11:30 am; Fri 2:00–4:30 pm" — the hours in the order
// first met, each with its days: three or more days in a row as a span, else listed ("周一、周三").
// `kept`: the week's days in order, (date, hours).
const char* const kWeekdayShort[] = {TK("weekday_short.0"), TK("weekday_short.1"), TK("weekday_short.2"),
                                     TK("weekday_short.3"), TK("weekday_short.4"), TK("weekday_short.5"),
                                     TK("weekday_short.6")};
std::string hours_by_day(const ScreenCtx& c, const std::vector<std::pair<std::string, std::string>>& kept) {
  std::vector<std::string> slots;
  for (const auto& [date, hours] : kept)
    if (std::find(slots.begin(), slots.end(), hours) == slots.end()) slots.push_back(hours);
  auto weekday = [&](const Date& d) { return c.t(kWeekdayShort[d.iso_weekday() % 7]); };
  std::string out;
  for (const std::string& hours : slots) {
    std::vector<Date> ds;
    for (const auto& [date, h] : kept)
      if (auto d = Date::parse(date); d && h == hours) ds.push_back(*d);
    std::string days;
    for (size_t i = 0; i < ds.size();) {
      size_t j = i;
      while (j + 1 < ds.size() && ds[j].plus_days(1).str() == ds[j + 1].str()) ++j;
      std::string run = weekday(ds[i]);
      if (j >= i + 2) run = c.f("week.days_span", {{"from", run}, {"to", weekday(ds[j])}});
      else if (j == i + 1) run += c.t("punct.list") + weekday(ds[j]);
      days += (days.empty() ? "" : c.t("punct.list")) + run;
      i = j + 1;
    }
    if (!days.empty()) out += (out.empty() ? "" : c.t("week.hours_sep")) + days + " " + hours;
  }
  return out;
}
template <class Keep>
WeekForm week_form(const Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind, Keep keep,
                   bool in_week) {
  WeekForm f;
  bool slots_differ = false;
  std::vector<std::pair<std::string, std::string>> kept;
  if (days.is_array())
    for (const auto& d : days)
      if (const nlohmann::json* k = kind_on(d, kind); k && keep(js(d, "date"))) {
        if (f.one_place.empty()) f.one_place = js(*k, "place");
        f.places_differ |= js(*k, "place") != f.one_place;
        if (f.one_slot.empty()) f.one_slot = slot(c, *k);
        slots_differ |= slot(c, *k) != f.one_slot;
        kept.emplace_back(js(d, "date"), slot(c, *k));
      }
  f.tall = ui.env().height >= 900 * ui.env().unit;  // (Ui's short panel, turned)
  const bool larger = ui.env().scale > 1.01f;
  const float px = ui.body_at(larger ? 2 : 1);  // (the resident's size, 1.5× at most)
  bool three = in_week && !f.tall && ui.env().metrics, three_1x = three, icon = true;
  if (three && days.is_array())
    for (const auto& d : days)
      if (const nlohmann::json* k = kind_on(d, kind); k && keep(js(d, "date"))) {
        const std::string day = c.app.local_time().day_in_week(js(d, "date")) + c.t("common.sep");
        const std::vector<std::string> lines{day + c.t("appt_day.full"),
                                             slot(c, *k) + c.t("common.sep") + c.f("appt_day.left_short", {{"n", "88"}})};
        three_1x &= ui.lines_fit_cells(lines, 3, 1, ui.body_at(3));
        three &= ui.lines_fit_cells(lines, 3, 1, px);
        icon &= ui.lines_fit_cells({day + c.f("appt_day.left_short", {{"n", "88"}})}, 2, 1, px, true);
      }
  // (settings10: days of different hours too — their hours grouped by day above them, where before
  // they were each day's note, left off in a compact frame: 1024×600, 1366×768 at larger text)
  f.hours_once = in_week && !f.tall && !three && !f.one_slot.empty() && ui.env().metrics;
  if (f.hours_once) {
    f.hours_line = slots_differ ? hours_by_day(c, kept) : f.one_slot;
    if (!f.places_differ) f.hours_line += c.t("common.sep") + f.one_place;
  }
  f.three = f.hours_once ? false : three_1x;
  f.icon = !f.three && (!f.hours_once || icon);
  return f;
}

// The days of `kind` that `keep` accepts, a button each: the date (with "· 已约满" when full),
// then the hours and places on a second line. A compact frame (2× text on a short panel) leaves
// the second line off (on one line the longer local hours broke 还有7个名额 inside the word at
// 3840×2160, 1.5× text); it is spoken either way.
// In a week (`in_week`, days6) the label is the date with the short weekday ("12月15日 周二": two
// columns on every panel, the week one page) and the whole date is spoken; its hours and places
// are lines of the label (days7), shown in a compact frame too (WeekForm above).
template <class Keep>
void day_list(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind,
              const std::string& id_prefix, const std::string& none_id, Keep keep, bool in_week = false) {
  if (days.is_null()) return c.app.error().active ? void() : loading(ui, c);
  int shown = 0;
  const WeekForm form = week_form(ui, c, days, kind, keep, in_week);
  const bool tall = form.tall, three = form.three, hours_once = form.hours_once, places_differ = form.places_differ;
  if (hours_once) ui.text(id_prefix.substr(0, id_prefix.size() - 4) + "week.hours", form.hours_line);
  ui.row(three ? 3 : 2);
  if (days.is_array())
    for (const auto& d : days) {
      const nlohmann::json* k = kind_on(d, kind);
      std::string date = js(d, "date");
      if (!k || !keep(date)) continue;
      int left = k->value("left", 0);
      const std::string left_words =
          left > 0 ? c.f("appt_day.left", {{"n", std::to_string(left)}}) : c.t("appt_day.full");
      if (in_week) {
        // A week's days on a tall panel (1920×1080, portrait) show their hours and places left
        // in the label, never in a note a compact frame leaves off (days7: at 2× on 1080×1920
        // they were only spoken; a deaf resident must see them): "12月15日 周二" / "上午9:00–11:30
        // · 余7个" (spoken "还有7个名额"), a full day "12月15日 周二 · 已约满" / "上午9:00–11:30";
        // two lines keep two columns (Ui::row), the content steps down before the week pages.
        // On a short panel (1366×768, 1024×768) three rows of two lines do not fit one page at
        // 1× even in a compact frame: there they are the note (left off in a compact frame,
        // spoken). The place, when the week's days are not all in one, is the note too.
        const std::string comma = c.t("punct.comma"), sep = c.t("common.sep");
        std::string label = c.app.local_time().day_in_week(date), said = fmt_date(c, date);
        std::string hours = slot(c, *k), note;
        if (left <= 0) label += sep + left_words, said += comma + left_words;
        said += comma + hours;
        if (left > 0) hours += sep + c.f("appt_day.left_short", {{"n", std::to_string(left)}}), said += comma + left_words;
        if (hours_once) {
          // (the count and its word never apart: "Thu 10 December ·" / "11 left" where the line
          // does not hold them, never "… · 11" / "left")
          std::string places = c.f("appt_day.left_short", {{"n", std::to_string(left)}});
          for (size_t at; (at = places.find(' ')) != std::string::npos;) places.replace(at, 1, "\u00a0");
          if (left > 0) label += sep + places;
        } else if (tall || three) {
          label += "\n" + hours;
        } else {
          note = hours;
        }
        if (places_differ) note += (note.empty() ? "" : sep) + js(*k, "place"), said += comma + js(*k, "place");
        if (ui.button_note(id_prefix + date, label, note, form.icon ? Icon::day : Icon::none, left > 0, said))
          c.emit(intent::PickDay{date});
        ++shown;
        continue;
      }
      std::string label = fmt_date(c, date), note = slot(c, *k);
      if (left <= 0) label += c.t("common.sep") + left_words;
      else note += c.t("common.sep") + left_words;
      if (ui.button_note(id_prefix + date, label, note, Icon::day, left > 0)) c.emit(intent::PickDay{date});
      ++shown;
    }
  ui.end_row();
  if (!shown) ui.text(none_id, c.t("appt_day.none"));
}
}  // namespace

void day_buttons(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind,
                 const std::string& id_prefix, const std::string& none_id,
                 const std::string& except) {
  few_days_on_one_page(ui, days, kind);
  day_list(ui, c, days, kind, id_prefix, none_id, [&](const std::string& date) { return date != except; });
}

void soonest_days(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind, int n,
                  const std::string& prefix) {
  std::vector<std::string> first;
  if (days.is_array())
    for (const auto& d : days)
      if (const nlohmann::json* k = kind_on(d, kind); k && k->value("left", 0) > 0 && int(first.size()) < n)
        first.push_back(js(d, "date"));
  if (first.empty()) return;  // (every week is then shown full, with its reason)
  day_list(ui, c, days, kind, prefix + "day.", "appt_day.none", [&](const std::string& date) {
    return std::find(first.begin(), first.end(), date) != first.end();
  });
}

void day_step(Ui& ui, const ScreenCtx& c, const DayStep& d) {
  const std::string kind = kind_name(c, d.kind);
  const std::string day_prefix = d.prefix + "day.";
  if (d.pick.open) {
    const LocalTime& lt = c.app.local_time();
    const std::string& monday = d.pick.week;
    const std::string sunday = Date::parse(monday) ? Date::parse(monday)->plus_days(6).str() : monday;
    // (where the week's hours stand once above its days, the hint is heard and captioned only —
    // 1024×600 at 1×: hint, hours and days did not fit one page; the title says what to do)
    const std::string hint = c.f("appt_week.days_hint", {{"kind", kind}, {"week", lt.week_words(monday)},
                                                          {"span", lt.date_span(monday, sunday, true)}});
    auto in_this_week = [&](const std::string& date) { return monday_of(date) == monday; };
    if (week_form(ui, c, d.days, d.kind, in_this_week, true).hours_once) ui.spoken_hint(hint);
    else list_hint(ui, hint, false);
    // A week's days on one page on every panel and text size (days6): "15日 周二" in two columns,
    // the content stepping down (1.5×, 1×) before it pages.
    ui.fit_pages(1);
    day_list(ui, c, d.days, d.kind, day_prefix, d.none_id, in_this_week, true);
    return;
  }
  if (days_offering(d.days, d.kind) <= kDaysWithoutWeeks) {
    // (the places on the second line: at 2× on 1366×768 "12月7日 星期一 · 还有20个名额" took two
    // lines in half the width, two days a page; the date alone keeps four — seen in a screenshot)
    ui.hint(c.f("appt_day.hint", {{"kind", kind}}));
    few_days_on_one_page(ui, d.days, d.kind);
    day_list(ui, c, d.days, d.kind, day_prefix, d.none_id, [](const std::string&) { return true; });
    return;
  }
  list_hint(ui, c.f("appt_week.hint", {{"kind", kind}}), false);
  // The two soonest open days first (the focus on the first on entry), then the weeks.
  soonest_days(ui, c, d.days, d.kind, 2, d.prefix);
  week_buttons(ui, c, d.days, d.kind, d.prefix);
  if (!d.pick.week.empty()) ui.default_focus(d.prefix + "week." + d.pick.week);  // back from its days
}

int days_offering(const nlohmann::json& days, const std::string& kind) {
  int n = 0;
  if (days.is_array())
    for (const auto& d : days) n += kind_on(d, kind) != nullptr;
  return n;
}

std::vector<WeekOfDays> weeks_of(const nlohmann::json& days, const std::string& kind) {
  std::vector<WeekOfDays> out;
  if (!days.is_array()) return out;
  for (const auto& d : days) {
    const nlohmann::json* k = kind_on(d, kind);
    std::string monday = monday_of(js(d, "date"));
    if (!k || monday.empty()) continue;
    auto it = std::find_if(out.begin(), out.end(), [&](const WeekOfDays& w) { return w.monday == monday; });
    if (it == out.end()) {
      out.push_back({monday, Date::parse(monday)->plus_days(6).str()});
      it = out.end() - 1;
    }
    int left = std::max(0, k->value("left", 0));
    ++it->days;
    it->open += left > 0;
    it->places += left;
  }
  std::sort(out.begin(), out.end(), [](const WeekOfDays& a, const WeekOfDays& b) { return a.monday < b.monday; });
  return out;
}

void week_buttons(Ui& ui, const ScreenCtx& c, const nlohmann::json& days, const std::string& kind,
                  const std::string& prefix) {
  const LocalTime& lt = c.app.local_time();
  ui.row(2);
  for (const WeekOfDays& w : weeks_of(days, kind)) {
    // The week in the words residents use, relative to the station's today: "本周 11月23日–29日",
    // "下周 11月30日–12月6日" (its dates, the month once), then "12月7日那周"; the places on a
    // second line that a compact frame leaves off (it is spoken, the dates in full); a full
    // week's "已约满" stays on the first. The week's own icon (Icon::week): the two soonest days
    // above the weeks carry a day's.
    const std::string words = lt.week_words(w.monday);
    const bool near = words == c.t("week.this") || words == c.t("week.next");
    const std::string range = near ? c.f("appt_week.label", {{"week", words}, {"span", lt.date_span(w.monday, w.sunday)}})
                                   : words;
    const std::string label = w.places > 0 ? range : range + c.t("common.sep") + c.t("appt_day.full");
    const std::string note = w.places > 0 ? c.f("appt_week.places", {{"n", std::to_string(w.places)}}) : "";
    const std::string left = w.places > 0 ? c.f("appt_week.left", {{"open", std::to_string(w.open)},
                                                                   {"n", std::to_string(w.places)}})
                                          : c.t("appt_day.full");
    const std::string said = c.f("appt_week.speak", {{"week", words},
                                                     {"span", lt.date_span(w.monday, w.sunday, true)},
                                                     {"days", std::to_string(w.days)},
                                                     {"left", left}});
    if (ui.button_note(prefix + "week." + w.monday, label, note, Icon::week, w.places > 0, said))
      c.emit(intent::PickWeek{w.monday});
  }
  ui.end_row();
}

std::string day_line(const ScreenCtx& c, const nlohmann::json& days, const std::string& date,
                     const std::string& kind) {
  std::string line;
  if (days.is_array())
    for (const auto& d : days)
      if (const nlohmann::json* k = kind_on(d, kind); k && js(d, "date") == date)
        line = slot(c, *k) + "  " + js(*k, "place");
  return line;
}

std::string id_groups(const std::string& typed) {
  std::string shown;
  for (size_t i = 0; i < kIdChars; ++i) {
    shown += i < typed.size() ? typed[i] : '_';
    if (i == 5 || i == 13) shown += ' ';
  }
  return shown;
}

std::string field_speak(const ScreenCtx& c, const std::string& typed, std::size_t fixed_length) {
  std::string n = std::to_string(typed.size());
  return fixed_length ? c.f("identity.field_speak", {{"n", n}, {"max", std::to_string(fixed_length)}})
                      : c.f("identity.count_speak", {{"n", n}});
}

}  // namespace kit
}  // namespace tx

namespace tx::kit {
void list_hint(Ui& ui, const std::string& hint, bool empty) {
  if (empty || ui.env().scale < 1.01f) ui.hint(hint);
  else ui.spoken_hint(hint);
}
}  // namespace tx::kit
