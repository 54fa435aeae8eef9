#include "core/appointments_controller.h"

#include "core/app.h"

namespace tx {

using nlohmann::json;

void AppointmentsController::on(const intent::CancelAsk& x) {
  app_.s_.cancel_id = x.id;
  app_.push(Screen::my_cancel);
}

void AppointmentsController::on(const intent::CancelConfirm&) {
  app_.send(station::cancel(app_.s_.cancel_id, app_.identity_.who()));
}


void AppointmentsController::open() {
  app_.s_.cancel_id = 0;  // (no dialog to come back from)
  app_.push(Screen::my_list);
  app_.s_.appointments = nullptr;
  app_.send(station::lookup(app_.identity_.who()));
}

bool AppointmentsController::answer(station::Endpoint e, const nlohmann::json& b) {
  Session& s = app_.s_;
  switch (e) {
    case station::Endpoint::lookup: s.appointments = b.value("appointments", nlohmann::json::array()); return true;
    case station::Endpoint::cancel:
      s.notice = app_.t("appointments.cancelled");
      s.cancel_id = 0;  // cancelled: its button is gone, the focus starts at the top
      if (app_.stack_.back() == Screen::my_cancel) app_.stack_.pop_back();
      s.appointments = nullptr;
      // The list is announced with its notice once it has loaded again.
      app_.send(station::lookup(app_.identity_.who()));
      return true;
    default: return false;
  }
}

}  // namespace tx
