// One randomized run with at least 200 injected faults of every kind — proxy faults (refused
// connections, cut requests, replies lost after commit, duplicates, delays, old batches replayed
// out of order), SIGKILLed stations and central servers, forged gaps, bad signatures — then the
// check: central holds exactly the events the station recorded, none lost, none twice.
// TX_FAULT_SEED=N repeats a run; the seed is printed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include "central/store.h"
#include "common/secrets.h"
#include "fault_proxy.h"
#include "harness.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

class RandomFaults : public ::testing::TestWithParam<Engine> {};

TEST_P(RandomFaults, TwoHundredFaultsNoneLostNoneTwice) {
  unsigned seed = std::getenv("TX_FAULT_SEED") ? unsigned(std::atoi(std::getenv("TX_FAULT_SEED")))
                                               : unsigned(std::random_device{}());
  std::cout << "TX_FAULT_SEED=" << seed << "\n";
  std::mt19937 rng(seed);
  TempDir dir;
  const std::string db = central_db(GetParam(), dir.path());
  Central central(db, dir.path());
  auto [id, secret] = central.add_station("random");
  FaultProxy proxy({central.port()});
  Station station(dir.path(), "station");
  station.configure(proxy.url(), id, secret);
  const std::vector<std::string> args = {"--sync-batch-events", "40"};
  station.start(args);

  std::map<std::string, int> kinds;
  std::int64_t certificates = 0;  // certificate.expiry events among the recorded
  const int target = 210;
  auto deadline = std::chrono::steady_clock::now() + 150s;
  int faults = 0;
  std::map<std::string, double> spent;
  while (faults < target && std::chrono::steady_clock::now() < deadline) {
    auto t0 = std::chrono::steady_clock::now();
    int r = int(rng() % 100);
    std::string kind;
    station.append(1 + int(rng() % 60));
    if (rng() % 4 == 0) {
      // Certificates registered and renewed: renewals due at central (docs/console.md).
      int n = 1 + int(rng() % 4);
      station.certify(n);
      certificates += n;
    }
    if (r < 62) {
      static const Fault pick[] = {Fault::refuse, Fault::cut_request, Fault::drop_reply,
                                   Fault::duplicate, Fault::delay, Fault::replay_later};
      Fault f = pick[rng() % 6];
      proxy.next(f);
      kinds[fault_name(f)]++;
      kind = fault_name(f);
      station.trigger();
      wait_until([&] { return proxy.pending_faults() == 0; }, 5s);
    } else if (r < 74) {
      station.trigger();
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 60));
      station.kill9();
      kinds["kill_station"]++;
      station.start(args);
    } else if (r < 84) {
      station.trigger();
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 40));
      central.kill9();
      kinds["kill_central"]++;
      central.start();
    } else if (r < 90) {
      // A forged gap straight to central: refused with the sequence it expects.
      auto acked = central.station(id)["acked_seq"].get<std::int64_t>();
      // Far beyond anything recorded, so it is a gap whatever the station does meanwhile.
      std::vector<tx::sync::Event> ev = {{acked + 100000 + std::int64_t(rng() % 5), tx::random_hex(16), "x", "t", "{}"}};
      auto a = post_signed(central.port(), id, secret, "/api/v1/sync/batches", tx::sync::encode_events(ev));
      EXPECT_EQ(a.status, 409);
      EXPECT_EQ(a.body["error"]["code"], "sequence_gap") << a.raw;
      kinds["gap"]++;
    } else if (r < 95) {
      auto a = post_signed(central.port(), id, secret, "/api/v1/sync/heartbeat", "{}", 1, true);
      EXPECT_EQ(a.status, 401);
      kinds["bad_signature"]++;
    } else {
      // An old batch delivered again, straight to central.
      auto rec = station.recorded();
      auto acked = central.station(id)["acked_seq"].get<std::int64_t>();
      if (acked >= 5) {
        std::vector<tx::sync::Event> ev;
        for (std::int64_t s = 1; s <= 5; ++s) ev.push_back({s, rec[s - 1].second, "x", "t", "{}"});
        auto a = post_signed(central.port(), id, secret, "/api/v1/sync/batches", tx::sync::encode_events(ev));
        EXPECT_EQ(a.status, 200) << a.raw;
        EXPECT_EQ(a.body["applied"], 0);
      }
      kinds["old_batch_direct"]++;
    }
    ++faults;
    double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (std::getenv("TX_DEBUG_LOG") && took > 1)
      std::cout << "SLOW iteration " << faults << " " << kind << " r=" << r << " " << took << " s, proxy pending "
                << proxy.pending_faults() << " connections " << proxy.connections() << "\n";
    spent[!kind.empty() ? kind : r < 74 ? "kill_station" : r < 84 ? "kill_central" : "direct"] +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  for (const auto& [k, t] : spent) std::cout << "  time in " << k << ": " << t << " s\n";
  for (const auto& [k, n] : kinds) std::cout << "  " << k << ": " << n << "\n";
  ASSERT_GE(faults, 200) << "ran out of time after " << faults << " faults";

  // Everything settles once the faults stop.
  auto t_settle = std::chrono::steady_clock::now();
  auto last = station.recorded().back().first;
  bool ok = wait_until(
      [&] {
        station.trigger();
        return central.station(id)["acked_seq"].get<std::int64_t>() == last &&
               station.status()["pending_events"] == 0;
      },
      60s);
  ASSERT_TRUE(ok) << station.status().dump() << "\n" << station.log().substr(0, 3000);
  if (std::getenv("TX_DEBUG_LOG")) std::cout << station.log() << central.log();
  EXPECT_EQ(exactly_once(station, central), "");
  {
    // The console's statistics (issue 15), kept on ingest: each stored event counted once
    // whatever the faults did, equal to a recount from the stored events.
    tx::SystemClock clock;
    tx::central::CentralStore cs(tx::central::open_engine(db), tx::Vault::open_or_create(central.key_file(), false), clock);
    auto stored = cs.stored_statistics();
    auto recount = cs.recount_statistics();
    EXPECT_EQ(stored, recount);
    EXPECT_EQ(cs.stored_district_statistics(), cs.district_rollup(recount)) << "the rollup per district and month";
    std::int64_t booked = 0;
    std::map<std::string, std::int64_t> due;
    for (const auto& [key, n] : stored) {
      if (std::get<2>(key) == "booked") booked += n;
      if (std::get<2>(key) == "renewals_due") due[std::get<1>(key)] += n;
    }
    EXPECT_EQ(booked, last - certificates) << "every booking event counted exactly once";
    EXPECT_GT(certificates, 0);
    EXPECT_EQ(due, station.renewals_due()) << "each resident due once, in the month of its current certificate";
  }
  std::cout << "  settled in " << std::chrono::duration<double>(std::chrono::steady_clock::now() - t_settle).count()
            << " s\n";
  std::cout << "  events recorded: " << last << ", proxy connections: " << proxy.connections() << "\n";
}

INSTANTIATE_TEST_SUITE_P(Engines, RandomFaults, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const auto& info) { return engine_name(info.param); });

}  // namespace
