// The administrators' web console at /admin/ (issue 15): the static page (installed with the
// package, nothing fetched at run time), its JSON endpoints under /admin/api/, sign-in with a
// session cookie, and the session check the /api/v1/admin/ routes fall back to when a request
// carries no bearer token — so the page drives the same admin API as scripts do, with:
//   - CSRF: every request that changes something sends X-CSRF-Token (from /admin/api/me);
//   - roles: a viewer may only GET; a district account only sees and changes its stations;
//   - audit: every sign-in and every change (by session or bearer token) goes to admin_audit.
// docs/console.md describes the pages and endpoints.
#pragma once
#include <string>

#include "central/admins.h"
#include "central/stats.h"
#include "central/store.h"
#include "common/http.h"

namespace tx::central {

struct ConsoleOptions {
  std::string static_dir;      // index.html, app.js, … and vendor/ (the npm libraries)
  bool secure_cookie = false;  // TLS: the cookie gets Secure
  stats::StateRules rules;     // when a station counts as late or stale
};

class Console {
 public:
  Console(CentralStore& store, AdminAccounts& accounts, ConsoleOptions opt);
  // register_routes: /admin/, /admin/api/*, and the audit hook. Call after register_routes of
  // api.h (whose admin hook calls authorize()).
  void register_routes(http::Server& server);
  // authorize: a console session may use an /api/v1/admin/ route (CSRF, role, district).
  // Writes the error reply and returns false when not.
  bool authorize(const http::Request& req, http::Response& res);
  // fleet: every station (of `district`, or all) with its state, and the count per state.
  nlohmann::json fleet(const std::optional<std::string>& district);

 private:
  std::optional<AdminSession> session_of(const http::Request& req);
  bool in_scope(const AdminUser& u, const std::string& station_id);
  CentralStore& store_;
  AdminAccounts& accounts_;
  ConsoleOptions opt_;
};

// default_console_dir: share/tongxing/console beside the executable's bin/ (installed:
// /usr/share/tongxing/console; build tree: build/share/tongxing/console).
std::string default_console_dir(const std::string& argv0);

}  // namespace tx::central
