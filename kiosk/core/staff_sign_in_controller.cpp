#include "core/staff_sign_in_controller.h"

#include <algorithm>

#include "core/app.h"

namespace tx {

using nlohmann::json;
using Req = station::Endpoint;

void StaffSignInController::signed_in_as(const nlohmann::json& b) {
  const json staff = b.value("staff", json::object());
  bool from_resident_kiosk = !app_.cfg_.staff_terminal;
  app_.staff_.signed_in = true;
  app_.staff_.token = b.value("token", "");
  app_.staff_.display_name = staff.value("display_name", app_.staff_.display_name);
  app_.staff_.must_change_pin = staff.value("must_change_pin", false);
  if (app_.staff_.must_change_pin) app_.staff_.login_pin = app_.staff_.pin_input;
  app_.staff_.pin_input.clear();
  app_.staff_.idle_timeout_s = std::max(120, b.value("idle_timeout_s", 600));
  app_.staff_.field_error.clear();
  IdlePolicy pol;
  pol.warning_s = kWarningS;
  pol.idle_s = app_.staff_.idle_timeout_s - kWarningS - kKeepAliveS - 10;
  pol.speech_factor = 1;  // the station's limit does not stretch
  app_.staff_idle_ = IdleTimer(pol);
  app_.staff_idle_.touch(app_.clock_->now());
  app_.staff_last_active_ = app_.clock_->now();
  app_.warned_ = false;
  // Nothing a resident typed before stays on a kiosk a staff member now uses (T2).
  if (from_resident_kiosk) {
    app_.s_ = Session{};
    app_.s_.any_input = true;
  }
  app_.next_calls_poll_ = app_.clock_->now();
  app_.stack_.assign(1, app_.root());
  app_.page_.clear();
  app_.focus_.clear();
}

void StaffSignInController::sign_out(const std::string& why_key) {
  if (!app_.staff_.token.empty())
    app_.send(station::staff_logout(app_.staff_.token));
  // The logout goes out anyway; reset_session below drops every answer still awaited.
  app_.staff_ = StaffState{};
  app_.calls_polling_ = false;
  app_.next_calls_poll_ = 0;
  app_.staff_last_active_ = -1e9;
  // Back to the root (a staff PC: the sign-in; a resident kiosk: its home), with everything
  // the session showed gone and the settings restored, as after a resident's session (T2).
  app_.reset_session(false);
  app_.idle_.touch(app_.clock_->now());
  app_.announce_prefix_ = app_.t(why_key);
  // Shown too on the sign-in screen (a banner would push the residents' home onto two pages;
  // there the announcement and its caption say it).
  if (app_.cfg_.staff_terminal) {
    app_.s_.notice = app_.t(why_key);
    app_.send(station::staff_names());
  }
}

void StaffSignInController::open() {
  app_.staff_.names = nullptr;
  app_.push(Screen::staff_sign_in);
  app_.send(station::staff_names());
}

void StaffSignInController::on(const intent::StaffPick& x) {
  app_.staff_.username = x.username;
  app_.staff_.display_name = x.username;
  if (app_.staff_.names.is_object())
    for (const auto& n : app_.staff_.names.value("staff", json::array()))
      if (n.value("username", "") == x.username) app_.staff_.display_name = n.value("display_name", x.username);
  app_.staff_.pin_input.clear();
  app_.push(Screen::staff_pin);
}

// The station no longer knows the session (401): signed out, saying whether it timed out.
void StaffSignInController::session_lost(const std::string& code) {
  sign_out(code == "session_expired" ? TK("staff.session_expired") : TK("staff.signed_out_elsewhere"));
}


// A PIN screen's submit: checks the length, then signs in or takes the next PIN of a change.
bool StaffSignInController::next() {
  auto pin_ok = [&]() {
    const std::string& p = app_.staff_.pin_input;
    return (p.size() >= 6 && p.size() <= 12) ||
           !app_.refuse_field(&app_.staff_.field_error, app_.f("staff.error.pin_length", {{"n", std::to_string(p.size())}}));
  };
  switch (app_.screen()) {
    case Screen::staff_pin:
      if (!pin_ok()) return true;
      app_.send(station::staff_login(app_.staff_.username, app_.staff_.pin_input));
      return true;
    case Screen::staff_pin_old:
      if (!pin_ok()) return true;
      app_.staff_.old_pin = app_.staff_.pin_input;
      app_.staff_.pin_input.clear();
      app_.push(Screen::staff_pin_new);
      return true;
    case Screen::staff_pin_new:
      if (!pin_ok()) return true;
      app_.staff_.new_pin = app_.staff_.pin_input;
      app_.staff_.pin_input.clear();
      app_.push(Screen::staff_pin_repeat);
      return true;
    case Screen::staff_pin_repeat:
      if (!pin_ok()) return true;
      if (app_.staff_.pin_input != app_.staff_.new_pin) {
        app_.staff_.pin_input.clear();
        app_.staff_.new_pin.clear();
        app_.back();
        app_.refuse_field(&app_.staff_.field_error, app_.t("staff.error.pin_mismatch"));
        return true;
      }
      app_.staff_send(station::staff_pin(app_.staff_.must_change_pin ? app_.staff_.login_pin : app_.staff_.old_pin, app_.staff_.new_pin));
      app_.staff_.pin_input.clear();
      return true;
    default: return false;
  }
}

void StaffSignInController::change_pin() {
  app_.staff_.pin_input.clear();
  app_.push(Screen::staff_pin_old);
}

bool StaffSignInController::answer(station::Endpoint e, const nlohmann::json& b) {
  switch (e) {
    case Req::s_names:
      app_.staff_.names = b;
      return true;
    case Req::s_login:
      app_.sign_in_.signed_in_as(b);
      return true;
    case Req::s_pin:
      app_.staff_.must_change_pin = false;
      app_.staff_.login_pin.clear();
      app_.staff_.old_pin.clear();
      app_.staff_.new_pin.clear();
      app_.stack_.assign(1, Screen::staff_home);
      app_.s_.notice = app_.t("staff.pin_changed");
      app_.next_calls_poll_ = app_.clock_->now();
      app_.last_screen_.clear();
      return true;
    default: return false;
  }
}

// A staff request refused: the session is gone (401, but for a wrong PIN), a PIN change is
// required first, or the PIN typed was wrong (said at its field, S10). true when handled.
bool StaffSignInController::refused(station::Endpoint e, int status, const std::string& code, const std::string& msg) {
  if (e < Req::s_names) return false;  // a resident's request
  auto on_field = [&](const std::string& text) { return app_.refuse_field(&app_.staff_.field_error, text); };
  if (status == 401 && e != Req::s_login && e != Req::s_pin) {
    session_lost(code);
    return true;
  }
  if (code == "pin_change_required") {
    app_.staff_.must_change_pin = true;
    app_.stack_.assign(1, Screen::staff_pin_new);
    return on_field(msg);
  }
  switch (e) {
    case Req::s_login:
      app_.staff_.pin_input.clear();
      return on_field(msg);
    case Req::s_pin:
      if (code == "login_failed") {  // the old PIN was wrong: type it again
        while (app_.stack_.size() > 1 && app_.screen() != Screen::staff_pin_old) app_.stack_.pop_back();
      } else {
        while (app_.stack_.size() > 1 && app_.screen() != Screen::staff_pin_new) app_.stack_.pop_back();
      }
      app_.staff_.new_pin.clear();
      app_.staff_.pin_input.clear();
      return on_field(msg);
    default: return false;
  }
}

}  // namespace tx
