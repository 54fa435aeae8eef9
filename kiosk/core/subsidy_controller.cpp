#include "core/subsidy_controller.h"

#include "core/app.h"

namespace tx {

using nlohmann::json;

void SubsidyController::on(const intent::Consent& x) {
  app_.s_.consent = x.read_aloud ? 1 : 0;
  app_.replace(Screen::subsidy_status);
  app_.s_.subsidies = nullptr;
  app_.send(station::subsidies(app_.identity_.who()));
}

void SubsidyController::on(const intent::SubsidyOpen& x) {
  app_.s_.subsidy_open = x.index;
  app_.push(Screen::subsidy_detail);
}

void SubsidyController::on(const intent::SubsidyPayments&) {
  if (app_.s_.subsidy_open >= 0) app_.push(Screen::subsidy_payments);
}

void SubsidyController::on(const intent::SubsidyAppeal&) {
  if (app_.s_.subsidy_open >= 0) app_.push(Screen::subsidy_appeal);
}

void SubsidyController::open() { app_.push(Screen::subsidy_consent); }

bool SubsidyController::answer(station::Endpoint e, const nlohmann::json& b) {
  if (e != station::Endpoint::subsidies) return false;
  app_.s_.subsidies = b;
  return true;
}

}  // namespace tx
