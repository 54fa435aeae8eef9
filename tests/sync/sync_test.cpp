// The sync suite with real processes on loopback, parameterised over the central server's
// engine (SQLite, PostgreSQL): every fault of issue 4, and reference data downward.
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <random>
#include <thread>

#include "fault_proxy.h"
#include "harness.h"
#include "central/store.h"
#include "common/clock.h"
#include "common/secrets.h"
#include "domain/date.h"
#include "store/sqlite.h"
#include "sync/protocol.h"

using namespace tx::testkit;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

class SyncTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override {
    central_ = std::make_unique<Central>(central_db(GetParam(), dir_.path()), dir_.path());
    auto [id, secret] = central_->add_station("测试站");
    id_ = id;
    secret_ = secret;
    station_ = std::make_unique<Station>(dir_.path(), "station");
    station_->configure(central_->url(), id_, secret_);
  }
  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "---- central log (tail) ----\n" << tail(central_->log()) << "---- station log (tail) ----\n"
                << tail(station_->log());
    }
    station_.reset();
    central_.reset();
  }
  static std::string tail(const std::string& s) { return s.size() > 4000 ? s.substr(s.size() - 4000) : s; }

  // converge: lets the station sync until the central server holds everything recorded.
  void converge(std::chrono::milliseconds timeout = 60s) {
    auto last = station_->recorded().empty() ? 0 : station_->recorded().back().first;
    bool ok = wait_until(
        [&] {
          if (!station_->running()) return false;
          station_->trigger();
          try {
            auto st = central_->station(id_);
            return st["acked_seq"].get<std::int64_t>() == last && station_->status()["pending_events"] == 0;
          } catch (const std::exception&) {
            return false;
          }
        },
        timeout);
    ASSERT_TRUE(ok) << "no convergence; station status: " << station_->status().dump();
    EXPECT_EQ(exactly_once(*station_, *central_), "");
  }

  HttpAnswer post_signed(const char* path, const std::string& plain) {
    return tx::testkit::post_signed(central_->port(), id_, secret_, path, plain);
  }

  TempDir dir_;
  std::unique_ptr<Central> central_;
  std::unique_ptr<Station> station_;
  std::string id_, secret_;
};

TEST_P(SyncTest, BacklogSyncsAndBothAdminViewsShowIt) {
  station_->append(2500);
  station_->start();
  converge();
  auto st = station_->status();
  for (const char* k : {"pending_events", "acked_seq", "last_seq", "last_success", "last_error", "running"})
    EXPECT_TRUE(st.contains(k)) << k;
  EXPECT_EQ(st["acked_seq"], 2500);
  EXPECT_EQ(st["last_seq"], 2500);
  EXPECT_TRUE(st["last_error"].is_null());
  EXPECT_TRUE(st["progress"].contains("events_left"));
  EXPECT_TRUE(st["progress"].contains("bytes_sent"));
  EXPECT_TRUE(st["progress"].contains("rate_events_per_s"));
  ASSERT_TRUE(wait_until([&] { return central_->station(id_)["backlog"] == 0; }, 10s));
  auto row = central_->stations()[0];
  for (const char* k : {"station_id", "name", "last_seen", "acked_seq", "events_received", "backlog", "last_error"})
    EXPECT_TRUE(row.contains(k)) << k;
  EXPECT_EQ(row["events_received"], 2500);
  EXPECT_EQ(row["name"], "测试站");
  // Personal data never reaches a log, at either end.
  EXPECT_EQ(central_->log().find("440524"), std::string::npos);
  EXPECT_EQ(station_->log().find("440524"), std::string::npos);
}

TEST_P(SyncTest, StationKilledBeforeDuringAndAfterBatches) {
  station_->append(6000);
  std::mt19937 rng(7);
  // before: killed right after start, most likely before its first batch went out
  station_->start({"--sync-batch-events", "100"});
  station_->kill9();
  // during: killed at random moments of the run
  for (int i = 0; i < 5; ++i) {
    station_->start({"--sync-batch-events", "100"});
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + rng() % 120));
    station_->kill9();
    station_->append(50);
  }
  station_->start({"--sync-batch-events", "100"});
  converge();
  // after: killed once everything was acknowledged, then more recorded
  station_->kill9();
  station_->append(300);
  station_->start();
  converge();
}

