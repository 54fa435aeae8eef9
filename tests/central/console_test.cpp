// The administrators' console at central (issue 15), in-process against both engines:
// accounts, sign-in, idle expiry and audit; the session gate of the admin API (CSRF, viewer,
// district) through the real route table; the city statistics counted exactly once under
// duplicates, overlapping resends, refused gaps and two racing writers (equal to a recount
// from the stored events); the fleet states. The browser tests are tests/console/.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <random>
#include <thread>

#include "central/admins.h"
#include "central/api.h"
#include "central/console.h"
#include "central/migrations.h"
#include "central/stats.h"
#include "central/store.h"
#include "common/errors.h"
#include "common/secrets.h"
#include "domain/date.h"
#include "harness.h"

using namespace tx;
using namespace tx::central;
using EngineKind = testkit::Engine;
using nlohmann::json;

namespace {

std::chrono::system_clock::time_point at(const char* iso) { return parse_iso_utc(iso).value(); }

sync::Event event(std::int64_t seq, const std::string& type, const std::string& created, const json& payload) {
  return {seq, random_hex(16), type, created, payload.dump()};
}

class ConsoleTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  std::unique_ptr<CentralStore> open() {
    auto e = open_engine(db_);
    e->migrate();
    return std::make_unique<CentralStore>(std::move(e), Vault::from_seed("k"), clock_);
  }
  void SetUp() override {
    db_ = testkit::central_db(GetParam(), dir_.path());
    store_ = open();
    accounts_ = std::make_unique<AdminAccounts>(store_->engine(), clock_, PinCost::minimal(), std::chrono::minutes(10));
  }
  testkit::TempDir dir_;
  std::string db_;
  ManualClock clock_{at("2026-03-10T08:00:00Z")};
  std::unique_ptr<CentralStore> store_;
  std::unique_ptr<AdminAccounts> accounts_;
};

TEST_P(ConsoleTest, AccountsSignInExpireWhenIdleAndEverySignInIsAudited) {
  EXPECT_THROW(accounts_->add("bob", "12345678", "admin", std::nullopt), ApiError);        // a run
  EXPECT_THROW(accounts_->add("bob", "short", "admin", std::nullopt), ApiError);           // length
  EXPECT_THROW(accounts_->add("bad name", "Str0ng-pass", "admin", std::nullopt), ApiError);
  EXPECT_THROW(accounts_->add("bob", "Str0ng-pass", "root", std::nullopt), ApiError);
  accounts_->add("bob", "Str0ng-pass", "viewer", std::string("东城区"));
  try {
    accounts_->add("bob", "Other-pass-1", "admin", std::nullopt);
    FAIL() << "a second bob";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "conflict");
  }
  EXPECT_FALSE(accounts_->login("bob", "wrong-pass", "10.0.0.9"));
  EXPECT_FALSE(accounts_->login("nobody", "Str0ng-pass", "10.0.0.9"));
  auto in = accounts_->login("bob", "Str0ng-pass", "10.0.0.9");
  ASSERT_TRUE(in);
  EXPECT_EQ(in->session.user.role, "viewer");
  EXPECT_EQ(in->session.user.district, std::optional<std::string>("东城区"));
  EXPECT_FALSE(in->session.user.may_change());

  clock_.advance(std::chrono::minutes(9));
  ASSERT_TRUE(accounts_->session(in->token));  // used: the idle deadline moves
  clock_.advance(std::chrono::minutes(9));
  ASSERT_TRUE(accounts_->session(in->token));
  clock_.advance(std::chrono::minutes(11));
  EXPECT_FALSE(accounts_->session(in->token));  // idle too long: gone for good
  clock_.advance(-std::chrono::minutes(11));
  EXPECT_FALSE(accounts_->session(in->token));
  EXPECT_FALSE(accounts_->session("not-a-token"));

  auto log = accounts_->audit_log(10);
  ASSERT_EQ(log.size(), 4u);  // newest first: ok, two refused, the account's creation
  EXPECT_EQ(log[0]["action"], "login");
  EXPECT_EQ(log[0]["status"], 200);
  EXPECT_EQ(log[1]["status"], 401);
  EXPECT_EQ(log[1]["actor"], "nobody");
  EXPECT_EQ(log[2]["status"], 401);
  EXPECT_EQ(log[3]["action"], "admin.add");
  EXPECT_EQ(accounts_->list().size(), 1u);
}

