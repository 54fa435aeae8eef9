// The station HTTP API (docs/api.md): one routing table, named handlers, JSON rendering.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include <functional>

#include "common/http.h"
#include "station/service.h"

namespace tx::station {

class StaffAuth;
class StaffDesk;

struct ApiOptions {
  std::string admin_token;  // Bearer token for /api/v1/admin/* (tongxing-ctl)
  std::string version = "0.1.0";
  // Sync engine hooks, set by stationd when a sync engine runs: its status JSON, and "run now"
  // (returns false when sync is not configured). Without them the staff screen shows the
  // outbox backlog and "not configured".
  std::function<nlohmann::json()> sync_status;
  std::function<bool(const std::string& why)> sync_trigger;
};

// register_routes: every /api/v1 route of the station: the resident routes (rate-limited per
// terminal), the staff routes and the authentication of /api/v1/admin/* (staff_api.cpp).
void register_routes(http::Server& server, StationService& service, StaffAuth& auth, StaffDesk& desk,
                     const ApiOptions& opt);

// terminal_of: the calling terminal (X-Tongxing-Terminal, else the remote address), sanitised.
std::string terminal_of(const http::Request& req);

// JSON views shared with the CLI and tests.
nlohmann::json appointment_json(const Appointment& a, const StationService::ResidentFacts* facts);
nlohmann::json application_json(const Application& a);
nlohmann::json job_json(const Job& j, bool full);
nlohmann::json session_day_json(const std::vector<Session>& sessions);

}  // namespace tx::station
