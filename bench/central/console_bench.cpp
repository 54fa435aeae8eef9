// tongxing_bench_central_console: the web console's server side (issue 15).
//   build/bin/tongxing_bench_central_console --stations 2000 --events 1000000 --engines sqlite,postgresql [--batch 500]
// 1. fleet: `stations` stations with a heartbeat each; the median time of Console::fleet (what
//    GET /admin/api/fleet computes: every station, its state, the counts) over 7 runs.
// 2. statistics: `events` booking-like events over 12 months spread over the stations, ingested
//    through apply_batch (so the statistics are kept as in production; the ingest rate is
//    printed too); then the median of 7 runs of statistics() by station, district and month
//    over the whole year (by district and by month read the rollup per district and month).
//    The load average is printed before and after the reads (a shared machine).
// Numbers: docs/benchmarks.md.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "central/admins.h"
#include "central/console.h"
#include "central/store.h"
#include "common/args.h"
#include "common/secrets.h"
#include "domain/date.h"
#include "harness.h"

using namespace tx;
using namespace tx::central;
using Clock_ = std::chrono::steady_clock;

template <class F>
double median_ms(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock_::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(Clock_::now() - t0).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

// The machine's load average (the benchmarks run on a shared machine: say how busy it was).
std::string load_average() {
  std::ifstream f("/proc/loadavg");
  std::string one, five;
  f >> one >> five;
  return one + " (1 min), " + five + " (5 min)";
}

int main(int argc, char** argv) {
  Args args(argc, argv);
  const int stations = int(args.int_or("stations", 2000));
  const std::int64_t events = args.int_or("events", 1000000);
  // Events per batch: a station sends up to [sync] batch_events (1000 by default) per request.
  const std::size_t batch_events = std::size_t(std::max<std::int64_t>(1, args.int_or("batch", 500)));
  std::stringstream engines(args.get_or("engines", "sqlite"));
  for (std::string engine; std::getline(engines, engine, ',');) {
    testkit::TempDir dir;
    auto kind = engine == "postgresql" ? testkit::Engine::postgresql : testkit::Engine::sqlite;
    auto e = open_engine(testkit::central_db(kind, dir.path()));
    e->migrate();
    SystemClock clock;
    CentralStore store(std::move(e), Vault::from_seed("bench"), clock);
    AdminAccounts accounts(store.engine(), clock, PinCost::minimal());
    Console console(store, accounts, ConsoleOptions{});
    static const char* districts[] = {"东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "通州区", "顺义区"};
    std::vector<std::string> ids;
    for (int i = 0; i < stations; ++i) {
      ids.push_back(store.add_station("站点" + std::to_string(i), std::string(districts[i % 8])).station_id);
      if (i % 10 != 0) {
        Heartbeat hb;
        hb.version = "0.1.0";
        hb.backlog = i % 7;
        store.heartbeat(ids.back(), hb);
      }
    }
    std::size_t n = 0;
    double fleet = median_ms(7, [&] { n = console.fleet(std::nullopt)["stations"].size(); });
    std::cout << engine << ": fleet of " << n << " stations: " << fleet << " ms (median of 7)\n";

    // Events: per station, a run of batches of `batch` with created_at spread over 2025.
    const std::int64_t per_station = std::max<std::int64_t>(1, events / stations);
    auto t0 = Clock_::now();
    std::int64_t total = 0;
    static const char* kinds[] = {"first_assessment", "renewal", "reassessment", "replacement"};
    static const char* types[] = {"appointment.booked", "appointment.checked_in", "appointment.no_show",
                                  "appointment.cancelled", "resident.registered"};
    for (int s = 0; s < stations; ++s) {
      std::vector<sync::Event> batch;
      for (std::int64_t q = 1; q <= per_station; ++q) {
        char created[32];
        std::snprintf(created, sizeof created, "2025-%02d-%02dT09:00:00Z", int(1 + (q * 7 + s) % 12), int(1 + q % 28));
        int ty = int((q + s) % 5);
        std::string payload = ty == 0 ? std::string("{\"kind\":\"") + kinds[q % 4] + "\"}" : "{}";
        batch.push_back({q, random_hex(16), types[ty], created, payload});
        if (batch.size() == batch_events || q == per_station) {
          total += store.apply_batch(ids[std::size_t(s)], batch).applied_count;
          batch.clear();
        }
      }
    }
    double secs = std::chrono::duration<double>(Clock_::now() - t0).count();
    std::cout << engine << ": load average " << load_average() << "\n";
    std::cout << engine << ": ingested " << total << " events in " << secs << " s (" << std::int64_t(double(total) / secs)
              << " events/s, in-process, statistics kept)\n";
    for (const char* by : {"station", "district", "month"}) {
      std::size_t rows = 0;
      double ms = median_ms(7, [&] { rows = store.statistics(by, "2025-01", "2025-12", "*")["rows"].size(); });
      std::cout << engine << ": statistics by " << by << " (" << rows << " rows) over " << total << " events: " << ms
                << " ms (median of 7)\n";
    }
    double scoped = median_ms(7, [&] { store.statistics("month", "2025-01", "2025-12", "东城区"); });
    std::cout << engine << ": statistics by month for one district: " << scoped << " ms (median of 7)\n";
    std::cout << engine << ": load average " << load_average() << "\n";
  }
  return 0;
}