// The admin API through the real route table: a session (cookie) instead of the bearer token,
// CSRF on every change, viewers and district accounts held to what they may do.
TEST_P(ConsoleTest, TheAdminApiTakesASessionWithCsrfRoleAndDistrict) {
  accounts_->add("ada", "Str0ng-pass", "admin", std::nullopt);
  accounts_->add("vic", "Str0ng-pass", "viewer", std::nullopt);
  accounts_->add("dan", "Str0ng-pass", "admin", std::string("西城区"));
  auto mine = store_->add_station("西城站", std::string("西城区"));
  auto other = store_->add_station("东城站", std::string("东城区"));
  store_->add_admin_token("script-token");

  ConsoleOptions co;
  co.static_dir = dir_.path();
  Console console(*store_, *accounts_, co);
  ApiOptions api;
  api.session_auth = [&](const http::Request& q, http::Response& r) { return console.authorize(q, r); };
  http::Server server("test");
  register_routes(server, *store_, api);
  console.register_routes(server);

  auto sign_in = [&](const std::string& user) {
    auto r = server.dispatch("POST", "/admin/api/login", json{{"username", user}, {"password", "Str0ng-pass"}}.dump(),
                             {{"Content-Type", "application/json"}});
    EXPECT_EQ(r.status, 200) << r.body;
    std::string cookie = r.get_header_value("Set-Cookie");
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
    return std::make_pair(cookie.substr(0, cookie.find(';')), json::parse(r.body)["csrf"].get<std::string>());
  };
  auto sync_now = [&](const std::string& station, const httplib::Headers& h) {
    return server.dispatch("POST", "/api/v1/admin/stations/" + station + "/commands", R"({"type":"sync_now"})", h).status;
  };
  auto [ada, ada_csrf] = sign_in("ada");
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", ada}}), 403);                                  // no CSRF token
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", ada}, {"X-CSRF-Token", "x" + ada_csrf}}), 403);  // a wrong one
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", ada}, {"X-CSRF-Token", ada_csrf}}), 202);
  EXPECT_EQ(sync_now(mine.station_id, {{"Authorization", "Bearer script-token"}}), 202);         // scripts unchanged
  EXPECT_EQ(sync_now(mine.station_id, {}), 401);
  EXPECT_EQ(server.dispatch("GET", "/admin/api/fleet", "").status, 401);

  auto [vic, vic_csrf] = sign_in("vic");
  EXPECT_EQ(server.dispatch("GET", "/api/v1/admin/stations", "", {{"Cookie", vic}}).status, 200);
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", vic}, {"X-CSRF-Token", vic_csrf}}), 403);
  EXPECT_EQ(server.dispatch("POST", "/api/v1/admin/stations/" + mine.station_id + "/secret", "{}",
                            {{"Cookie", vic}, {"X-CSRF-Token", vic_csrf}}).status, 403);
  EXPECT_EQ(server.dispatch("POST", "/api/v1/admin/import/jobs", "ref,title\n", {{"Cookie", vic}, {"X-CSRF-Token", vic_csrf}}).status, 403);

  auto [dan, dan_csrf] = sign_in("dan");
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", dan}, {"X-CSRF-Token", dan_csrf}}), 202);
  EXPECT_EQ(sync_now(other.station_id, {{"Cookie", dan}, {"X-CSRF-Token", dan_csrf}}), 403);
  auto fleet = json::parse(server.dispatch("GET", "/admin/api/fleet", "", {{"Cookie", dan}}).body);
  ASSERT_EQ(fleet["stations"].size(), 1u);
  EXPECT_EQ(fleet["stations"][0]["station_id"], mine.station_id);
  EXPECT_EQ(fleet["counts"]["never"], 1);
  EXPECT_EQ(server.dispatch("GET", "/admin/api/stations/" + other.station_id, "", {{"Cookie", dan}}).status, 404);

  // Three commands queued, each audited under its actor; the refused attempts too.
  int audited_ok = 0, audited_refused = 0;
  for (const auto& a : accounts_->audit_log(100)) {
    if (a["action"].get<std::string>().find("/commands") == std::string::npos) continue;
    (a["status"] == 202 ? audited_ok : audited_refused)++;
  }
  EXPECT_EQ(audited_ok, 3);
  EXPECT_EQ(audited_refused, 5);  // no CSRF, a wrong one, no credentials, the viewer, the other district

  auto out = server.dispatch("POST", "/admin/api/logout", "", {{"Cookie", ada}, {"X-CSRF-Token", ada_csrf}});
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(sync_now(mine.station_id, {{"Cookie", ada}, {"X-CSRF-Token", ada_csrf}}), 401);
}

// The statistics are counted in the batch's transaction, once per event, whatever the station
// sends again: they always equal a recount from the stored events.
TEST_P(ConsoleTest, StatisticsCountEachEventExactlyOnceUnderResendsAndGaps) {
  auto st = store_->add_station("s", std::string("东城区"));
  std::vector<sync::Event> all;
  std::int64_t seq = 0;
  for (int i = 0; i < 7; ++i)
    all.push_back(event(++seq, "appointment.booked", "2026-02-27T09:00:00Z", {{"kind", i % 2 ? "renewal" : "first_assessment"}}));
  all.push_back(event(++seq, "appointment.checked_in", "2026-03-01T09:00:00Z", {{"appointment_id", 1}}));
  all.push_back(event(++seq, "appointment.no_show", "2026-03-01T09:00:00Z", {{"appointment_id", 2}}));
  all.push_back(event(++seq, "staff_call.created", "2026-03-01T10:00:00Z", {{"call_id", 5}}));
  all.push_back(event(++seq, "resident.registered", "2026-03-01T10:00:00Z", {{"resident_id", 9}}));
  all.push_back(event(++seq, "staff_call.acknowledged", "2026-03-01T10:01:30Z", {{"call_id", 5}, {"at", "2026-03-01T10:01:30Z"}}));
  all.push_back(event(++seq, "staff_call.acknowledged", "2026-03-01T10:02:00Z", {{"call_id", 5}}));  // twice: once timed
  all.push_back(event(++seq, "job_interest.updated", "2026-03-02T10:00:00Z", {{"status", "hired"}}));
  all.push_back(event(++seq, "appointment.booked", "2026-03-02T10:00:00Z", {{"kind", "<script>"}}));
  auto slice = [&](int from, int to) { return std::vector<sync::Event>(all.begin() + (from - 1), all.begin() + to); };

  EXPECT_EQ(store_->apply_batch(st.station_id, slice(1, 5)).applied_count, 5);
  EXPECT_EQ(store_->apply_batch(st.station_id, slice(1, 5)).duplicates, 5);          // the same batch again
  EXPECT_EQ(store_->apply_batch(st.station_id, slice(8, 10)).kind, BatchOutcome::gap);  // nothing applied
  EXPECT_EQ(store_->apply_batch(st.station_id, slice(3, 10)).applied_count, 5);      // overlapping resend
  EXPECT_EQ(store_->apply_batch(st.station_id, slice(3, 10)).applied_count, 0);
  EXPECT_EQ(store_->apply_batch(st.station_id, slice(11, 15)).applied_count, 5);

  auto stored = store_->stored_statistics();
  EXPECT_EQ(stored, store_->recount_statistics());
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(stored));
  auto n = [&](const char* month, const char* metric) {
    auto it = stored.find({st.station_id, month, metric});
    return it == stored.end() ? 0 : it->second;
  };
  EXPECT_EQ(n("2026-02", "booked"), 7);
  EXPECT_EQ(n("2026-02", "booked.first_assessment"), 4);
  EXPECT_EQ(n("2026-02", "booked.renewal"), 3);
  EXPECT_EQ(n("2026-03", "booked.other"), 1);  // a kind that is not a plain word is not a column
  EXPECT_EQ(n("2026-03", "checked_in"), 1);
  EXPECT_EQ(n("2026-03", "no_show"), 1);
  EXPECT_EQ(n("2026-03", "residents_registered"), 1);
  EXPECT_EQ(n("2026-03", "staff_calls"), 1);
  EXPECT_EQ(n("2026-03", "staff_calls_answered"), 1);
  EXPECT_EQ(n("2026-03", "staff_call_answer_s"), 90);
  EXPECT_EQ(n("2026-03", "job_interest.hired"), 1);

  auto by_district = store_->statistics("district", "2026-01", "2026-12", "*");
  ASSERT_EQ(by_district["rows"].size(), 1u);
  EXPECT_EQ(by_district["rows"][0]["key"], "东城区");
  EXPECT_EQ(by_district["rows"][0]["values"]["booked"], 8);
  auto by_month = store_->statistics("month", "2026-03", "2026-03", "*");
  ASSERT_EQ(by_month["rows"].size(), 1u);
  EXPECT_EQ(by_month["rows"][0]["values"]["booked"], 1);
  EXPECT_EQ(store_->statistics("station", "2026-01", "2026-12", "西城区")["rows"].size(), 0u);
  EXPECT_THROW(store_->statistics("year", "2026-01", "2026-12", "*"), ApiError);

  // The station page's history: the events arrived in this hour.
  auto hours = store_->station_history(st.station_id, 7);
  EXPECT_EQ(hours.size(), 7u * 24u);
  EXPECT_EQ(hours.back().events, 15);
}

