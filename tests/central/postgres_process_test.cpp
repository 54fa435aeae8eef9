// Issue 8 with real processes and a real PostgreSQL server of the test's own:
//  - two tongxing-centrald processes on one database, a station whose requests alternate
//    between them through the fault-injecting proxy, 200+ faults including killing a central
//    process mid-batch and restarting PostgreSQL mid-ingest: exactly once afterwards;
//  - connection loss answers 503 database_unavailable, then recovers by itself;
//  - `tongxing-ctl central migrate-to-postgres`, checked table by table, then served.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <random>
#include <thread>

#include "central/copy.h"
#include "central/storage.h"
#include "fault_proxy.h"
#include "harness.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

bool converged(Station& s, Central& c) {
  auto rec = s.recorded();
  std::int64_t last = rec.empty() ? 0 : rec.back().first;
  s.trigger();
  try {
    return c.station(s.station_id())["acked_seq"].get<std::int64_t>() == last && s.status()["pending_events"] == 0;
  } catch (const std::exception&) {
    return false;
  }
}

TEST(PostgresProcesses, ConnectionLossAnswers503AndRecovers) {
  TempDir dir;
  Central c(shared_pg().new_database(), dir.path());
  ASSERT_EQ(http_get(c.port(), "/api/v1/admin/stations", c.token()).status, 200);
  shared_pg().stop_immediate();
  auto down = http_get(c.port(), "/api/v1/admin/stations", c.token());
  auto health = http_get(c.port(), "/api/v1/health");
  shared_pg().start();
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.body["error"]["code"], "database_unavailable");
  EXPECT_FALSE(down.body["error"]["message_en"].get<std::string>().empty());
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.body["db"], "unavailable");
  EXPECT_TRUE(wait_until([&] { return http_get(c.port(), "/api/v1/admin/stations", c.token()).status == 200; }, 20s));
}

TEST(PostgresProcesses, TwoCentralsAlternatingWithFaultsAndPostgresRestarts) {
  unsigned seed = std::getenv("TX_FAULT_SEED") ? unsigned(std::atoi(std::getenv("TX_FAULT_SEED")))
                                               : unsigned(std::random_device{}());
  std::cout << "TX_FAULT_SEED=" << seed << "\n";
  std::mt19937 rng(seed);
  TempDir dir;
  std::string url = shared_pg().new_database();
  Central a(url, dir.path(), {}, "central-a");
  Central b(url, dir.path(), {}, "central-b");  // same token and key files, same database
  auto [id, secret] = a.add_station("two-centrals");
  ASSERT_EQ(b.station(id)["name"], "two-centrals");  // enrolment seen by the other process
  FaultProxy proxy({a.port(), b.port()});
  Station station(dir.path(), "station");
  station.configure(proxy.url(), id, secret);
  const std::vector<std::string> args = {"--sync-batch-events", "40"};
  station.start(args);

  std::map<std::string, int> kinds;
  int faults = 0;
  auto deadline = std::chrono::steady_clock::now() + 170s;
  while (faults < 210 && std::chrono::steady_clock::now() < deadline) {
    station.append(1 + int(rng() % 80));
    int r = int(rng() % 100);
    if (r < 60) {
      static const Fault pick[] = {Fault::refuse, Fault::cut_request, Fault::drop_reply,
                                   Fault::duplicate, Fault::delay, Fault::replay_later};
      Fault f = pick[rng() % 6];
      proxy.next(f);
      kinds[fault_name(f)]++;
      station.trigger();
      wait_until([&] { return proxy.pending_faults() == 0; }, 5s);
    } else if (r < 72) {
      station.trigger();
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 60));
      station.kill9();
      kinds["kill_station"]++;
      station.start(args);
    } else if (r < 88) {
      // One central process killed mid-batch; the proxy keeps alternating, so every other
      // request fails until it is back.
      Central& victim = rng() % 2 ? a : b;
      station.trigger();
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 40));
      victim.kill9();
      kinds["kill_central"]++;
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 100));
      victim.start();
    } else if (r < 95) {
      station.trigger();
      std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 50));
      if (rng() % 2) {
        shared_pg().restart();
        kinds["postgres_restart"]++;
      } else {
        // A crash the centrals must notice: while PostgreSQL is down a request is answered
        // 503 (and logged), and the station's own batch meets the outage too. (A restart can
        // finish before any request arrives; on a fast machine it usually does.)
        shared_pg().stop_immediate();
        Central& asked = rng() % 2 ? a : b;
        EXPECT_EQ(http_get(asked.port(), "/api/v1/admin/stations", asked.token()).status, 503);
        station.trigger();
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % 100));
        shared_pg().start();
        kinds["postgres_crash"]++;
      }
    } else {
      // Both processes tell administrators the same thing: nothing lives in one process only.
      json sa, sb;
      bool ok = wait_until(
          [&] {
            try {
              sa = a.station(id);
              sb = b.station(id);
              return true;
            } catch (const std::exception&) {
              return false;  // 503 while PostgreSQL comes back
            }
          },
          20s);
      EXPECT_TRUE(ok);
      EXPECT_EQ(sa["name"], sb["name"]);
      kinds["consistency_check"]++;
    }
    ++faults;
  }
  for (const auto& [k, n] : kinds) std::cout << "  " << k << ": " << n << "\n";
  ASSERT_GE(faults, 200);
  ASSERT_TRUE(wait_until([&] { return converged(station, a); }, 60s)) << station.status().dump();
  EXPECT_EQ(exactly_once(station, a), "");
  EXPECT_EQ(exactly_once(station, b), "");
  // The same row in both, once each has written the heartbeats it answered from memory (every
  // heartbeat_flush_ms, 2 s by default; docs/sync.md "Heartbeats"). The station stops first:
  // with a heartbeat every second through the proxy, one process or the other nearly always
  // holds an unwritten one, and under load the 15 s wait could miss every moment both agree
  // (seen once in round 4, seed 2120376550, which passed on its own).
  station.stop();
  json ra, rb;
  EXPECT_TRUE(wait_until([&] { return (ra = a.station(id)) == (rb = b.station(id)); }, 15s)) << ra << "\n" << rb;
  if (kinds["postgres_crash"] > 0) {
    EXPECT_NE((a.log() + b.log()).find("database unavailable"), std::string::npos);
  }
}

