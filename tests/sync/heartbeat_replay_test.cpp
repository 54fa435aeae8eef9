// Heartbeats answered from memory (issue 14), through real tongxing-centrald processes on both
// engines: central keeps each station's last hb_seq and report in memory, writes them every
// [central] heartbeat_flush_ms in one transaction, and a replayed heartbeat (the same signed
// bytes sent again) stays refused — from memory, after the flush, after a restart (a clean stop
// writes what is pending; after kill -9 the heartbeat journal does), and at a second central
// process on the same database.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <vector>

#include "central/storage.h"
#include "harness.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// A heartbeat sealed and signed once: sending it again is a byte-for-byte replay.
struct Captured {
  std::string station, body, signature;
};

class HeartbeatReplay : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    db_ = central_db(GetParam(), dir_.path());
    a_ = start("central-a", 200);
    std::tie(id_, secret_) = a_->add_station("心跳站");
    keys_ = *tx::sync::StationKeys::from_secret(secret_);
  }

  std::unique_ptr<Central> start(const std::string& name, int flush_ms) {
    std::string cfg = dir_.file(name + ".toml");
    std::ofstream(cfg) << "[central]\nheartbeat_flush_ms = " << flush_ms << "\n";
    return std::make_unique<Central>(db_, dir_.path(), std::vector<std::string>{"--config", cfg}, name);
  }

  Captured capture(std::int64_t hb_seq, std::int64_t backlog) {
    std::string body = tx::sync::seal_body(keys_, json{{"hb_seq", hb_seq}, {"backlog", backlog}}.dump());
    return {id_, body, tx::sync::sign(keys_, "POST", tx::sync::kPathHeartbeat, id_, 1, body)};
  }

  static HttpAnswer send(const Central& c, const Captured& h) {
    httplib::Client cli("127.0.0.1", c.port());
    cli.set_read_timeout(20, 0);
    httplib::Headers hd = {{"X-Tongxing-Protocol", "1"}, {"X-Tongxing-Station", h.station},
                           {"X-Tongxing-Signature", h.signature}};
    auto r = cli.Post(tx::sync::kPathHeartbeat, hd, h.body, "application/octet-stream");
    HttpAnswer a;
    if (!r) return a;
    a.status = r->status;
    a.raw = r->body;
    a.body = json::parse(r->body, nullptr, false);
    return a;
  }

  // stored: the station's row as written in the database (read by the test, not by central).
  json stored() {
    auto engine = tx::central::open_engine(db_);
    auto d = engine->dump_table("stations", "id");
    for (const auto& row : d.rows) {
      json o;
      for (std::size_t i = 0; i < d.columns.size(); ++i) {
        if (auto* n = std::get_if<std::int64_t>(&row[i])) o[d.columns[i]] = *n;
        else if (auto* s = std::get_if<std::string>(&row[i])) o[d.columns[i]] = *s;
        else o[d.columns[i]] = nullptr;
      }
      if (o["id"] == id_) return o;
    }
    return json::object();
  }
  std::int64_t stored_seq() { return stored().value("heartbeat_seq", std::int64_t(-1)); }

  static void expect_replayed(const HttpAnswer& a, std::int64_t last) {
    EXPECT_EQ(a.status, 409) << a.raw;
    EXPECT_EQ(a.body["error"]["code"], "heartbeat_replayed") << a.raw;
    EXPECT_EQ(a.body["error"]["last_hb_seq"], last) << a.raw;
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<Central> a_;
  std::string id_, secret_;
  tx::sync::StationKeys keys_;
};

// From memory at once, from the database after the flush, and after a clean restart (the stop
// writes what is pending: nothing is lost).
TEST_P(HeartbeatReplay, RefusedFromMemoryAfterTheFlushAndAfterARestart) {
  auto h = capture(5000, 7);
  ASSERT_EQ(send(*a_, h).status, 200);
  expect_replayed(send(*a_, h), 5000);
  // Answered from memory, and the admin view of this process reads through it.
  EXPECT_EQ(a_->station(id_)["backlog"], 7);
  EXPECT_FALSE(a_->station(id_)["last_seen"].is_null());
  ASSERT_TRUE(wait_until([&] { return stored_seq() == 5000; }, 10s)) << stored().dump();
  EXPECT_EQ(stored()["backlog"], 7);
  expect_replayed(send(*a_, h), 5000);

  a_->stop();
  a_->start();
  expect_replayed(send(*a_, h), 5000);
  auto next = capture(5001, 2);
  ASSERT_EQ(send(*a_, next).status, 200);
  a_->stop();  // at once: the stop writes it
  EXPECT_EQ(stored_seq(), 5001);
  EXPECT_EQ(stored()["backlog"], 2);
  a_->start();
  expect_replayed(send(*a_, next), 5001);
  expect_replayed(send(*a_, h), 5001);
  EXPECT_EQ(send(*a_, capture(5002, 0)).status, 200);
}

