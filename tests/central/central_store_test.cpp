// The central store's business rules in-process, against both engines (one suite,
// parameterised): CSV import all-or-nothing, capacity shares, admin tokens and vault keys
// shared through the database, exactly-once under concurrent writers, concurrent migrations.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

#include "central/csv.h"
#include "central/migrations.h"
#include "central/store.h"
#include "common/errors.h"
#include "common/secrets.h"
#include "harness.h"

using namespace tx;
using namespace tx::central;
using EngineKind = testkit::Engine;

namespace {

TEST(Csv, QuotesCommasNewlinesBomAndCrlf) {
  std::string err;
  auto rows = parse_csv("\xEF\xBB\xBF" "a,b,c\r\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n\r\n3,,\n", &err);
  ASSERT_TRUE(rows) << err;
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0].cells, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ((*rows)[1].cells[1], "x, \"y\"");
  EXPECT_EQ((*rows)[1].cells[2], "two\nlines");
  EXPECT_EQ((*rows)[2].line, 5);
  EXPECT_EQ((*rows)[2].cells, (std::vector<std::string>{"3", "", ""}));
  EXPECT_FALSE(parse_csv("a,\"b\n", &err));
  EXPECT_NE(err.find("never closed"), std::string::npos);
  EXPECT_FALSE(parse_csv("a,b\"c\n", &err));
}

class CentralStoreTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  std::unique_ptr<CentralStore> open(const std::string& key_seed = "k") {
    auto e = open_engine(db_);
    e->migrate();
    return std::make_unique<CentralStore>(std::move(e), Vault::from_seed(key_seed), clock_);
  }
  void SetUp() override {
    db_ = testkit::central_db(GetParam(), dir_.path());
    store_ = open();
  }
  testkit::TempDir dir_;
  std::string db_;
  SystemClock clock_;
  std::unique_ptr<CentralStore> store_;
};

TEST_P(CentralStoreTest, JobImportIsAllOrNothingWithAReport) {
  auto rep = store_->import_jobs("ref,title,employer,district,deadline,salary_min,salary_max,mode\n"
                                 "A,t,e,d,2099-01-01,3000,2000,proportional\n"
                                 "B,t,e,d,2099-01-01,,,nonsense\n"
                                 "A,t,e,d,2099-01-01,,,\n"
                                 "C,t,e,d\n");
  EXPECT_EQ(rep.imported, 0);
  ASSERT_EQ(rep.rejected.size(), 4u);
  EXPECT_EQ(rep.rejected[0].field, "salary_max");
  EXPECT_EQ(rep.rejected[1].field, "mode");
  EXPECT_EQ(rep.rejected[2].reason, "the same ref appears twice in the file");
  EXPECT_EQ(rep.rejected[3].line, 5);
  EXPECT_TRUE(store_->pull("nobody", 0, 100).empty());
  auto unknown = store_->import_jobs("ref,title,salary\nA,t,1\n");
  ASSERT_FALSE(unknown.rejected.empty());
  EXPECT_EQ(unknown.rejected[0].reason, "unknown column");
  auto ok = store_->import_jobs("ref,title,employer,district,deadline\nA,t,e,d,2099-01-01\nB,t2,e,d,2099-01-01\n");
  EXPECT_EQ(ok.imported, 2);
  EXPECT_EQ(store_->pull("anyone", 0, 100).size(), 2u);
}

TEST_P(CentralStoreTest, SubsidyImportRejectsWithoutRepeatingPersonalData) {
  auto st = store_->add_station("s");
  std::string head = "ref,station_id,id_number,name,phone,programme,status,stage_date,payout_account_masked,reason\n";
  auto rep = store_->import_subsidies(head + "S1," + st.station_id +
                                      ",110105194912310021,张三,10012345678,living_subsidy,stopped,2030-01-01,6222333344445555,\n"
                                      "S2,st-none,11010519491231002X,李四,,nursing_subsidy,paying,2030-01-01,,\n");
  EXPECT_EQ(rep.imported, 0);
  std::string all = rep.to_json().dump();
  EXPECT_EQ(all.find("110105194912310021"), std::string::npos);
  EXPECT_EQ(all.find("6222333344445555"), std::string::npos);
  std::set<std::string> fields;
  for (const auto& r : rep.rejected) fields.insert(r.field);
  EXPECT_TRUE(fields.contains("id_number"));
  EXPECT_TRUE(fields.contains("payout_account_masked"));
  EXPECT_TRUE(fields.contains("reason"));
  EXPECT_TRUE(fields.contains("station_id"));
  auto ok = store_->import_subsidies(head + "S1," + st.station_id +
                                     ",11010519491231002X,张三,10012345678,living_subsidy,paying,2030-01-01,6222****5555,\n");
  EXPECT_EQ(ok.imported, 1) << ok.to_json().dump();
  // Delivered only to that station.
  EXPECT_EQ(store_->pull(st.station_id, 0, 10).size(), 1u);
  EXPECT_EQ(store_->pull("st-other", 0, 10).size(), 0u);
}

