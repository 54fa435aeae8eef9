// Staff screens (docs/kiosk.md "Staff mode"): drawn from a read-only view of the app state with
// the same accessible widgets, keys, speech, themes and sizes as the resident screens; they emit
// intents that App applies (core/app_staff.cpp). No HTTP, no SDL, no ImGui here.
//
// Personal data on these screens is what the station sends masked (names, ID and phone numbers);
// full values appear only after an audited reveal, for 30 s, never spoken and never printed.
//
// [SECTION] Index
//   helpers (appointment lines, spoken masks, the calls banner)
//   sign-in · PIN · staff home
//   appointments: list → one → reschedule / cancel
//   residents: find → card → reveal; not registered
//   booking for a walk-in: kind → day → phone → name → address → reason → confirm → booked
//   applications and change reports · work lists · calls · sync
#include <algorithm>
#include <functional>
#include <iterator>

#include "core/identity.h"
#include "screens/kit.h"
#include "screens/screens.h"

namespace tx {

namespace {

using namespace kit;
using nlohmann::json;

const char* const kProgrammes[][2] = {{"living_subsidy", TK("programme.living_subsidy")},
                                      {"nursing_subsidy", TK("programme.nursing_subsidy")},
                                      {"education_grant", TK("programme.education_grant")},
                                      {"medication_subsidy", TK("programme.medication_subsidy")},
                                      {"assistive_devices", TK("programme.assistive_devices")},
                                      {"home_modification", TK("programme.home_modification")},
                                      {"day_care", TK("programme.day_care")},
                                      {"child_rehabilitation", TK("programme.child_rehabilitation")}};
// The programmes by the short names staff use at the desk ("护理补贴", "Nursing subsidy"): the
// step's buttons; each is spoken by its full name, which the confirmation shows.
const char* const kProgrammeShort[][2] = {{"living_subsidy", TK("programme_short.living_subsidy")},
                                          {"nursing_subsidy", TK("programme_short.nursing_subsidy")},
                                          {"education_grant", TK("programme_short.education_grant")},
                                          {"medication_subsidy", TK("programme_short.medication_subsidy")},
                                          {"assistive_devices", TK("programme_short.assistive_devices")},
                                          {"home_modification", TK("programme_short.home_modification")},
                                          {"day_care", TK("programme_short.day_care")},
                                          {"child_rehabilitation", TK("programme_short.child_rehabilitation")}};
const char* const kChanges[][2] = {{"address", TK("change.address")},   {"household", TK("change.household")},
                                   {"income", TK("change.income")},     {"death", TK("change.death")},
                                   {"guardian", TK("change.guardian")}, {"contact", TK("change.contact")},
                                   {"bank_account", TK("change.bank_account")}, {"other", TK("change.other")}};
const char* const kRelations[][2] = {{"", TK("relation.self")},
                                     {"guardian", TK("relation.guardian")},
                                     {"relative", TK("relation.relative")},
                                     {"village_committee", TK("relation.village_committee")},
                                     {"other", TK("relation.other")}};
const char* const kReasons[][2] = {{"bedridden", TK("staff.reason_bedridden")},
                                   {"severe_mobility", TK("staff.reason_severe_mobility")},
                                   {"other", TK("staff.reason_other")}};

std::string programme_name(const ScreenCtx& c, const std::string& p) { return lookup(c, kProgrammes, p); }
std::string change_name(const ScreenCtx& c, const std::string& p) { return lookup(c, kChanges, p); }
std::string relation_name(const ScreenCtx& c, const std::string& r) { return lookup(c, kRelations, r); }

// A masked name for the loudspeaker: "张*" is read "张某", never "asterisk".
std::string spoken_name(const ScreenCtx& c, const std::string& masked) {
  std::string out;
  bool star = false;
  for (char ch : masked) {
    if (ch == '*') {
      if (!star) out += c.t("staff.masked_char");
      star = true;
    } else {
      out += ch;
      star = false;
    }
  }
  return out;
}

// j[k] when it is an array, else an empty one (no copy: screens are built many times a second).
const json& arr(const json& j, const char* k) {
  static const json kEmpty = json::array();
  return j.is_object() && j.contains(k) && j[k].is_array() ? j[k] : kEmpty;
}

// An appointment as a card: "A012 首次评定", badge 已预约, "12月5日 星期六 上午9:00–11:30 · 张*" (the
// date only for other days); spoken without the mask characters.
bool appt_card(Ui& ui, const ScreenCtx& c, const json& a, bool with_date) {
  std::string when = (with_date ? fmt_date(c, js(a, "date")) + " " : "") + slot(c, a);
  std::string title = js(a, "ticket") + "  " + kind_name(c, js(a, "kind"));
  Badge badge = appt_badge(c, js(a, "status"));
  std::string spoken = title + c.t("punct.comma") + badge.text + c.t("punct.comma") + when + c.t("punct.comma") +
                       spoken_name(c, js(a, "name_masked"));
  return ui.card("staff.appt." + js(a, "id"), title, {when, js(a, "name_masked")}, badge, true, spoken);
}

// "自助机 kiosk-1，求助，等了3分钟"
std::string call_line(const ScreenCtx& c, const json& call) {
  long waited = call.value("waiting_s", 0L) + long(c.app.clock_now() - c.staff.calls_at);
  std::string reason = js(call, "reason");
  std::string waiting = waited < 60 ? c.t("staff.call.just_now") : c.f("staff.call.waiting", {{"min", std::to_string(waited / 60)}});
  return c.f("staff.call.line", {{"terminal", js(call, "terminal")},
                                 {"reason", reason == "help" || reason.empty() ? c.t("staff.call.reason_help") : reason},
                                 {"waiting", waiting}});
}

// "2个呼叫在等工作人员：kiosk-1、kiosk-2" ("" when no call is open).
std::string call_banner_text(const ScreenCtx& c) {
  if (!c.app.staff_signed_in() || c.app.open_calls() <= 0) return "";
  std::string who;
  std::vector<std::string> seen;
  if (c.staff.calls.is_array())
    for (const auto& call : c.staff.calls)
      if (js(call, "status") == "open" && std::find(seen.begin(), seen.end(), js(call, "terminal")) == seen.end()) {
        seen.push_back(js(call, "terminal"));
        who += (who.empty() ? "" : c.t("punct.list")) + js(call, "terminal");
      }
  return c.f("staff.call_banner", {{"n", std::to_string(c.app.open_calls())}, {"terminal", who}});
}

// Staff banners: the calls from kiosks on every staff screen (H1: steady, no flashing, with the
// chime and speech when one arrives), then the common ones.
// (`loading_beside`: a step whose request may run under a call banner — a staff appointment's
// check-in or print — says "正在查询，请稍候……" beside the banner, where a line of its own put
// the actions on page 2 of 1366×768 at 1× while the station answered; true when it did.)
bool staff_banners(Ui& ui, const ScreenCtx& c, bool calls = true, bool loading_beside = false) {
  // Text only: the button to the calls is the fourth one of the bar, where "call staff" is on
  // a resident's screen (M4), and shows the count too; a keypad screen keeps its room.
  const std::string banner = calls ? call_banner_text(c) : "";
  // A call and a notice ("已打印，请取走凭条。", "新密码已设置好。") side by side, one line each
  // where they fit (staff9 on staff home; lead, round 9, on every staff screen): stacked, their
  // two lines left a checked-in appointment's actions on page 2 of 1366×768 at 1×.
  const bool beside = !c.s.notice.empty() || (loading_beside && c.loading);
  if (!banner.empty() && beside && !c.app.idle_warning() && !c.app.error().active && c.staff.field_error.empty()) {
    ui.row(2);
    ui.text("staff.call_banner", banner, TextStyle::banner);
    if (!c.s.notice.empty())
      ui.text("notice", c.s.notice, TextStyle::banner);
    else
      loading(ui, c);
    ui.end_row();
    return c.s.notice.empty();
  }
  if (!banner.empty()) ui.text("staff.call_banner", banner, TextStyle::banner);
  banners(ui, c);
  if (!c.staff.field_error.empty())
    ui.text("field.error", c.t("error.prefix") + c.staff.field_error, TextStyle::banner);
  return false;
}

// A staff step (not a list of records): its prompt, what it shows, its choices and its submit on
// one page at every panel and text size (issue 12 point 3): the content steps down (1.5×, then
// 1×; targets stay 24 mm) before anything pages (Ui::fit_pages); where no size holds one page,
// the size with the fewest (Ui::fewest_pages: the programmes at 2× on 1024×768 took the designed
// frame's 3–5 pages where 1.5× and 1× took 2).
void one_step(Ui& ui) {
  ui.fit_pages(1);
  ui.fewest_pages();
}

// A staff step in more than one arrangement (round 12, staff12): staff at the desk read it at the
// text size chosen on the kiosk, and a step that holds one page only with its content at 1× (five
// four-character actions in one row of 1024 px, the records under them) is drawn at the size
// another arrangement holds, Ui::best_arrangement.

// A keypad field: digits shown as dots for PINs (S6), as typed otherwise.
void digit_field(Ui& ui, const ScreenCtx& c, const std::string& id, const std::string& label, const std::string& buf,
                 bool secret) {
  std::string shown;
  if (secret) {
    for (size_t i = 0; i < buf.size(); ++i) shown += "● ";
    if (buf.empty()) shown = "______";
  } else {
    shown = buf.empty() ? std::string("_") : buf;
  }
  if (ui.field(id, label, shown, field_speak(c, buf))) c.emit(intent::Next{});
}

// A free-text field (a keyboard and its input method type into it); the count is spoken, not
// the text.
void text_field(Ui& ui, const ScreenCtx& c, const std::string& id, const std::string& label, const std::string& buf) {
  std::string speak = buf.empty() ? c.f("staff.field_empty", {{"v", label}})
                                  : c.f("staff.field_typed", {{"v", label}, {"text", buf}});
  if (ui.field(id, label, buf.empty() ? std::string("_") : buf, speak)) c.emit(intent::Next{});
}

// ------------------------------------------------------------------ sign-in, PIN, home
void sign_in(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.sign_in", c.t("title.staff_sign_in"));
  staff_banners(ui, c, false);
  if (c.staff.names.is_null()) return c.app.error().active ? void() : loading(ui, c);
  const json& names = arr(c.staff.names, "staff");
  ui.hint(names.empty() ? c.t("staff.sign_in_none") : c.t("staff.sign_in_hint"));
  one_step(ui);
  ui.row(3);
  for (const auto& x : names)
    if (ui.button("staff.name." + js(x, "username"), js(x, "display_name") + "\n" + js(x, "username"), Icon::person))
      c.emit(intent::StaffPick{js(x, "username")});
  ui.end_row();
}

void pin_screen(Ui& ui, const ScreenCtx& c, const char* screen, const char* title, const std::string& hint,
                const std::string& step) {
  ui.begin(screen, c.t(title), step);
  ui.set_typing(true);
  staff_banners(ui, c, false);
  ui.hint(hint);
  digit_field(ui, c, "input.pin", c.t("staff.pin_label"), c.staff.pin_input, true);
  if (c.loading) loading(ui, c);
  keypad(ui, c, false);
  if (c.staff.must_change_pin && std::string(screen) == "staff.pin_new")
    if (ui.button("staff.sign_out", c.t("staff.sign_out"), Icon::cross)) c.emit(intent::StaffGo{intent::StaffGo::sign_out});
  ui.default_focus("input.pin");
}

void staff_home(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.home", c.app.staff_home_title());
  // (a call and a notice side by side, staff_banners: stacked, their two lines left the last row
  // of tasks on page 2 of a short panel)
  staff_banners(ui, c);
  // (heard, not drawn: the tasks say what they are, and a call shows in its banner above them;
  // drawn, its two lines left the last row of tasks on page 2 below 1920×1080)
  ui.spoken_hint(c.t("staff.home_hint"));
  ui.fewest_pages();
  // Four columns of one-line names (fewer where a name would take more than two lines): eleven
  // tasks in three rows, one page on every panel (staff9). Two-line names ("今天的预约（签到）",
  // "自助机呼叫（1个等待）", "Seeing and hearing settings") made every row 125 px tall or left
  // three a row, and the cells' minimum width was the 2× body's six characters even where the
  // content steps down to 1× (3 a row): 2–4 pages below 1920×1080.
  ui.row(4);
  if (ui.button("staff.today", c.t("staff.home.today"), Icon::calendar)) c.emit(intent::StaffGo{intent::StaffGo::today});
  if (ui.button("staff.upcoming", c.t("staff.home.upcoming"), Icon::list)) c.emit(intent::StaffGo{intent::StaffGo::upcoming});
  // (one line: the count is in the call banner above and on the bar's calls button)
  if (ui.button("staff.calls", c.t("staff.home.calls"), Icon::bell)) c.emit(intent::StaffGo{intent::StaffGo::calls});
  if (ui.button("staff.find", c.t("staff.home.find"), Icon::person)) c.emit(intent::StaffGo{intent::StaffGo::find});
  if (ui.button("staff.book", c.t("staff.home.book"), Icon::calendar)) c.emit(intent::StaffGo{intent::StaffGo::book});
  if (ui.button("staff.home_visit", c.t("staff.home.home_visit"), Icon::home)) c.emit(intent::StaffGo{intent::StaffGo::home_visit});
  if (ui.button("staff.worklists", c.t("staff.home.worklists"), Icon::list)) c.emit(intent::StaffGo{intent::StaffGo::worklists});
  if (ui.button("staff.sync", c.t("staff.home.sync"), Icon::right)) c.emit(intent::StaffGo{intent::StaffGo::sync});
  if (ui.button("staff.change_pin", c.t("staff.home.change_pin"), Icon::gear)) c.emit(intent::StaffGo{intent::StaffGo::change_pin});
  // Text size, colours and speech for the person at the desk (restored at sign-out, T2).
  if (ui.button("staff.settings", c.t("staff.home.settings"), Icon::gear)) c.emit(intent::Go{intent::Go::settings});
  if (ui.button("staff.sign_out", c.t("staff.sign_out"), Icon::cross)) c.emit(intent::StaffGo{intent::StaffGo::sign_out});
  ui.end_row();
}

// ------------------------------------------------------------------ appointments
void appts(Ui& ui, const ScreenCtx& c) {
  bool up = c.staff.upcoming;
  ui.begin("staff.appointments", c.t(up ? "title.staff_upcoming" : "title.staff_today"));
  staff_banners(ui, c);
  if (c.staff.appts.is_null()) return c.app.error().active ? void() : loading(ui, c);
  std::string today = c.staff.station_today;
  std::vector<const json*> shown;
  for (const auto& a : arr(c.staff.appts, "appointments")) {
    std::string d = js(a, "date"), st = js(a, "status");
    // Cancelled and moved ones are history: the lists are for work still to do or done today.
    if (st == "cancelled" || st == "rescheduled") continue;
    if (up ? d > today : d == today) shown.push_back(&a);
  }
  int waiting = 0, arrived = 0;
  for (const json* a : shown) {
    waiting += js(*a, "status") == "booked";
    arrived += js(*a, "status") == "checked_in";
  }
  list_hint(ui, shown.empty() ? c.t(up ? "staff.appts.none_upcoming" : "staff.appts.none_today")
                : up ? c.f("staff.appts.hint_upcoming", {{"n", std::to_string(shown.size())}})
                     : c.f("staff.appts.hint_today", {{"n", std::to_string(shown.size())},
                                                      {"booked", std::to_string(waiting)},
                                                      {"arrived", std::to_string(arrived)}}),
            shown.empty());
  ui.records_begin();
  for (const json* a : shown)
    if (appt_card(ui, c, *a, up)) c.emit(intent::StaffOpenAppt{intent::id(js(*a, "id"))});
  ui.records_end();
  // The list's tool, in the pager's row on every page (Ui::list_tool): as a row of its own it
  // stood alone on page 2 under one appointment and a call banner at 2× on 1366×768. The focus
  // starts on the first appointment (the next arrival), heard as "第1项": the tool comes after
  // the records in the focus order (round 11; it was listed first, the first appointment "第2项").
  if (!shown.empty()) ui.default_focus("staff.appt." + js(*shown.front(), "id"));
  if (ui.list_tool("staff.appts.refresh", c.t("staff.refresh"), Icon::right, "", true)) c.emit(intent::StaffRefreshAppts{});
}

void appt(Ui& ui, const ScreenCtx& c) {
  const json& a = c.staff.appt;
  std::string st = js(a, "status");
  // Three lines, so that every action fits the page with a call banner above (four, the place
  // alone on one, left the actions on page 2 at 1366×768 and 1024×600 at every text size).
  std::string text = kind_name(c, js(a, "kind")) + "  " + fmt_date(c, js(a, "date")) + "  " + slot(c, a) + "\n" +
                     c.f("staff.appt.status", {{"v", status_word(c, st)}}) + "  " + c.f("slip.place", {{"v", js(a, "place")}}) + "\n" +
                     c.f("staff.appt.who", {{"name", js(a, "name_masked")}, {"id", js(a, "id_masked")}});
  std::string spoken = c.f("appt_confirm.kind", {{"v", kind_name(c, js(a, "kind"))}}) + c.t("punct.period") +
                       c.f("appt_confirm.date", {{"v", fmt_date(c, js(a, "date"))}}) + c.t("punct.period") +
                       spoken_name(c, js(a, "name_masked")) + c.t("punct.comma") +
                       c.f("staff.appt.status", {{"v", status_word(c, st)}});
  std::string today = c.staff.station_today.empty() ? c.app.today() : c.staff.station_today;
  bool booked = st == "booked";
  struct Action {
    const char* id;
    std::string label;
    Icon icon;
    bool enabled;
    std::function<void()> act;
  };
  std::vector<Action> actions;
  if (booked && js(a, "date") == today)
    actions.push_back({"staff.appt.check_in", c.t("staff.appt.check_in"), Icon::check, true,
                       [&] { c.emit(intent::StaffTransition{"check-in"}); }});
  if (booked || st == "checked_in")
    actions.push_back({"staff.appt.print", c.t(c.app.printing() ? "slip.printing" : "staff.appt.print"), Icon::printer,
                       !c.app.printing(), [&] { c.emit(intent::StaffPrint{}); }});
  if (st == "checked_in")
    actions.push_back({"staff.appt.complete", c.t("staff.appt.complete"), Icon::check, true,
                       [&] { c.emit(intent::StaffTransition{"complete"}); }});
  if (booked && js(a, "date") <= today)
    actions.push_back({"staff.appt.no_show", c.t("staff.appt.no_show"), Icon::cross, true,
                       [&] { c.emit(intent::StaffTransition{"no-show"}); }});
  if (booked) {
    actions.push_back({"staff.appt.reschedule", c.t("staff.appt.reschedule"), Icon::calendar, true,
                       [&] { c.emit(intent::StaffReschedule{}); }});
    actions.push_back({"staff.appt.cancel", c.t("staff.appt.cancel"), Icon::cross, true, [&] { c.emit(intent::StaffCancel{}); }});
  }
  // The arrangements (Ui::best_arrangement): 0, as designed — up to five actions in one row where
  // their short labels fit (round 10: in two rows of three under the call banner they left the
  // appointment on 2 pages of 1024×600 at every text size); 1, in rows of three; 2, the first
  // three in a row and the rest (改期, 取消预约) the step's tools in the caption's strip
  // (Ui::list_tool, after the row in the focus order, as a programme's detail on 1024×600): at
  // 1.5–2× on 1024×600 the four-character labels stand in fifths of the row at 1× only, and a
  // second row does not hold the page.
  auto draw = [&](Ui& u, int layout) {
    u.begin("staff.appointment", c.f("title.staff_appt", {{"ticket", js(a, "ticket")}}));
    const bool loading_shown = staff_banners(u, c, true, true);
    one_step(u);
    u.text("staff.appt.details", text, TextStyle::body, spoken);
    u.announce(spoken);
    if (c.loading && !loading_shown) loading(u, c);
    const size_t in_row = layout == 2 ? 3 : actions.size();
    u.row(layout == 0 ? 5 : 3);
    for (size_t i = 0; i < in_row && i < actions.size(); ++i)
      if (u.button(actions[i].id, actions[i].label, actions[i].icon, actions[i].enabled)) actions[i].act();
    u.end_row();
    for (size_t i = in_row; i < actions.size(); ++i)
      if (u.list_tool(actions[i].id, actions[i].label, actions[i].icon, "", true)) actions[i].act();
  };
  draw(ui, ui.best_arrangement(actions.size() > 3 ? 3 : 2, draw));
}

void day_list(Ui& ui, const ScreenCtx& c, const std::string& except) {
  day_buttons(ui, c, c.staff.days, c.staff.kind, "staff.day.", "staff.days.none", except);
}

void resched_day(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.reschedule_day", c.t("title.staff_resched_day"));
  staff_banners(ui, c);
  ui.hint(c.f("staff.resched.hint", {{"ticket", js(c.staff.appt, "ticket")}, {"date", fmt_date(c, js(c.staff.appt, "date"))}}));
  day_list(ui, c, js(c.staff.appt, "date"));
}

void resched_confirm(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.reschedule_confirm", c.t("title.staff_resched_confirm"));
  staff_banners(ui, c);
  std::string q = c.f("staff.resched.confirm", {{"ticket", js(c.staff.appt, "ticket")},
                                                {"kind", kind_name(c, js(c.staff.appt, "kind"))},
                                                {"from", fmt_date(c, js(c.staff.appt, "date"))},
                                                {"to", fmt_date(c, c.staff.date)}});
  ui.hint(q);
  if (c.loading) loading(ui, c);
  one_step(ui);
  ui.row(2);
  if (ui.button("staff.resched.yes", c.t("staff.resched.yes"), Icon::check)) c.emit(intent::StaffReschedConfirm{});
  if (ui.button("staff.resched.no", c.t("staff.resched.no"), Icon::back)) c.emit(intent::PopTo{Screen::staff_appt});
  ui.end_row();
  ui.default_focus("staff.resched.no");
}

void cancel_confirm(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.cancel_confirm", c.t("title.staff_cancel"));
  one_step(ui);
  staff_banners(ui, c);
  confirm_dialog(ui, c,
                 c.f("staff.cancel.confirm", {{"ticket", js(c.staff.appt, "ticket")},
                                              {"kind", kind_name(c, js(c.staff.appt, "kind"))},
                                              {"date", fmt_date(c, js(c.staff.appt, "date"))}}),
                 {"staff.cancel.no", c.t("staff.cancel.no"), intent::PopTo{Screen::staff_appt}},
                 {"staff.cancel.yes", c.t("staff.cancel.yes"), intent::StaffCancelConfirm{}});
}

// ------------------------------------------------------------------ residents
void find(Ui& ui, const ScreenCtx& c) {
  const std::string& p = c.staff.purpose;
  ui.begin("staff.find", c.t(p == "book" ? "title.staff_book" : p == "home" ? "title.staff_home_visit" : "title.staff_find"));
  ui.set_typing(true);
  staff_banners(ui, c);
  ui.hint(c.t("staff.find_hint"));
  const std::string& buf = c.staff.id_input;
  if (ui.field("input.id_number", c.t("identity.id_label"), id_groups(buf), field_speak(c, buf, kIdChars))) c.emit(intent::Next{});
  if (c.loading) loading(ui, c);
  keypad(ui, c, true);
  ui.default_focus("input.id_number");
}

std::string certificate_text(const ScreenCtx& c, const json& cert) {
  if (!cert.is_object()) return c.t("staff.resident.no_certificate");
  std::string s = c.f("staff.resident.certificate", {{"category", loc_field(c, cert, "category")},
                                                     {"level", loc_field(c, cert, "level")},
                                                     // (the day without its weekday, round 12: an
                                                     // expiry's weekday only cost the card a line)
                                                     {"expires", fmt_short_date(c, js(cert, "expires_on"))}});
  if (cert.value("renewal_due", false)) s += " · " + c.t("staff.resident.renewal_due");
  if (js(cert, "status") != "valid" && !js(cert, "status").empty())
    s += " · " + c.f("staff.resident.cert_status", {{"v", js(cert, "status")}});
  return s;
}

// A resident's card (round 10): a step — who they are, their certificate, what the desk does
// for them, and their records by count — on one page at every panel and text size (it took 4
// pages at 1× on 1024×600 with the records under it). The records are lists of their own,
// reached from the card as a phone's contact links to its history ("预约（1）" → the
// appointments, staff.resident_appts; applications and change reports the same).
void resident(Ui& ui, const ScreenCtx& c) {
  const json& r = c.staff.resident;
  if (!r.is_object()) {
    ui.begin("staff.resident", c.t("title.staff_resident"));
    staff_banners(ui, c);
    return c.app.error().active ? void() : loading(ui, c);
  }
  std::string cert = certificate_text(c, r.value("certificate", json())) +
                     (r.value("minor", false) ? "\n" + c.t("staff.resident.minor") : "");
  std::string spoken = spoken_name(c, js(r, "name_masked")) + c.t("punct.period") + cert;
  const bool revealed = !c.staff.revealed.is_null();
  std::string full, text;
  if (revealed) {
    const json& v = c.staff.revealed;
    long left = std::max(0L, long(c.staff.revealed_until - c.app.clock_now() + 0.999));
    full = c.f("staff.reveal.shown_for", {{"s", std::to_string(left)}}) + "\n" +
           c.f("staff.reveal.values", {{"id", js(v, "id_number")}, {"name", js(v, "name")},
                                       {"phone", js(v, "phone").empty() ? c.t("staff.none") : js(v, "phone")}});
  } else {
    // (two lines where they fit: who, then the certificate — four labelled lines with the
    // actions in rows of three took 2 pages at 1× on 1024×600 under a call's banner)
    text = c.f("staff.resident.identity",
               {{"name", js(r, "name_masked")},
                {"id", js(r, "id_masked")},
                {"phone", js(r, "phone_masked").empty() ? c.t("staff.none") : js(r, "phone_masked")}}) +
           "\n" + cert;
  }
  using G = intent::StaffGo;
  const struct {
    const char* id;
    const char* key;
    const char* list;
    Icon icon;
    G::To to;
  } records[] = {{"staff.resident.appts", TK("staff.resident.appts_n"), "appointments", Icon::calendar, G::resident_appts},
                 {"staff.resident.apps", TK("staff.resident.apps_n"), "applications", Icon::coin, G::resident_apps},
                 {"staff.resident.changes", TK("staff.resident.changes_n"), "change_reports", Icon::list, G::resident_changes}};
  // The arrangements (Ui::best_arrangement): 0, as designed — the desk's five actions in one row
  // where their short names fit, the records by count in another; 1, the actions and then the
  // records in rows of four; 2, in rows of three; 3, 显示完整 (立即隐藏) the step's tool in the
  // caption's strip and the other four in a row of four. At 1.5–2× the five four-character names
  // never stand in fifths of 1024 px above 1× (a row of three of them under it put the card on 2
  // pages): in quarters they stand at 1.25–1.375× (1024×768), and on a portrait panel rows of
  // three leave no half-empty row (768×1366: 3+2 actions and 2+1 records, a row more).
  auto draw = [&](Ui& u, int layout) {
    u.begin("staff.resident", c.t("title.staff_resident"));
    staff_banners(u, c);
    one_step(u);
    if (revealed) {
      // An audited reveal: the full values take the masked ones' place, in a box, for a short
      // while; never read aloud (S7), never printed. Hiding is the first action.
      u.text("staff.reveal.values", full, TextStyle::banner, c.t("staff.reveal.not_spoken"));
      u.text("staff.resident.card", cert, TextStyle::body, cert);
    } else {
      u.text("staff.resident.card", text, TextStyle::body, spoken);
    }
    u.announce(spoken);
    if (c.loading) loading(u, c);
    // (3: 显示完整 / 立即隐藏 the step's tool in the caption's strip, first in the focus order
    // as it was first in the row, the other four actions in a row of four)
    const bool tool = layout == 3;
    if (!tool) u.row(layout == 0 ? 5 : layout == 1 ? 4 : 3);
    const char* first = revealed ? "staff.reveal.hide" : "staff.reveal";
    const std::string first_label = c.t(revealed ? "staff.reveal.hide" : "staff.reveal.button");
    const Icon first_icon = revealed ? Icon::cross : Icon::person;
    if (tool ? u.list_tool(first, first_label, first_icon) : u.button(first, first_label, first_icon)) {
      if (revealed)
        c.emit(intent::StaffHide{});
      else
        c.emit(intent::StaffReveal{});
    }
    if (revealed) u.default_focus("staff.reveal.hide");
    if (tool) u.row(4);
    if (u.button("staff.resident.book", c.t("staff.resident.book"), Icon::calendar)) c.emit(intent::StaffBookFor{});
    if (u.button("staff.resident.home_visit", c.t("staff.resident.home_visit"), Icon::home)) c.emit(intent::StaffHomeVisitFor{});
    if (u.button("staff.resident.apply", c.t("staff.resident.apply"), Icon::coin)) c.emit(intent::StaffApply{"application"});
    if (u.button("staff.resident.change", c.t("staff.resident.change"), Icon::list)) c.emit(intent::StaffApply{"change"});
    // What the station holds for this person, by count: each opens its list (none: not usable,
    // and says so in words, V5). While the full values show (30 s, the box above), the records
    // give way to them and come back with 立即隐藏: with both the card took 2 pages of 1024×600
    // and 1366×768 at 1×.
    if (!revealed) {
      if (layout == 0 || tool) {
        u.end_row();
        u.row(3);
      }
      for (const auto& x : records) {
        const size_t n = arr(r, x.list).size();
        if (u.button(x.id, c.f(x.key, {{"n", std::to_string(n)}}), x.icon, n > 0)) c.emit(G{x.to});
      }
    }
    u.end_row();
  };
  draw(ui, ui.best_arrangement(4, draw));
}

// A resident's records, each a list of its own reached from the card (round 10): the
// appointments (open one to act on it), the applications with their stage as a badge, the
// change reports with when they were registered. Lists of records: they page (≥ 4 a page at 1×,
// ≥ 2 at larger text), the card above them does not.
void resident_records(Ui& ui, const ScreenCtx& c, const char* screen, const char* list) {
  const json& r = c.staff.resident;
  const std::string what = list;
  ui.begin(screen, c.t(what == "appointments" ? "title.staff_resident_appts"
                       : what == "applications" ? "title.staff_resident_apps"
                                                : "title.staff_resident_changes"));
  staff_banners(ui, c);
  if (!r.is_object()) return c.app.error().active ? void() : loading(ui, c);
  const json& items = arr(r, list);
  const std::string who = spoken_name(c, js(r, "name_masked"));
  list_hint(ui, c.f(what == "appointments" ? "staff.resident.appts_hint"
                    : what == "applications" ? "staff.resident.apps_hint"
                                             : "staff.resident.changes_hint",
                    {{"name", who}, {"n", std::to_string(items.size())}}),
            items.empty());
  ui.records_begin();
  for (const auto& a : items) {
    if (what == "appointments") {
      if (appt_card(ui, c, a, true)) c.emit(intent::StaffOpenAppt{intent::id(js(a, "id"))});
    } else if (what == "applications") {
      ui.card("staff.application." + js(a, "id"), loc_field(c, a, "programme"), {relation_name(c, js(a, "agent_relation"))},
              {Icon::clipboard, loc_field(c, a, "status"), Badge::neutral}, false);
    } else {
      ui.card("staff.change." + js(a, "id"), change_name(c, js(a, "change_type")), {fmt_relative(c, js(a, "created_at"))}, {},
              false);
    }
  }
  ui.records_end();
}

void not_registered(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.not_registered", c.t("title.staff_not_registered"));
  staff_banners(ui, c);
  ui.hint(c.t("staff.not_registered_hint"));  // spoken: no ID digits (S7) …
  ui.text("staff.not_registered.id", c.f("staff.resident.id", {{"v", mask_id(c.staff.id_input)}}));  // … shown
  one_step(ui);
  ui.row(2);
  if (ui.button("staff.register_book", c.t(c.staff.purpose == "home" ? "staff.register_home_visit" : "staff.register_book"),
                Icon::calendar))
    c.emit(intent::StaffRegisterBook{});
  if (ui.button("staff.find_again", c.t("staff.find_again"), Icon::back)) c.emit(intent::PopTo{Screen::staff_find});
  ui.end_row();
}

void reveal_reason(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.reveal_reason", c.t("title.staff_reveal"));
  staff_banners(ui, c);
  ui.hint(c.t("staff.reveal.reason_hint"));
  if (c.loading) loading(ui, c);
  one_step(ui);
  ui.row(3);
  for (std::size_t i = 0; i < std::size(kRevealReasons); ++i)
    if (ui.button("staff.reveal.reason." + std::to_string(i), c.t(kRevealReasons[i]), Icon::check))
      c.emit(intent::StaffRevealReason{int(i)});
  ui.end_row();
}

// ------------------------------------------------------------------ booking for a walk-in
std::string who_line(const ScreenCtx& c) {
  if (c.staff.resident.is_object())
    return c.f("staff.book.who", {{"name", js(c.staff.resident, "name_masked")}, {"id", js(c.staff.resident, "id_masked")}});
  return c.f("staff.book.who_new", {{"id", mask_id(c.staff.id_input)}});
}

void book_kind(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.book_kind", c.t("title.staff_book_kind"));
  staff_banners(ui, c);
  ui.hint(c.staff.resident.is_object() ? c.f("staff.book.kind_hint", {{"name", spoken_name(c, js(c.staff.resident, "name_masked"))}})
                                       : c.t("staff.book.kind_hint_new"));
  bool registered = c.staff.resident.is_object();
  // (a new resident's two kinds are one step: at 2× on 1366×768 under the call banner they stood
  // one a page, "共2项可以选择。第1页，共2页"; a registered resident's six too, as the resident's)
  one_step(ui);
  ui.row(2);
  for (int i = 0; i < 6; ++i) {
    std::string k = kKinds[i];
    // Someone not yet registered has no certificate: only the kinds without one are offered.
    if (!registered && !first_timer_kind(k)) continue;
    if (ui.button("staff.kind." + k, c.t(kKindKeys[i]), kind_icon(k))) c.emit(intent::StaffPickKind{k});
  }
  ui.end_row();
}

// Booking's day step as the resident's (days7, kit::day_step): the weeks first when the station
// offers more than a week's days ("staff.book_day"), then the week's days ("staff.book_week").
void book_day(Ui& ui, const ScreenCtx& c) {
  ui.begin(c.staff.weeks.open ? "staff.book_week" : "staff.book_day", c.t("title.appt_day"));
  staff_banners(ui, c);
  day_step(ui, c, {c.staff.days, c.staff.kind, c.staff.weeks, "staff.", "staff.days.none"});
}

void book_phone(Ui& ui, const ScreenCtx& c, bool agent) {
  ui.begin(agent ? "staff.agent_phone" : "staff.book_phone", c.t(agent ? "title.staff_agent_phone" : "title.staff_book_phone"));
  ui.set_typing(true);
  staff_banners(ui, c);
  ui.hint(c.t(agent ? "staff.agent_phone_hint" : "staff.book_phone_hint"));
  const std::string& buf = agent ? c.staff.agent_phone : c.staff.phone_input;
  std::string shown = buf.empty() ? std::string("_") : phone_groups(buf);
  if (ui.field("input.phone_full", c.t("identity.phone_full_label"), shown, field_speak(c, buf))) c.emit(intent::Next{});
  // The agent's phone may be skipped: a key in the keypad's free place keeps it on one page.
  ExtraKey skip{"staff.skip_phone", c.t("staff.agent.skip"), c.t("staff.agent.skip_phone"), intent::StaffSkipPhone{}};
  keypad(ui, c, false, agent ? &skip : nullptr);
  ui.default_focus("input.phone_full");
}

void name_screen(Ui& ui, const ScreenCtx& c, bool agent) {
  ui.begin(agent ? "staff.agent_name" : "staff.book_name", c.t(agent ? "title.staff_agent_name" : "title.staff_book_name"));
  ui.set_typing(true);
  staff_banners(ui, c);
  ui.hint(c.t("staff.name_hint"));
  const std::string& buf = agent ? c.staff.agent_name : c.staff.name_input;
  text_field(ui, c, "input.name", c.t("staff.name_label"), buf);
  ui.row(2);
  if (ui.button("staff.name.next", c.t("identity.next"), Icon::right)) c.emit(intent::Next{});
  if (ui.button("staff.name.later", c.t("staff.name_later"), Icon::person)) c.emit(agent ? Intent{intent::StaffAgentNameLater{}} : Intent{intent::StaffNameLater{}});
  ui.end_row();
  ui.default_focus("input.name");
}

void book_address(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.book_address", c.t("title.staff_book_address"));
  ui.set_typing(true);
  staff_banners(ui, c);
  ui.hint(c.t("staff.address_hint"));
  one_step(ui);
  // The field, then its two choices side by side (three rows stood on two pages on 1024×600 and
  // in English on 1366×768): the registered address, or next with what was typed.
  text_field(ui, c, "input.address", c.t("staff.address_label"), c.staff.address_input);
  ui.row(2);
  if (ui.button("staff.address.registered", c.t("staff.address.registered"), Icon::home)) c.emit(intent::StaffRegisteredAddress{});
  if (ui.button("staff.address.next", c.t("identity.next"), Icon::right)) c.emit(intent::Next{});
  ui.end_row();
  ui.default_focus("staff.address.registered");
}

void book_reason(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.book_reason", c.t("title.staff_book_reason"));
  staff_banners(ui, c);
  ui.hint(c.t("appt_confirm.reason"));
  // (three reasons, one step: one row, one page — at 2× on 1366×768 and on 1024×600 they stood
  // one a line over two pages)
  one_step(ui);
  ui.row(3);
  for (const auto& r : kReasons)
    if (ui.button(std::string("staff.reason.") + r[0], c.t(r[1]), Icon::check)) c.emit(intent::StaffReason{r[0]});
  ui.end_row();
}

// The time of `kind` on `date` in `days` ("下午2:00–5:00"; "" when not there): a home visit's
// first line, whose place is the visit address on its own line.
std::string visit_slot(const ScreenCtx& c, const json& days, const std::string& date, const std::string& kind) {
  if (days.is_array())
    for (const auto& d : days)
      if (d.is_object() && js(d, "date") == date && d.contains("kinds") && d["kinds"].is_object() &&
          d["kinds"].contains(kind))
        return slot(c, d["kinds"][kind]);
  return "";
}

void book_confirm(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.book_confirm", c.t("title.appt_confirm"));
  // (what is booked and 确认预约 on one page, as the resident's confirmation: at 2× on 1920×1080
  // under the call banner the button stood on page 2)
  one_step(ui);
  staff_banners(ui, c);
  // Heard, not drawn: the title says "check" and the buttons what to press; on 1024×600 the
  // drawn hint left 确认预约 on page 2 at every text size under the call banner (staff8).
  ui.spoken_hint(c.t("staff.book.confirm_hint"));
  const std::string day_line = kit::day_line(c, c.staff.days, c.staff.date, c.staff.kind);  // kind, day: line 1
  // (what, when and where on one line, wrapped where it must: on 1024×600 a line each left
  // 确认预约 on page 2)
  // (a home visit's place is its address, the third line: "上门评定（申请人家中）" after the time
  // took a second line in English on 1024×600, and 确认预约 stood on page 2 at 1.5–2×)
  const bool visit = c.staff.kind == "home_assessment";
  const std::string when = visit ? visit_slot(c, c.staff.days, c.staff.date, c.staff.kind) : day_line;
  std::string text = kind_name(c, c.staff.kind) + "  " + fmt_date(c, c.staff.date) + "  " + when + "\n" + who_line(c);
  std::string spoken = c.f("appt_confirm.kind", {{"v", kind_name(c, c.staff.kind)}}) + c.t("punct.period") +
                       c.f("appt_confirm.date", {{"v", fmt_date(c, c.staff.date)}}) + c.t("punct.period") +
                       c.f("appt_confirm.time_place", {{"v", day_line}});
  if (!c.staff.resident.is_object()) {
    // ("姓名待核对", not "姓名：（姓名待核对）": in English "Name: (name to be checked)" took a
    // line of its own for "checked)" on 1024×600)
    text += c.t("punct.comma") + c.f("staff.book.new_phone", {{"v", phone_groups(c.staff.phone_input)}}) +
            c.t("punct.comma") +
            (c.staff.name_later || c.staff.name_input.empty() ? c.t("staff.book.name_pending")
                                                              : c.f("staff.book.new_name", {{"v", c.staff.name_input}}));
  }
  if (visit) {
    std::string addr = c.staff.registered_address || c.staff.address_input.empty() ? c.t("staff.address.registered")
                                                                                   : c.staff.address_input;
    text += "\n" + c.f("staff.book.address", {{"v", addr}}) + c.t("punct.comma") +
            c.f("staff.book.reason", {{"v", lookup(c, kReasons, c.staff.reason)}});
  }
  ui.text("staff.book.details", text, TextStyle::body, spoken);
  ui.announce(spoken);
  if (c.loading) loading(ui, c);
  ui.row(2);
  if (ui.button("staff.book.yes", c.t("appt_confirm.book"), Icon::check)) c.emit(intent::StaffBookConfirm{});
  if (ui.button("staff.book.change", c.t("appt_confirm.change"), Icon::back)) c.emit(intent::PopTo{Screen::staff_book_day});
  ui.end_row();
}

void booked(Ui& ui, const ScreenCtx& c) {
  const json& a = c.staff.booked;
  std::string bring;
  for (const auto& b : arr(a, "bring")) bring += (bring.empty() ? "" : c.t("punct.list")) + js(b, c.loc == Locale::en ? "en" : "zh");
  // Three lines (five, one a line, left 打印 and 完成 on page 2 at 1366×768 and 1024×600).
  std::string details = c.f("slip.ticket", {{"v", js(a, "ticket")}}) + "  " +
                        c.f("slip.kind", {{"v", kind_name(c, js(a, "kind"))}}) + "\n" +
                        c.f("slip.date", {{"v", fmt_date(c, js(a, "date"))}}) + "  " +
                        c.f("slip.time", {{"v", slot(c, a)}}) + "\n" +
                        c.f("slip.place", {{"v", js(a, "place")}});
  std::string spoken = details + c.t("punct.period") + (bring.empty() ? "" : c.t("slip.bring") + bring);
  for (auto& ch : spoken)
    if (ch == '\n') ch = ' ';
  // The arrangements (Ui::best_arrangement): 0, as designed — 打印凭条 and 完成 in a row under the
  // slip's details; 1, the two the step's tools in the caption's strip (Ui::list_tool, after the
  // details in the focus order), so that the details have the page: at 1.5–2× on 1024×600 the
  // row under them held the page only with the details at 1×.
  auto draw = [&](Ui& u, int layout) {
    u.begin("staff.booked", c.t("title.appt_slip"));
    one_step(u);
    staff_banners(u, c);
    u.text("staff.booked.details", details, TextStyle::heading);
    if (!bring.empty()) u.text("staff.booked.bring", c.t("slip.bring") + bring);
    u.announce(spoken);
    const std::string print = c.t(c.app.printing() ? "slip.printing" : "staff.appt.print");
    bool printed = false, done = false;
    if (layout == 0) {
      u.row(2);
      printed = u.button("staff.booked.print", print, Icon::printer, !c.app.printing());
      done = u.button("staff.booked.done", c.t("slip.done"), Icon::check);
      u.end_row();
    } else {
      printed = u.list_tool("staff.booked.print", print, Icon::printer, "", true, !c.app.printing());
      done = u.list_tool("staff.booked.done", c.t("slip.done"), Icon::check, "", true);
    }
    if (printed) c.emit(intent::StaffPrint{});
    if (done) c.emit(intent::StaffDone{});
  };
  draw(ui, ui.best_arrangement(2, draw));
}

// ------------------------------------------------------------------ applications, changes
void apply_item(Ui& ui, const ScreenCtx& c) {
  bool change = c.staff.what == "change";
  ui.begin("staff.apply_item", c.t(change ? "title.staff_change" : "title.staff_apply"), step(c, 1, 3));
  staff_banners(ui, c);
  ui.hint(c.f(change ? "staff.change_hint" : "staff.apply_hint", {{"name", spoken_name(c, js(c.staff.resident, "name_masked"))}}));
  one_step(ui);
  ui.row(4);  // (eight programmes in two rows where they fit, not four)
  // (the programmes by their short names, spoken in full: "困难残疾人生活补贴" took two lines in a
  // third of 1024×768 at 1× and a line of a half at 1.5–2×, 2 pages there)
  static_assert(std::size(kProgrammeShort) == std::size(kProgrammes) && std::size(kChanges) == std::size(kProgrammes));
  for (size_t i = 0; i < std::size(kProgrammes); ++i) {
    const char* const* p = change ? kChanges[i] : kProgrammeShort[i];
    if (ui.button(std::string("staff.item.") + p[0], c.t(p[1]), change ? Icon::list : Icon::coin, true,
                  change ? "" : c.t(kProgrammes[i][1])))
      c.emit(intent::StaffPickItem{p[0]});
  }
  ui.end_row();
}

void applicant(Ui& ui, const ScreenCtx& c) {
  // The arrangements (Ui::best_arrangement): 0, as designed — the question, then the five relations;
  // 1, the question spoken (and in the caption's strip while it is heard) but not drawn, the
  // title asking it already ("谁来办理", "Who is applying"): in English at 1.5–2× on 1024×600 and
  // 1024×768 the relations stood at 1× only under the question's line.
  auto draw = [&](Ui& u, int layout) {
    u.begin("staff.applicant", c.t("title.staff_applicant"), step(c, 2, 3));
    staff_banners(u, c);
    if (layout == 0)
      u.hint(c.t("staff.applicant_hint"));
    else
      u.spoken_hint(c.t("staff.applicant_hint"));
    one_step(u);
    u.row(3);
    for (const auto& r : kRelations)
      if (u.button(std::string("staff.applicant.") + (r[0][0] ? r[0] : "self"), c.t(r[1]), Icon::person))
        c.emit(intent::StaffApplicant{r[0]});
    u.end_row();
  };
  draw(ui, ui.best_arrangement(2, draw));
}

void apply_confirm(Ui& ui, const ScreenCtx& c) {
  bool change = c.staff.what == "change";
  ui.begin("staff.apply_confirm", c.t("title.staff_apply_confirm"), step(c, 3, 3));
  one_step(ui);
  staff_banners(ui, c);
  ui.hint(c.t("staff.apply.confirm_hint"));
  std::string what = change ? change_name(c, c.staff.item) : programme_name(c, c.staff.item);
  std::string by = c.staff.relation.empty()
                       ? c.t("relation.self")
                       : relation_name(c, c.staff.relation) + c.t("punct.comma") +
                             (c.staff.agent_name.empty() ? c.t("staff.name_pending") : c.staff.agent_name) +
                             (c.staff.agent_phone.empty() ? "" : c.t("punct.comma") + phone_groups(c.staff.agent_phone));
  std::string text = c.f(change ? "staff.apply.change_line" : "staff.apply.programme_line", {{"v", what}}) + "\n" +
                     c.f("staff.apply.for", {{"v", js(c.staff.resident, "name_masked") + "  " + js(c.staff.resident, "id_masked")}}) + "\n" +
                     c.f("staff.apply.by", {{"v", by}});
  std::string spoken = c.f(change ? "staff.apply.change_line" : "staff.apply.programme_line", {{"v", what}}) +
                       c.t("punct.period") + c.f("staff.apply.by", {{"v", c.staff.relation.empty() ? c.t("relation.self") : relation_name(c, c.staff.relation)}});
  ui.text("staff.apply.details", text, TextStyle::body, spoken);
  ui.announce(spoken);
  if (c.loading) loading(ui, c);
  ui.row(2);
  if (ui.button("staff.apply.yes", c.t("staff.apply.yes"), Icon::check)) c.emit(intent::StaffApplyConfirm{});
  if (ui.button("staff.apply.no", c.t("staff.apply.no"), Icon::back)) c.emit(intent::PopTo{Screen::staff_resident});
  ui.end_row();
}

// ------------------------------------------------------------------ work lists, calls, sync
void worklists(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.worklists", c.t("title.staff_worklists"));
  staff_banners(ui, c);
  ui.hint(c.t("staff.worklists_hint"));
  one_step(ui);
  ui.row(2);
  if (ui.button("staff.worklist.renewals", c.t("staff.worklist.renewals"), Icon::calendar)) c.emit(intent::StaffGo{intent::StaffGo::renewals});
  if (ui.button("staff.worklist.interests", c.t("staff.worklist.interests"), Icon::briefcase)) c.emit(intent::StaffGo{intent::StaffGo::interests});
  ui.end_row();
}

void renewals(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.renewals", c.t("staff.worklist.renewals"));
  staff_banners(ui, c);
  if (c.staff.renewals.is_null()) return c.app.error().active ? void() : loading(ui, c);
  list_hint(ui, c.staff.renewals.empty() ? c.t("staff.renewals.none") : c.f("staff.renewals.hint", {{"n", std::to_string(c.staff.renewals.size())}}),
            c.staff.renewals.empty());
  // One record row a resident (opens the resident): the masked name and phone, then the
  // certificate's line (already expired ones say so; the list holds both, soonest first).
  ui.records_begin();
  for (const auto& r : c.staff.renewals) {
    const json cert = r.value("certificate", json::object());
    std::string line = c.f(js(cert, "expires_on") < c.app.today() ? "staff.renewals.line_expired" : "staff.renewals.line",
                           {{"category", loc_field(c, cert, "category")},
                            {"expires", fmt_date(c, js(cert, "expires_on"))},
                            {"booked", c.t(r.value("renewal_booked", false) ? "staff.renewals.booked" : "staff.renewals.not_booked")}});
    std::string spoken = spoken_name(c, js(r, "name_masked")) + c.t("punct.comma") + line;
    if (ui.card("staff.renewal." + js(r, "id"), js(r, "name_masked") + "  " + js(r, "phone_masked"), {line}, {}, true, spoken))
      c.emit(intent::StaffOpenResident{intent::id(js(r, "id"))});
  }
  ui.records_end();
}

void interests(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.job_interests", c.t("staff.worklist.interests"));
  staff_banners(ui, c);
  if (c.staff.interests.is_null()) return c.app.error().active ? void() : loading(ui, c);
  list_hint(ui, c.staff.interests.empty() ? c.t("staff.interests.none") : c.f("staff.interests.hint", {{"n", std::to_string(c.staff.interests.size())}}),
            c.staff.interests.empty());
  // One record row an interest: the job and employer, who and when on one line, "contacted"
  // beside it.
  ui.records_begin();
  for (const auto& x : c.staff.interests) {
    std::string id = js(x, "id");
    ui.card("staff.interest." + id, js(x, "job_title") + "（" + js(x, "employer") + "）",
            {js(x, "name_masked"), js(x, "phone_masked"), fmt_relative(c, js(x, "created_at"))}, {}, false,
            js(x, "job_title") + c.t("punct.comma") + spoken_name(c, js(x, "name_masked")) + c.t("punct.comma") +
                fmt_relative(c, js(x, "created_at")));
    if (ui.button("staff.interest." + id + ".contacted", c.t("staff.interest.contacted"), Icon::check, true,
                  c.t("staff.interest.contacted") + c.t("punct.comma") + js(x, "job_title") + c.t("punct.comma") +
                      spoken_name(c, js(x, "name_masked"))))
      c.emit(intent::StaffContacted{intent::id(id)});
  }
  ui.records_end();
}

void calls(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.calls", c.t("title.staff_calls"));
  staff_banners(ui, c, false);
  json list = c.staff.calls.is_array() ? c.staff.calls : json::array();
  if (!c.staff.calls_known) return c.app.error().active ? void() : loading(ui, c);
  list_hint(ui, list.empty() ? c.t("staff.calls.none") : c.f("staff.calls.hint", {{"n", std::to_string(c.app.open_calls())}}), list.empty());
  ui.records_begin();
  for (const auto& x : list) {
    std::string id = js(x, "id");
    bool open = js(x, "status") == "open";
    // A record row: the call with its state as a badge (waiting / being handled), its action
    // beside it.
    Badge state{open ? Icon::bell : Icon::check, c.t(open ? "staff.call.open" : "staff.call.acknowledged"),
                open ? Badge::warn : Badge::good};
    ui.card("staff.call." + id, call_line(c, x), {}, state, false);
    std::string where = c.t("punct.comma") + c.f("staff.call.where", {{"terminal", js(x, "terminal")}});
    if (open) {
      if (ui.button("staff.call." + id + ".ack", c.t("staff.call.ack"), Icon::check, true, c.t("staff.call.ack") + where))
        c.emit(intent::StaffCallAck{intent::id(id)});
    } else {
      if (ui.button("staff.call." + id + ".close", c.t("staff.call.close"), Icon::check, true, c.t("staff.call.close") + where))
        c.emit(intent::StaffCallClose{intent::id(id)});
    }
  }
  ui.records_end();
}

void sync(Ui& ui, const ScreenCtx& c) {
  ui.begin("staff.sync", c.t("title.staff_sync"));
  staff_banners(ui, c);
  const json& s = c.staff.sync;
  if (s.is_null()) return c.app.error().active ? void() : loading(ui, c);
  bool configured = s.value("configured", false);
  std::string last_ok = s.contains("last_success") && s["last_success"].is_string() ? s["last_success"].get<std::string>() : "";
  std::string last_err = s.contains("last_error") && s["last_error"].is_string() ? s["last_error"].get<std::string>() : "";
  std::string text = c.t(configured ? "staff.sync.configured" : "staff.sync.not_configured") + "\n" +
                     c.f("staff.sync.pending", {{"n", js(s, "pending_events").empty() ? "0" : js(s, "pending_events")}}) + "\n" +
                     c.f("staff.sync.last_success", {{"v", last_ok.empty() ? c.t("staff.sync.never") : fmt_relative(c, last_ok)}}) +
                     (last_err.empty() || !configured ? "" : "\n" + c.f("staff.sync.last_error", {{"v", last_err}})) +
                     (s.value("running", false) ? "\n" + c.t("staff.sync.running") : "");
  one_step(ui);
  ui.text("staff.sync.status", text);
  // (heard line by line, kit::sentences: "等待上传：185条记录 上次成功：还没有" ran on before, round 10)
  ui.announce(sentences(c, text));
  if (c.loading) loading(ui, c);
  ui.row(2);
  // Not set up: the button says it cannot be used (V5: not by its colour alone).
  if (ui.button("staff.sync.now", c.t(configured ? "staff.sync.now" : "staff.sync.now_unavailable"), Icon::right, configured))
    c.emit(intent::StaffSyncNow{});
  if (ui.button("staff.sync.refresh", c.t("staff.refresh"), Icon::list)) c.emit(intent::StaffSyncRefresh{});
  ui.end_row();
}

}  // namespace

// The screen table's draw functions (core/screen.cpp).
namespace screens {

void staff_sign_in(Ui& ui, const ScreenCtx& c) { tx::sign_in(ui, c); }
void staff_pin(Ui& ui, const ScreenCtx& c) { tx::pin_screen(ui, c, "staff.pin", TK("title.staff_pin"), c.f("staff.pin_hint", {{"name", c.staff.display_name}}), ""); }
void staff_pin_old(Ui& ui, const ScreenCtx& c) { tx::pin_screen(ui, c, "staff.pin_old", TK("title.staff_pin_old"), c.t("staff.pin_old_hint"), step(c, 1, 3)); }
void staff_pin_new(Ui& ui, const ScreenCtx& c) {
  const bool change = c.staff.must_change_pin;
  tx::pin_screen(ui, c, "staff.pin_new", TK("title.staff_pin_new"),
                 c.t(change ? "staff.pin_new_first_hint" : "staff.pin_new_hint"), change ? step(c, 1, 2) : step(c, 2, 3));
}
void staff_pin_repeat(Ui& ui, const ScreenCtx& c) {
  const bool change = c.staff.must_change_pin;
  tx::pin_screen(ui, c, "staff.pin_repeat", TK("title.staff_pin_repeat"), c.t("staff.pin_repeat_hint"),
                 change ? step(c, 2, 2) : step(c, 3, 3));
}
void staff_home(Ui& ui, const ScreenCtx& c) { tx::staff_home(ui, c); }
void staff_appts(Ui& ui, const ScreenCtx& c) { tx::appts(ui, c); }
void staff_appt(Ui& ui, const ScreenCtx& c) { tx::appt(ui, c); }
void staff_resched_day(Ui& ui, const ScreenCtx& c) { tx::resched_day(ui, c); }
void staff_resched_confirm(Ui& ui, const ScreenCtx& c) { tx::resched_confirm(ui, c); }
void staff_cancel_confirm(Ui& ui, const ScreenCtx& c) { tx::cancel_confirm(ui, c); }
void staff_find(Ui& ui, const ScreenCtx& c) { tx::find(ui, c); }
void staff_resident(Ui& ui, const ScreenCtx& c) { tx::resident(ui, c); }
void staff_resident_appts(Ui& ui, const ScreenCtx& c) { tx::resident_records(ui, c, "staff.resident_appts", "appointments"); }
void staff_resident_apps(Ui& ui, const ScreenCtx& c) { tx::resident_records(ui, c, "staff.resident_apps", "applications"); }
void staff_resident_changes(Ui& ui, const ScreenCtx& c) { tx::resident_records(ui, c, "staff.resident_changes", "change_reports"); }
void staff_not_registered(Ui& ui, const ScreenCtx& c) { tx::not_registered(ui, c); }
void staff_reveal_reason(Ui& ui, const ScreenCtx& c) { tx::reveal_reason(ui, c); }
void staff_book_kind(Ui& ui, const ScreenCtx& c) { tx::book_kind(ui, c); }
void staff_book_day(Ui& ui, const ScreenCtx& c) { tx::book_day(ui, c); }
void staff_book_phone(Ui& ui, const ScreenCtx& c) { tx::book_phone(ui, c, false); }
void staff_book_name(Ui& ui, const ScreenCtx& c) { tx::name_screen(ui, c, false); }
void staff_book_address(Ui& ui, const ScreenCtx& c) { tx::book_address(ui, c); }
void staff_book_reason(Ui& ui, const ScreenCtx& c) { tx::book_reason(ui, c); }
void staff_book_confirm(Ui& ui, const ScreenCtx& c) { tx::book_confirm(ui, c); }
void staff_booked(Ui& ui, const ScreenCtx& c) { tx::booked(ui, c); }
void staff_apply_item(Ui& ui, const ScreenCtx& c) { tx::apply_item(ui, c); }
void staff_applicant(Ui& ui, const ScreenCtx& c) { tx::applicant(ui, c); }
void staff_agent_name(Ui& ui, const ScreenCtx& c) { tx::name_screen(ui, c, true); }
void staff_agent_phone(Ui& ui, const ScreenCtx& c) { tx::book_phone(ui, c, true); }
void staff_apply_confirm(Ui& ui, const ScreenCtx& c) { tx::apply_confirm(ui, c); }
void staff_worklists(Ui& ui, const ScreenCtx& c) { tx::worklists(ui, c); }
void staff_renewals(Ui& ui, const ScreenCtx& c) { tx::renewals(ui, c); }
void staff_interests(Ui& ui, const ScreenCtx& c) { tx::interests(ui, c); }
void staff_calls(Ui& ui, const ScreenCtx& c) { tx::calls(ui, c); }
void staff_sync(Ui& ui, const ScreenCtx& c) { tx::sync(ui, c); }

}  // namespace screens

}  // namespace tx
