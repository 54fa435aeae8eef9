// 200 simulated stations syncing into one central server at once (issues 4 and 8): each
// station is a client thread sending its backlog batch after batch (a batch is sent when the
// previous one is acknowledged, as a real station does). Bodies are sealed before the clock
// starts, so the numbers measure the central server, not the simulator.
//   tongxing_bench_central_ingest [--stations 200] [--events 5000] [--batch 500] [--runs 3]
//                                 [--engines sqlite,postgresql] [--processes 1,2]
//                                 [--batch-workers N]  (central's [central] batch_workers; 8)
// PostgreSQL runs in a cluster of the benchmark's own with the settings printed at start.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <thread>

#include "common/args.h"
#include "common/secrets.h"
#include "domain/identity.h"
#include "harness.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const char* kPgSettings =
    "fsync = on\nsynchronous_commit = on\nfull_page_writes = on\nshared_buffers = 256MB\nwal_buffers = 16MB\n"
    "max_wal_size = 4GB\ncheckpoint_timeout = 15min\n";

struct Prepared {
  std::string id;
  std::vector<std::pair<std::string, std::string>> bodies;  // body, signature
};

std::vector<std::string> split(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string p;
  while (std::getline(ss, p, ',')) out.push_back(p);
  return out;
}

struct Result {
  double events_per_s = 0, p50_ms = 0, p99_ms = 0;
};

int g_batch_workers = 0;  // 0: central's default

Result run_once(Engine engine, PgServer* pg, int processes, int stations, int events, int batch) {
  TempDir dir;
  std::string db = central_db(engine, dir.path(), pg);
  std::vector<std::string> extra = {"--threads", "64"};
  if (g_batch_workers > 0) {
    std::ofstream(dir.file("central.toml")) << "[central]\nbatch_workers = " << g_batch_workers << "\n";
    extra.insert(extra.end(), {"--config", dir.file("central.toml")});
  }
  std::vector<std::unique_ptr<Central>> centrals;
  for (int p = 0; p < processes; ++p)
    centrals.push_back(std::make_unique<Central>(db, dir.path(), extra, "central-" + std::to_string(p)));
  std::vector<Prepared> st(stations);
  for (int s = 0; s < stations; ++s) {
    auto [id, secret] = centrals[0]->add_station("bench-" + std::to_string(s));
    auto keys = *tx::sync::StationKeys::from_secret(secret);
    st[s].id = id;
    for (int first = 1; first <= events; first += batch) {
      std::vector<tx::sync::Event> ev;
      for (int q = first; q < std::min(events + 1, first + batch); ++q) {
        int who = (q * 7919 + s * 104729) % 977;  // one of 977 synthetic residents
        char first17[32];
        std::snprintf(first17, sizeof first17, "440524%04d%02d%02d%03d", 1940 + who % 60, 1 + who % 12, 1 + who % 28,
                      who % 1000);
        std::string id_number = std::string(first17) + tx::id_check_character(first17);
        ev.push_back({q, tx::random_hex(16), "appointment.booked", "2030-01-01T01:02:03Z",
                      R"({"appointment_id":)" + std::to_string(q) + R"(,"resident_id":)" + std::to_string(1000 + who) +
                          R"(,"id_number":")" + id_number + R"(","kind":"renewal","date":"2030-01-05","ticket":"R)" +
                          std::to_string(q % 1000) + R"(","channel":"kiosk","terminal":"kiosk-1"})"});
      }
      std::string body = tx::sync::seal_body(keys, tx::sync::encode_events(ev));
      st[s].bodies.emplace_back(body, tx::sync::sign(keys, "POST", tx::sync::kPathBatches, id, 1, body));
    }
  }
  std::vector<std::vector<double>> lat(stations);
  std::atomic<int> errors{0};
  auto t0 = Clock::now();
  std::vector<std::thread> threads;
  for (int s = 0; s < stations; ++s)
    threads.emplace_back([&, s] {
      int port = centrals[s % processes]->port();
      for (const auto& [body, sig] : st[s].bodies) {
        for (int attempt = 0;; ++attempt) {
          httplib::Client cli("127.0.0.1", port);
          cli.set_read_timeout(60, 0);
          httplib::Headers h = {{tx::sync::kHeaderProtocol, "1"}, {tx::sync::kHeaderStation, st[s].id},
                                {tx::sync::kHeaderSignature, sig}};
          auto t = Clock::now();
          auto res = cli.Post(tx::sync::kPathBatches, h, body, "application/octet-stream");
          if (res && res->status == 200) {
            lat[s].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t).count());
            break;
          }
          ++errors;  // retried like a station would (503 while busy, a refused connection)
          if (attempt > 50) return;
          std::this_thread::sleep_for(10ms);
        }
      }
    });
  for (auto& t : threads) t.join();
  double secs = std::chrono::duration<double>(Clock::now() - t0).count();
  std::int64_t stored = 0;
  for (const auto& s : centrals[0]->stations()) stored += s["events_received"].get<std::int64_t>();
  if (stored != std::int64_t(stations) * events)
    throw std::runtime_error("central holds " + std::to_string(stored) + " events, expected " +
                             std::to_string(std::int64_t(stations) * events));
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  Result r;
  r.events_per_s = double(stations) * events / secs;
  r.p50_ms = all[all.size() / 2];
  r.p99_ms = all[std::min(all.size() - 1, all.size() * 99 / 100)];
  if (errors) std::printf("    (%d requests retried)\n", errors.load());
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  tx::Args args(argc, argv);
  args.check({"stations", "events", "batch", "runs", "engines", "processes", "batch-workers"});
  g_batch_workers = int(args.int_or("batch-workers", 0));
  int stations = int(args.int_or("stations", 200)), events = int(args.int_or("events", 5000));
  int batch = int(args.int_or("batch", 500)), runs = int(args.int_or("runs", 3));
  auto engines = split(args.get_or("engines", "sqlite,postgresql"));
  auto processes = split(args.get_or("processes", "1,2"));
  std::unique_ptr<PgServer> pg;
  std::printf("%d stations x %d events, batches of %d, %d runs each (median shown)\n", stations, events, batch, runs);
  for (const auto& e : engines) {
    Engine engine = e == "postgresql" ? Engine::postgresql : Engine::sqlite;
    if (engine == Engine::postgresql && !pg) {
      std::printf("PostgreSQL settings:\n%s", kPgSettings);
      pg = std::make_unique<PgServer>(kPgSettings);
    }
    for (const auto& p : processes) {
      std::vector<Result> rs;
      for (int r = 0; r < runs; ++r) {
        rs.push_back(run_once(engine, pg.get(), std::stoi(p), stations, events, batch));
        std::printf("  %-10s %s process(es) run %d: %.0f events/s, batch latency p50 %.1f ms, p99 %.1f ms\n",
                    e.c_str(), p.c_str(), r + 1, rs.back().events_per_s, rs.back().p50_ms, rs.back().p99_ms);
        std::fflush(stdout);
      }
      std::sort(rs.begin(), rs.end(), [](const Result& a, const Result& b) { return a.events_per_s < b.events_per_s; });
      const Result& m = rs[rs.size() / 2];
      std::printf("%-10s %s process(es): median %.0f events/s, p50 %.1f ms, p99 %.1f ms\n", e.c_str(), p.c_str(),
                  m.events_per_s, m.p50_ms, m.p99_ms);
    }
  }
  return 0;
}