// kill -9 before the flush: last_seen of that heartbeat may be lost (at most the flush
// interval), the replay protection is not — the heartbeat journal holds the sequence.
TEST_P(HeartbeatReplay, KillNineNeverLetsAReplayIn) {
  a_->stop();
  a_ = start("central-a", 60000);  // no flush during the test: only the journal can know
  auto before = capture(6999, 1);
  ASSERT_EQ(send(*a_, before).status, 200);
  a_->stop();  // written at the stop
  ASSERT_EQ(stored_seq(), 6999);
  a_->start();
  auto h = capture(7000, 3);
  ASSERT_EQ(send(*a_, h).status, 200);
  a_->kill9();
  EXPECT_EQ(stored_seq(), 6999);  // not written: the process died before its flush
  a_->start();
  expect_replayed(send(*a_, h), 7000);
  EXPECT_EQ(stored_seq(), 7000);  // the restarted process wrote the journal's sequence
  EXPECT_EQ(send(*a_, capture(7001, 0)).status, 200);
}

// kill -9 of one of two processes sharing the journal directory: the live one takes the dead
// one's journal at its next flush and refuses the replay, without a restart.
TEST_P(HeartbeatReplay, ALiveProcessTakesOverTheJournalOfAKilledOne) {
  a_->stop();
  a_ = start("central-a", 60000);  // never flushes during the test
  auto b = start("central-b", 200);
  auto h = capture(9000, 5);
  ASSERT_EQ(send(*a_, h).status, 200);
  a_->kill9();
  ASSERT_LT(stored_seq(), 9000);
  ASSERT_TRUE(wait_until([&] { return stored_seq() == 9000; }, 10s)) << stored().dump();
  expect_replayed(send(*b, h), 9000);
  EXPECT_NE(b->log().find("heartbeat journal of a stopped process"), std::string::npos);
  EXPECT_EQ(send(*b, capture(9001, 0)).status, 200);
}

// Two central processes on one database: once the process that took a heartbeat has flushed
// (every heartbeat_flush_ms), the other refuses its replay and shows what the station reported.
TEST_P(HeartbeatReplay, RefusedByASecondProcessOnTheSameDatabase) {
  auto b = start("central-b", 200);
  auto h = capture(8000, 11);
  ASSERT_EQ(send(*a_, h).status, 200);
  expect_replayed(send(*a_, h), 8000);
  ASSERT_TRUE(wait_until([&] { return stored_seq() == 8000; }, 10s)) << stored().dump();
  expect_replayed(send(*b, h), 8000);
  EXPECT_EQ(b->station(id_)["backlog"], 11);
  // And the other way round; both processes then show the same row.
  auto h2 = capture(8001, 4);
  ASSERT_EQ(send(*b, h2).status, 200);
  ASSERT_TRUE(wait_until([&] { return stored_seq() == 8001; }, 10s)) << stored().dump();
  expect_replayed(send(*a_, h2), 8001);
  expect_replayed(send(*b, h2), 8001);
  expect_replayed(send(*a_, h), 8001);
  EXPECT_EQ(a_->station(id_), b->station(id_));
  EXPECT_EQ(a_->station(id_)["backlog"], 4);
}

// The window that remained (round 3): a heartbeat replayed to a *second* process before the first
// one flushed was accepted once. Now every accepted heartbeat claims its sequence in the shared
// database (Engine::claim_heartbeat, a compare-and-set that never waits for the writer), so the
// other process refuses it at once — neither process has flushed (60 s) when it is refused.
TEST_P(HeartbeatReplay, RefusedByASecondProcessBeforeTheFirstFlushes) {
  a_->stop();
  a_ = start("central-a", 60000);
  auto b = start("central-b", 60000);
  auto h = capture(12000, 5);
  ASSERT_EQ(send(*a_, h).status, 200);
  expect_replayed(send(*b, h), 12000);
  EXPECT_LT(stored_seq(), 12000);  // not flushed: the refusal came from the claim
  // The next one at b; its replay is refused at a, and the older one too.
  auto h2 = capture(12001, 2);
  ASSERT_EQ(send(*b, h2).status, 200);
  expect_replayed(send(*a_, h2), 12001);
  expect_replayed(send(*a_, h), 12001);
  EXPECT_EQ(a_->station(id_)["backlog"], 5);  // a's view: its own heartbeat, not the replay's

  // Many copies of one heartbeat sent to both processes at once: exactly one is accepted.
  auto h3 = capture(12002, 1);
  std::atomic<int> ok{0}, replayed{0};
  std::vector<std::thread> ts;
  for (int i = 0; i < 12; ++i)
    ts.emplace_back([&, i] {
      auto a = send(i % 2 ? *b : *a_, h3);
      if (a.status == 200) ++ok;
      else if (a.status == 409) ++replayed;
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(replayed.load(), 11);
}

INSTANTIATE_TEST_SUITE_P(Engines, HeartbeatReplay, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const auto& info) { return engine_name(info.param); });

}  // namespace