TEST_P(SyncTest, CentralKilledWhileApplying) {
  station_->append(20000);
  station_->start({"--sync-batch-events", "500"});
  std::mt19937 rng(11);
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + rng() % 150));
    central_->kill9();
    station_->append(100);
    central_->start();
  }
  converge();
}

TEST_P(SyncTest, LostRepliesDuplicatesAndOutOfOrderThroughTheProxy) {
  FaultProxy proxy({central_->port()});
  station_->configure(proxy.url(), id_, secret_);
  proxy.only_path("/api/v1/sync/batches");
  for (auto f : {Fault::drop_reply, Fault::duplicate, Fault::replay_later, Fault::drop_reply, Fault::cut_request,
                 Fault::refuse, Fault::delay, Fault::drop_reply})
    proxy.next(f);
  station_->start({"--sync-batch-events", "50"});
  for (int round = 0; round < 8; ++round) {
    station_->append(120);
    station_->trigger();
    std::this_thread::sleep_for(100ms);
  }
  ASSERT_TRUE(wait_until([&] { return proxy.pending_faults() == 0; }, 30s));
  converge();
  EXPECT_GE(proxy.injected(), 8);
}

TEST_P(SyncTest, GapRefusedWithExpectedSequenceAndRepeatsAcknowledged) {
  station_->append(20);
  station_->start();
  converge();
  station_->stop();
  auto rec = station_->recorded();
  auto make = [&](std::int64_t from, std::int64_t n, bool alter) {
    std::vector<tx::sync::Event> ev;
    for (std::int64_t s = from; s < from + n; ++s) {
      std::string id = s <= std::int64_t(rec.size()) ? rec[s - 1].second : tx::random_hex(16);
      if (alter) id = tx::random_hex(16);
      ev.push_back({s, id, "test.event", "2030-01-01T00:00:00Z", "{}"});
    }
    return tx::sync::encode_events(ev);
  };
  // A gap: central answers with the sequence it expects, stores nothing.
  auto gap = post_signed("/api/v1/sync/batches", make(25, 3, false));
  EXPECT_EQ(gap.status, 409);
  EXPECT_EQ(gap.body["error"]["code"], "sequence_gap");
  EXPECT_EQ(gap.body["error"]["expected_seq"], 21);
  // The same batch again (or an old one out of order): acknowledged, nothing applied twice.
  auto again = post_signed("/api/v1/sync/batches", make(5, 10, false));
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body["acked_seq"], 20);
  EXPECT_EQ(again.body["duplicates"], 10);
  EXPECT_EQ(again.body["applied"], 0);
  // Same sequences, other events: refused, nothing applied.
  auto conflict = post_signed("/api/v1/sync/batches", make(18, 5, true));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.body["error"]["code"], "sequence_conflict");
  EXPECT_EQ(central_->station(id_)["acked_seq"], 20);
  // Garbage inside a valid envelope: 400, never 5xx.
  auto junk = post_signed("/api/v1/sync/batches", "TXB1garbage");
  EXPECT_EQ(junk.status, 400);
  EXPECT_EQ(junk.body["error"]["code"], "invalid_batch");
  station_->start();
  converge();
}

TEST_P(SyncTest, StationClockADayAheadOrBehind) {
  station_->append(100);
  station_->start({"--clock-offset-s", "86400"});
  converge();
  station_->stop();
  station_->append(100);
  station_->start({"--clock-offset-s", "-86400"});
  converge();
}

