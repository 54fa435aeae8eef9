// Calling staff from a resident's kiosk (the same key on every screen, M4): the call, then a poll
// every kPollS seconds while the "staff are coming" screen is shown, so the resident hears when a
// member of staff has acknowledged it. On a staff screen the same key opens the calls list.
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

class CallController {
 public:
  explicit CallController(App& app) : app_(app) {}
  static constexpr double kPollS = 2;
  void start();
  void frame(double now);      // the poll while the call screen is shown
  bool due(double now) const;  // the poll is due (App::frame's fast path)
  double deadline() const;     // when it is (App::next_deadline); +inf when not polling
  bool answer(station::Endpoint e, const nlohmann::json& body);

 private:
  double next_poll_ = 1e300;

 private:
  App& app_;
};

}  // namespace tx