TEST_P(ConsoleTest, TwoRacingWritersCountEachBookingOnce) {
  auto st = store_->add_station("s");
  auto second = open();
  std::vector<sync::Event> all;
  for (int i = 1; i <= 300; ++i) all.push_back(event(i, "appointment.booked", "2026-03-10T09:00:00Z", {{"kind", "renewal"}}));
  auto worker = [&](CentralStore& s, unsigned seed) {
    std::mt19937 rng(seed);
    for (int round = 0; round < 100; ++round) {
      auto acked = s.station(st.station_id)->acked_seq;
      std::int64_t from = std::max<std::int64_t>(1, acked + 1 - std::int64_t(rng() % 5));
      if (from > 300) break;
      std::int64_t to = std::min<std::int64_t>(300, from + 1 + rng() % 20);
      s.apply_batch(st.station_id, std::vector<sync::Event>(all.begin() + (from - 1), all.begin() + to));
    }
  };
  std::thread t1(worker, std::ref(*store_), 1u), t2(worker, std::ref(*second), 2u);
  t1.join();
  t2.join();
  auto acked = store_->station(st.station_id)->acked_seq;
  auto stored = store_->stored_statistics();
  EXPECT_EQ(stored, store_->recount_statistics());
  EXPECT_EQ((stored[{st.station_id, "2026-03", "booked"}]), acked);
  EXPECT_EQ(store_->stored_district_statistics(), (StatTable{{{"", "2026-03", "booked"}, acked}, {{"", "2026-03", "booked.renewal"}, acked}}));
}

// The rollup per district and month follows a station that changes district (its counts move
// with it, in one transaction), also while two writers apply batches; the district and month
// views read it.
TEST_P(ConsoleTest, DistrictRollupFollowsAStationThatMoves) {
  auto a = store_->add_station("a", std::string("东城区"));
  auto b = store_->add_station("b", std::string("东城区"));
  auto c = store_->add_station("c");  // no district
  auto second = open();
  auto booked = [](std::int64_t from, int n, const char* month) {
    std::vector<sync::Event> v;
    for (int i = 0; i < n; ++i)
      v.push_back(event(from + i, "appointment.booked", std::string(month) + "-05T09:00:00Z", {{"kind", "renewal"}}));
    return v;
  };
  EXPECT_EQ(store_->apply_batch(a.station_id, booked(1, 4, "2026-01")).applied_count, 4);
  EXPECT_EQ(store_->apply_batch(b.station_id, booked(1, 3, "2026-01")).applied_count, 3);
  EXPECT_EQ(store_->apply_batch(c.station_id, booked(1, 2, "2026-02")).applied_count, 2);
  auto rows = [&](const char* by, const char* scope) {
    std::map<std::string, std::int64_t> out;
    auto stats = store_->statistics(by, "2026-01", "2026-12", scope);
    for (const auto& r : stats["rows"])
      out[r["key"].get<std::string>()] = r["values"]["booked"].get<std::int64_t>();
    return out;
  };
  EXPECT_EQ(rows("district", "*"), (std::map<std::string, std::int64_t>{{"", 2}, {"东城区", 7}}));

  // b moves to 西城区 while a keeps syncing from another process.
  std::thread writer([&] {
    for (int i = 0; i < 20; ++i) second->apply_batch(a.station_id, booked(5 + i * 3, 3, "2026-02"));
  });
  ASSERT_TRUE(store_->set_district(b.station_id, "西城区"));
  ASSERT_TRUE(store_->set_district(c.station_id, "西城区"));
  writer.join();
  EXPECT_FALSE(store_->set_district("st-none", "西城区"));
  EXPECT_EQ(store_->apply_batch(b.station_id, booked(4, 1, "2026-03")).applied_count, 1);
  auto stored = store_->stored_statistics();
  EXPECT_EQ(stored, store_->recount_statistics());
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(stored));
  EXPECT_EQ(rows("district", "*"), (std::map<std::string, std::int64_t>{{"东城区", 64}, {"西城区", 6}}));
  EXPECT_EQ(rows("month", "*"), (std::map<std::string, std::int64_t>{{"2026-01", 7}, {"2026-02", 62}, {"2026-03", 1}}));
  EXPECT_EQ(rows("month", "西城区"), (std::map<std::string, std::int64_t>{{"2026-01", 3}, {"2026-02", 2}, {"2026-03", 1}}));
  EXPECT_EQ(rows("district", ""), (std::map<std::string, std::int64_t>{}));  // no station left without one

  // Back again: nothing is left behind under 西城区 for b.
  ASSERT_TRUE(store_->set_district(b.station_id, "东城区"));
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(store_->recount_statistics()));
  EXPECT_EQ(rows("district", "*"), (std::map<std::string, std::int64_t>{{"东城区", 68}, {"西城区", 2}}));
}