TEST_P(SyncTest, CentralRefusingWritesKeepsTheOutboxAndRetries) {
  station_->append(10);
  station_->start();
  converge();
  if (GetParam() == Engine::sqlite) {
    // The file may not grow: every batch fails with SQLITE_FULL (disk full).
    auto size = std::filesystem::file_size(dir_.file("central.db"));
    central_->stop();
    central_->start({"--max-db-pages", std::to_string(size / 4096 + 1)});
  } else {
    shared_pg().exec("ALTER SYSTEM SET default_transaction_read_only = on");
    shared_pg().exec("SELECT pg_reload_conf()");
  }
  station_->append(3000);
  station_->trigger();
  ASSERT_TRUE(wait_until(
      [&] {
        auto st = station_->status();
        return st["last_error"].is_string() && st["last_error"].get<std::string>().find("503") != std::string::npos;
      },
      20s))
      << station_->status().dump();
  auto st = station_->status();
  EXPECT_EQ(st["pending_events"], 3000);  // nothing marked sent
  EXPECT_EQ(st["acked_seq"], 10);
  if (GetParam() == Engine::sqlite) {
    central_->stop();
    central_->start();
  } else {
    shared_pg().exec("ALTER SYSTEM RESET default_transaction_read_only");
    shared_pg().exec("SELECT pg_reload_conf()");
  }
  converge();
}

TEST_P(SyncTest, ProtocolMismatchRefusedClearlyOnBothSidesNothingLost) {
  station_->append(50);
  station_->start({"--protocol-version", "2"});
  ASSERT_TRUE(wait_until(
      [&] {
        auto e = station_->status()["last_error"];
        return e.is_string() && e.get<std::string>().find("protocol") != std::string::npos;
      },
      10s));
  EXPECT_EQ(station_->status()["pending_events"], 50);
  EXPECT_NE(central_->log().find("speaks protocol 2"), std::string::npos);
  station_->stop();
  // A central server of another version: the station says so too.
  central_->stop();
  central_->start({"--protocol-version", "3"});
  station_->start();
  ASSERT_TRUE(wait_until(
      [&] {
        auto e = station_->status()["last_error"];
        return e.is_string() && e.get<std::string>().find("protocol 3") != std::string::npos;
      },
      10s))
      << station_->status().dump();
  central_->stop();
  central_->start();
  converge();
}

TEST_P(SyncTest, WrongOrRevokedSecretRefusedAndLoggedAtCentral) {
  station_->append(30);
  station_->configure(central_->url(), id_, tx::random_hex(32));
  station_->start();
  ASSERT_TRUE(wait_until([&] { return central_->station(id_)["auth_failures"].get<int>() > 0; }, 10s));
  // Central counts the failure before the station has read the answer and recorded it: wait for
  // the station's side too (under load the two are a few milliseconds apart).
  ASSERT_TRUE(wait_until([&] { return station_->status()["last_error"].is_string(); }, 10s));
  auto e = station_->status()["last_error"];
  EXPECT_NE(e.get<std::string>().find("credentials"), std::string::npos);
  ASSERT_TRUE(wait_until([&] { return central_->log().find("refused sync request: station=" + id_) != std::string::npos; }, 10s));
  EXPECT_EQ(station_->status()["pending_events"], 30);
  station_->stop();
  station_->configure(central_->url(), id_, secret_);
  station_->start();
  converge();
  // Revoked: refused; a new secret brings it back.
  ASSERT_EQ(http_post(central_->port(), "/api/v1/admin/stations/" + id_ + "/revoke", "", central_->token()).status, 200);
  station_->append(10);
  station_->trigger();
  ASSERT_TRUE(wait_until([&] { return central_->log().find("reason=station revoked") != std::string::npos; }, 10s));
  auto rot = http_post(central_->port(), "/api/v1/admin/stations/" + id_ + "/secret", "", central_->token());
  ASSERT_EQ(rot.status, 200);
  station_->stop();
  station_->configure(central_->url(), id_, rot.body["secret"]);
  station_->start();
  converge();
}

