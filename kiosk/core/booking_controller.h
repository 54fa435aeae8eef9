// The booking journey's controller (kind → day → identity → been here before? → confirm → slip;
// docs/kiosk.md "Journeys"): the intents it handles and the station's answers to its requests.
// The identity step is IdentityController's (shared with the other journeys).
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

class BookingController {
 public:
  explicit BookingController(App& app) : app_(app) {}
  void open();       // home → kind: the step total is fixed here (S2)
  void load_days();  // the assessment days of the kind chosen
  void pick_day(const std::string& date);
  void on(const intent::PickKind& x);
  void on(const intent::Returning& x);
  void on(const intent::ConfirmBooking& x);
  void on(const intent::ReadPhone& x);
  void on(const intent::RepeatSlip& x);
  void on(const intent::PrintSlip& x);
  void on(const intent::Finish& x);
  // An answer to one of its requests (taken: true); refusals that belong to a step (true when
  // handled there); other errors are App's (banner, retry).
  bool answer(station::Endpoint e, const nlohmann::json& body);
  bool refused(station::Endpoint e, const std::string& code, const std::string& msg);

 private:
  App& app_;
};

}  // namespace tx
