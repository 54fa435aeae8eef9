// Subsidies: the consent to read them aloud (S7), then the status of each programme.
// App routes an intent here when this class has an `on` for it (App::apply: exactly one handler
// per intent, checked at compile time).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "core/intent.h"
#include "core/station_client.h"
#include "core/transport.h"

namespace tx {

class App;

class SubsidyController {
 public:
  explicit SubsidyController(App& app) : app_(app) {}
  void open();  // the consent, once verified
  void on(const intent::Consent& x);
  void on(const intent::SubsidyOpen& x);  // one programme: its payments, review and appeal
  void on(const intent::SubsidyPayments& x);  // its payments, a list of their own
  void on(const intent::SubsidyAppeal& x);    // why refused and how to appeal, a step of their own
  bool answer(station::Endpoint e, const nlohmann::json& body);

 private:
  App& app_;
};

}  // namespace tx
