// Staff mode of the kiosk controller (docs/kiosk.md "Staff mode"; docs/api.md "Staff API").
// The same App, screens, speech, keys and themes as the residents' kiosk; this file holds what
// only staff do: sign-in with a PIN, the session token and its idle time-out, the calls from
// kiosks (a long poll on its own connection), appointments, look-ups, bookings for walk-ins,
// applications and change reports, work lists and sync.
//
// [SECTION] Index
//   helpers, requests (token, activity)
//   sign-in, PIN change, sign-out, idle and keep-alive
//   calls from kiosks (long poll, banner, sound)
//   intents (what the staff screens ask for)
//   responses
#include <algorithm>
#include <utility>

#include "core/app.h"
#include "core/escpos.h"
#include "core/identity.h"

namespace tx {


namespace {

using nlohmann::json;

// The station's idle limit, less the warning and a margin for the kiosk's keep-alive rule
// (a request that counts as activity at most every kKeepAliveS seconds): the kiosk always
// signs out before the station would, and says so first.
constexpr double kKeepAliveS = 30;
constexpr double kWarningS = 60;
constexpr double kRevealS = 30;  // how long revealed full values stay on screen


// Screens of the booking-for-a-walk-in flow (left on Back, dropped from the stack once booked).
bool booking_screen(Screen s) {
  return s == Screen::staff_book_kind || s == Screen::staff_book_day || s == Screen::staff_book_phone ||
         s == Screen::staff_book_name || s == Screen::staff_book_address || s == Screen::staff_book_reason ||
         s == Screen::staff_book_confirm || s == Screen::staff_find || s == Screen::staff_not_registered;
}
bool apply_screen(Screen s) {
  return s == Screen::staff_apply_item || s == Screen::staff_applicant || s == Screen::staff_agent_name ||
         s == Screen::staff_agent_phone || s == Screen::staff_apply_confirm;
}


}  // namespace

int App::open_calls() const {
  int n = 0;
  if (staff_.calls.is_array())
    for (const auto& c : staff_.calls) n += c.is_object() && c.value("status", "") == "open";
  return n;
}

std::string App::staff_home_title() const {
  return f("title.staff_home", {{"name", staff_.display_name}});
}

// Every staff request carries the session token; those that are not passive at the station
// (polling calls and sync status) move the station's idle timer, and the kiosk notes when.
void App::staff_send(station::Call c) {
  const Req r = c.endpoint;
  if (!staff_.token.empty()) {
    c.http.headers.push_back({"Authorization", "Bearer " + staff_.token});
    if (r != Req::s_calls && r != Req::s_sync && r != Req::s_logout) staff_last_active_ = clock_->now();
  }
  send(std::move(c));
}

// ------------------------------------------------------------------ sign-in, sign-out, idle
void App::staff_signed_in_as(const nlohmann::json& b) {
  const json staff = b.value("staff", json::object());
  bool from_resident_kiosk = !cfg_.staff_terminal;
  staff_.signed_in = true;
  staff_.token = b.value("token", "");
  staff_.display_name = staff.value("display_name", staff_.display_name);
  staff_.must_change_pin = staff.value("must_change_pin", false);
  if (staff_.must_change_pin) staff_.login_pin = staff_.pin_input;
  staff_.pin_input.clear();
  staff_.idle_timeout_s = std::max(120, b.value("idle_timeout_s", 600));
  staff_.field_error.clear();
  IdlePolicy pol;
  pol.warning_s = kWarningS;
  pol.idle_s = staff_.idle_timeout_s - kWarningS - kKeepAliveS - 10;
  pol.speech_factor = 1;  // the station's limit does not stretch
  staff_idle_ = IdleTimer(pol);
  staff_idle_.touch(clock_->now());
  staff_last_active_ = clock_->now();
  warned_ = false;
  // Nothing a resident typed before stays on a kiosk a staff member now uses (T2).
  if (from_resident_kiosk) {
    s_ = Session{};
    s_.any_input = true;
  }
  next_calls_poll_ = clock_->now();
  stack_.assign(1, root());
  page_.clear();
  focus_.clear();
}

void App::staff_sign_out(const std::string& why_key) {
  if (!staff_.token.empty())
    send(station::staff_logout(staff_.token));
  // The logout goes out anyway; reset_session below drops every answer still awaited.
  staff_ = StaffState{};
  calls_polling_ = false;
  next_calls_poll_ = 0;
  staff_last_active_ = -1e9;
  // Back to the root (a staff PC: the sign-in; a resident kiosk: its home), with everything
  // the session showed gone and the settings restored, as after a resident's session (T2).
  reset_session(false);
  idle_.touch(clock_->now());
  announce_prefix_ = t(why_key);
  // Shown too on the sign-in screen (a banner would push the residents' home onto two pages;
  // there the announcement and its caption say it).
  if (cfg_.staff_terminal) {
    s_.notice = t(why_key);
    send(station::staff_names());
  }
}

// Any input while signed in: the station hears of it at least every kKeepAliveS seconds.
void App::staff_input(double now) {
  if (staff_.token.empty() || now - staff_last_active_ < kKeepAliveS) return;
  staff_send(station::staff_touch());
}

void App::staff_frame(double now) {
  if (!staff_.revealed.is_null() && now >= staff_.revealed_until) {
    staff_.revealed = nullptr;
    say(t("staff.reveal_hidden"), speech_lang(), false);
    need_frame_ = true;
  }
  staff_poll_calls(now);
}

// ------------------------------------------------------------------ calls from kiosks
// One long poll is always open while a staff member is signed in (on its own connection, so it
// never holds up other requests): a kiosk's call arrives within milliseconds and is shown and
// heard at once (H1); an unattended screen still signs out, as polling is passive.
void App::staff_poll_calls(double now) {
  if (!staff_.signed_in || staff_.must_change_pin || calls_polling_ || now < next_calls_poll_) return;
  calls_polling_ = true;
  staff_send(station::staff_calls(staff_.calls_known ? std::optional<uint64_t>(staff_.calls_version) : std::nullopt));
}

// ------------------------------------------------------------------ intents
void App::staff_open_resident(long id, const std::string& then) {
  staff_.resident_then = then;
  staff_send(station::staff_resident(id));
}

// A card read at the desk (find screen or the resident's card) is the in-person check of
// identity: a registration not yet verified is verified with it (the station compares the
// card's number with the registered one and audits it). Once per card read.
void App::staff_verify_by_card() {
  const std::string id = std::exchange(staff_.card_id, std::string());
  const std::string name = std::exchange(staff_.card_name, std::string());
  if (id.empty() || !staff_.resident.is_object() || staff_.resident.value("identity_verified", true)) return;
  staff_send(station::staff_verify_identity(staff_.resident.value("id", 0L), id, name));
}

void App::staff_load_appts() {
  staff_.appts = nullptr;
  staff_send(station::staff_appointments());
}

// The next step of a booking for a walk-in: a resident not yet registered gives a phone number
// and a name; a home visit needs the address and the reason; then the confirmation.
void App::staff_book_next() {
  std::vector<Screen> steps;
  bool new_resident = !staff_.resident.is_object();
  if (new_resident) steps = {Screen::staff_book_phone, Screen::staff_book_name};
  if (staff_.kind == "home_assessment") {
    steps.push_back(Screen::staff_book_address);
    steps.push_back(Screen::staff_book_reason);
  }
  steps.push_back(Screen::staff_book_confirm);
  auto at = std::find(steps.begin(), steps.end(), screen());
  push(at == steps.end() ? steps.front() : *(at + 1 == steps.end() ? at : at + 1));
}

// The staff step's submit (OK on the keypad, Enter in a field): checks the field, then the next step.
void App::staff_next() {
  auto pin_ok = [&]() {
    const std::string& p = staff_.pin_input;
    return (p.size() >= 6 && p.size() <= 12) ||
           !refuse_field(&staff_.field_error, f("staff.error.pin_length", {{"n", std::to_string(p.size())}}));
  };
  switch (screen()) {
    case Screen::staff_pin:
      if (!pin_ok()) return;
      send(station::staff_login(staff_.username, staff_.pin_input));
      return;
    case Screen::staff_pin_old:
      if (!pin_ok()) return;
      staff_.old_pin = staff_.pin_input;
      staff_.pin_input.clear();
      push(Screen::staff_pin_new);
      return;
    case Screen::staff_pin_new:
      if (!pin_ok()) return;
      staff_.new_pin = staff_.pin_input;
      staff_.pin_input.clear();
      push(Screen::staff_pin_repeat);
      return;
    case Screen::staff_pin_repeat:
      if (!pin_ok()) return;
      if (staff_.pin_input != staff_.new_pin) {
        staff_.pin_input.clear();
        staff_.new_pin.clear();
        back();
        refuse_field(&staff_.field_error, t("staff.error.pin_mismatch"));
        return;
      }
      staff_send(station::staff_pin(staff_.must_change_pin ? staff_.login_pin : staff_.old_pin, staff_.new_pin));
      staff_.pin_input.clear();
      return;
    case Screen::staff_find: {
      if (refuse_field(&staff_.field_error, id_number_problem(staff_.id_input))) return;
      staff_.id_input = normalize_id(staff_.id_input);
      staff_.resident = nullptr;
      staff_send(station::staff_search(staff_.id_input));
      return;
    }
    case Screen::staff_book_phone:
      if (refuse_field(&staff_.field_error, phone_problem(staff_.phone_input))) return;
      staff_book_next();
      return;
    case Screen::staff_book_name:
      if (staff_.name_input.empty() && !staff_.name_later &&
          refuse_field(&staff_.field_error, t("staff.error.name_missing")))
        return;
      staff_book_next();
      return;
    case Screen::staff_book_address:
      if (staff_.address_input.empty() && !staff_.registered_address &&
          refuse_field(&staff_.field_error, t("staff.error.address_missing")))
        return;
      staff_book_next();
      return;
    case Screen::staff_agent_name:
      if (staff_.agent_name.empty() && !staff_.agent_name_later &&
          refuse_field(&staff_.field_error, t("staff.error.name_missing")))
        return;
      push(Screen::staff_agent_phone);
      return;
    case Screen::staff_agent_phone:
      if (!staff_.agent_phone.empty() && !check_phone(staff_.agent_phone).ok() &&
          refuse_field(&staff_.field_error, t("error.phone_full_format")))
        return;
      push(Screen::staff_apply_confirm);
      return;
    default: return;
  }
}

void App::staff_go_sign_in() {
  staff_.names = nullptr;
  push(Screen::staff_sign_in);
  send(station::staff_names());
}

void App::on(const intent::StaffPick& x) {
  staff_.username = x.username;
  staff_.display_name = x.username;
  if (staff_.names.is_object())
    for (const auto& n : staff_.names.value("staff", json::array()))
      if (n.value("username", "") == x.username) staff_.display_name = n.value("display_name", x.username);
  staff_.pin_input.clear();
  push(Screen::staff_pin);
}
void App::on(const intent::StaffGo& x) {
  using G = intent::StaffGo;
  switch (x.to) {
    case G::today:
    case G::upcoming:
      staff_.upcoming = x.to == G::upcoming;
      push(Screen::staff_appts);
      staff_load_appts();
      break;
    case G::find:
    case G::book:
    case G::home_visit:
      staff_.purpose = x.to == G::home_visit ? "home" : x.to == G::book ? "book" : "find";
      staff_.id_input.clear();
      staff_.resident = nullptr;
      push(Screen::staff_find);
      break;
    case G::worklists: push(Screen::staff_worklists); break;
    case G::renewals:
      push(Screen::staff_renewals);
      staff_.renewals = nullptr;
      staff_send(station::staff_renewals());
      break;
    case G::interests:
      push(Screen::staff_interests);
      staff_.interests = nullptr;
      staff_send(station::staff_interests());
      break;
    case G::calls: push(Screen::staff_calls); break;
    case G::sync:
      push(Screen::staff_sync);
      staff_.sync = nullptr;
      staff_send(station::staff_sync_status());
      break;
    case G::change_pin:
      staff_.pin_input.clear();
      push(Screen::staff_pin_old);
      break;
    case G::sign_out: staff_sign_out(TK("staff.signed_out")); break;
  }
}
void App::on(const intent::StaffOpenAppt& x) {
  staff_.appt = nullptr;
  auto find_in = [&](const json& list) {
    if (list.is_array())
      for (const auto& a : list)
        if (a.value("id", 0L) == x.id) staff_.appt = a;
  };
  if (staff_.appts.is_object()) find_in(staff_.appts.value("appointments", json::array()));
  if (staff_.appt.is_null() && staff_.resident.is_object()) find_in(staff_.resident.value("appointments", json::array()));
  if (staff_.appt.is_null()) return;
  push(Screen::staff_appt);
}
void App::on(const intent::StaffTransition& x) {
  staff_send(station::staff_transition(staff_.appt.value("id", 0L), x.action));
}
void App::on(const intent::StaffPrint&) {
  if (printing_) return;
  const json& a = screen() == Screen::staff_booked ? staff_.booked : staff_.appt;
  staff_send(station::staff_slip(a.value("id", 0L)));
}
void App::on(const intent::StaffReschedule&) {
  staff_.kind = staff_.appt.value("kind", "");
  push(Screen::staff_resched_day);
  load_staff_days();
}
void App::staff_pick_day(const std::string& date) {
  staff_.date = date;
  if (screen() == Screen::staff_resched_day) push(Screen::staff_resched_confirm);
  else staff_book_next();
}
void App::on(const intent::StaffReschedConfirm&) {
  staff_send(station::staff_reschedule(staff_.appt.value("id", 0L), staff_.date));
}
void App::on(const intent::StaffCancel&) { push(Screen::staff_cancel_confirm); }
void App::on(const intent::StaffCancelConfirm&) {
  staff_send(station::staff_transition(staff_.appt.value("id", 0L), "cancel"));
}
void App::on(const intent::StaffReveal&) { push(Screen::staff_reveal_reason); }
void App::on(const intent::StaffRevealReason& x) {
  int i = std::clamp(x.index, 0, int(std::size(kRevealReasons)) - 1);
  // The reason goes to the audit log in the station's language, whatever the screen shows.
  staff_send(station::staff_reveal(staff_.resident.value("id", 0L), cat_->get(Locale::zh, kRevealReasons[i])));
}
void App::on(const intent::StaffHide&) {
  staff_.revealed = nullptr;
  say(t("staff.reveal_hidden"), speech_lang(), false);
}
void App::on(const intent::StaffBookFor&) {
  staff_.kind.clear();
  push(Screen::staff_book_kind);
}
void App::on(const intent::StaffHomeVisitFor&) {
  staff_.kind = "home_assessment";
  push(Screen::staff_book_day);
  load_staff_days();
}
void App::on(const intent::StaffRegisterBook&) {
  staff_.resident = nullptr;
  staff_.phone_input.clear();
  staff_.name_input.clear();
  staff_.name_later = false;
  if (staff_.purpose == "home") {
    staff_.kind = "home_assessment";
    push(Screen::staff_book_day);
    load_staff_days();
  } else {
    push(Screen::staff_book_kind);
  }
}
void App::on(const intent::StaffPickKind& x) {
  staff_.kind = x.kind;
  staff_.address_input.clear();
  staff_.registered_address = false;
  staff_.reason.clear();
  push(Screen::staff_book_day);
  load_staff_days();
}
void App::on(const intent::StaffNameLater&) {
  staff_.name_input.clear();
  staff_.name_later = true;
  staff_book_next();
}
void App::on(const intent::StaffRegisteredAddress&) {
  staff_.address_input.clear();
  staff_.registered_address = true;
  staff_book_next();
}
void App::on(const intent::StaffReason& x) {
  staff_.reason = x.reason;
  staff_book_next();
}
void App::on(const intent::StaffBookConfirm&) {
  json body = {{"kind", staff_.kind}, {"date", staff_.date}, {"id_number", staff_.id_input}};
  if (!staff_.resident.is_object()) {
    body["phone"] = staff_.phone_input;
    body["name"] = staff_.name_later || staff_.name_input.empty() ? cat_->get(Locale::zh, "staff.name_pending")
                                                                   : staff_.name_input;
  }
  if (staff_.kind == "home_assessment") {
    body["address"] = staff_.registered_address || staff_.address_input.empty()
                          ? cat_->get(Locale::zh, "booking.home_address_placeholder")
                          : staff_.address_input;
    body["reason"] = staff_.reason.empty() ? "severe_mobility" : staff_.reason;
  }
  staff_send(station::staff_book(body, staff_.kind == "home_assessment"));
}
void App::on(const intent::StaffApply& x) {
  staff_.what = x.what;
  staff_.item.clear();
  staff_.relation.clear();
  staff_.agent_name.clear();
  staff_.agent_phone.clear();
  staff_.agent_name_later = false;
  push(Screen::staff_apply_item);
}
void App::on(const intent::StaffPickItem& x) {
  staff_.item = x.item;
  push(Screen::staff_applicant);
}
void App::on(const intent::StaffApplicant& x) {
  staff_.relation = x.relation;
  push(x.relation.empty() ? Screen::staff_apply_confirm : Screen::staff_agent_name);
}
void App::on(const intent::StaffAgentNameLater&) {
  staff_.agent_name.clear();
  staff_.agent_name_later = true;
  push(Screen::staff_agent_phone);
}
void App::on(const intent::StaffSkipPhone&) {
  staff_.agent_phone.clear();
  push(Screen::staff_apply_confirm);
}
void App::on(const intent::StaffApplyConfirm&) {
  json body = json::object();
  if (!staff_.relation.empty()) {
    json agent = {{"relation", staff_.relation},
                  {"name", staff_.agent_name.empty() ? cat_->get(Locale::zh, "staff.name_pending") : staff_.agent_name}};
    if (!staff_.agent_phone.empty()) agent["phone"] = staff_.agent_phone;
    body["agent"] = agent;
  }
  const long resident = staff_.resident.value("id", 0L);
  if (staff_.what == "change") {
    body["change_type"] = staff_.item;
    staff_send(station::staff_change(resident, body));
  } else {
    body["programme"] = staff_.item;
    staff_send(station::staff_apply(resident, body));
  }
}
void App::on(const intent::StaffOpenResident& x) {
  staff_.resident = nullptr;
  staff_open_resident(x.id, "card");
}
void App::on(const intent::StaffContacted& x) {
  staff_send(station::staff_contacted(x.interest_id));
}
void App::on(const intent::StaffCallAck& x) {
  staff_send(station::staff_call_acknowledge(x.id));
}
void App::on(const intent::StaffCallClose& x) {
  staff_send(station::staff_call_close(x.id));
}
void App::on(const intent::StaffSyncNow&) { staff_send(station::staff_sync_now()); }
void App::on(const intent::StaffSyncRefresh&) {
  staff_.sync = nullptr;
  staff_send(station::staff_sync_status());
}
void App::on(const intent::StaffRefreshAppts&) { staff_load_appts(); }
void App::on(const intent::StaffDone&) { home(); }

// ------------------------------------------------------------------ responses
// The station no longer knows the session (401): signed out, saying whether it timed out.
void App::staff_session_lost(const std::string& code) {
  staff_sign_out(code == "session_expired" ? TK("staff.session_expired") : TK("staff.signed_out_elsewhere"));
}

// Expected failures that belong to a field or step: shown and spoken there (S10). Returns true
// when handled; other failures become the common error banner.
bool App::staff_error(const Pending& p, const HttpResponse& r, const std::string& code, const std::string& msg) {
  auto on_field = [&](const std::string& text) { return refuse_field(&staff_.field_error, text); };
  if (r.status == 401 && p.req != Req::s_login && p.req != Req::s_pin) {
    staff_session_lost(code);
    return true;
  }
  if (code == "pin_change_required") {
    staff_.must_change_pin = true;
    stack_.assign(1, Screen::staff_pin_new);
    return on_field(msg);
  }
  switch (p.req) {
    case Req::s_login:
      staff_.pin_input.clear();
      return on_field(msg);
    case Req::s_pin:
      if (code == "login_failed") {  // the old PIN was wrong: type it again
        while (stack_.size() > 1 && screen() != Screen::staff_pin_old) stack_.pop_back();
      } else {
        while (stack_.size() > 1 && screen() != Screen::staff_pin_new) stack_.pop_back();
      }
      staff_.new_pin.clear();
      staff_.pin_input.clear();
      return on_field(msg);
    case Req::s_search:
      if (code == "invalid_id_number") return on_field(msg);
      return false;
    case Req::s_book:
      if (code == "day_full" || code == "no_session") {
        while (stack_.size() > 1 && screen() != Screen::staff_book_day) stack_.pop_back();
        load_staff_days();
        s_.notice = msg;
        speak_error(msg);
        return true;
      }
      if (code == "invalid_phone" || code == "invalid_name") {
        Screen want = code == "invalid_phone" ? Screen::staff_book_phone : Screen::staff_book_name;
        while (stack_.size() > 1 && screen() != want) stack_.pop_back();
        return on_field(msg);
      }
      return false;
    case Req::s_reschedule:
      if (code == "day_full" || code == "no_session" || code == "invalid_date") {
        back();
        load_staff_days();
        s_.notice = msg;
        speak_error(msg);
        return true;
      }
      return false;
    case Req::s_sync_now:
      s_.notice = msg;
      speak_error(msg);
      return true;
    default: return false;
  }
}

void App::staff_response(const Pending& p, const HttpResponse& r) {
  static const json kEmpty = json::object();
  const json& b = r.body.is_object() ? r.body : kEmpty;
  const std::string code = r.error_code();
  const double now = clock_->now();

  // Background requests never raise a banner: the poll retries, the others are best effort.
  if (p.req == Req::s_calls) {
    calls_polling_ = false;
    if (r.status == 401) return staff_session_lost(code);
    if (!r.ok()) {
      next_calls_poll_ = now + 3;
      return;
    }
    next_calls_poll_ = now + 0.5;
    staff_.calls_known = true;
    staff_.calls_version = b.value("version", uint64_t(0));
    staff_.calls_at = now;
    json calls = json::array();
    std::vector<std::string> fresh;
    for (const auto& c : b.value("calls", json::array())) {
      std::string st = c.value("status", "");
      if (st != "open" && st != "acknowledged") continue;
      calls.push_back(c);
      long id = c.value("id", 0L);
      if (st == "open" && std::find(staff_.announced.begin(), staff_.announced.end(), id) == staff_.announced.end()) {
        staff_.announced.push_back(id);
        fresh.push_back(c.value("terminal", ""));
      }
    }
    staff_.calls = calls;
    if (!fresh.empty()) {
      // H1: a steady banner on every staff screen and, at the same moment, a chime and speech.
      std::string who;
      for (const auto& t1 : fresh) who += (who.empty() ? "" : t("punct.list")) + t1;
      speech_.alert(f("staff.call_alert", {{"terminal", who}}), speech_lang());
    }
    need_frame_ = true;
    return;
  }
  if (p.req == Req::s_logout) return;
  if (p.req == Req::s_touch) {
    if (r.status == 401) staff_session_lost(code);
    return;
  }
  if (r.status == 0 || r.status >= 500) return show_service_error(p, r);
  if (!r.ok()) {
    std::string msg = api_error_text(r);
    if (!staff_error(p, r, code, msg)) show_error(msg);
    return;
  }

  switch (p.req) {
    case Req::s_names:
      staff_.names = b;
      break;
    case Req::s_login:
      staff_signed_in_as(b);
      break;
    case Req::s_pin:
      staff_.must_change_pin = false;
      staff_.login_pin.clear();
      staff_.old_pin.clear();
      staff_.new_pin.clear();
      stack_.assign(1, Screen::staff_home);
      s_.notice = t("staff.pin_changed");
      next_calls_poll_ = now;
      last_screen_.clear();
      break;
    case Req::s_appts:
      staff_.appts = b;
      staff_.station_today = b.value("today", today_);
      break;
    case Req::s_transition: {
      json a = b.value("appointment", json::object());
      std::string st = a.value("status", "");
      staff_.appt = a;
      if (staff_.appts.is_object() && staff_.appts.contains("appointments"))
        for (auto& x : staff_.appts["appointments"])
          if (x.value("id", 0L) == a.value("id", 0L)) x = a;
      if (screen() == Screen::staff_cancel_confirm) back();
      s_.notice = st == "checked_in" ? t("staff.appt.checked_in_done")
                  : st == "no_show"  ? t("staff.appt.no_show_done")
                  : st == "completed" ? t("staff.appt.completed_done")
                                      : t("staff.appt.cancelled_done");
      say(s_.notice, speech_lang(), false);
      break;
    }
    case Req::s_slip:
      staff_print_slip(b.value("slip", json::object()));
      break;
    case Req::s_days:
      staff_.days = b.value("days", json::array());
      break;
    case Req::s_reschedule: {
      json fresh = b.value("appointment", json::object());
      staff_.appt = fresh;
      while (stack_.size() > 1 && screen() != Screen::staff_appt) stack_.pop_back();
      s_.notice = f("staff.appt.rescheduled_done", {{"ticket", fresh.value("ticket", "")}, {"date", fresh.value("date", "")}});
      say(s_.notice, speech_lang(), false);
      if (staff_.appts.is_object()) staff_load_appts();
      break;
    }
    case Req::s_search: {
      json list = b.value("residents", json::array());
      if (list.empty()) {
        staff_.card_id.clear();
        staff_.card_name.clear();
        push(Screen::staff_not_registered);
      } else {
        staff_open_resident(list[0].value("id", 0L), staff_.purpose == "book" ? "book"
                                                     : staff_.purpose == "home" ? "home"
                                                                                : "card");
      }
      break;
    }
    case Req::s_resident: {
      staff_.resident = b.value("resident", json::object());
      staff_verify_by_card();
      const std::string then = staff_.resident_then;
      if (then == "refresh") break;  // the card (or the slip) stays; its data is new
      if (then == "book") {
        push(Screen::staff_book_kind);
      } else if (then == "home") {
        staff_.kind = "home_assessment";
        push(Screen::staff_book_day);
        load_staff_days();
      } else {
        push(Screen::staff_resident);
      }
      break;
    }
    case Req::s_reveal:
      if (screen() == Screen::staff_reveal_reason) back();
      staff_.revealed = b.value("resident", json::object());
      staff_.revealed_until = now + kRevealS;
      say(f("staff.reveal_shown", {{"s", std::to_string(int(kRevealS))}}), speech_lang(), false);
      break;
    case Req::s_book: {
      staff_.booked = b.value("appointment", json::object());
      while (stack_.size() > 1 && booking_screen(screen())) stack_.pop_back();
      push(Screen::staff_booked);
      if (staff_.resident.is_object()) staff_open_resident(staff_.resident.value("id", 0L), "refresh");
      break;
    }
    case Req::s_apply:
    case Req::s_change: {
      while (stack_.size() > 1 && apply_screen(screen())) stack_.pop_back();
      s_.notice = p.req == Req::s_apply ? t("staff.apply.done_application") : t("staff.apply.done_change");
      say(s_.notice, speech_lang(), false);
      last_screen_.clear();
      staff_open_resident(staff_.resident.value("id", 0L), "refresh");
      break;
    }
    case Req::s_renewals:
      staff_.renewals = b.value("residents", json::array());
      break;
    case Req::s_interests:
      staff_.interests = b.value("interests", json::array());
      break;
    case Req::s_interest_status: {
      json x = b.value("interest", json::object());
      json kept = json::array();
      if (staff_.interests.is_array())
        for (const auto& i : staff_.interests)
          if (i.value("id", 0L) != x.value("id", 0L)) kept.push_back(i);
      staff_.interests = kept;
      s_.notice = f("staff.interest.contacted_done", {{"v", x.value("job_title", "")}});
      say(s_.notice, speech_lang(), false);
      break;
    }
    case Req::s_call_update: {
      json c = b.value("call", json::object());
      json calls = json::array();
      if (staff_.calls.is_array())
        for (const auto& x : staff_.calls) {
          if (x.value("id", 0L) != c.value("id", 0L)) calls.push_back(x);
          else if (c.value("status", "") != "closed") calls.push_back(c);
        }
      staff_.calls = calls;
      s_.notice = c.value("status", "") == "acknowledged" ? f("staff.call.ack_done", {{"terminal", c.value("terminal", "")}})
                                                          : t("staff.call.close_done");
      say(s_.notice, speech_lang(), false);
      break;
    }
    case Req::s_sync:
      staff_.sync = b.value("sync", json::object());
      break;
    case Req::s_sync_now:
      staff_.sync = b.value("sync", json::object());
      s_.notice = t("staff.sync.started");
      say(s_.notice, speech_lang(), false);
      break;
    case Req::s_verify_identity:
      s_.notice = t("staff.identity_verified");
      say(s_.notice, speech_lang(), false);
      staff_open_resident(staff_.resident.value("id", 0L), "refresh");
      break;
    default: break;
  }
}

// The printed queue slip: exactly the fields the station gives for it (never a full ID or
// phone number), with the ticket as a QR code. Printing is audited by the slip request itself.
void App::staff_print_slip(const nlohmann::json& slip) {
  const json st = slip.value("station", json::object());
  Slip out = appointment_slip(slip, st.value("name", t("slip.print_heading")), slip.value("kind_zh", slip.value("kind", "")),
                              {f("staff.slip.line_name", {{"v", slip.value("name_masked", "")}}),
                               f("staff.slip.line_queue", {{"n", std::to_string(slip.value("queue_ahead", 0))}})});
  if (!st.value("phone", "").empty()) out.lines.push_back(f("staff.slip.line_phone", {{"v", st.value("phone", "")}}));
  send_to_printer(out, t("staff.slip.printing"));
}

// Receipt printers' GB2312 fonts have no en dash: "上午9:00-11:30" on paper.
static std::string paper_dash(std::string s) {
  for (size_t i; (i = s.find("–")) != std::string::npos;) s.replace(i, std::string("–").size(), "-");
  return s;
}

// The lines both slips share: ticket, kind, date, time, place, then `after_place`, what to bring,
// and the QR code of the ticket.
Slip App::appointment_slip(const nlohmann::json& a, const std::string& heading, const std::string& kind_text,
                           const std::vector<std::string>& after_place) const {
  Slip out;
  out.heading = heading;
  out.lines = {f("slip.line_ticket", {{"v", a.value("ticket", "")}}),
               f("slip.line_kind", {{"v", kind_text}}),
               f("slip.line_date", {{"v", local_time().date(a.value("date", ""))}}),
               f("slip.line_time", {{"v", paper_dash(local_time().time_range(a.value("start", ""), a.value("end", "")))}}),
               f("slip.line_place", {{"v", a.value("place", "")}})};
  out.lines.insert(out.lines.end(), after_place.begin(), after_place.end());
  if (a.contains("bring") && a["bring"].is_array()) {
    out.lines.push_back(t("slip.bring"));
    for (const auto& x : a["bring"]) out.lines.push_back("- " + x.value("zh", ""));
  }
  out.qr_text = slip_qr_text(a.value("ticket", ""), a.value("date", ""), a.value("slip_code", ""));
  return out;
}

// Both slips (the resident's and the staff queue slip) reach the printer the same way: ESC/POS
// bytes to the configured device on the print worker; a slip that cannot be encoded, or a kiosk
// without a printer, is said and shown instead.
void App::send_to_printer(const Slip& slip, const std::string& printing_notice) {
  std::string err;
  std::string bytes = escpos_slip(slip, &err);
  if (bytes.empty() || !print_hook) {
    s_.notice = t("slip.print_failed");
    speak_error(s_.notice);
    return;
  }
  printing_ = true;
  s_.notice = printing_notice;
  say(s_.notice, speech_lang(), false);
  print_hook(bytes, cfg_.printer);
}

}  // namespace tx
