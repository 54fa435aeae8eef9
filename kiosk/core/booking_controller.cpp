#include "core/booking_controller.h"

#include "core/app.h"
#include "core/escpos.h"
#include "core/identity.h"

namespace tx {

using nlohmann::json;

void BookingController::on(const intent::PickKind& x) {
  app_.s_.kind = x.kind;
  app_.s_.weeks = {};
  app_.push(Screen::appt_day);
  load_days();
}

void BookingController::on(const intent::Returning& x) {
  app_.s_.returning = x.yes ? 1 : 0;
  app_.push(app_.s_.returning ? Screen::identity_phone : Screen::identity_phone_full);
}

void BookingController::on(const intent::ConfirmBooking& x) {
  station::Booking b{app_.identity_.who(), "", app_.s_.kind, app_.s_.date, "", ""};
  if (app_.s_.returning == 0 && !app_.s_.verified) b.phone = app_.s_.phone_full;  // first time: ID + whole number, no name
  if (!b.phone.empty() && !app_.s_.card_name.empty() && app_.s_.card_id == app_.s_.id_input) b.name = app_.s_.card_name;  // from the card
  if (app_.s_.kind == "home_assessment") {
    b.reason = x.reason.empty() ? "severe_mobility" : x.reason;
    b.address = app_.t("booking.home_address_placeholder");
  }
  app_.send(station::book(b));
}

void BookingController::on(const intent::ReadPhone&) {
  app_.s_.consent = 1;  // asked for: the confirmation now reads the number (S7)
  app_.say_announce_ = true;
  app_.focus_next_ = "confirm.book";
}

void BookingController::on(const intent::RepeatSlip&) { app_.say(app_.ui_->announce_text(), app_.lang_for(app_.ui_->announce_text()), true); }

void BookingController::on(const intent::PrintSlip&) {
  if (app_.printing_) return;
  app_.focus_next_ = "slip.done";  // never back on "print": the next Enter must not print again
  const auto& a = app_.s_.appointment;
  const std::string kind = a.value("kind", std::string());
  const char* kind_name = kind_key(kind);
  app_.send_to_printer(app_.appointment_slip(a, app_.t("slip.print_heading"), kind_name ? app_.t(kind_name) : kind, {}),
                  app_.t("slip.printing"));
}

void BookingController::on(const intent::Finish&) { app_.home(); }

void BookingController::load_days() {
  app_.s_.days = nullptr;
  auto [from, to] = app_.days_range(1);
  app_.send(station::assessment_days(app_.s_.kind, from, to));
}


void BookingController::open() {
  // The total is fixed here, for every step (S2): kind, day, identity (unless already verified
  // in this session, C1), confirmation.
  app_.s_.booking_steps = app_.s_.verified ? 3 : 4;
  app_.push(Screen::appt_kind);
}

void BookingController::pick_day(const std::string& date) {
  app_.s_.date = date;
  app_.identity_.start("booking");
}

bool BookingController::answer(station::Endpoint e, const nlohmann::json& b) {
  Session& s = app_.s_;
  switch (e) {
    case station::Endpoint::days: s.days = b.value("days", nlohmann::json::array()); return true;
    case station::Endpoint::book:
      s.appointment = b.value("appointment", nlohmann::json::object());
      if (s.returning == 0 && !s.verified && s.phone_full.size() >= 4) {
        // Registered now: "my appointments" in this session needs no new identity step (C1).
        s.phone_input = s.phone_full.substr(s.phone_full.size() - 4);
        s.verified = true;
      }
      app_.stack_.assign(1, Screen::home);
      app_.push(Screen::appt_slip);
      return true;
    default: return false;
  }
}

bool BookingController::refused(station::Endpoint e, const std::string& code, const std::string& msg) {
  Session& s = app_.s_;
  if (e != station::Endpoint::book) return false;
  if (s.returning == 0 && !s.verified && (code == "verification_failed" || code == "invalid_phone")) {
    // The whole number does not match the one on record (or is not a number): back to it.
    s.field_error = msg;
    append_sentence(&s.field_error, app_.t("error.phone_full_fix"), app_.t("punct.period"));
    s.phone_full.clear();
    app_.push(Screen::identity_phone_full);
    app_.speak_error(s.field_error);
    return true;
  }
  if (code == "day_full" || code == "no_session") {
    s.notice = msg;
    append_sentence(&s.notice, app_.t("error.pick_other_day"), app_.t("punct.period"));
    while (app_.stack_.size() > 1 && app_.stack_.back() != Screen::appt_day) app_.stack_.pop_back();
    load_days();
    app_.speak_error(s.notice);
    return true;
  }
  return false;
}

}  // namespace tx