TEST_P(CentralStoreTest, CapacitySharesNeverExceedTheSession) {
  auto a = store_->add_station("a"), b = store_->add_station("b"), c = store_->add_station("c");
  SessionRequest r{"2099-01-05", "renewal"};
  r.capacity = 10;
  auto even = store_->set_session(r);
  std::int64_t sum = 0;
  for (auto& [k, v] : even["session"]["shares"].items()) sum += v.get<std::int64_t>();
  EXPECT_EQ(sum, 10);
  r.shares = {{a.station_id, 5}, {b.station_id, 6}};
  try {
    store_->set_session(r);
    FAIL() << "shares above capacity accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.field(), "shares");
  }
  r.shares = {{a.station_id, 4}, {b.station_id, 6}};
  auto out = store_->set_session(r);
  EXPECT_EQ(out["session"]["shares"][c.station_id], 0);  // not named: its share goes back to 0
  auto changes = store_->pull(a.station_id, 0, 100);
  ASSERT_FALSE(changes.empty());
  EXPECT_EQ(changes.back().data["capacity"], 4);
}

TEST_P(CentralStoreTest, TokensAndKeysLiveInTheDatabase) {
  store_->add_admin_token("token-one");
  auto second = open();  // another process on the same database
  EXPECT_TRUE(second->admin_token_ok("token-one"));
  EXPECT_FALSE(second->admin_token_ok("token-two"));
  EXPECT_FALSE(second->admin_token_ok(""));
  EXPECT_THROW(open("another key"), std::runtime_error);
  auto st = store_->add_station("s");
  std::string why;
  EXPECT_TRUE(second->station_keys(st.station_id, &why));
  EXPECT_TRUE(store_->revoke_station(st.station_id));
  EXPECT_FALSE(second->station_keys(st.station_id, &why));
  EXPECT_EQ(why, "station revoked");
}

TEST_P(CentralStoreTest, ConcurrentWritersApplyEachEventExactlyOnce) {
  auto st = store_->add_station("s");
  auto second = open();
  std::vector<sync::Event> all;
  for (int i = 1; i <= 600; ++i) all.push_back({i, random_hex(16), "t", "c", "{}"});
  std::atomic<int> applied{0};
  auto worker = [&](CentralStore& s, unsigned seed) {
    std::mt19937 rng(seed);
    for (int round = 0; round < 150; ++round) {
      auto acked = s.station(st.station_id)->acked_seq;
      std::int64_t from = std::max<std::int64_t>(1, acked + 1 - std::int64_t(rng() % 5));
      if (from > 600) break;
      std::int64_t to = std::min<std::int64_t>(600, from + 1 + rng() % 30);
      std::vector<sync::Event> b(all.begin() + (from - 1), all.begin() + to);
      auto out = s.apply_batch(st.station_id, b);
      applied += int(out.applied_count);
    }
  };
  std::thread t1(worker, std::ref(*store_), 1u), t2(worker, std::ref(*second), 2u);
  t1.join();
  t2.join();
  auto row = store_->station(st.station_id);
  auto ev = store_->events(st.station_id, 0, 10000);
  EXPECT_EQ(row->events_received, std::int64_t(ev.size()));
  EXPECT_EQ(applied.load(), int(ev.size()));
  for (std::size_t i = 0; i < ev.size(); ++i) {
    EXPECT_EQ(ev[i].seq, std::int64_t(i + 1));
    EXPECT_EQ(ev[i].event_id, all[i].event_id);
  }
}

TEST_P(CentralStoreTest, MigrationsRaceSafely) {
  auto fresh = testkit::central_db(GetParam(), dir_.path() + "/x");
  if (GetParam() == EngineKind::sqlite) fresh = dir_.file("race.db");
  std::atomic<int> failures{0};
  const int latest = (GetParam() == EngineKind::sqlite ? sqlite_migrations() : postgres_migrations()).back().version;
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i)
    ts.emplace_back([&] {
      try {
        auto e = open_engine(fresh);
        e->migrate();
        // Every process ends at the newest migration.
        if (e->schema_version() != latest) ++failures;
      } catch (const std::exception& ex) {
        std::cerr << ex.what() << "\n";
        ++failures;
      }
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(failures.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, CentralStoreTest, ::testing::Values(EngineKind::sqlite, EngineKind::postgresql),
                         [](const auto& info) { return testkit::engine_name(info.param); });

}  // namespace
