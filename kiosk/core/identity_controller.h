// The identity step every resident journey shares (ID number → last four phone digits, or a
// first-time applicant's whole number): checks each field, verifies with the station, and then
// goes on to what it was started for (booking, my appointments, subsidies, a job interest).
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

class IdentityController {
 public:
  explicit IdentityController(App& app) : app_(app) {}
  void start(const std::string& purpose);  // booking | appointments | subsidy | job_interest
  void next();            // the step's submit (OK key)
  void after_verified();  // on to the journey it was for (C1: never asked twice in a session)
  station::Who who() const;  // the resident's ID number and last 4 phone digits
  bool answer(station::Endpoint e, const nlohmann::json& body);
  bool refused(station::Endpoint e, const std::string& code, const std::string& msg);

 private:
  App& app_;
};

}  // namespace tx