// Sign-in lockout, like staff PINs: the failures are counted (the N-th locks), a locked account
// refuses even the right password with the answer of a wrong one, the lock runs out, a success
// resets the count; each refusal audited as what it was.
TEST_P(ConsoleTest, SignInLocksAfterFiveFailuresAndUnlocksAfterAQuarterHour) {
  accounts_->add("eve", "Str0ng-pass", "admin", std::nullopt);
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(accounts_->login("eve", "wrong-pass", "10.0.0.7"));
  ASSERT_TRUE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));  // four, then a success: reset
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(accounts_->login("eve", "wrong-pass", "10.0.0.7"));
  ASSERT_TRUE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(accounts_->login("eve", "wrong-pass", "10.0.0.7"));
  EXPECT_FALSE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));  // locked: the right password too
  clock_.advance(std::chrono::minutes(14));
  EXPECT_FALSE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));
  clock_.advance(std::chrono::minutes(2));
  ASSERT_TRUE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));  // the lock ran out
  EXPECT_FALSE(accounts_->login("eve", "wrong-pass", "10.0.0.7"));  // and the count starts afresh:
  ASSERT_TRUE(accounts_->login("eve", "Str0ng-pass", "10.0.0.7"));  // one failure locks nothing
  std::map<std::string, int> actions;
  for (const auto& a : accounts_->audit_log(100))
    if (a["actor"] == "eve" && a["status"] == 401) actions[a["action"].get<std::string>()]++;
  EXPECT_EQ(actions, (std::map<std::string, int>{{"login", 13}, {"lockout", 1}, {"login (locked)", 2}}));
}

// The same over real HTTP against a real tongxing-centrald (default [console] max_failed_logins
// 5): the refusals of a wrong password, an unknown name and a locked account are one answer.
TEST_P(ConsoleTest, SignInLockoutOverRealHttp) {
  testkit::TempDir dir;  // a database of its own (the fixture's has another key)
  const std::string db = testkit::central_db(GetParam(), dir.path());
  testkit::Central central(db, dir.path());
  {
    auto e = open_engine(db);
    AdminAccounts(*e, clock_, PinCost::minimal()).add("mei", "Str0ng-pass", "viewer", std::nullopt);
  }
  httplib::Client cli("127.0.0.1", central.port());
  cli.set_read_timeout(30, 0);
  auto login = [&](const std::string& user, const std::string& password) {
    auto r = cli.Post("/admin/api/login", json{{"username", user}, {"password", password}}.dump(), "application/json");
    EXPECT_TRUE(r) << "no answer";
    return r ? std::make_pair(r->status, r->body + (r->has_header("Set-Cookie") ? " +cookie" : "")) : std::make_pair(0, std::string());
  };
  auto wrong = login("mei", "wrong-pass");
  EXPECT_EQ(wrong.first, 401);
  EXPECT_EQ(json::parse(wrong.second)["error"]["code"], "login_failed") << wrong.second;
  EXPECT_EQ(login("nobody", "wrong-pass"), wrong);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(login("mei", "wrong-pass"), wrong);
  EXPECT_EQ(login("mei", "Str0ng-pass"), wrong);  // locked: the same answer, no cookie
  auto e = open_engine(db);
  std::map<std::string, int> actions;
  for (const auto& a : AdminAccounts(*e, clock_, PinCost::minimal()).audit_log(20))
    if (a["actor"] == "mei") actions[a["action"].get<std::string>()]++;
  EXPECT_EQ(actions, (std::map<std::string, int>{{"login", 4}, {"lockout", 1}, {"login (locked)", 1}}));
}

// The statistics as an .xlsx workbook through the real route table: a zip whose sheet holds the
// header and the numbers (read back with Python's zipfile, which the tests' machine has).
TEST_P(ConsoleTest, StatisticsDownloadAsAnXlsxWorkbook) {
  accounts_->add("ada", "Str0ng-pass", "viewer", std::nullopt);
  auto st = store_->add_station("东城站", std::string("东城区"));
  std::vector<sync::Event> ev;
  for (int i = 1; i <= 3; ++i)
    ev.push_back(event(i, "appointment.booked", "2026-02-10T09:00:00Z", {{"appointment_id", i}, {"kind", "renewal"}}));
  ASSERT_EQ(store_->apply_batch(st.station_id, ev).applied_count, 3);
  Console console(*store_, *accounts_, ConsoleOptions{});
  http::Server server("test");
  console.register_routes(server);
  auto in = server.dispatch("POST", "/admin/api/login", json{{"username", "ada"}, {"password", "Str0ng-pass"}}.dump(),
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(in.status, 200);
  std::string cookie = in.get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto r = server.dispatch("GET", "/admin/api/statistics?by=district&from=2026-01&to=2026-12&format=xlsx", "",
                           {{"Cookie", cookie}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.get_header_value("Content-Disposition").find("tongxing-statistics-district.xlsx"), std::string::npos);
  ASSERT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));
  const std::string file = dir_.path() + "/s.xlsx";
  std::ofstream(file, std::ios::binary) << r.body;
  std::string cmd = "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
                    "print(z.read('xl/sharedStrings.xml').decode()); print(z.read('xl/worksheets/sheet1.xml').decode())\" " +
                    file;
  std::string xml;
  if (FILE* p = popen(cmd.c_str(), "r")) {
    char buf[4096];
    for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) xml.append(buf, n);
    EXPECT_EQ(pclose(p), 0);
  }
  for (const char* want : {"district", "booked", "booked.renewal", "东城区", "<v>3</v>"})
    EXPECT_NE(xml.find(want), std::string::npos) << want << " not in the workbook:\n" << xml.substr(0, 3000);
}

