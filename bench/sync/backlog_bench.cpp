// One station's backlog synced to a central server over loopback (issue 4's benchmark):
// events/s from the first request to the last acknowledgement, and bytes on the wire per
// event (HTTP headers included: the traffic goes through a counting TCP relay).
//   tongxing_bench_sync_backlog [--events 1000000] [--runs 3] [--batch 1000]
//                               [--engine sqlite|postgresql] [--direct]
// --direct skips the relay (rate without the relay's copying; no byte count).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "common/args.h"
#include "fault_proxy.h"
#include "harness.h"

using namespace tx::testkit;
using namespace std::chrono_literals;

int main(int argc, char** argv) {
  tx::Args args(argc, argv, {"direct"});
  args.check({"events", "runs", "batch", "engine", "direct"});
  const int events = int(args.int_or("events", 1000000));
  const int runs = int(args.int_or("runs", 3));
  const std::string batch = std::to_string(args.int_or("batch", 1000));
  Engine engine = args.get_or("engine", "sqlite") == "postgresql" ? Engine::postgresql : Engine::sqlite;
  std::vector<double> rates, per_event;
  for (int run = 0; run < runs; ++run) {
    TempDir dir;
    Central central(central_db(engine, dir.path()), dir.path());
    auto [id, secret] = central.add_station("bench");
    Station station(dir.path(), "station");
    auto t_fill = std::chrono::steady_clock::now();
    for (int done = 0; done < events; done += 50000) station.append(std::min(50000, events - done));
    double fill_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_fill).count();
    std::unique_ptr<FaultProxy> relay;
    if (!args.flag("direct")) relay = std::make_unique<FaultProxy>(std::vector<int>{central.port()});
    station.configure(relay ? relay->url() : central.url(), id, secret);
    auto t0 = std::chrono::steady_clock::now();
    station.start({"--sync-interval-s", "3600", "--sync-heartbeat-s", "3600", "--sync-batch-events", batch});
    bool ok = wait_until([&] { return central.station(id)["acked_seq"].get<std::int64_t>() == events; }, 1800s);
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!ok) {
      std::cerr << "backlog did not finish: " << station.status().dump() << "\n";
      return 1;
    }
    double rate = events / s;
    rates.push_back(rate);
    double bpe = relay ? double(relay->bytes_up() + relay->bytes_down()) / events : 0;
    per_event.push_back(bpe);
    std::printf("run %d: %d events (%s, batch %s) in %.2f s = %.0f events/s, %.1f bytes/event on the wire "
                "(filling the outbox took %.1f s)\n",
                run + 1, events, engine_name(engine).c_str(), batch.c_str(), s, rate, bpe, fill_s);
    std::fflush(stdout);
  }
  std::sort(rates.begin(), rates.end());
  std::sort(per_event.begin(), per_event.end());
  std::printf("median: %.0f events/s, %.1f bytes/event\n", rates[rates.size() / 2], per_event[per_event.size() / 2]);
  return 0;
}
