// "My appointments": the list (after the identity step) and cancelling one, asked first in a
// modal dialog whose safe choice (keep it) is focused and is what Back does.
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

class AppointmentsController {
 public:
  explicit AppointmentsController(App& app) : app_(app) {}
  void open();  // the list, once verified
  void on(const intent::CancelAsk& x);
  void on(const intent::CancelConfirm& x);
  bool answer(station::Endpoint e, const nlohmann::json& body);

 private:
  App& app_;
};

}  // namespace tx
