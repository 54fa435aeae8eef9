// The central server's HTTP API: the sync endpoints stations call (sealed bodies, see
// sync/protocol.h) and the admin endpoints of SYNC.md (Bearer token). docs/sync.md lists them.
#pragma once
#include <functional>
#include <string>

#include "central/store.h"
#include "common/http.h"

namespace tx::central {

struct ApiOptions {
  std::string version = "0.1.0";
  int protocol = sync::kProtocolVersion;  // tests start a central of another version
  // session_auth: asked for an /api/v1/admin/ request without a valid bearer token (the web
  // console's session, central/console.h); writes the error itself when it refuses.
  std::function<bool(const http::Request&, http::Response&)> session_auth;
  // A sync frame that decompresses to more than this is refused (413 frame_too_large) before
  // it is allocated ([central] max_frame_bytes).
  std::size_t max_frame_bytes = 16u << 20;
};

// register_routes: every /api/v1 route of the central server.
void register_routes(http::Server& server, CentralStore& store, const ApiOptions& opt);

// send_error_with: the error shape of ARCHITECTURE.md plus extra fields in "error".
void send_error_with(http::Response& res, const std::string& code, const nlohmann::json& extra);

}  // namespace tx::central
