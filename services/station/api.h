// The station HTTP API (docs/api.md): one routing table, named handlers, JSON rendering.
#pragma once
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include <functional>

#include "common/http.h"
#include "station/service.h"

namespace tx::station {

class StaffAuth;
class StaffDesk;

struct ApiOptions {
  std::string admin_token;  // Bearer token for /api/v1/admin/* (and /metrics from off the machine)
  std::string version = "0.1.0";
  // sync_status: the sync engine's status (GET /api/v1/admin/sync/status shape: pending_events,
  // acked_seq, last_success, last_error, running, …) for /health and /metrics. Unset: sync is not
  // wired into this process, and the backlog is read from the outbox.
  std::function<nlohmann::json()> sync_status;
  // sync_trigger: "run now" for the staff screen (false when sync is not configured). Unset: 409
  // sync_not_configured.
  std::function<bool(const std::string& why)> sync_trigger;
  // /health says disk "low" (and status "degraded") below either threshold.
  std::int64_t disk_low_bytes = 512ll << 20;
  double disk_low_ratio = 0.05;
};

// register_routes: every /api/v1 route of the station: the resident routes (rate-limited per
// terminal), the staff routes and the authentication of /api/v1/admin/* (staff_api.cpp).
void register_routes(http::Server& server, StationService& service, StaffAuth& auth, StaffDesk& desk,
                     const ApiOptions& opt);

// terminal_of: the calling terminal (X-Tongxing-Terminal, else the remote address), sanitised.
// A label for the audit log and for staff: a caller chooses it freely.
std::string terminal_of(const http::Request& req);
// limit_key: what rate limits count by. A caller on the LAN by its address, which a header cannot
// change; a caller on the station itself (every local kiosk shares 127.0.0.1) by its terminal.
std::string limit_key(const http::Request& req);

// health_json: the body of GET /api/v1/health; *http_status is 200, or 503 when the database
// cannot be read.
nlohmann::json health_json(StationService& svc, const ApiOptions& opt, int* http_status);

// JSON views shared with the CLI and tests.
nlohmann::json appointment_json(const Appointment& a, const StationService::ResidentFacts* facts);
nlohmann::json application_json(const Application& a);
nlohmann::json job_json(const Job& j, bool full);
nlohmann::json session_day_json(const std::vector<Session>& sessions);
// certificate_json: category and level with their names, expiry, effective status (staff views
// add the issue date and the replacement flag).
nlohmann::json certificate_json(const Certificate& c, bool renewal_due);
// call_json: a call for staff as its kiosk sees it (staff views add waiting time and who answered).
nlohmann::json call_json(const StaffCall& c);
// audit_json: an audit row without its sealed note (the staff API and `tongxing-ctl audit show`).
nlohmann::json audit_json(const AuditRow& r);

}  // namespace tx::station
