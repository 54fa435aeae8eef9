// tongxing-stationd: the station service. Wires config, store, service and HTTP together.
//   tongxing-stationd --db FILE --listen HOST:PORT [--central URL] [--config FILE]
//                     [--station-id ID] [--station-secret-file FILE] [--port-file FILE]
#include <signal.h>
#include <sys/stat.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "common/args.h"
#include "common/http.h"
#include "common/log.h"
#include "common/secrets.h"
#include "common/sysinfo.h"
#include "station/api.h"
#include "station/service.h"
#include "sync/engine.h"
#include "sync/routes.h"
#include "station/staff_api.h"

using namespace tx;

static const char* kUsage =
    "usage: tongxing-stationd --db FILE [--listen HOST:PORT] [--config FILE] [--central URL]\n"
    "                         [--station-id ID] [--station-secret-file FILE] [--port-file FILE]\n"
    "                         [--log-level debug|info|warn|error]\n"
    "  sync tuning: [--sync-interval-s N] [--sync-heartbeat-s N] [--sync-backoff-max-s N] [--sync-backoff-base-ms N]\n"
    "               [--sync-batch-events N] [--sync-timeout-s N] [--central-ca-file FILE]\n";

// A clock shifted from the system's: tests run a station a day ahead of or behind central.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(std::chrono::seconds off) : off_(off) {}
  std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now() + off_; }

 private:
  std::chrono::seconds off_;
};

