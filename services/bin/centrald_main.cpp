// tongxing-centrald: the central server. Wires config, storage engine, store and HTTP together.
//   tongxing-centrald --db FILE|postgresql://USER@HOST:PORT/DB --listen HOST:PORT
//                     [--config FILE] [--admin-token-file FILE] [--key-file FILE] [--port-file FILE]
#include <signal.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <thread>

#include "central/api.h"
#include "central/config.h"
#include "central/console.h"
#include "central/store.h"
#include "common/args.h"
#include "common/log.h"
#include "common/secrets.h"

using namespace tx;

static const char* kUsage =
    "usage: tongxing-centrald --db FILE|postgresql://USER@HOST:PORT/DB [--listen HOST:PORT]\n"
    "                         [--config FILE] [--admin-token-file FILE] [--key-file FILE]\n"
    "                         [--port-file FILE] [--threads N] [--log-level debug|info|warn|error]\n"
    "                         [--console-dir DIR] [--heartbeat-interval-s N] [--stale-after-s N]\n";

// The vault key every central process on one database shares; created on first start.
static Vault open_vault(const std::string& path) {
  struct stat st;
  bool exists = ::stat(path.c_str(), &st) == 0;
  try {
    return Vault::open_or_create(path, true);
  } catch (const std::exception&) {
    if (exists) throw;
    return Vault::open_or_create(path, false);  // another process created it meanwhile
  }
}

