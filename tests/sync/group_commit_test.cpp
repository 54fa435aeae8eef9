// Group commit (issue 14) through the real path, both engines: sixteen stations push at once
// into a real tongxing-centrald (real HTTP on loopback, sealed and signed batches, a real
// SQLite file or PostgreSQL, there with a second central process on the same database), one
// central is killed with SIGKILL in the middle and started again,
// the stations resend what was not acknowledged. Batches were grouped (/metrics), one station's
// conflicting batch was refused alone, every event is stored exactly once, and the statistics
// equal a recount: no half-applied batch survived the kill.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <regex>
#include <thread>
#include <vector>

#include "central/store.h"
#include "common/clock.h"
#include "common/secrets.h"
#include "harness.h"

using namespace tx::testkit;
using namespace std::chrono_literals;

namespace {

// metric: a counter's value in a /metrics scrape (0 when absent).
double metric(const std::string& scrape, const std::string& name) {
  double sum = 0;  // summed over the scrapes of several processes
  std::regex re("\n" + name + " ([0-9.e+]+)");
  for (auto it = std::sregex_iterator(scrape.begin(), scrape.end(), re); it != std::sregex_iterator(); ++it)
    sum += std::stod((*it)[1]);
  return sum;
}

class GroupCommitSync : public ::testing::TestWithParam<Engine> {};

TEST_P(GroupCommitSync, StationsPushingAtOnceAreGroupedAndStoredExactlyOnceThroughKill9) {
  constexpr int kStations = 16, kBatches = 8, kBatch = 200;
  TempDir dir;
  const std::string db = central_db(GetParam(), dir.path());
  Central central(db, dir.path());
  const int port = central.port();  // kept across the restart (Central::start listens on it again)
  // PostgreSQL: a second central process on the same database takes every other station (the
  // stations' rows and the district statistics are shared between the two processes' groups).
  std::unique_ptr<Central> second;
  if (GetParam() == Engine::postgresql) second = std::make_unique<Central>(db, dir.path(), std::vector<std::string>{}, "central-b");
  const int second_port = second ? second->port() : port;

  struct Pusher {
    std::string id, secret;
    std::vector<tx::sync::Event> events;
  };
  std::vector<Pusher> st(kStations);
  for (int s = 0; s < kStations; ++s) {
    std::tie(st[s].id, st[s].secret) = central.add_station("组" + std::to_string(s));
    st[s].events = booking_events(kBatches * kBatch);
  }

  std::mutex mu;
  std::vector<std::string> failures;
  auto fail = [&](const std::string& why) {
    std::lock_guard l(mu);
    failures.push_back(why);
  };
  std::atomic<int> acknowledged{0}, conflicts{0};
  // send: one frame until central answers something other than "not now" (no connection while
  // it is down, 503); bounded.
  auto send = [&](const Pusher& p, const std::vector<tx::sync::Event>& b) {
    std::string frame = tx::sync::encode_events(b);
    const int to = (&p - st.data()) % 2 ? second_port : port;
    for (int attempt = 0; attempt < 1500; ++attempt) {
      auto a = post_signed(to, p.id, p.secret, tx::sync::kPathBatches, frame);
      if (a.status != 0 && a.status != 503) return a;
      std::this_thread::sleep_for(20ms);
    }
    return HttpAnswer{};
  };
  std::vector<std::thread> ts;
  for (int s = 0; s < kStations; ++s)
    ts.emplace_back([&, s] {
      const Pusher& p = st[s];
      for (int b = 0; b < kBatches; ++b) {
        std::vector<tx::sync::Event> batch(p.events.begin() + b * kBatch, p.events.begin() + (b + 1) * kBatch);
        auto a = send(p, batch);
        if (a.status != 200 || a.body.value("acked_seq", std::int64_t(-1)) != (b + 1) * kBatch ||
            a.body.value("applied", 0) + a.body.value("duplicates", 0) != kBatch)
          return fail(p.id + " batch " + std::to_string(b) + ": " + std::to_string(a.status) + " " + a.raw);
        ++acknowledged;
        if (s == 0 && b == 0) {
          // The poisoned batch: the first sequences again with other ids (a replaced station
          // database). Refused alone, whatever group it lands in.
          auto forged = batch;
          for (auto& e : forged) e.event_id = tx::random_hex(16);
          auto c = send(p, forged);
          if (c.status != 409 || c.body["error"]["code"] != "sequence_conflict")
            return fail("conflicting batch answered " + std::to_string(c.status) + " " + c.raw);
          ++conflicts;
        }
      }
    });

  // SIGKILL once a third of the batches are acknowledged, while the others are being applied.
  ASSERT_TRUE(wait_until([&] { return acknowledged >= kStations * kBatches / 3; }, 120s)) << central.log();
  std::string before_kill = http_get(port, "/metrics").raw;
  central.kill9();
  std::this_thread::sleep_for(300ms);
  central.start();
  for (auto& t : ts) t.join();
  std::string after = http_get(port, "/metrics").raw;
  if (second) after += http_get(second_port, "/metrics").raw;

  EXPECT_TRUE(failures.empty()) << failures.front() << "\n" << central.log().substr(0, 4000);
  EXPECT_EQ(acknowledged.load(), kStations * kBatches);
  EXPECT_EQ(conflicts.load(), 1);
  const double grouped = metric(before_kill, "tongxing_central_batches_grouped_total") +
                         metric(after, "tongxing_central_batches_grouped_total");
  const double transactions = metric(before_kill, "tongxing_central_batch_transactions_total") +
                              metric(after, "tongxing_central_batch_transactions_total");
  const double batches = metric(before_kill, "tongxing_central_batches_applied_total") +
                         metric(after, "tongxing_central_batches_applied_total");
  std::cout << "  " << batches << " batches in " << transactions << " transactions, " << grouped
            << " of them sharing one\n";
  EXPECT_GT(grouped, 0) << "sixteen stations pushing at once: some batches share a transaction";
  EXPECT_LT(transactions, batches);

  for (const auto& p : st) {
    auto stored = central.events(p.id);
    ASSERT_EQ(stored.size(), p.events.size()) << p.id;
    for (std::size_t i = 0; i < stored.size(); ++i) {
      EXPECT_EQ(stored[i].first, p.events[i].seq);
      EXPECT_EQ(stored[i].second, p.events[i].event_id) << "the conflicting batch stored nothing";
    }
    auto row = central.station(p.id);
    EXPECT_EQ(row["acked_seq"], kBatches * kBatch);
    EXPECT_EQ(row["events_received"], kBatches * kBatch);
  }
  central.stop();
  if (second) second->stop();
  tx::SystemClock clock;
  tx::central::CentralStore cs(tx::central::open_engine(db), tx::Vault::open_or_create(central.key_file(), false), clock);
  auto stored = cs.stored_statistics();
  auto recount = cs.recount_statistics();
  EXPECT_EQ(stored, recount) << "a batch cut by the kill counted nothing; each applied one counted once";
  EXPECT_EQ(cs.stored_district_statistics(), cs.district_rollup(recount));
  std::int64_t booked = 0;
  for (const auto& [key, n] : stored)
    if (std::get<2>(key) == "booked") booked += n;
  EXPECT_EQ(booked, std::int64_t(kStations) * (kBatches * kBatch - kBatches * kBatch / 5));
}

INSTANTIATE_TEST_SUITE_P(Engines, GroupCommitSync, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const auto& info) { return engine_name(info.param); });

}  // namespace
