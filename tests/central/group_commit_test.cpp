// Group commit (issue 14), in-process against both engines: batches of many stations that wait
// for the writer are applied in one transaction, each under its own savepoint. A batch that
// throws (here: a fault injected after its events were inserted) is rolled back alone while
// the others of its group commit; outcomes (applied, repeats, gaps) stay per batch; every event
// is stored exactly once and the statistics equal a recount. The real path (HTTP, kill -9) is
// tests/sync/group_commit_test.cpp.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "central/store.h"
#include "common/secrets.h"
#include "harness.h"

using namespace tx;
using namespace tx::central;
using EngineKind = testkit::Engine;
using namespace std::chrono_literals;

namespace {

class GroupCommitTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    db_ = testkit::central_db(GetParam(), dir_.path());
    auto e = open_engine(db_);
    e->migrate();
    store_ = std::make_unique<CentralStore>(std::move(e), Vault::from_seed("g"), clock_);
  }
  testkit::TempDir dir_;
  std::string db_;
  SystemClock clock_;
  std::unique_ptr<CentralStore> store_;
};

TEST_P(GroupCommitTest, EachBatchKeepsItsOutcomeAndAPoisonedBatchIsRolledBackAlone) {
  constexpr int kStations = 12, kEvents = 120, kBatch = 20;
  // One group at a time on both engines here, so the group that waits is known to be whole.
  store_->set_group_limits(32, 20000, 1);
  std::vector<std::string> ids;
  for (int s = 0; s < kStations; ++s) ids.push_back(store_->add_station("s" + std::to_string(s), s % 2 ? "东城区" : "西城区").station_id);
  std::vector<std::vector<sync::Event>> all;
  for (int s = 0; s < kStations; ++s) all.push_back(testkit::booking_events(kEvents));

  // The first batch to reach the database holds its transaction until every other station's
  // first batch waits behind it; those eleven then form the next group, and one of them (not
  // the holder's station) throws after its events were inserted.
  std::mutex mu;
  std::string holder, poisoned;
  std::atomic<bool> held{false}, poison_fired{false};
  store_->set_batch_fault([&](const std::string& station, std::int64_t first) {
    if (!held.exchange(true)) {
      {
        std::lock_guard l(mu);
        holder = station;
        poisoned = station == ids[0] ? ids[1] : ids[0];
      }
      auto end = std::chrono::steady_clock::now() + 60s;
      while (store_->batches_waiting() < std::size_t(kStations - 1) && std::chrono::steady_clock::now() < end)
        std::this_thread::sleep_for(5ms);
      return;
    }
    std::lock_guard l(mu);
    if (station == poisoned && first == 1 && !poison_fired.exchange(true)) throw std::logic_error("poisoned batch");
  });

  std::atomic<int> failures{0}, poison_refused{0}, gaps{0}, repeats{0};
  std::atomic<std::int64_t> applied{0};
  std::vector<std::thread> ts;
  for (int s = 0; s < kStations; ++s)
    ts.emplace_back([&, s] {
      const std::string& id = ids[std::size_t(s)];
      std::int64_t next = 1;
      while (next <= kEvents) {
        std::vector<sync::Event> b(all[s].begin() + (next - 1), all[s].begin() + (next - 1 + kBatch));
        try {
          auto out = store_->apply_batch(id, b);
          if (out.kind != BatchOutcome::applied || out.acked_seq != next - 1 + kBatch) {
            ++failures;
            return;
          }
          applied += out.applied_count;
        } catch (const std::exception& e) {
          // Refused alone: nothing of it stays (its events were inserted before the fault).
          if (id != poisoned || next != 1 || std::string(e.what()) != "poisoned batch") ++failures;
          if (store_->station(id)->acked_seq != 0 || !store_->events(id, 0, 10).empty()) ++failures;
          if (++poison_refused > 1) return;
          continue;  // the station sends it again
        }
        // Every third batch: the same batch again (repeats acknowledged, nothing stored), then
        // one beyond a gap (refused with the stored sequence), each in whatever group it meets.
        if (next % 3 == 1) {
          auto again = store_->apply_batch(id, b);
          if (again.kind != BatchOutcome::applied || again.duplicates != kBatch || again.applied_count != 0) ++failures;
          ++repeats;
          if (next + 2 * kBatch <= kEvents) {
            std::vector<sync::Event> ahead(all[s].begin() + (next - 1 + 2 * kBatch), all[s].begin() + (next - 1 + 3 * kBatch));
            auto gap = store_->apply_batch(id, ahead);
            if (gap.kind != BatchOutcome::gap || gap.acked_seq != next - 1 + kBatch) ++failures;
            ++gaps;
          }
        }
        next += kBatch;
      }
    });
  for (auto& t : ts) t.join();

  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(poison_refused.load(), 1) << "the poisoned batch was refused, once";
  EXPECT_GT(gaps.load(), 0);
  EXPECT_GT(repeats.load(), 0);
  auto counts = store_->group_counts();
  EXPECT_GE(counts.largest, std::uint64_t(kStations - 1)) << "the eleven waiting first batches formed one group";
  EXPECT_GE(counts.grouped, std::uint64_t(kStations - 1));
  EXPECT_LT(counts.transactions, counts.batches);
  EXPECT_EQ(applied.load(), std::int64_t(kStations) * kEvents);
  for (int s = 0; s < kStations; ++s) {
    auto row = store_->station(ids[std::size_t(s)]);
    EXPECT_EQ(row->acked_seq, kEvents);
    EXPECT_EQ(row->events_received, kEvents);
    auto ev = store_->events(ids[std::size_t(s)], 0, 10000);
    ASSERT_EQ(ev.size(), std::size_t(kEvents));
    for (std::size_t i = 0; i < ev.size(); ++i) {
      EXPECT_EQ(ev[i].seq, std::int64_t(i + 1));
      EXPECT_EQ(ev[i].event_id, all[s][i].event_id);
    }
  }
  auto stored = store_->stored_statistics();
  auto recount = store_->recount_statistics();
  EXPECT_EQ(stored, recount) << "each batch's statistics counted once, the poisoned one's not at all";
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(recount));
  std::int64_t booked = 0;
  for (const auto& [key, n] : stored)
    if (std::get<2>(key) == "booked") booked += n;
  EXPECT_EQ(booked, std::int64_t(kStations) * (kEvents - kEvents / 5));
}

// A lone batch never waits for company: with nothing else arriving, each batch is its own
// transaction, applied as soon as it comes.
TEST_P(GroupCommitTest, ALoneBatchIsAppliedAtOnce) {
  auto st = store_->add_station("alone");
  auto ev = testkit::booking_events(40);
  for (int from = 1; from <= 40; from += 10) {
    auto t0 = std::chrono::steady_clock::now();
    auto out = store_->apply_batch(st.station_id, std::vector<sync::Event>(ev.begin() + (from - 1), ev.begin() + (from + 9)));
    EXPECT_EQ(out.applied_count, 10);
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 10s);
  }
  auto counts = store_->group_counts();
  EXPECT_EQ(counts.transactions, 4u);
  EXPECT_EQ(counts.batches, 4u);
  EXPECT_EQ(counts.grouped, 0u);
  EXPECT_EQ(counts.largest, 1u);
}

INSTANTIATE_TEST_SUITE_P(Engines, GroupCommitTest, ::testing::Values(EngineKind::sqlite, EngineKind::postgresql),
                         [](const auto& info) { return testkit::engine_name(info.param); });

}  // namespace