TEST(PostgresProcesses, MigrateToPostgresCopiesEveryTable) {
  TempDir dir;
  std::string file = dir.file("central.db");
  auto c = std::make_unique<Central>(file, dir.path());
  auto [id, secret] = c->add_station("迁移站");
  Station station(dir.path(), "station");
  station.configure(c->url(), id, secret);
  station.append(500);
  station.start();
  ASSERT_TRUE(wait_until([&] { return converged(station, *c); }, 30s));
  const auto& tok = c->token();
  ASSERT_EQ(http_post(c->port(), "/api/v1/admin/import/jobs",
                      "ref,title,employer,district,deadline\nJ1,文员,示例有限公司,示例区,2099-01-01\n", tok, "text/csv").status, 200);
  ASSERT_EQ(http_post(c->port(), "/api/v1/admin/sessions",
                      json{{"date", "2099-02-05"}, {"kind", "renewal"}, {"capacity", 4}}.dump(), tok).status, 200);
  ASSERT_EQ(http_post(c->port(), "/api/v1/admin/stations/" + id + "/commands", json{{"type", "sync_now"}}.dump(), tok).status, 202);
  post_signed(c->port(), id, secret, "/api/v1/sync/heartbeat", "{}", 1, true);  // one auth failure row
  station.stop();
  c->stop();

  std::string url = shared_pg().new_database();
  std::string cmd = bin("tongxing-ctl") + " central migrate-to-postgres --from " + file + " --to " + url + " > " +
                    dir.file("migrate.log") + " 2>&1";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << read_file(dir.file("migrate.log"));
  EXPECT_NE(read_file(dir.file("migrate.log")).find("every table matches"), std::string::npos);
  {
    auto src = tx::central::open_sqlite_engine(file, {});
    auto dst = tx::central::open_postgres_engine(url, {});
    auto diffs = tx::central::compare_databases(*src, *dst);
    for (const auto& d : diffs) ADD_FAILURE() << d;
    for (const auto& t : tx::central::central_tables())
      EXPECT_EQ(src->dump_table(t.name, t.order_by).rows.size(), dst->dump_table(t.name, t.order_by).rows.size()) << t.name;
  }
  // A second run refuses to mix databases.
  EXPECT_NE(std::system(cmd.c_str()), 0);

  // The same key and token files serve the copy; the station carries on.
  c = std::make_unique<Central>(url, dir.path());
  station.configure(c->url(), id, secret);
  station.append(100);
  station.start();
  ASSERT_TRUE(wait_until([&] { return converged(station, *c); }, 30s)) << station.status().dump();
  EXPECT_EQ(exactly_once(station, *c), "");
  EXPECT_EQ(c->station(id)["name"], "迁移站");
}

}  // namespace