// Renewals done (appointments completed, by the kind they were booked as, batches apart) and
// subsidy applications by stage (from central's imports of decisions, once per application and
// stage however often a file is imported): kept with the other statistics, equal to a recount.
TEST_P(ConsoleTest, RenewalsDoneAndSubsidyStagesAreCountedOnce) {
  auto st = store_->add_station("s", std::string("东城区"));
  std::vector<sync::Event> first = {
      event(1, "appointment.booked", "2026-01-20T09:00:00Z", {{"appointment_id", 1}, {"kind", "renewal"}}),
      event(2, "appointment.booked", "2026-01-20T09:05:00Z", {{"appointment_id", 2}, {"kind", "home_assessment"}}),
      event(3, "appointment.booked", "2026-01-20T09:10:00Z", {{"appointment_id", 3}, {"kind", "renewal"}})};
  std::vector<sync::Event> second = {
      event(4, "appointment.completed", "2026-02-05T10:00:00Z", {{"appointment_id", 1}}),
      event(5, "appointment.completed", "2026-02-05T11:00:00Z", {{"appointment_id", 2}}),
      event(6, "appointment.no_show", "2026-02-05T12:00:00Z", {{"appointment_id", 3}}),
      event(7, "appointment.completed", "2026-02-06T10:00:00Z", {{"appointment_id", 99}})};  // booked before central knew
  EXPECT_EQ(store_->apply_batch(st.station_id, first).applied_count, 3);
  EXPECT_EQ(store_->apply_batch(st.station_id, second).applied_count, 4);

  const std::string head = "ref,station_id,id_number,name,programme,status,stage_date,reason\n";
  auto row = [&](const char* ref, const char* id, const char* status, const char* date) {
    return std::string(ref) + "," + st.station_id + "," + id + ",张三,living_subsidy," + status + "," + date + ",\n";
  };
  EXPECT_EQ(store_->import_subsidies(head + row("S1", "11010519491231002X", "applied", "2026-01-10"), false).imported, 1);
  auto again = head + row("S1", "11010519491231002X", "under_review", "2026-02-03");
  EXPECT_EQ(store_->import_subsidies(again, false).imported, 1);
  EXPECT_EQ(store_->import_subsidies(again, false).imported, 1);  // the same file twice: counted once
  EXPECT_EQ(store_->import_subsidies(again, true).imported, 0);   // a check counts nothing
  EXPECT_EQ(store_->import_subsidies(head + row("S1", "11010519491231002X", "approved", "2026-02-20") +
                                         row("S2", "440524188001010014", "applied", "2026-02-21"), false).imported, 2);

  auto stored = store_->stored_statistics();
  EXPECT_EQ(stored, store_->recount_statistics());
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(stored));
  auto n = [&](const char* month, const char* metric) {
    auto it = stored.find({st.station_id, month, metric});
    return it == stored.end() ? 0 : it->second;
  };
  EXPECT_EQ(n("2026-02", "completed"), 3);
  EXPECT_EQ(n("2026-02", "completed.renewal"), 1);  // renewals done
  EXPECT_EQ(n("2026-02", "completed.home_assessment"), 1);
  EXPECT_EQ(n("2026-01", "booked.renewal"), 2);
  EXPECT_EQ(n("2026-01", "subsidy_stage.applied"), 1);
  EXPECT_EQ(n("2026-02", "subsidy_stage.applied"), 1);
  EXPECT_EQ(n("2026-02", "subsidy_stage.under_review"), 1);
  EXPECT_EQ(n("2026-02", "subsidy_stage.approved"), 1);
  auto by_district = store_->statistics("district", "2026-01", "2026-12", "*");
  ASSERT_EQ(by_district["rows"].size(), 1u);
  EXPECT_EQ(by_district["rows"][0]["values"]["subsidy_stage.applied"], 2);
  EXPECT_EQ(by_district["rows"][0]["values"]["completed.renewal"], 1);
}

// Renewals due (docs/console.md): each station's "certificate.expiry" event puts its resident in
// the month the renewal window opens; a renewal moves the resident to the new certificate's
// month, a lost or cancelled one takes it out; resent batches and malformed months change
// nothing. Equal to a recount; read through the console's real route (JSON and CSV).
TEST_P(ConsoleTest, RenewalsDueMoveWithTheCertificateAndShowInTheConsole) {
  auto st = store_->add_station("s", std::string("东城区"));
  auto cert = [](std::int64_t seq, std::int64_t resident, json due) {
    return event(seq, "certificate.expiry", "2026-03-01T09:00:00Z",
                 {{"resident_id", resident}, {"expiry_month", nullptr}, {"due_month", due}});
  };
  std::vector<sync::Event> first = {cert(1, 1, "2026-02"), cert(2, 2, "2026-02"), cert(3, 3, "2026-05"),
                                    cert(4, 4, nullptr), cert(5, 5, "2026-13"), cert(6, 6, "<b>")};
  std::vector<sync::Event> second = {cert(7, 1, "2036-01"),   // renewed: a new certificate
                                     cert(8, 3, nullptr),     // cancelled: not to be renewed
                                     cert(9, 2, "2026-02"),   // the same again
                                     cert(10, 4, "2026-02"),  // replaced: due now
                                     cert(11, 4, "2026-05"), cert(12, 4, "2026-02")};  // within one batch
  EXPECT_EQ(store_->apply_batch(st.station_id, first).applied_count, 6);
  EXPECT_EQ(store_->apply_batch(st.station_id, first).duplicates, 6);
  EXPECT_EQ(store_->apply_batch(st.station_id, second).applied_count, 6);
  EXPECT_EQ(store_->apply_batch(st.station_id, second).applied_count, 0);

  auto stored = store_->stored_statistics();
  EXPECT_EQ(stored, store_->recount_statistics());
  EXPECT_EQ(store_->stored_district_statistics(), store_->district_rollup(stored));
  StatTable due;
  for (const auto& [key, n] : stored)
    if (std::get<2>(key) == "renewals_due") due[key] = n;
  EXPECT_EQ(due, (StatTable{{{st.station_id, "2026-02", "renewals_due"}, 2}, {{st.station_id, "2036-01", "renewals_due"}, 1}}));

  // Through the console's route: by month into the future, and by station up to this month
  // (the default: the residents due now and not yet renewed).
  accounts_->add("ada", "Str0ng-pass", "viewer", std::nullopt);
  ConsoleOptions co;
  co.static_dir = dir_.path();
  Console console(*store_, *accounts_, co);
  ApiOptions api;
  api.session_auth = [&](const http::Request& q, http::Response& r) { return console.authorize(q, r); };
  http::Server server("test");
  register_routes(server, *store_, api);
  console.register_routes(server);
  auto login = server.dispatch("POST", "/admin/api/login", json{{"username", "ada"}, {"password", "Str0ng-pass"}}.dump(),
                               {{"Content-Type", "application/json"}});
  ASSERT_EQ(login.status, 200) << login.body;
  std::string cookie = login.get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto get = [&](const std::string& path) { return server.dispatch("GET", path, "", {{"Cookie", cookie}}); };
  auto by_month = get("/admin/api/statistics?by=month&from=2026-01&to=2036-12");
  ASSERT_EQ(by_month.status, 200) << by_month.body;
  std::map<std::string, std::int64_t> months;
  const json month_rows = json::parse(by_month.body)["rows"];
  for (const auto& row : month_rows)
    if (row["values"].value("renewals_due", 0) != 0) months[row["key"]] = row["values"]["renewals_due"];
  EXPECT_EQ(months, (std::map<std::string, std::int64_t>{{"2026-02", 2}, {"2036-01", 1}})) << by_month.body;
  auto by_station = json::parse(get("/admin/api/statistics?by=station").body);
  ASSERT_EQ(by_station["rows"].size(), 1u);
  EXPECT_EQ(by_station["rows"][0]["values"]["renewals_due"], 2);
  auto csv = get("/admin/api/statistics?by=district&to=2036-12&format=csv");
  EXPECT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("renewals_due"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("东城区"), std::string::npos) << csv.body;
}

