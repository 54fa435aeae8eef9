// [SECTION] index: helpers · health · sync endpoints (batches, heartbeat, pull) · admin
#include "central/api.h"

#include "common/errors.h"
#include "common/log.h"

namespace tx::central {

using nlohmann::json;
using http::Request;
using http::Response;

void send_error_with(Response& res, const std::string& code, const json& extra) {
  http::send_error(res, code);
  json j = json::parse(res.body);
  for (auto it = extra.begin(); it != extra.end(); ++it) j["error"][it.key()] = it.value();
  int status = res.status;
  http::send_json(res, status, j);
}

namespace {

// Storage failures become 503 database_unavailable, with the reason in the log only.
http::Handler guarded(http::Handler h) {
  return [h = std::move(h)](const Request& req, Response& res) {
    try {
      h(req, res);
    } catch (const StorageError& e) {
      log::error("central", std::string("database unavailable: ") + e.what());
      http::send_error(res, "database_unavailable");
    }
  };
}

std::string station_path_id(const Request& req) {
  if (req.matches.size() < 2) throw ApiError("not_found");
  std::string id = req.matches[1];
  if (id.empty() || id.size() > 40) throw ApiError("not_found");
  return id;
}

// A request from a station, authenticated and opened.
struct SyncRequest {
  std::string station_id;
  sync::StationKeys keys;
  std::string plain;
};

class SyncGate {
 public:
  SyncGate(CentralStore& store, int protocol, std::size_t max_frame)
      : store_(store), protocol_(protocol), max_frame_(max_frame) {}

  // open: checks protocol, station, signature and body; on failure writes the error reply
  // (and logs refused credentials at central) and returns nullopt.
  std::optional<SyncRequest> open(const Request& req, Response& res) {
    res.set_header(sync::kHeaderProtocol, std::to_string(protocol_));
    auto theirs = sync::parse_protocol(req.get_header_value(sync::kHeaderProtocol));
    std::string station = req.get_header_value(sync::kHeaderStation);
    if (!theirs || *theirs != protocol_) {
      log::warn("central", "refused sync request: station=" + station.substr(0, 40) + " speaks protocol " +
                               (theirs ? std::to_string(*theirs) : std::string("(none)")) + ", this server " +
                               std::to_string(protocol_));
      send_error_with(res, "protocol_mismatch",
                      {{"server_protocol", protocol_}, {"client_protocol", theirs ? json(*theirs) : json(nullptr)}});
      return std::nullopt;
    }
    if (station.empty() || station.size() > 40) return refuse(req, res, station, "no station id");
    std::string why;
    auto keys = store_.station_keys(station, &why);
    if (!keys) return refuse(req, res, station, why);
    if (!sync::verify(*keys, req.method, req.path, station, protocol_, req.body,
                      req.get_header_value(sync::kHeaderSignature)))
      return refuse(req, res, station, "bad signature (wrong secret?)");
    // The signature is good: whatever is wrong with the body now is the station's frame, not its
    // credentials.
    sync::OpenFailure why_not = sync::OpenFailure::none;
    auto plain = sync::open_body(*keys, req.body, max_frame_, &why_not);
    if (why_not == sync::OpenFailure::too_large) {
      log::warn("central", "refused sync frame: station=" + station + " decompresses to more than " +
                               std::to_string(max_frame_) + " bytes");
      send_error_with(res, "frame_too_large", {{"max_frame_bytes", max_frame_}});
      return std::nullopt;
    }
    if (why_not == sync::OpenFailure::bad_frame) {
      http::send_error(res, "invalid_batch", "body", "frame");
      return std::nullopt;
    }
    if (!plain) return refuse(req, res, station, "body does not open with the station key");
    return SyncRequest{station, *keys, std::move(*plain)};
  }

  void reply(Response& res, const SyncRequest& r, const Request& req, const json& body) {
    std::string sealed = sync::seal_body(r.keys, http::dump(body), 3);
    res.set_header(sync::kHeaderStation, r.station_id);
    res.set_header(sync::kHeaderSignature, sync::sign(r.keys, "REPLY", req.path, r.station_id, protocol_, sealed));
    res.status = 200;
    res.set_content(sealed, "application/octet-stream");
  }