TEST_P(SyncTest, ReferenceDataAndCapacitySharesArriveByCursor) {
  station_->start();
  converge();
  const std::string tok = central_->token();
  std::string jobs =
      "ref,title,employer,district,deadline,places,categories,accessibility\n"
      "J-1,包装工,示例包装有限公司,示例区,2099-12-31,3,4;5,step_free;lift\n"
      "J-2,\"客服, 电话\",示例科技有限公司,示例区,2099-12-31,1,2,\n";
  auto imp = http_post(central_->port(), "/api/v1/admin/import/jobs", jobs, tok, "text/csv");
  ASSERT_EQ(imp.status, 200) << imp.raw;
  EXPECT_EQ(imp.body["imported"], 2);
  // A bad file: nothing imported, each bad row reported with its line and reason.
  std::string bad = "ref,title,employer,district,deadline\nJ-3,a,b,c,2099-01-01\nJ-4,,b,c,not-a-date\n";
  auto rej = http_post(central_->port(), "/api/v1/admin/import/jobs", bad, tok, "text/csv");
  EXPECT_EQ(rej.status, 422);
  EXPECT_EQ(rej.body["error"]["code"], "import_rejected");
  EXPECT_EQ(rej.body["error"]["imported"], 0);
  EXPECT_EQ(rej.body["error"]["rejected"].size(), 2u);
  EXPECT_EQ(rej.body["error"]["rejected"][0]["line"], 3);
  std::string subs = "ref,station_id,id_number,name,phone,programme,status,stage_date,monthly_amount,payout_account_masked,payments\n"
                     "S-1," + id_ + ",11010519491231002X,张三,10012345678,living_subsidy,paying,2030-01-01,217,6222****1234,2030-01:217:2030-01-10\n";
  auto simp = http_post(central_->port(), "/api/v1/admin/import/subsidies", subs, tok, "text/csv");
  ASSERT_EQ(simp.status, 200) << simp.raw;
  // Shares never exceed the session's capacity.
  auto over = http_post(central_->port(), "/api/v1/admin/sessions",
                        json{{"date", "2099-01-05"}, {"kind", "renewal"}, {"capacity", 5}, {"shares", {{id_, 6}}}}.dump(), tok);
  EXPECT_EQ(over.status, 400);
  auto ses = http_post(central_->port(), "/api/v1/admin/sessions",
                       json{{"date", "2099-01-05"}, {"kind", "renewal"}, {"capacity", 5}, {"shares", {{id_, 3}}}}.dump(), tok);
  ASSERT_EQ(ses.status, 200) << ses.raw;
  station_->trigger();
  ASSERT_TRUE(wait_until([&] { return station_->status()["cursor"].get<std::int64_t>() >= 4; }, 20s))
      << station_->status().dump();
  auto j = http_get(station_->port(), "/api/v1/jobs?q=包装");
  ASSERT_EQ(j.status, 200);
  ASSERT_EQ(j.body["total"], 1);
  EXPECT_EQ(j.body["jobs"][0]["title"], "包装工");
  auto days = http_get(station_->port(), "/api/v1/assessment-days?from=2099-01-05&to=2099-01-05");
  ASSERT_EQ(days.status, 200);
  EXPECT_EQ(days.body["days"][0]["kinds"]["renewal"]["capacity"], 3);
  auto sub = http_post(station_->port(), "/api/v1/subsidies/query",
                       json{{"id_number", "11010519491231002X"}, {"phone_last4", "5678"}}.dump());
  ASSERT_EQ(sub.status, 200) << sub.raw;
  EXPECT_EQ(sub.body["applications"][0]["programme"], "living_subsidy");
  EXPECT_EQ(sub.body["applications"][0]["payments"].size(), 1u);
}

