// The staff API (docs/api.md "Staff API"): /api/v1/staff/* for the kiosk's staff mode and staff
// PCs, and the authentication of /api/v1/admin/*. Every route but login needs a session token
// (`Authorization: Bearer <token>`): 401 without a valid one, 401 session_expired after 10 idle
// minutes, 403 forbidden for the wrong role, 403 pin_change_required until a reset PIN is
// changed. /api/v1/admin/* also accepts the admin token file's token (tongxing-ctl).
#pragma once
#include <vector>

#include "common/http.h"
#include "station/api.h"
#include "station/staff_auth.h"
#include "station/staff_desk.h"

namespace tx::station {

enum class Need { staff, station_admin };

// StaffRouteInfo: one authenticated route, for registration, documentation and the
// authorization tests (which walk this table, so a new route cannot be forgotten there).
struct StaffRouteInfo {
  const char* method;
  const char* pattern;  // regex, as registered
  const char* example;  // a concrete path matching `pattern`
  Need need = Need::staff;
  bool passive = false;            // does not extend the idle timer (polling)
  bool before_pin_change = false;  // allowed while the PIN must still be changed
};
// staff_routes: every authenticated staff route (not /staff/login, which is public).
const std::vector<StaffRouteInfo>& staff_routes();

// register_staff_routes: the staff routes and the admin authentication hook.
void register_staff_routes(http::Server& server, StaffAuth& auth, StaffDesk& desk, const ApiOptions& opt);

}  // namespace tx::station
