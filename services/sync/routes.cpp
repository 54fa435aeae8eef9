#include "sync/routes.h"

#include "common/errors.h"

namespace tx::sync {

void register_station_routes(http::Server& server, SyncEngine& engine) {
  server.get("/api/v1/admin/sync/status", [&engine](const http::Request&, http::Response& res) {
    http::send_json(res, 200, engine.status());
  });
  server.post("/api/v1/admin/sync", [&engine](const http::Request&, http::Response& res) {
    if (!engine.configured()) throw ApiError("sync_not_configured");
    engine.trigger("admin");
    http::send_json(res, 202, {{"started", true}, {"status", engine.status()}});
  });
}

}  // namespace tx::sync