TEST_P(SyncTest, CommandsArriveInTheHeartbeatReply) {
  station_->start({"--sync-interval-s", "3600", "--sync-heartbeat-s", "1"});
  converge();
  station_->append(40);
  // Nothing moves on its own for an hour; central asks, and the next heartbeat brings it.
  auto a = http_post(central_->port(), "/api/v1/admin/sync", json{{"station_id", id_}}.dump(), central_->token());
  ASSERT_EQ(a.status, 202);
  ASSERT_TRUE(wait_until([&] { return central_->station(id_)["acked_seq"] == 40; }, 15s));
  // resend_from: the station sends again from 10; central acknowledges without storing twice.
  a = http_post(central_->port(), "/api/v1/admin/stations/" + id_ + "/commands", json{{"type", "resend_from"}, {"seq", 10}}.dump(),
                central_->token());
  ASSERT_EQ(a.status, 202);
  ASSERT_TRUE(wait_until([&] { return station_->log().find("resend from seq 10") != std::string::npos; }, 15s));
  ASSERT_TRUE(wait_until([&] { return station_->status()["acked_seq"] == 40; }, 15s));
  EXPECT_EQ(exactly_once(*station_, *central_), "");
}

// Renewals due (issue 15, docs/console.md): certificates registered and renewed at a real
// station reach central through sync as "certificate.expiry" events and are counted once per
// resident, in the month the renewal window of its current certificate opens. A station whose
// certificates were written by an older program (no events) sends them once when it starts.
TEST_P(SyncTest, RenewalsDueReachCentralOnceAndAnOlderStationBackfillsThem) {
  station_->certify(30);
  {
    // What an older program left: a newer certificate for resident 3 without its event, and no
    // record of the one-time back-fill.
    auto db = tx::sql::Db::open(station_->db(), {});
    db->exec("INSERT INTO certificates(resident_id, category, level, replacement, issued_on, expires_on, status, "
             "updated_at) VALUES (3, 2, 2, 1, '2016-09-20', '2026-09-20', 'valid', '2026-01-01T00:00:00Z');"
             "DELETE FROM meta WHERE key = 'certificate_events.backfilled';");
  }
  const auto before = station_->recorded().back().first;
  station_->start();
  converge();
  const auto after = station_->recorded().back().first;
  EXPECT_EQ(after, before + 12) << "one event per resident with a certificate, sent once";
  station_->stop();
  station_->start();  // started again: nothing sent twice
  converge();
  EXPECT_EQ(station_->recorded().back().first, after);

  // Expected from the station's own file: each resident's newest certificate, valid or expired.
  std::map<std::string, std::int64_t> want;
  {
    auto db = tx::sql::Db::open(station_->db(), {});
    auto& q = db->prep("SELECT c.expires_on FROM certificates c WHERE c.id = (SELECT max(id) FROM certificates "
                       "WHERE resident_id = c.resident_id) AND c.status IN ('valid', 'expired')");
    while (q.step()) want[tx::Date::parse(q.text(0))->plus_days(-180).str().substr(0, 7)] += 1;
    q.reset();
  }
  EXPECT_EQ(want["2026-03"], 1) << "resident 3's newer certificate (window opens 2026-03-24)";
  tx::SystemClock clock;
  tx::central::CentralStore cs(tx::central::open_engine(central_->db()),
                               tx::Vault::open_or_create(central_->key_file(), false), clock);
  auto stored = cs.stored_statistics();
  EXPECT_EQ(stored, cs.recount_statistics());
  EXPECT_EQ(cs.stored_district_statistics(), cs.district_rollup(stored));
  std::map<std::string, std::int64_t> due;
  for (const auto& [key, n] : stored)
    if (std::get<2>(key) == "renewals_due") due[std::get<1>(key)] += n;
  EXPECT_EQ(due, want);
  // No personal data in the events: the payload central holds has the resident's station id and
  // two months, nothing else.
  auto events = cs.events(id_, 0, 100);
  ASSERT_FALSE(events.empty());
  auto p = json::parse(events.front().payload);
  EXPECT_EQ(events.front().type, "certificate.expiry");
  EXPECT_EQ(p.size(), 3u) << p.dump();
}

INSTANTIATE_TEST_SUITE_P(Engines, SyncTest, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const auto& info) { return engine_name(info.param); });

}  // namespace