int main(int argc, char** argv) {
  try {
    Args args(argc, argv, {"help"});
    if (args.flag("help")) {
      std::cout << kUsage;
      return 0;
    }
    args.check({"db", "listen", "config", "central", "station-id", "station-secret-file",
                "port-file", "log-level", "help", "sync-interval-s", "sync-heartbeat-s", "sync-backoff-max-s",
                "sync-batch-events", "sync-backoff-base-ms", "sync-timeout-s", "central-ca-file", "protocol-version", "clock-offset-s"});
    auto db = args.get("db");
    if (!db) {
      std::cerr << "tongxing-stationd: --db FILE is required\n" << kUsage;
      return 2;
    }
    log::set_min_level(log::parse_level(args.get_or("log-level", "info")));
    // One service per database: a second one (or `tongxing-ctl restore`) sees the lock.
    InstanceLock instance_lock(*db + ".lock");

    auto file = args.get("config") ? config::File::load(*args.get("config")) : config::File::empty();
    station::StationConfig cfg = station::load_station_config(file);
    file.finish();
    if (auto v = args.get("listen")) cfg.listen = *v;
    if (auto v = args.get("central")) cfg.central_url = *v;
    if (auto v = args.get("station-id")) cfg.station_id = *v;
    if (auto v = args.get("station-secret-file")) cfg.station_secret_file = *v;
    auto hp = http::parse_host_port(cfg.listen);
    if (!hp) throw std::invalid_argument("--listen must be HOST:PORT, got \"" + cfg.listen + "\"");

    // Loopback by default; the LAN only with TLS, so PINs, session tokens and personal data
    // never cross the station network in clear text.
    std::optional<http::Tls> tls;
    if (!cfg.tls_cert_file.empty()) tls = http::Tls{cfg.tls_cert_file, cfg.tls_key_file};
    if (!http::is_loopback(hp->host) && !tls)
      throw std::invalid_argument("listening on " + hp->host +
                                  " would serve the station network without encryption: set [service] tls_cert_file "
                                  "and tls_key_file in the configuration, or listen on 127.0.0.1");
    if (tls) {
      struct stat st;
      if (::stat(tls->key_file.c_str(), &st) == 0 && (st.st_mode & 077))
        log::warn("stationd", "the TLS private key " + tls->key_file + " is readable by other users: chmod 600 it");
    }

    OffsetClock clock(std::chrono::seconds(args.int_or("clock-offset-s", 0)));  // 0 outside tests
    std::string key_file = cfg.key_file.empty() ? *db + ".key" : cfg.key_file;
    bool fresh = !std::ifstream(*db).good();
    Vault vault = Vault::open_or_create(key_file, fresh);
    station::Store store(*db, vault, clock, 8);
    station::StationService service(cfg, store);
    // Central's renewals due count each resident in the month this station's window opens.
    if (int n = store.write([&](station::Writer& w) { return w.use_renewal_window(cfg.renewal_window_days); }))
      log::info("stationd", "renewal window now " + std::to_string(cfg.renewal_window_days) +
                                " days: certificate expiry sent again for " + std::to_string(n) + " residents");
    if (cfg.auto_plan) {
      int added = service.plan_local_sessions();
      if (added > 0) log::info("stationd", "planned " + std::to_string(added) + " local assessment sessions");
    }
    service.warm_up();
    std::string token_file = cfg.admin_token_file.empty() ? *db + ".admin-token" : cfg.admin_token_file;
    station::ApiOptions api{load_or_create_token(token_file)};
    station::StaffAuth staff_auth(service.config(), store);
    station::StaffDesk staff_desk(service);

    sync::EngineOptions so;
    so.central_url = cfg.central_url;
    so.station_id = cfg.station_id;
    if (!cfg.station_secret_file.empty()) so.secret = read_token(cfg.station_secret_file);
    so.interval_s = int(args.int_or("sync-interval-s", cfg.sync_interval_s));
    so.heartbeat_s = int(args.int_or("sync-heartbeat-s", std::min(cfg.sync_heartbeat_s, so.interval_s)));
    so.backoff_max_s = double(args.int_or("sync-backoff-max-s", cfg.sync_backoff_max_s));
    so.backoff_base_s = double(args.int_or("sync-backoff-base-ms", cfg.sync_backoff_base_ms)) / 1000.0;
    so.timeout_s = int(args.int_or("sync-timeout-s", cfg.sync_timeout_s));
    so.batch_events = int(args.int_or("sync-batch-events", cfg.sync_batch_events));
    so.batch_bytes = cfg.sync_batch_bytes;
    so.retention_days = cfg.outbox_retention_days;
    so.protocol = int(args.int_or("protocol-version", so.protocol));
    so.ca_file = args.get_or("central-ca-file", cfg.central_ca_file);
    so.version = api.version;
    so.db_path = *db;
    sync::SyncEngine sync_engine(store, so);
    if (!sync_engine.configured() && !cfg.central_url.empty())
      log::warn("stationd", "a central URL is set but the station id or secret file is missing: sync is off");

    api.sync_status = [&sync_engine] { return sync_engine.status(); };
    api.sync_trigger = [&sync_engine](const std::string& why) {
      if (!sync_engine.configured()) return false;
      sync_engine.trigger(why);
      return true;
    };
    http::Server server("stationd", std::size_t(cfg.threads), std::size_t(cfg.max_body_bytes), tls,
                        http::Limits::configured(cfg.max_connections, cfg.max_connections_per_peer,
                                                 cfg.request_timeout_s, cfg.idle_timeout_s));
    station::register_routes(server, service, staff_auth, staff_desk, api);
    sync::register_station_routes(server, sync_engine);
    int port = server.bind(hp->host, hp->port);
    if (port < 0) {
      log::error("stationd", "cannot listen on " + cfg.listen + " (in use, or no permission)");
      return 1;
    }
    // Before the sync engine starts its threads, so they inherit the blocked signals.
    http::stop_on_signals(server, "stationd");

    log::info("stationd", std::string("listening on ") + (tls ? "https://" : "http://") + hp->host + ":" +
                              std::to_string(port) + " db=" + *db +
                              (sync_engine.configured() ? " central=" + cfg.central_url : std::string(" sync=off")));
    sync_engine.start();
    // The port file last: whoever waits for it finds the start-up line logged (as centrald).
    if (auto pf = args.get("port-file")) http::write_port_file(*pf, port);
    bool ok = server.run();
    sync_engine.stop();
    log::info("stationd", "stopped");
    return ok ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "tongxing-stationd: " << e.what() << "\n";
    return 1;
  }
}
