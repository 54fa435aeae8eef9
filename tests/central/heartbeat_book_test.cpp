// HeartbeatBook (central/heartbeats.h), in memory: the replay rule, what a flush takes and
// gives back, the bound on waiting history rows, and one winner among concurrent copies.
// (Through the real processes and both engines: tests/sync/heartbeat_replay_test.cpp.)
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "central/heartbeats.h"

using tx::central::Heartbeat;
using tx::central::HeartbeatBook;

namespace {

Heartbeat hb(std::int64_t seq, std::int64_t backlog = 0) {
  Heartbeat h;
  h.seq = seq;
  h.backlog = backlog;
  h.done_commands = {1, 2};
  return h;
}

TEST(HeartbeatBook, AcceptsOnlyAboveTheStoredFloorAndItsOwnLast) {
  HeartbeatBook book;
  std::int64_t last = -1;
  EXPECT_FALSE(book.accept("s1", hb(10), "2026-01-01T00:00:00Z", 10, &last));  // the stored floor
  EXPECT_EQ(last, 10);
  EXPECT_TRUE(book.accept("s1", hb(11, 3), "2026-01-01T00:00:01Z", 10, &last));
  EXPECT_FALSE(book.accept("s1", hb(11), "2026-01-01T00:00:02Z", 0, &last));  // its own last
  EXPECT_EQ(last, 11);
  EXPECT_FALSE(book.accept("s1", hb(5), "2026-01-01T00:00:02Z", 0, &last));
  book.raise("s1", 20);  // a dead process's journal
  EXPECT_FALSE(book.accept("s1", hb(15), "2026-01-01T00:00:03Z", 11, &last));
  EXPECT_EQ(last, 20);
  auto p = book.pending("s1");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->seq, 20);
  EXPECT_EQ(p->hb.backlog, 3);
  EXPECT_EQ(p->at, "2026-01-01T00:00:01Z");
  EXPECT_TRUE(p->hb.done_commands.empty());  // commands are written with the heartbeat, not kept
  EXPECT_FALSE(book.pending("s2"));
}

TEST(HeartbeatBook, AFailedFlushKeepsEverythingAndASuccessfulOneSettles) {
  HeartbeatBook book;
  ASSERT_TRUE(book.accept("a", hb(1), "t1", 0, nullptr));
  ASSERT_TRUE(book.accept("b", hb(1), "t1", 0, nullptr));
  auto first = book.take();
  ASSERT_EQ(first.stations.size(), 2u);
  EXPECT_EQ(first.stations[0].first, "a");  // station order: processes lock rows alike
  EXPECT_TRUE(first.stations[0].second.prune);
  ASSERT_EQ(first.log.size(), 2u);
  ASSERT_TRUE(book.accept("a", hb(2), "t2", 0, nullptr));  // arrives during the write
  book.settle(std::move(first), false);                    // the database refused
  auto second = book.take();
  ASSERT_EQ(second.log.size(), 3u);  // the refused rows first, then the new one
  EXPECT_EQ(second.log[0].at, "t1");
  EXPECT_EQ(second.log[2].at, "t2");
  EXPECT_TRUE(second.stations[0].second.prune);  // not pruned: the write failed
  book.settle(std::move(second), true);
  EXPECT_FALSE(book.pending("a"));
  EXPECT_FALSE(book.pending("b"));
  EXPECT_TRUE(book.take().empty());
  ASSERT_TRUE(book.accept("a", hb(3), "t3", 0, nullptr));
  auto third = book.take();
  EXPECT_FALSE(third.stations[0].second.prune);  // pruned within the hour already
  ASSERT_TRUE(book.accept("a", hb(4), "t4", 0, nullptr));
  book.settle(std::move(third), true);
  EXPECT_TRUE(book.pending("a"));  // a newer heartbeat than the one written stays pending
}

TEST(HeartbeatBook, WaitingHistoryIsBoundedWhileTheDatabaseRefuses) {
  HeartbeatBook book;
  for (std::int64_t i = 1; i <= std::int64_t(HeartbeatBook::kMaxLog) + 500; ++i)
    ASSERT_TRUE(book.accept("s", hb(i), "t", 0, nullptr));
  EXPECT_EQ(book.dropped(), 500u);
  auto b = book.take();
  EXPECT_EQ(b.log.size(), HeartbeatBook::kMaxLog);
  EXPECT_EQ(book.stations(), 1u);
}

TEST(HeartbeatBook, OneOfConcurrentCopiesIsAccepted) {
  HeartbeatBook book;
  for (std::int64_t seq = 1; seq <= 200; ++seq) {
    std::atomic<int> accepted{0};
    std::vector<std::thread> ts;
    for (int t = 0; t < 4; ++t)
      ts.emplace_back([&] {
        if (book.accept("s", hb(seq), "t", 0, nullptr)) ++accepted;
      });
    for (auto& t : ts) t.join();
    ASSERT_EQ(accepted.load(), 1) << "seq " << seq;
  }
}

}  // namespace
