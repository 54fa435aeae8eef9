// Staff sign-in (docs/kiosk.md "Staff mode"): the names, the PIN, a forced or voluntary PIN
// change, the session's idle policy, and signing out (asked first when typed input would be lost).
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

class StaffSignInController {
 public:
  explicit StaffSignInController(App& app) : app_(app) {}
  // The station's idle limit, less the warning and a margin for the kiosk's keep-alive rule (a
  // request that counts as activity at most every kKeepAliveS seconds): the kiosk always signs
  // out before the station would, and says so first.
  static constexpr double kKeepAliveS = 30;
  static constexpr double kWarningS = 60;
  void open();
  void on(const intent::StaffPick& x);
  bool next();  // a PIN screen's submit (false: not a PIN screen)
  void change_pin();
  void signed_in_as(const nlohmann::json& login);
  void sign_out(const std::string& why_key);
  void session_lost(const std::string& code);
  bool answer(station::Endpoint e, const nlohmann::json& body);
  bool refused(station::Endpoint e, int status, const std::string& code, const std::string& msg);

 private:
  App& app_;
};

}  // namespace tx
