// The station HTTP API (docs/api.md): one routing table, named handlers, JSON rendering.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "common/http.h"
#include "station/service.h"

namespace tx::station {

struct ApiOptions {
  std::string admin_token;  // Bearer token for /api/v1/admin/*
  std::string version = "0.1.0";
};

// register_routes: adds every /api/v1 route of the station to `server`.
void register_routes(http::Server& server, StationService& service, const ApiOptions& opt);

// JSON views shared with the CLI and tests.
nlohmann::json appointment_json(const Appointment& a, const StationService::ResidentFacts* facts);
nlohmann::json application_json(const Application& a);
nlohmann::json job_json(const Job& j, bool full);
nlohmann::json session_day_json(const std::vector<Session>& sessions);

}  // namespace tx::station