 private:
  std::nullopt_t refuse(const Request& req, Response& res, const std::string& station, const std::string& why) {
    store_.record_auth_failure(station, req.remote_addr, why);
    http::send_error(res, "station_unauthorized");
    return std::nullopt;
  }
  CentralStore& store_;
  int protocol_;
  std::size_t max_frame_;
};

json parse_json(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw ApiError("malformed_json");
  return j;
}

// get_i64: an integer field within [min, max] (400 invalid_field otherwise, never a wrapped
// value: 2^63 sent as an unsigned number is out of range, not negative).
std::int64_t get_i64(const json& j, const char* name, std::int64_t fallback = 0, std::int64_t min = 0,
                     std::int64_t max = std::int64_t(1) << 62) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return fallback;
  if (!it->is_number_integer()) throw ApiError("invalid_field", name, "type");
  if (it->is_number_unsigned() && it->get<std::uint64_t>() > std::uint64_t(max))
    throw ApiError("invalid_field", name, "range");
  auto v = it->get<std::int64_t>();
  if (v < min || v > max) throw ApiError("invalid_field", name, "range");
  return v;
}

}  // namespace

void register_routes(http::Server& server, CentralStore& store, const ApiOptions& opt) {
  auto gate = std::make_shared<SyncGate>(store, opt.protocol, opt.max_frame_bytes);

  server.before([&store, opt](const Request& req, Response& res) {
    if (req.path.rfind("/api/v1/admin/", 0) != 0) return true;
    bool ok = false;
    try {
      ok = store.admin_token_ok(http::bearer_token(req));
      if (!ok && opt.session_auth && http::bearer_token(req).empty()) return opt.session_auth(req, res);
    } catch (const StorageError& e) {
      log::error("central", std::string("database unavailable: ") + e.what());
      http::send_error(res, "database_unavailable");
      return false;
    }
    if (ok) return true;
    http::send_error(res, "unauthorized");
    return false;
  });

  server.get("/api/v1/health", [&store, opt](const Request&, Response& res) {
    bool ok = store.healthy();
    http::send_json(res, ok ? 200 : 503,
                    {{"status", ok ? "ok" : "degraded"},
                     {"service", "tongxing-centrald"},
                     {"version", opt.version},
                     {"protocol", opt.protocol},
                     {"engine", store.engine().name()},
                     {"db", ok ? "ok" : "unavailable"},
                     {"time", store.now()}});
  });

  // ------------------------------------------------------------------ sync endpoints

  server.post(sync::kPathBatches, guarded([&store, gate](const Request& req, Response& res) {
    auto r = gate->open(req, res);
    if (!r) return;
    auto events = sync::decode_events(r->plain);
    if (!events) throw ApiError("invalid_batch");
    auto out = store.apply_batch(r->station_id, *events);
    switch (out.kind) {
      case BatchOutcome::applied:
        gate->reply(res, *r, req, {{"acked_seq", out.acked_seq}, {"applied", out.applied_count},
                                   {"duplicates", out.duplicates}});
        return;
      case BatchOutcome::gap:
        send_error_with(res, "sequence_gap", {{"expected_seq", out.acked_seq + 1}, {"acked_seq", out.acked_seq}});
        return;
      case BatchOutcome::conflict:
        log::error("central", "station " + r->station_id + " sent events that differ from those stored at seq " +
                                  std::to_string(events->front().seq) + "..; nothing applied");
        send_error_with(res, "sequence_conflict", {{"acked_seq", out.acked_seq}});
        return;
      case BatchOutcome::unknown_station:
      case BatchOutcome::revoked:
        http::send_error(res, "station_unauthorized");
        return;
    }
  }));

  server.post(sync::kPathHeartbeat, guarded([&store, gate](const Request& req, Response& res) {
    auto r = gate->open(req, res);
    if (!r) return;
    json b = parse_json(r->plain);
    Heartbeat hb;
    // Required, and above the last one accepted: a replayed heartbeat must not make a dead
    // station look alive (docs/sync.md "Heartbeat").
    if (!b.contains("hb_seq")) throw ApiError("invalid_field", "hb_seq", "missing");
    hb.seq = get_i64(b, "hb_seq", 0, 1);
    hb.backlog = get_i64(b, "backlog");
    hb.last_seq = get_i64(b, "last_seq");
    hb.acked_seq = get_i64(b, "acked_seq");
    if (b.contains("disk_free_bytes") && !b["disk_free_bytes"].is_null()) hb.disk_free_bytes = get_i64(b, "disk_free_bytes");
    hb.last_error = http::opt_str_field(b, "last_error", 2000).value_or("");
    hb.version = http::opt_str_field(b, "version", 40).value_or("");
    hb.protocol = int(get_i64(b, "protocol", sync::kProtocolVersion, 0, 999999));
    if (b.contains("done_commands") && b["done_commands"].is_array())
      for (const auto& id : b["done_commands"]) {
        if (hb.done_commands.size() >= 100) break;
        if (id.is_number_integer()) hb.done_commands.push_back(id.get<std::int64_t>());
      }
    std::int64_t last = 0;
    auto commands = store.heartbeat(r->station_id, hb, &last);
    if (!commands) {
      log::warn("central", "ignored replayed heartbeat: station=" + r->station_id + " seq=" + std::to_string(hb.seq) +
                               " last=" + std::to_string(last));
      send_error_with(res, "heartbeat_replayed", {{"last_hb_seq", last}});
      return;
    }
    json cmds = json::array();
    for (const auto& c : *commands) {
      json o = {{"id", c.id}, {"type", c.type}};
      if (c.seq) o["seq"] = *c.seq;
      cmds.push_back(o);
    }
    auto st = store.station(r->station_id);
    gate->reply(res, *r, req, {{"commands", cmds}, {"acked_seq", st ? st->acked_seq : 0}, {"server_time", store.now()}});
  }));

  server.post(sync::kPathPull, guarded([&store, gate](const Request& req, Response& res) {
    auto r = gate->open(req, res);
    if (!r) return;
    json b = parse_json(r->plain);
    std::int64_t after = get_i64(b, "after");
    int limit = int(get_i64(b, "limit", 200, 1, 1000));
    auto changes = store.pull(r->station_id, after, limit + 1);
    bool more = int(changes.size()) > limit;
    if (more) changes.pop_back();
    json arr = json::array();
    for (const auto& c : changes) arr.push_back({{"cursor", c.cursor}, {"kind", c.kind}, {"ref", c.ref}, {"data", c.data}});
    gate->reply(res, *r, req, {{"changes", arr}, {"next_cursor", changes.empty() ? after : changes.back().cursor},
                               {"more", more}});
  }));

  // ------------------------------------------------------------------------- admin

  server.post("/api/v1/admin/stations", guarded([&store](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    std::string name = http::str_field(body, "name", 200);
    if (name.empty()) throw ApiError("invalid_field", "name", "missing");
    auto e = store.add_station(name, http::opt_str_field(body, "district", 100));
    http::send_json(res, 201, {{"station_id", e.station_id}, {"secret", e.secret}, {"name", name}});
  }));

  server.get("/api/v1/admin/stations", guarded([&store](const Request&, Response& res) {
    json arr = json::array();
    for (const auto& s : store.stations()) arr.push_back(station_json(s));
    http::send_json(res, 200, {{"stations", arr}});
  }));

  server.get(R"(/api/v1/admin/stations/([A-Za-z0-9_-]+))", guarded([&store](const Request& req, Response& res) {
    auto s = store.station(station_path_id(req));
    if (!s) throw ApiError("not_found");
    http::send_json(res, 200, {{"station", station_json(*s)}});
  }));

  server.post(R"(/api/v1/admin/stations/([A-Za-z0-9_-]+)/revoke)", guarded([&store](const Request& req, Response& res) {
    std::string id = station_path_id(req);
    if (!store.revoke_station(id)) throw ApiError("not_found");
    http::send_json(res, 200, {{"station", station_json(*store.station(id))}});
  }));

  server.post(R"(/api/v1/admin/stations/([A-Za-z0-9_-]+)/secret)", guarded([&store](const Request& req, Response& res) {
    std::string id = station_path_id(req);
    auto secret = store.rotate_secret(id);
    if (!secret) throw ApiError("not_found");
    http::send_json(res, 200, {{"station_id", id}, {"secret", *secret}});
  }));

  server.post(R"(/api/v1/admin/stations/([A-Za-z0-9_-]+)/commands)", guarded([&store](const Request& req, Response& res) {
    std::string id = station_path_id(req);
    auto body = http::parse_body(req);
    std::string type = http::str_field(body, "type", 40);
    std::optional<std::int64_t> seq;
    if (body.contains("seq")) seq = http::int_field(body, "seq", 1, std::int64_t(1) << 62);
    store.add_command(id, type, seq);
    http::send_json(res, 202, {{"queued", true}, {"station_id", id}, {"type", type}});
  }));

  server.get(R"(/api/v1/admin/stations/([A-Za-z0-9_-]+)/events)", guarded([&store](const Request& req, Response& res) {
    std::string id = station_path_id(req);
    if (!store.station(id)) throw ApiError("not_found");
    std::int64_t after = http::query_i64(req, "after", 0, 0, std::int64_t(1) << 62);
    int limit = http::query_int(req, "limit", 1000, 1, 10000);
    json arr = json::array();
    // Metadata only: payloads hold personal data and stay sealed in the database.
    for (const auto& e : store.events(id, after, limit))
      arr.push_back({{"seq", e.seq}, {"event_id", e.event_id}, {"type", e.type}, {"created_at", e.created_at}});
    http::send_json(res, 200, {{"events", arr}});
  }));

  server.post("/api/v1/admin/sync", guarded([&store](const Request& req, Response& res) {
    json body = req.body.empty() ? json::object() : http::parse_body(req);
    auto one = http::opt_str_field(body, "station_id", 40);
    int queued = 0;
    for (const auto& s : store.stations()) {
      if (s.revoked_at || (one && *one != s.station_id)) continue;
      store.add_command(s.station_id, "sync_now", std::nullopt);
      ++queued;
    }
    if (one && queued == 0) throw ApiError("not_found");
    http::send_json(res, 202, {{"queued", queued}, {"delivered", "with each station's next heartbeat"}});
  }));

  server.get("/api/v1/admin/sync/status", guarded([&store, opt](const Request&, Response& res) {
    json arr = json::array();
    for (const auto& s : store.stations()) arr.push_back(station_json(s));
    json out = store.totals();
    out["role"] = "central";
    out["engine"] = store.engine().name();
    out["protocol"] = opt.protocol;
    out["stations_detail"] = arr;
    http::send_json(res, 200, out);
  }));

  auto import = [&store](const char* what) {
    return guarded([&store, what](const Request& req, Response& res) {
      std::string kind = what;
      // ?dry_run=1: check and report, store nothing (the console's preview before commit).
      bool dry_run = http::query(req, "dry_run", 5) == "1";
      auto report = kind == "jobs" ? store.import_jobs(req.body, dry_run) : store.import_subsidies(req.body, dry_run);
      if (!report.rejected.empty()) {
        send_error_with(res, "import_rejected", report.to_json());
        return;
      }
      json out = report.to_json();
      if (dry_run) out["dry_run"] = true;
      http::send_json(res, 200, out);
    });
  };
  server.post("/api/v1/admin/import/jobs", import("jobs"));
  server.post("/api/v1/admin/import/subsidies", import("subsidies"));

  server.post("/api/v1/admin/sessions", guarded([&store](const Request& req, Response& res) {
    auto body = http::parse_body(req);
    SessionRequest r;
    r.date = http::str_field(body, "date", 10);
    r.kind = http::str_field(body, "kind", 40);
    r.start = http::opt_str_field(body, "start", 5).value_or(r.start);
    r.end = http::opt_str_field(body, "end", 5).value_or(r.end);
    r.institution = http::opt_str_field(body, "institution", 200).value_or("");
    r.place = http::opt_str_field(body, "place", 200).value_or("");
    r.capacity = int(http::int_field(body, "capacity", 0, 100000));
    if (body.contains("categories")) {
      if (!body["categories"].is_array()) throw ApiError("invalid_field", "categories", "type");
      for (const auto& c : body["categories"]) {
        if (!c.is_number_integer() || c.get<int>() < 1 || c.get<int>() > 7) throw ApiError("invalid_field", "categories", "range");
        r.categories.push_back(c.get<int>());
      }
    }
    if (body.contains("shares")) {
      if (!body["shares"].is_object()) throw ApiError("invalid_field", "shares", "type");
      for (auto it = body["shares"].begin(); it != body["shares"].end(); ++it) {
        if (!it.value().is_number_integer()) throw ApiError("invalid_field", "shares", "type");
        r.shares.emplace_back(it.key(), it.value().get<int>());
      }
    }
    http::send_json(res, 200, store.set_session(r));
  }));
}

}  // namespace tx::central