int main(int argc, char** argv) {
  try {
    Args args(argc, argv, {"help"});
    if (args.flag("help")) {
      std::cout << kUsage;
      return 0;
    }
    args.check({"db", "listen", "config", "admin-token-file", "key-file", "port-file", "threads", "log-level",
                "help", "protocol-version", "max-db-pages", "console-dir", "heartbeat-interval-s", "stale-after-s"});
    log::set_min_level(log::parse_level(args.get_or("log-level", "info")));

    auto file = args.get("config") ? config::File::load(*args.get("config")) : config::File::empty();
    central::CentralConfig cfg = central::load_central_config(file);
    file.finish();
    if (auto v = args.get("db")) cfg.database_url = *v;
    if (auto v = args.get("listen")) cfg.listen = *v;
    if (auto v = args.get("admin-token-file")) cfg.admin_token_file = *v;
    if (auto v = args.get("key-file")) cfg.key_file = *v;
    cfg.threads = int(args.int_or("threads", cfg.threads));
    if (auto v = args.get("console-dir")) cfg.console_dir = *v;
    cfg.heartbeat_interval_s = int(args.int_or("heartbeat-interval-s", cfg.heartbeat_interval_s));
    cfg.stale_after_s = int(args.int_or("stale-after-s", cfg.stale_after_s));
    if (cfg.console_dir.empty()) cfg.console_dir = central::default_console_dir(argv[0]);
    if (cfg.database_url.empty()) {
      std::cerr << "tongxing-centrald: --db FILE or --db postgresql://... is required\n" << kUsage;
      return 2;
    }
    central::resolve_files(cfg);
    auto hp = http::parse_host_port(cfg.listen);
    if (!hp) throw std::invalid_argument("--listen must be HOST:PORT, got \"" + cfg.listen + "\"");

    central::EngineOptions eo;
    eo.pool_size = std::size_t(cfg.pool_size);
    eo.connect_timeout_s = cfg.connect_timeout_s;
    if (args.get("max-db-pages")) eo.sqlite_max_pages = args.int_or("max-db-pages", 0);  // fault injection
    std::unique_ptr<central::Engine> engine;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(cfg.db_wait_s);
    for (;;) {
      try {
        engine = central::open_engine(cfg.database_url, eo);
        engine->migrate();
        break;
      } catch (const StorageError& e) {
        if (std::chrono::steady_clock::now() >= deadline) throw;
        log::warn("centrald", std::string(e.what()) + "; retrying");
        engine.reset();
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
    }
    SystemClock clock;
    central::CentralStore store(std::move(engine), open_vault(cfg.key_file), clock);
    const std::string admin_token = load_or_create_token(cfg.admin_token_file);
    store.add_admin_token(admin_token);
    store.set_auth_failures_kept(cfg.auth_failures_kept);
    store.set_group_limits(std::size_t(cfg.group_batches), std::size_t(cfg.group_events),
                           central::is_postgres_url(cfg.database_url) ? 2 : 1);

    std::optional<http::Tls> tls;
    if (!cfg.tls_cert_file.empty()) tls = http::Tls{cfg.tls_cert_file, cfg.tls_key_file};
    central::AdminAccounts accounts(store.engine(), clock, PinCost::interactive(),
                                    std::chrono::minutes(cfg.idle_minutes),
                                    {cfg.max_failed_logins, std::chrono::minutes(cfg.lock_minutes)});
    central::ConsoleOptions co;
    co.static_dir = cfg.console_dir;
    co.secure_cookie = tls.has_value();
    co.rules.heartbeat_interval = std::chrono::seconds(cfg.heartbeat_interval_s);
    co.rules.stale_after = std::chrono::seconds(cfg.stale_after_s);
    central::Console console(store, accounts, co);

    central::ApiOptions api;
    api.protocol = int(args.int_or("protocol-version", api.protocol));
    api.session_auth = [&console](const http::Request& req, http::Response& res) { return console.authorize(req, res); };
    api.max_frame_bytes = std::size_t(cfg.max_frame_bytes);
    auto limits = http::Limits::configured(cfg.max_connections, cfg.max_connections_per_peer, cfg.request_timeout_s,
                                           cfg.idle_timeout_s);
    http::Server server("centrald", std::size_t(cfg.threads), std::size_t(cfg.max_body_bytes), tls, limits);
    central::register_routes(server, store, api);
    // PostgreSQL: batches run side by side, each holding a pooled connection for its whole
    // transaction; a lane as wide as the pool (8 and 8 by default) left heartbeats, pulls and the
    // admin waiting for a connection (p99 21.5 s, 31,499 refused 503 with 10,000 stations while
    // 200 pushed: docs/benchmarks.md). Half the pool at most, so the rest always finds one.
    int lane = std::min(cfg.batch_workers, cfg.threads);
    if (central::is_postgres_url(cfg.database_url)) lane = std::min(lane, std::max(1, cfg.pool_size / 2));
    server.lane(sync::kPathBatches, std::size_t(lane));
    console.register_routes(server);
    server.allow_metrics_token(admin_token);
    int port = server.bind(hp->host, hp->port);
    if (port < 0) {
      log::error("centrald", "cannot listen on " + cfg.listen + " (in use, or no permission)");
      return 1;
    }
    http::stop_on_signals(server, "centrald");
    // After stop_on_signals: the flusher thread must not take SIGTERM (it would end the process
    // without the last flush).
    if (cfg.heartbeat_flush_ms > 0)
      store.start_heartbeat_flusher(std::chrono::milliseconds(cfg.heartbeat_flush_ms), cfg.heartbeat_journal_dir);

    log::info("centrald", std::string("listening on ") + (tls ? "https://" : "http://") + hp->host + ":" + std::to_string(port) + " db=" +
                              store.engine().describe() + " protocol=" + std::to_string(api.protocol));
    log::info("centrald", "administrators' console: /admin/ (static files: " + cfg.console_dir + ")");
    // The port file last: whoever waits for it (tests, scripts) then finds the service started
    // and its start-up lines logged (the heartbeat flusher's start came between them).
    if (auto pf = args.get("port-file")) http::write_port_file(*pf, port);
    bool ok = server.run();
    log::info("centrald", "stopped");
    return ok ? 0 : 1;
  } catch (const std::invalid_argument& e) {
    std::cerr << "tongxing-centrald: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "tongxing-centrald: " << e.what() << "\n";
    return 1;
  }
}
