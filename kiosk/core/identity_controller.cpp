#include "core/identity_controller.h"

#include "core/app.h"
#include "core/identity.h"

namespace tx {

using nlohmann::json;

void IdentityController::start(const std::string& purpose) {
  app_.s_.purpose = purpose;
  if (app_.s_.verified) after_verified();
  else app_.push(Screen::identity_id);
  if (!app_.s_.verified && !app_.s_.card_id.empty()) app_.use_card();  // a card read before: fills this step
}

void IdentityController::next() {
  app_.s_.field_error.clear();
  if (app_.screen() == Screen::identity_id) {
    if (app_.refuse_field(&app_.s_.field_error, app_.id_number_problem(app_.s_.id_input))) return;
    app_.s_.id_input = normalize_id(app_.s_.id_input);
    // Booking a kind a first-time applicant may book: ask whether they have been here.
    bool ask = app_.s_.purpose == "booking" && first_timer_kind(app_.s_.kind);
    app_.push(ask ? Screen::identity_returning : Screen::identity_phone);
  } else if (app_.screen() == Screen::identity_phone) {
    if (app_.s_.phone_input.size() != 4 &&
        app_.refuse_field(&app_.s_.field_error, app_.f("error.phone_digits", {{"n", std::to_string(app_.s_.phone_input.size())}})))
      return;
    if (app_.s_.purpose == "slip") {  // a scanned slip (app_card.cpp): its appointment, with these digits
      app_.send(station::slip_open(app_.s_.slip_code, app_.s_.phone_input));
      return;
    }
    app_.send(station::verify(who()));
  } else if (app_.screen() == Screen::identity_phone_full) {
    if (app_.refuse_field(&app_.s_.field_error, app_.phone_problem(app_.s_.phone_full))) return;
    // First time here: nothing to verify yet; the booking registers the applicant (name taken
    // by staff in person). The identity screens leave the stack as after a verification.
    app_.s_.returning = 0;
    while (app_.stack_.size() > 1 && (app_.stack_.back() == Screen::identity_id || app_.stack_.back() == Screen::identity_phone ||
                                 app_.stack_.back() == Screen::identity_returning ||
                                 app_.stack_.back() == Screen::identity_phone_full))
      app_.stack_.pop_back();
    app_.push(Screen::appt_confirm);
  }
}

void IdentityController::after_verified() {
  // The identity screens leave the stack: Back from the next step returns to the step before
  // identity, and the resident is never asked again in this session (C1).
  while (app_.stack_.size() > 1 &&
         (app_.stack_.back() == Screen::identity_id || app_.stack_.back() == Screen::identity_phone ||
          app_.stack_.back() == Screen::identity_returning))
    app_.stack_.pop_back();
  if (app_.s_.purpose == "booking") {
    app_.push(Screen::appt_confirm);
  } else if (app_.s_.purpose == "appointments") {
    app_.appointments_.open();
  } else if (app_.s_.purpose == "subsidy") {
    app_.subsidy_.open();
  } else if (app_.s_.purpose == "job_interest") {
    app_.push(Screen::jobs_done);
    app_.s_.interest_done = false;
    app_.send(station::job_interest(app_.s_.job.value("id", 0L), who()));
  }
}

station::Who IdentityController::who() const { return {app_.s_.id_input, app_.s_.phone_input}; }


bool IdentityController::answer(station::Endpoint e, const nlohmann::json& b) {
  if (e != station::Endpoint::verify) return false;
  app_.s_.verified = true;
  app_.s_.resident = b.value("resident", nlohmann::json::object());
  after_verified();
  return true;
}

bool IdentityController::refused(station::Endpoint e, const std::string&, const std::string& msg) {
  if (e != station::Endpoint::verify) return false;
  Session& s = app_.s_;
  s.field_error = msg;
  append_sentence(&s.field_error, app_.t("error.verify_fix"), app_.t("punct.period"));
  s.phone_input.clear();
  app_.speak_error(s.field_error);
  return true;
}

}  // namespace tx
