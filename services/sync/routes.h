// The station's admin routes for sync (SYNC.md contract):
//   GET  /api/v1/admin/sync/status → pending_events, acked_seq, last_seq, last_success,
//                                    last_error, running, progress {events_left, bytes_sent, rate…}
//   POST /api/v1/admin/sync        → starts a run now (202)
// The station's before-hook already requires the admin Bearer token for /api/v1/admin/*.
#pragma once
#include "common/http.h"
#include "sync/engine.h"

namespace tx::sync {
void register_station_routes(http::Server& server, SyncEngine& engine);
}  // namespace tx::sync
