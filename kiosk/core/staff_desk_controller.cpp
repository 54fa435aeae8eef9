#include "core/staff_desk_controller.h"

#include <algorithm>
#include <utility>

#include "core/app.h"
#include "core/escpos.h"
#include "core/identity.h"

namespace tx {

using nlohmann::json;
using Req = station::Endpoint;

namespace {

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

void StaffDeskController::frame(double now) {
  if (!app_.staff_.revealed.is_null() && now >= app_.staff_.revealed_until) {
    app_.staff_.revealed = nullptr;
    app_.say(app_.t("staff.reveal_hidden"), app_.speech_lang(), false);
    app_.need_frame_ = true;
  }
  poll_calls(now);
}

// One long poll is always open while a staff member is signed in (on its own connection, so it
// never holds up other requests): a kiosk's call arrives within milliseconds and is shown and
// heard at once (H1); an unattended screen still signs out, as polling is passive.
void StaffDeskController::poll_calls(double now) {
  if (!app_.staff_.signed_in || app_.staff_.must_change_pin || app_.calls_polling_ || now < app_.next_calls_poll_) return;
  app_.calls_polling_ = true;
  app_.staff_send(station::staff_calls(app_.staff_.calls_known ? std::optional<uint64_t>(app_.staff_.calls_version) : std::nullopt));
}

void StaffDeskController::open_resident(long id, const std::string& then) {
  app_.staff_.resident_then = then;
  app_.staff_send(station::staff_resident(id));
}

// A card read at the desk (find screen or the resident's card) is the in-person check of
// identity: a registration not yet verified is verified with it (the station compares the
// card's number with the registered one and audits it). Once per card read.
void StaffDeskController::verify_by_card() {
  const std::string id = std::exchange(app_.staff_.card_id, std::string());
  const std::string name = std::exchange(app_.staff_.card_name, std::string());
  if (id.empty() || !app_.staff_.resident.is_object() || app_.staff_.resident.value("identity_verified", true)) return;
  app_.staff_send(station::staff_verify_identity(app_.staff_.resident.value("id", 0L), id, name));
}

void StaffDeskController::load_appts() {
  app_.staff_.appts = nullptr;
  app_.staff_send(station::staff_appointments());
}

// The next step of a booking for a walk-in: a resident not yet registered gives a phone number
// and a name; a home visit needs the address and the reason; then the confirmation.
void StaffDeskController::book_next() {
  std::vector<Screen> steps;
  bool new_resident = !app_.staff_.resident.is_object();
  if (new_resident) steps = {Screen::staff_book_phone, Screen::staff_book_name};
  if (app_.staff_.kind == "home_assessment") {
    steps.push_back(Screen::staff_book_address);
    steps.push_back(Screen::staff_book_reason);
  }
  steps.push_back(Screen::staff_book_confirm);
  auto at = std::find(steps.begin(), steps.end(), app_.screen());
  app_.push(at == steps.end() ? steps.front() : *(at + 1 == steps.end() ? at : at + 1));
}

// The staff step's submit (OK on the keypad, Enter in a field): checks the field, then the next step.
void StaffDeskController::next() {
  if (app_.sign_in_.next()) return;  // a PIN screen
  switch (app_.screen()) {
    case Screen::staff_find: {
      if (app_.refuse_field(&app_.staff_.field_error, app_.id_number_problem(app_.staff_.id_input))) return;
      app_.staff_.id_input = normalize_id(app_.staff_.id_input);
      app_.staff_.resident = nullptr;
      app_.staff_send(station::staff_search(app_.staff_.id_input));
      return;
    }
    case Screen::staff_book_phone:
      if (app_.refuse_field(&app_.staff_.field_error, app_.phone_problem(app_.staff_.phone_input))) return;
      book_next();
      return;
    case Screen::staff_book_name:
      if (app_.staff_.name_input.empty() && !app_.staff_.name_later &&
          app_.refuse_field(&app_.staff_.field_error, app_.t("staff.error.name_missing")))
        return;
      book_next();
      return;
    case Screen::staff_book_address:
      if (app_.staff_.address_input.empty() && !app_.staff_.registered_address &&
          app_.refuse_field(&app_.staff_.field_error, app_.t("staff.error.address_missing")))
        return;
      book_next();
      return;
    case Screen::staff_agent_name:
      if (app_.staff_.agent_name.empty() && !app_.staff_.agent_name_later &&
          app_.refuse_field(&app_.staff_.field_error, app_.t("staff.error.name_missing")))
        return;
      app_.push(Screen::staff_agent_phone);
      return;
    case Screen::staff_agent_phone:
      if (!app_.staff_.agent_phone.empty() && !check_phone(app_.staff_.agent_phone).ok() &&
          app_.refuse_field(&app_.staff_.field_error, app_.t("error.phone_full_format")))
        return;
      app_.push(Screen::staff_apply_confirm);
      return;
    default: return;
  }
}

void StaffDeskController::on(const intent::StaffGo& x) {
  using G = intent::StaffGo;
  switch (x.to) {
    case G::today:
    case G::upcoming:
      app_.staff_.upcoming = x.to == G::upcoming;
      app_.push(Screen::staff_appts);
      load_appts();
      break;
    case G::find:
    case G::book:
    case G::home_visit:
      app_.staff_.purpose = x.to == G::home_visit ? "home" : x.to == G::book ? "book" : "find";
      app_.staff_.id_input.clear();
      app_.staff_.resident = nullptr;
      app_.push(Screen::staff_find);
      break;
    case G::worklists: app_.push(Screen::staff_worklists); break;
    case G::renewals:
      app_.push(Screen::staff_renewals);
      app_.staff_.renewals = nullptr;
      app_.staff_send(station::staff_renewals());
      break;
    case G::interests:
      app_.push(Screen::staff_interests);
      app_.staff_.interests = nullptr;
      app_.staff_send(station::staff_interests());
      break;
    case G::calls: app_.push(Screen::staff_calls); break;
    case G::sync:
      app_.push(Screen::staff_sync);
      app_.staff_.sync = nullptr;
      app_.staff_send(station::staff_sync_status());
      break;
    case G::change_pin: app_.sign_in_.change_pin(); break;
    case G::sign_out: app_.sign_in_.sign_out(TK("staff.signed_out")); break;
    case G::resident_appts: app_.push(Screen::staff_resident_appts); break;
    case G::resident_apps: app_.push(Screen::staff_resident_apps); break;
    case G::resident_changes: app_.push(Screen::staff_resident_changes); break;
  }
}

void StaffDeskController::on(const intent::StaffOpenAppt& x) {
  app_.staff_.appt = nullptr;
  auto find_in = [&](const json& list) {
    if (list.is_array())
      for (const auto& a : list)
        if (a.value("id", 0L) == x.id) app_.staff_.appt = a;
  };
  if (app_.staff_.appts.is_object()) find_in(app_.staff_.appts.value("appointments", json::array()));
  if (app_.staff_.appt.is_null() && app_.staff_.resident.is_object()) find_in(app_.staff_.resident.value("appointments", json::array()));
  if (app_.staff_.appt.is_null()) return;
  app_.push(Screen::staff_appt);
}

void StaffDeskController::on(const intent::StaffTransition& x) {
  app_.staff_send(station::staff_transition(app_.staff_.appt.value("id", 0L), x.action));
}

void StaffDeskController::on(const intent::StaffPrint&) {
  if (app_.printing_) return;
  const json& a = app_.screen() == Screen::staff_booked ? app_.staff_.booked : app_.staff_.appt;
  app_.staff_send(station::staff_slip(a.value("id", 0L)));
}

void StaffDeskController::on(const intent::StaffReschedule&) {
  app_.staff_.kind = app_.staff_.appt.value("kind", "");
  app_.push(Screen::staff_resched_day);
  load_days();
}

void StaffDeskController::pick_day(const std::string& date) {
  app_.staff_.date = date;
  if (app_.screen() == Screen::staff_resched_day) app_.push(Screen::staff_resched_confirm);
  else book_next();
}

void StaffDeskController::on(const intent::StaffReschedConfirm&) {
  app_.staff_send(station::staff_reschedule(app_.staff_.appt.value("id", 0L), app_.staff_.date));
}

void StaffDeskController::on(const intent::StaffCancel&) { app_.push(Screen::staff_cancel_confirm); }

void StaffDeskController::on(const intent::StaffCancelConfirm&) {
  app_.staff_send(station::staff_transition(app_.staff_.appt.value("id", 0L), "cancel"));
}

void StaffDeskController::on(const intent::StaffReveal&) { app_.push(Screen::staff_reveal_reason); }

void StaffDeskController::on(const intent::StaffRevealReason& x) {
  int i = std::clamp(x.index, 0, int(std::size(kRevealReasons)) - 1);
  // The reason goes to the audit log in the station's language, whatever the screen shows.
  app_.staff_send(station::staff_reveal(app_.staff_.resident.value("id", 0L), app_.cat_->get(Locale::zh, kRevealReasons[i])));
}

void StaffDeskController::on(const intent::StaffHide&) {
  app_.staff_.revealed = nullptr;
  app_.say(app_.t("staff.reveal_hidden"), app_.speech_lang(), false);
}

void StaffDeskController::on(const intent::StaffBookFor&) {
  app_.staff_.kind.clear();
  app_.push(Screen::staff_book_kind);
}

void StaffDeskController::on(const intent::StaffHomeVisitFor&) {
  app_.staff_.kind = "home_assessment";
  open_book_day();
}

void StaffDeskController::on(const intent::StaffRegisterBook&) {
  app_.staff_.resident = nullptr;
  app_.staff_.phone_input.clear();
  app_.staff_.name_input.clear();
  app_.staff_.name_later = false;
  if (app_.staff_.purpose == "home") {
    app_.staff_.kind = "home_assessment";
    open_book_day();
  } else {
    app_.push(Screen::staff_book_kind);
  }
}

void StaffDeskController::on(const intent::StaffPickKind& x) {
  app_.staff_.kind = x.kind;
  app_.staff_.address_input.clear();
  app_.staff_.registered_address = false;
  app_.staff_.reason.clear();
  open_book_day();
}

void StaffDeskController::on(const intent::StaffNameLater&) {
  app_.staff_.name_input.clear();
  app_.staff_.name_later = true;
  book_next();
}

void StaffDeskController::on(const intent::StaffRegisteredAddress&) {
  app_.staff_.address_input.clear();
  app_.staff_.registered_address = true;
  book_next();
}

void StaffDeskController::on(const intent::StaffReason& x) {
  app_.staff_.reason = x.reason;
  book_next();
}

void StaffDeskController::on(const intent::StaffBookConfirm&) {
  json body = {{"kind", app_.staff_.kind}, {"date", app_.staff_.date}, {"id_number", app_.staff_.id_input}};
  if (!app_.staff_.resident.is_object()) {
    body["phone"] = app_.staff_.phone_input;
    body["name"] = app_.staff_.name_later || app_.staff_.name_input.empty() ? app_.cat_->get(Locale::zh, "staff.name_pending")
                                                                   : app_.staff_.name_input;
  }
  if (app_.staff_.kind == "home_assessment") {
    body["address"] = app_.staff_.registered_address || app_.staff_.address_input.empty()
                          ? app_.cat_->get(Locale::zh, "booking.home_address_placeholder")
                          : app_.staff_.address_input;
    body["reason"] = app_.staff_.reason.empty() ? "severe_mobility" : app_.staff_.reason;
  }
  app_.staff_send(station::staff_book(body, app_.staff_.kind == "home_assessment"));
}

void StaffDeskController::on(const intent::StaffApply& x) {
  app_.staff_.what = x.what;
  app_.staff_.item.clear();
  app_.staff_.relation.clear();
  app_.staff_.agent_name.clear();
  app_.staff_.agent_phone.clear();
  app_.staff_.agent_name_later = false;
  app_.push(Screen::staff_apply_item);
}

void StaffDeskController::on(const intent::StaffPickItem& x) {
  app_.staff_.item = x.item;
  app_.push(Screen::staff_applicant);
}

void StaffDeskController::on(const intent::StaffApplicant& x) {
  app_.staff_.relation = x.relation;
  app_.push(x.relation.empty() ? Screen::staff_apply_confirm : Screen::staff_agent_name);
}

void StaffDeskController::on(const intent::StaffAgentNameLater&) {
  app_.staff_.agent_name.clear();
  app_.staff_.agent_name_later = true;
  app_.push(Screen::staff_agent_phone);
}

void StaffDeskController::on(const intent::StaffSkipPhone&) {
  app_.staff_.agent_phone.clear();
  app_.push(Screen::staff_apply_confirm);
}

void StaffDeskController::on(const intent::StaffApplyConfirm&) {
  json body = json::object();
  if (!app_.staff_.relation.empty()) {
    json agent = {{"relation", app_.staff_.relation},
                  {"name", app_.staff_.agent_name.empty() ? app_.cat_->get(Locale::zh, "staff.name_pending") : app_.staff_.agent_name}};
    if (!app_.staff_.agent_phone.empty()) agent["phone"] = app_.staff_.agent_phone;
    body["agent"] = agent;
  }
  const long resident = app_.staff_.resident.value("id", 0L);
  if (app_.staff_.what == "change") {
    body["change_type"] = app_.staff_.item;
    app_.staff_send(station::staff_change(resident, body));
  } else {
    body["programme"] = app_.staff_.item;
    app_.staff_send(station::staff_apply(resident, body));
  }
}

void StaffDeskController::on(const intent::StaffOpenResident& x) {
  app_.staff_.resident = nullptr;
  open_resident(x.id, "card");
}

void StaffDeskController::on(const intent::StaffContacted& x) {
  app_.staff_send(station::staff_contacted(x.interest_id));
}

void StaffDeskController::on(const intent::StaffCallAck& x) {
  app_.staff_send(station::staff_call_acknowledge(x.id));
}

void StaffDeskController::on(const intent::StaffCallClose& x) {
  app_.staff_send(station::staff_call_close(x.id));
}

void StaffDeskController::on(const intent::StaffSyncNow&) { app_.staff_send(station::staff_sync_now()); }

void StaffDeskController::on(const intent::StaffSyncRefresh&) {
  app_.staff_.sync = nullptr;
  app_.staff_send(station::staff_sync_status());
}

void StaffDeskController::on(const intent::StaffRefreshAppts&) { load_appts(); }

void StaffDeskController::on(const intent::StaffDone&) { app_.home(); }

// Expected failures that belong to a field or step: shown and spoken there (S10). Returns true
// when handled; other failures become the common error banner.
bool StaffDeskController::refused(station::Endpoint e, const std::string& code, const std::string& msg) {
  auto on_field = [&](const std::string& text) { return app_.refuse_field(&app_.staff_.field_error, text); };
  switch (e) {
    case Req::s_search:
      if (code == "invalid_id_number") return on_field(msg);
      return false;
    case Req::s_book:
      if (code == "day_full" || code == "no_session") {
        while (app_.stack_.size() > 1 && app_.screen() != Screen::staff_book_day) app_.stack_.pop_back();
        load_days();
        app_.s_.notice = msg;
        app_.speak_error(msg);
        return true;
      }
      if (code == "invalid_phone" || code == "invalid_name") {
        Screen want = code == "invalid_phone" ? Screen::staff_book_phone : Screen::staff_book_name;
        while (app_.stack_.size() > 1 && app_.screen() != want) app_.stack_.pop_back();
        return on_field(msg);
      }
      return false;
    case Req::s_reschedule:
      if (code == "day_full" || code == "no_session" || code == "invalid_date") {
        app_.back();
        load_days();
        app_.s_.notice = msg;
        app_.speak_error(msg);
        return true;
      }
      return false;
    case Req::s_sync_now:
      app_.s_.notice = msg;
      app_.speak_error(msg);
      return true;
    default: return false;
  }
}

bool StaffDeskController::answer(station::Endpoint e, const nlohmann::json& b) {
  const double now = app_.clock_->now();
  switch (e) {
    case Req::s_appts:
      app_.staff_.appts = b;
      app_.staff_.station_today = b.value("today", app_.today_);
      break;
    case Req::s_transition: {
      json a = b.value("appointment", json::object());
      std::string st = a.value("status", "");
      app_.staff_.appt = a;
      if (app_.staff_.appts.is_object() && app_.staff_.appts.contains("appointments"))
        for (auto& x : app_.staff_.appts["appointments"])
          if (x.value("id", 0L) == a.value("id", 0L)) x = a;
      if (app_.screen() == Screen::staff_cancel_confirm) app_.back();
      app_.s_.notice = st == "checked_in" ? app_.t("staff.appt.checked_in_done")
                  : st == "no_show"  ? app_.t("staff.appt.no_show_done")
                  : st == "completed" ? app_.t("staff.appt.completed_done")
                                      : app_.t("staff.appt.cancelled_done");
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      break;
    }
    case Req::s_slip:
      print_slip(b.value("slip", json::object()));
      break;
    case Req::s_days:
      app_.staff_.days = b.value("days", json::array());
      break;
    case Req::s_reschedule: {
      json fresh = b.value("appointment", json::object());
      app_.staff_.appt = fresh;
      while (app_.stack_.size() > 1 && app_.screen() != Screen::staff_appt) app_.stack_.pop_back();
      app_.s_.notice = app_.f("staff.appt.rescheduled_done", {{"ticket", fresh.value("ticket", "")}, {"date", fresh.value("date", "")}});
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      if (app_.staff_.appts.is_object()) load_appts();
      break;
    }
    case Req::s_search: {
      json list = b.value("residents", json::array());
      if (list.empty()) {
        app_.staff_.card_id.clear();
        app_.staff_.card_name.clear();
        app_.push(Screen::staff_not_registered);
      } else {
        open_resident(list[0].value("id", 0L), app_.staff_.purpose == "book" ? "book"
                                                     : app_.staff_.purpose == "home" ? "home"
                                                                                : "card");
      }
      break;
    }
    case Req::s_resident: {
      app_.staff_.resident = b.value("resident", json::object());
      verify_by_card();
      const std::string then = app_.staff_.resident_then;
      if (then == "refresh") break;  // the card (or the slip) stays; its data is new
      if (then == "book") {
        app_.push(Screen::staff_book_kind);
      } else if (then == "home") {
        app_.staff_.kind = "home_assessment";
        open_book_day();
      } else {
        app_.push(Screen::staff_resident);
      }
      break;
    }
    case Req::s_reveal:
      if (app_.screen() == Screen::staff_reveal_reason) app_.back();
      app_.staff_.revealed = b.value("resident", json::object());
      app_.staff_.revealed_until = now + kRevealS;
      app_.say(app_.f("staff.reveal_shown", {{"s", std::to_string(int(kRevealS))}}), app_.speech_lang(), false);
      break;
    case Req::s_book: {
      app_.staff_.booked = b.value("appointment", json::object());
      while (app_.stack_.size() > 1 && booking_screen(app_.screen())) app_.stack_.pop_back();
      app_.push(Screen::staff_booked);
      if (app_.staff_.resident.is_object()) open_resident(app_.staff_.resident.value("id", 0L), "refresh");
      break;
    }
    case Req::s_apply:
    case Req::s_change: {
      while (app_.stack_.size() > 1 && apply_screen(app_.screen())) app_.stack_.pop_back();
      app_.s_.notice = e == Req::s_apply ? app_.t("staff.apply.done_application") : app_.t("staff.apply.done_change");
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      app_.last_screen_.clear();
      open_resident(app_.staff_.resident.value("id", 0L), "refresh");
      break;
    }
    case Req::s_renewals:
      app_.staff_.renewals = b.value("residents", json::array());
      break;
    case Req::s_interests:
      app_.staff_.interests = b.value("interests", json::array());
      break;
    case Req::s_interest_status: {
      json x = b.value("interest", json::object());
      json kept = json::array();
      if (app_.staff_.interests.is_array())
        for (const auto& i : app_.staff_.interests)
          if (i.value("id", 0L) != x.value("id", 0L)) kept.push_back(i);
      app_.staff_.interests = kept;
      app_.s_.notice = app_.f("staff.interest.contacted_done", {{"v", x.value("job_title", "")}});
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      break;
    }
    case Req::s_call_update: {
      json c = b.value("call", json::object());
      json calls = json::array();
      if (app_.staff_.calls.is_array())
        for (const auto& x : app_.staff_.calls) {
          if (x.value("id", 0L) != c.value("id", 0L)) calls.push_back(x);
          else if (c.value("status", "") != "closed") calls.push_back(c);
        }
      app_.staff_.calls = calls;
      app_.s_.notice = c.value("status", "") == "acknowledged" ? app_.f("staff.call.ack_done", {{"terminal", c.value("terminal", "")}})
                                                          : app_.t("staff.call.close_done");
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      break;
    }
    case Req::s_sync:
      app_.staff_.sync = b.value("sync", json::object());
      break;
    case Req::s_sync_now:
      app_.staff_.sync = b.value("sync", json::object());
      app_.s_.notice = app_.t("staff.sync.started");
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      break;
    case Req::s_verify_identity:
      app_.s_.notice = app_.t("staff.identity_verified");
      app_.say(app_.s_.notice, app_.speech_lang(), false);
      open_resident(app_.staff_.resident.value("id", 0L), "refresh");
      break;
    default: return false;
  }
  return true;
}

// The printed queue slip: exactly the fields the station gives for it (never a full ID or
// phone number), with the ticket as a QR code. Printing is audited by the slip request itself.
void StaffDeskController::print_slip(const nlohmann::json& slip) {
  const json st = slip.value("station", json::object());
  Slip out = app_.appointment_slip(slip, st.value("name", app_.t("slip.print_heading")), slip.value("kind_zh", slip.value("kind", "")),
                              {app_.f("staff.slip.line_name", {{"v", slip.value("name_masked", "")}}),
                               app_.f("staff.slip.line_queue", {{"n", std::to_string(slip.value("queue_ahead", 0))}})});
  if (!st.value("phone", "").empty()) out.lines.push_back(app_.f("staff.slip.line_phone", {{"v", st.value("phone", "")}}));
  app_.send_to_printer(out, app_.t("staff.slip.printing"));
}

// Booking's day step, entered afresh: the days of the kind chosen, by week as the resident's
// (the weeks first when more than a week's days; WeekPick).
void StaffDeskController::open_book_day() {
  app_.staff_.weeks = {};
  app_.push(Screen::staff_book_day);
  load_days();
}

void StaffDeskController::load_days() {
  app_.staff_.days = nullptr;
  auto [from, to] = app_.days_range(0);
  app_.staff_send(station::staff_days(app_.staff_.kind, from, to));
}


// The calls long poll's answer (background: never a banner; a failure is polled again in 3 s).
bool StaffDeskController::background(station::Endpoint e, const HttpResponse& r) {
  if (e == Req::s_logout) return true;
  if (e == Req::s_touch) {
    if (r.status == 401) app_.sign_in_.session_lost(r.error_code());
    return true;
  }
  if (e != Req::s_calls) return false;
  static const json kEmpty = json::object();
  const json& b = r.body.is_object() ? r.body : kEmpty;
  const double now = app_.clock_->now();
  app_.calls_polling_ = false;
  if (r.status == 401) {
    app_.sign_in_.session_lost(r.error_code());
    return true;
  }
  if (!r.ok()) {
    app_.next_calls_poll_ = now + 3;
    return true;
  }
  app_.next_calls_poll_ = now + 0.5;
  app_.staff_.calls_known = true;
  app_.staff_.calls_version = b.value("version", uint64_t(0));
  app_.staff_.calls_at = now;
  json calls = json::array();
  std::vector<std::string> fresh;
  for (const auto& c : b.value("calls", json::array())) {
    std::string st = c.value("status", "");
    if (st != "open" && st != "acknowledged") continue;
    calls.push_back(c);
    long id = c.value("id", 0L);
    if (st == "open" && std::find(app_.staff_.announced.begin(), app_.staff_.announced.end(), id) == app_.staff_.announced.end()) {
      app_.staff_.announced.push_back(id);
      // (each kiosk named once: a resident who pressed 呼叫 six times was heard as "kiosk-1、
      // kiosk-1、…" six times, round 10)
      const std::string t = c.value("terminal", "");
      if (std::find(fresh.begin(), fresh.end(), t) == fresh.end()) fresh.push_back(t);
    }
  }
  app_.staff_.calls = calls;
  if (!fresh.empty()) {
    // H1: a steady banner on every staff screen and, at the same moment, a chime and speech.
    std::string terminals;
    for (const auto& t1 : fresh) terminals += (terminals.empty() ? "" : app_.t("punct.list")) + t1;
    app_.speech_.alert(app_.f("staff.call_alert", {{"terminal", terminals}}), app_.speech_lang());
  }
  app_.need_frame_ = true;
  return true;
}

}  // namespace tx