// With TLS (centrald sets secure_cookie when it serves https) the session cookie is also
// Secure, on sign-in and on sign-out; the page is served with its Content-Security-Policy.
TEST_P(ConsoleTest, TheCookieIsSecureUnderTlsAndThePageHasItsCsp) {
  accounts_->add("ada", "Str0ng-pass", "admin", std::nullopt);
  std::ofstream(dir_.path() + "/index.html") << "<!doctype html><html></html>";
  ConsoleOptions co;
  co.static_dir = dir_.path();
  co.secure_cookie = true;
  Console console(*store_, *accounts_, co);
  http::Server server("test");
  console.register_routes(server);
  auto in = server.dispatch("POST", "/admin/api/login", json{{"username", "ada"}, {"password", "Str0ng-pass"}}.dump(),
                            {{"Content-Type", "application/json"}});
  ASSERT_EQ(in.status, 200) << in.body;
  std::string cookie = in.get_header_value("Set-Cookie");
  for (const char* flag : {"; Secure", "HttpOnly", "SameSite=Strict"}) EXPECT_NE(cookie.find(flag), std::string::npos) << cookie;
  auto out = server.dispatch("POST", "/admin/api/logout", "{}",
                             {{"Cookie", cookie.substr(0, cookie.find(';'))},
                              {"X-CSRF-Token", json::parse(in.body)["csrf"].get<std::string>()}});
  EXPECT_NE(out.get_header_value("Set-Cookie").find("; Secure"), std::string::npos) << out.status << out.body;
  auto page = server.dispatch("GET", "/admin/", "", {});
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.get_header_value("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, ConsoleTest, ::testing::Values(EngineKind::sqlite, EngineKind::postgresql),
                         [](const auto& info) { return testkit::engine_name(info.param); });

// Migration 4 fills the rollup from the statistics a central held before it (SQLite file).
// old_central_db: a SQLite central database at schema `version`, holding `rows` (SQL).
void old_central_db(const std::string& path, std::size_t version, const std::string& rows) {
  auto db = sql::Db::open(path);
  sql::migrate(*db, sqlite_migrations().first(version));
  db->exec(rows);
}

TEST(ConsoleMigration, TheRollupIsFilledFromTheStatisticsHeldBefore) {
  testkit::TempDir dir;
  const std::string path = dir.path() + "/central.db";
  old_central_db(path, 3,
                 "INSERT INTO stations(id, name, key_sealed, created_at, district) VALUES "
                 "('a', 'a', x'00', '2026-01-01T00:00:00Z', '东城区'), ('b', 'b', x'00', '2026-01-01T00:00:00Z', NULL), "
                 "('c', 'c', x'00', '2026-01-01T00:00:00Z', '东城区');"
                 "INSERT INTO stats_monthly(station_id, month, metric, n) VALUES ('a', '2026-01', 'booked', 3), "
                 "('c', '2026-01', 'booked', 4), ('b', '2026-02', 'booked', 5), ('c', '2026-02', 'no_show', 1);");
  ManualClock clock{at("2026-03-10T08:00:00Z")};
  auto e = open_engine(path);
  e->migrate();
  CentralStore store(std::move(e), Vault::from_seed("k"), clock);
  EXPECT_EQ(store.stored_district_statistics(),
            (StatTable{{{"东城区", "2026-01", "booked"}, 7}, {{"东城区", "2026-02", "no_show"}, 1}, {{"", "2026-02", "booked"}, 5}}));
  EXPECT_EQ(store.stored_district_statistics(), store.district_rollup(store.stored_statistics()));
}

// Renewals due with a station's own window (DOMAIN.md: the renewal window is configurable, 180
// days by default): a real tongxing-stationd configured with [booking] renewal_window_days = 90
// tells central the month its residents' window opens 90 days before expiry; its certificates
// written before (with 180) are sent again once, and central moves each resident exactly once.
// Started again with the same window it sends nothing; back on 180 it moves them back.
// Migration 7 rebuilds SQLite's stats_appointment_kinds WITHOUT ROWID: the kinds held before are
// kept (a renewal booked before the upgrade and completed after it still counts as one).
TEST(ConsoleMigration, AppointmentKindsKeepTheirRowsWithoutRowid) {
  testkit::TempDir dir;
  const std::string path = dir.path() + "/central.db";
  old_central_db(path, 6,
                 "INSERT INTO stations(id, name, key_sealed, created_at) VALUES ('a', 'a', x'00', '2026-01-01T00:00:00Z');"
                 "INSERT INTO stats_appointment_kinds(station_id, appointment_id, kind) VALUES ('a', 7, 'renewal'), "
                 "('a', 8, 'first_assessment');");
  {
    auto e = open_engine(path);
    e->migrate();
  }
  auto db = sql::Db::open(path);
  EXPECT_EQ(sql::user_version(*db), sqlite_migrations().back().version);
  auto& rows = db->prep("SELECT appointment_id, kind FROM stats_appointment_kinds ORDER BY appointment_id");
  std::vector<std::pair<std::int64_t, std::string>> got;
  while (rows.step()) got.emplace_back(rows.i64(0), rows.text(1));
  rows.reset();
  EXPECT_EQ(got, (std::vector<std::pair<std::int64_t, std::string>>{{7, "renewal"}, {8, "first_assessment"}}));
  EXPECT_THROW(db->exec("SELECT rowid FROM stats_appointment_kinds"), std::exception);  // no rowid any more
}

TEST(ConsoleRenewalWindow, CentralCountsEachResidentInTheMonthItsStationsWindowOpens) {
  testkit::TempDir dir;
  testkit::Central central(testkit::central_db(EngineKind::sqlite, dir.path()), dir.path());
  auto [id, secret] = central.add_station("窗口站");
  testkit::Station station(dir.path(), "station");
  station.configure(central.url(), id, secret);
  station.certify(20);  // before the window is recorded: DOMAIN.md's 180 days
  const std::string conf = dir.path() + "/station.toml";
  std::ofstream(conf) << "[booking]\nrenewal_window_days = 90\n";

  auto last = [&] { return station.recorded().back().first; };
  auto converge = [&] {
    auto want = last();
    ASSERT_TRUE(testkit::wait_until(
        [&] {
          station.trigger();
          try {
            return central.station(id)["acked_seq"].get<std::int64_t>() == want;
          } catch (const std::exception&) {
            return false;
          }
        },
        std::chrono::seconds(60)))
        << station.log();
  };
  // What the station's file says with `window` days, and what central counts.
  auto expected = [&](int window) {
    std::map<std::string, std::int64_t> want;
    auto db = sql::Db::open(station.db(), {});
    auto& q = db->prep("SELECT c.expires_on FROM certificates c WHERE c.id = (SELECT max(id) FROM certificates "
                       "WHERE resident_id = c.resident_id) AND c.status IN ('valid', 'expired')");
    while (q.step()) want[Date::parse(q.text(0))->plus_days(-window).str().substr(0, 7)] += 1;
    q.reset();
    return want;
  };
  auto counted = [&] {
    SystemClock clock;
    CentralStore cs(open_engine(central.db()), Vault::open_or_create(central.key_file(), false), clock);
    auto stored = cs.stored_statistics();
    EXPECT_EQ(stored, cs.recount_statistics());
    EXPECT_EQ(cs.stored_district_statistics(), cs.district_rollup(stored));
    std::map<std::string, std::int64_t> due;
    for (const auto& [key, n] : stored)
      if (std::get<2>(key) == "renewals_due" && n != 0) due[std::get<1>(key)] += n;
    return due;
  };

  const auto first = last();
  station.start({"--config", conf});
  EXPECT_NE(station.log().find("renewal window now 90 days: certificate expiry sent again for 12 residents"),
            std::string::npos)
      << station.log();
  converge();
  EXPECT_EQ(last(), first + 12);
  ASSERT_NE(expected(90), expected(180)) << "the test's certificates must fall in other months with 90 days";
  EXPECT_EQ(counted(), expected(90));

  station.certify(6);  // written while the window is 90 (tongxing-ctl or the desk): 90 too
  converge();
  EXPECT_EQ(counted(), expected(90));

  station.stop();
  const auto before = last();
  station.start({"--config", conf});  // the same window: nothing sent again
  converge();
  EXPECT_EQ(last(), before);

  station.stop();
  station.start();  // back to DOMAIN.md's 180 days
  converge();
  EXPECT_EQ(last(), before + 12);
  EXPECT_EQ(counted(), expected(180));
  station.stop();
}

TEST(FleetState, NeverStaleLateErrorOk) {
  stats::StateRules rules{std::chrono::seconds(30), std::chrono::hours(24)};
  auto now = at("2026-03-10T12:00:00Z");
  using S = stats::State;
  EXPECT_EQ(stats::fleet_state(std::nullopt, std::nullopt, now, rules), S::never);
  EXPECT_EQ(stats::fleet_state("2026-03-10T11:59:10Z", std::nullopt, now, rules), S::ok);
  EXPECT_EQ(stats::fleet_state("2026-03-10T11:59:10Z", std::string(""), now, rules), S::ok);
  EXPECT_EQ(stats::fleet_state("2026-03-10T11:59:10Z", std::string("disk full"), now, rules), S::error);
  EXPECT_EQ(stats::fleet_state("2026-03-10T11:59:00Z", std::nullopt, now, rules), S::ok);  // exactly two intervals
  EXPECT_EQ(stats::fleet_state("2026-03-10T11:58:59Z", std::nullopt, now, rules), S::late);
  EXPECT_EQ(stats::fleet_state("2026-03-09T12:00:00Z", std::string("x"), now, rules), S::late);
  EXPECT_EQ(stats::fleet_state("2026-03-09T11:59:59Z", std::nullopt, now, rules), S::stale);
  EXPECT_EQ(stats::month_of("2026-03-10T12:00:00Z"), "2026-03");
  EXPECT_EQ(stats::month_of("c"), "0000-00");
}

// Tally reads a payload's top-level fields without building a JSON document (SAX): the answers
// must be json::parse's, for valid, odd and broken payloads alike (a repeated key: the last one;
// nested values, floats, strings where a number belongs: neither; not an object or not JSON:
// nothing), or a recount would differ from what ingest counted.
TEST(TallyFields, ReadsPayloadsAsJsonParseWould) {
  std::map<std::int64_t, std::string> kinds;
  stats::Tally t({[](std::int64_t, const std::string&) {}, [](std::int64_t) { return std::optional<std::string>(); }},
                 {[&](std::int64_t id, const std::string& kind) { kinds[id] = kind; },
                  [&](std::int64_t id) -> std::optional<std::string> {
                    auto it = kinds.find(id);
                    return it == kinds.end() ? std::nullopt : std::optional<std::string>(it->second);
                  }},
                 {[](std::int64_t, const std::optional<std::string>&) { return std::optional<std::string>(); }});
  const std::vector<std::pair<std::string, std::string>> booked = {
      {R"({"kind":"renewal","appointment_id":1})", "renewal"},
      {R"({"kind":"x","appointment_id":2,"kind":"first_assessment"})", "first_assessment"},  // last wins
      {R"({"meta":{"kind":"renewal","appointment_id":9},"kind":7,"appointment_id":3})", "other"},
      {R"({"kind":"renewal","appointment_id":4.0})", "renewal"},     // a float is no id
      {R"({"kind":"renewal","appointment_id":"5"})", "renewal"},     // nor is a string
      {R"({"appointment_id":6,"appointment_id":[6],"kind":"renewal"})", "renewal"},  // last: an array
      {R"({"kind":"renewal","appointment_id":18446744073709551615})", "renewal"},  // as get<int64_t>
      {R"([{"kind":"renewal","appointment_id":7}])", "other"},       // not an object
      {R"({"kind":"renewal","appointment_id":8)", "other"},          // not JSON
      {R"({"kind":"renewal","appointment_id":10} x)", "other"},      // trailing bytes
      {R"({"kind":"renewal","appointment_id":11,"x":{"a":[1,{"kind":"no"}]}})", "renewal"},
      {R"({"kind":null,"appointment_id":12,"done":true})", "other"},
  };
  for (const auto& [payload, kind] : booked) t.add("appointment.booked", "2026-03-01T10:00:00Z", payload);
  EXPECT_EQ(kinds, (std::map<std::int64_t, std::string>{{1, "renewal"}, {2, "first_assessment"}, {3, "other"},
                                                        {-1, "renewal"}, {11, "renewal"}, {12, "other"}}));
  t.add("appointment.completed", "2026-03-02T10:00:00Z", R"({"appointment_id":2})");
  t.add("appointment.completed", "2026-03-02T10:00:00Z", R"({"appointment_id":2.5})");
  auto n = [&](const char* metric) {
    auto it = t.counts().find({"2026-03", metric});
    return it == t.counts().end() ? 0 : it->second;
  };
  EXPECT_EQ(n("booked"), 12);
  EXPECT_EQ(n("booked.renewal"), 6);
  EXPECT_EQ(n("booked.other"), 5);
  EXPECT_EQ(n("completed"), 2);
  EXPECT_EQ(n("completed.first_assessment"), 1);
}

}  // namespace

