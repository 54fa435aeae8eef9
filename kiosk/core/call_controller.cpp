#include "core/call_controller.h"

#include "core/app.h"

namespace tx {

using nlohmann::json;

void CallController::start() {
  if (app_.staff_.signed_in || app_.cfg_.staff_terminal) {
    // Staff: the same place and key opens the calls from kiosks (nothing to call from here).
    if (app_.staff_.signed_in && !app_.staff_.must_change_pin) app_.push(Screen::staff_calls);
    else app_.say(app_.t("staff.sign_in_first"), app_.speech_lang(), false);
    return;
  }
  app_.push(Screen::call_staff);
  app_.s_.call_id = 0;
  app_.s_.call_status = "sending";
  app_.send(station::call_staff());
}


bool CallController::due(double now) const {
  return app_.screen() == Screen::call_staff && app_.s_.call_id && now >= next_poll_;
}

double CallController::deadline() const {
  return app_.screen() == Screen::call_staff && app_.s_.call_id ? next_poll_ : 1e300;
}

void CallController::frame(double now) {
  if (due(now) && app_.pending_.empty()) {
    next_poll_ = now + kPollS;
    app_.send(station::call_status(app_.s_.call_id));
  }
}

bool CallController::answer(station::Endpoint e, const nlohmann::json& b) {
  Session& s = app_.s_;
  switch (e) {
    case station::Endpoint::call:
      if (auto c = station::parse_call(b)) {
        s.call_id = c->id;
        s.call_status = c->status;
        next_poll_ = app_.clock_->now() + kPollS;
      }
      return true;
    case station::Endpoint::call_status:
      if (auto c = station::parse_call(b); c && c->status != s.call_status) {
        s.call_status = c->status;
        if (c->status == "acknowledged") app_.say(app_.t("call.acknowledged"), app_.speech_lang(), false);
      }
      return true;
    default: return false;
  }
}

}  // namespace tx