namespace {
// The store skips reading the payload of an event whose type reads none (stats::reads_payload)
// and keeps only the members Tally::add reads: the counts and the remembered calls, kinds and
// expiries must be exactly those of the whole payload read, for every type the stations send.
TEST(TallyFields, SkippingPayloadsChangesNoCount) {
  using namespace tx::central;
  struct Seen {
    std::vector<std::string> log;
    stats::Tally tally() {
      return stats::Tally(
          {[this](std::int64_t id, const std::string& at) { log.push_back("open " + std::to_string(id) + at); },
           [this](std::int64_t id) -> std::optional<std::string> {
             log.push_back("take " + std::to_string(id));
             return std::string("2026-03-01T09:00:00Z");
           }},
          {[this](std::int64_t id, const std::string& k) { log.push_back("booked " + std::to_string(id) + k); },
           [this](std::int64_t id) -> std::optional<std::string> {
             log.push_back("kind_of " + std::to_string(id));
             return std::string("renewal");
           }},
          {[this](std::int64_t r, const std::optional<std::string>& m) -> std::optional<std::string> {
            log.push_back("expiry " + std::to_string(r) + m.value_or("-"));
            return std::nullopt;
          }});
    }
  };
  const std::string payload =
      R"({"id_number":"440524196003150123","kind":"renewal","appointment_id":7,"programme":"rehab",)"
      R"("status":"hired","resident_id":3,"due_month":"2027-01","call_id":5,"at":"2026-03-01T09:05:00Z",)"
      R"("date":"2030-01-05","meta":{"kind":"x"}})";
  const char* types[] = {"appointment.booked", "appointment.checked_in", "appointment.completed",
                         "appointment.no_show", "appointment.cancelled", "appointment.rescheduled",
                         "appointment.dispatched", "appointment.visit_failed", "resident.registered",
                         "application.registered", "change_report.registered", "job_interest.registered",
                         "job_interest.updated", "certificate.expiry", "staff_call.created",
                         "staff_call.acknowledged", "staff_call.closed", "resident.updated", "other.kind"};
  Seen whole, skipped;
  auto a = whole.tally(), b = skipped.tally();
  for (const char* type : types) {
    a.add(type, "2026-03-01T10:00:00Z", payload);  // the whole payload, as json::parse reads it
    b.add(type, "2026-03-01T10:00:00Z", stats::reads_payload(type) ? stats::Payload(payload) : stats::Payload());
  }
  EXPECT_EQ(a.counts(), b.counts());
  EXPECT_EQ(whole.log, skipped.log);
  EXPECT_GE(a.counts().size(), 15u);  // the payload's fields were read: booked.renewal, applications.rehab, …
  EXPECT_FALSE(stats::reads_payload("appointment.checked_in"));
  EXPECT_EQ(stats::Payload(payload).text("id_number"), "");  // not kept: never read by the statistics
  EXPECT_EQ(stats::Payload(payload).integer("appointment_id"), 7);
}
}  // namespace
