// Issue 14 (identities and lockouts), attacked through a real tongxing-stationd on loopback:
//  - 30 parallel guesses of a resident's 4 digits, of a staff PIN and of the old PIN at
//    POST /staff/pin: no more than the lock allows (5) are ever compared;
//  - no answer before proof tells whether an ID number is registered, has a certificate or is
//    locked (every resident endpoint, including the renewal booking with a full phone);
//  - a copy of the database without the key holds no digit of the second factor and no
//    fragment of an ID number;
//  - identity squatting: a kiosk registration of someone else's ID sees none of the records
//    central sends for that ID, the owner's phone is flagged to staff, staff verify at the desk.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include <sys/stat.h>

#include "fixture.h"
#include "common/rate_limit.h"
#include "station/staff_auth.h"

using namespace tx;
using namespace tx::station;
using namespace tx::station::testing;
using json = nlohmann::json;

namespace {

struct Person {
  std::string id, phone;
  std::string last4() const { return phone.substr(phone.size() - 4); }
};

// Phones end in digits that appear nowhere else in a station file (not a year, time or count).
const Person kRace{make_id("19580317", 11), "13912348437"};
const Person kReg{make_id("19610923", 12), "13712345962"};
const Person kNoCert{make_id("19700214", 13), "13612347381"};
const Person kLocked{make_id("19520606", 14), "13512346829"};
const Person kUnreg{make_id("19830411", 15), "13412349153"};
const Person kOwner{make_id("19491108", 16), "15912347496"};     // the ID's real owner
const Person kSquatter{kOwner.id, "18812346374"};                  // someone else's phone
const Person kGuard{make_id("19660101", 17), "13312342718"};
const Person kProven{make_id("19770919", 18), "13212345179"};   // registered, no certificate
const Person kFresh{make_id("19880130", 19), "13112348295"};    // registered at a kiosk in a test
const Person kFreshOther{kFresh.id, "15012343816"};
const Person kLook{make_id("19590827", 20), "15112346958"};

class IdentityAttack : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    db_ = dir_->file("station.db");
    {
      SystemClock clock;
      Store store(db_, Vault::open_or_create(db_ + ".key", true), clock, 1);
      add_resident(store, kRace.id, kRace.phone, 4, 2, "2020-01-10");
      // Issued 2016-12: the certificate expires within the renewal window (renewal is due).
      add_resident(store, kReg.id, kReg.phone, 4, 2, "2016-12-20");
      add_resident(store, kNoCert.id, kNoCert.phone, 0, 0, "2020-01-10");
      add_resident(store, kLocked.id, kLocked.phone, 4, 2, "2016-12-20");
      add_resident(store, kProven.id, kProven.phone, 0, 0, "2020-01-10");
      add_resident(store, kLook.id, kLook.phone, 4, 2, "2020-01-10");
      StaffAuth auth(StationConfig{}, store, PinCost::minimal());
      Actor cli{"cli:test", "cli", "cli@test"};
      for (const char* u : {"guard", "desk", "pinner"}) auth.add_account(u, "测试员", "staff", "246813", false, cli);
    }
    service_ = new test::Service(test::start_service(test::bin("tongxing-stationd"), {"--db", db_}, dir_->path(), "stationd"));
  }
  static void TearDownTestSuite() {
    delete service_;
    delete dir_;
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", service_->port);
    c.set_read_timeout(20, 0);
    c.set_connection_timeout(5, 0);
    return c;
  }
  static httplib::Result post(const std::string& path, const json& body, const std::string& token = {}) {
    httplib::Headers h = {{"X-Tongxing-Terminal", "kiosk-1"}};
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return client().Post(path.c_str(), h, body.dump(), "application/json");
  }
  static httplib::Result get(const std::string& path, const std::string& token = {}) {
    httplib::Headers h = {{"X-Tongxing-Terminal", "kiosk-1"}};
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    return client().Get(path.c_str(), h);
  }
  static json body(const httplib::Result& r) { return r ? json::parse(r->body, nullptr, false) : json(); }
  static std::string code(const httplib::Result& r) {
    auto j = body(r);
    return j.is_object() && j.contains("error") ? j["error"].value("code", "") : "";
  }
  static std::string day(const char* kind) {
    auto days = body(get(std::string("/api/v1/assessment-days?kind=") + kind))["days"];
    for (const auto& d : days)
      if (d["kinds"].contains(kind) && d["kinds"][kind]["left"].get<int>() > 2) return d["date"];
    return "";
  }
  static std::string login(const std::string& user, const std::string& pin = "246813") {
    auto r = post("/api/v1/staff/login", {{"username", user}, {"pin", pin}});
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return body(r).value("token", "");
  }

  // A second connection to the service's database (WAL: it reads while the service writes).
  template <class F>
  static auto with_store(F&& f) {
    SystemClock clock;
    Store store(db_, Vault::open_or_create(db_ + ".key", false), clock, 1);
    return f(store);
  }
  static std::vector<AuditRow> audit(const std::optional<std::string>& subject = std::nullopt) {
    return with_store([&](Store& s) {
      AuditFilter f;
      f.subject_hash = subject ? std::optional(s.vault().lookup_hash(*subject)) : std::nullopt;
      f.limit = 1000;
      return s.read([&](Reader& r) { return r.audit_rows(f); });
    });
  }

  // parallel: runs n requests at once (each thread waits at a start line; the last one waits
  // 30 ms more, so the right guess is sent last) and returns their HTTP statuses.
  template <class F>
  static std::vector<int> parallel(int n, F&& request) {
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<int> status(n, 0);
    std::vector<std::thread> ts;
    for (int i = 0; i < n; ++i)
      ts.emplace_back([&, i] {
        ++ready;
        while (!go) std::this_thread::yield();
        if (i == n - 1) std::this_thread::sleep_for(std::chrono::milliseconds(30));
        auto r = request(i);
        status[i] = r ? r->status : -1;
      });
    while (ready < n) std::this_thread::yield();
    go = true;
    for (auto& t : ts) t.join();
    return status;
  }

  static inline test::TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline test::Service* service_ = nullptr;
};

std::string guess(int i) {
  return std::to_string(1000 + i * 7);  // 1000…1203: four digits
}

// in_clear: `needle` occurs in `file` outside a run of 16+ hex characters (the outbox's random
// event ids are hex text in clear; 4 given hex digits turn up in them by chance).
bool in_clear(const std::string& file, const std::string& needle) {
  auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
  for (auto at = file.find(needle); at != std::string::npos; at = file.find(needle, at + 1)) {
    std::size_t b = at, e = at + needle.size();
    while (b > 0 && hex(file[b - 1])) --b;
    while (e < file.size() && hex(file[e])) ++e;
    if (e - b < 16) return true;
  }
  return false;
}

int count_if(const std::vector<AuditRow>& rows, const std::function<bool(const AuditRow&)>& f) {
  int n = 0;
  for (const auto& r : rows) n += f(r) ? 1 : 0;
  return n;
}

}  // namespace

// Finding 5: 30 parallel guesses for one resident's 4 digits, the right one sent last.
TEST_F(IdentityAttack, ParallelGuessesOfAResidentCannotOutrunTheLock) {
  auto st = parallel(30, [&](int i) {
    return post("/api/v1/residents/verify",
                {{"id_number", kRace.id}, {"phone_last4", i == 29 ? kRace.last4() : guess(i)}});
  });
  int ok = int(std::count(st.begin(), st.end(), 200));
  auto rows = audit(kRace.id);
  // Compared and wrong: verify_failed (failed) or lockout; refused unread: verify_failed (denied).
  int compared = count_if(rows, [](const AuditRow& r) {
    return (r.action == "verify_failed" && r.outcome == "failed") || r.action == "lockout";
  });
  int refused = count_if(rows, [](const AuditRow& r) { return r.action == "verify_failed" && r.outcome == "denied"; });
  EXPECT_LE(compared + ok, 5) << "guesses compared past the lock: " << compared << " wrong, " << ok << " right";
  EXPECT_EQ(compared + ok + refused, 30);
  if (ok == 0) {  // the lock runs (30 requests used up the per-ID minute, so ask the file)
    auto st = with_store([](Store& s) {
      return s.read([&](Reader& r) { return r.lock_state(s.vault().lookup_hash(kRace.id)); });
    });
    EXPECT_TRUE(st.locked_at(std::chrono::system_clock::now()));
  }
}

// Finding 5: the same with 29 wrong staff PINs and the right one.
TEST_F(IdentityAttack, ParallelStaffPinGuessesCannotOutrunTheLock) {
  auto st = parallel(30, [&](int i) {
    return post("/api/v1/staff/login", {{"username", "guard"}, {"pin", i == 29 ? "246813" : "9" + guess(i) + "1"}});
  });
  int ok = int(std::count(st.begin(), st.end(), 200));
  auto rows = audit();
  int compared = count_if(rows, [](const AuditRow& r) {
    return r.actor == "staff:guard" && ((r.action == "login_failed" && r.outcome == "failed") || r.action == "lockout");
  });
  EXPECT_LE(compared + ok, 5) << compared << " wrong PINs compared, " << ok << " sign-ins";
  if (ok == 0) {
    auto r = post("/api/v1/staff/login", {{"username", "guard"}, {"pin", "246813"}});
    EXPECT_EQ(r->status, 429);
    EXPECT_EQ(code(r), "account_locked");
  }
}

// Finding 5: POST /staff/pin counted and locked (it never locked: 40 wrong old PINs, then the
// PIN could be changed). In parallel too.
TEST_F(IdentityAttack, WrongOldPinsAtPinChangeLockTheAccount) {
  std::string token = login("pinner");
  auto st = parallel(30, [&](int i) {
    return post("/api/v1/staff/pin", {{"old_pin", i == 29 ? "246813" : "8" + guess(i) + "3"}, {"new_pin", "97531864"}},
                token);
  });
  EXPECT_EQ(std::count(st.begin(), st.end(), 200), 0) << "the PIN was changed after wrong old PINs";
  int compared = count_if(audit(), [](const AuditRow& r) {
    return r.actor == "staff:pinner" && r.action == "account" && r.outcome != "ok" &&
           r.detail.find("\"failures\"") != std::string::npos;
  });
  EXPECT_LE(compared, 5);
  // Locked: the session ended with the lock, and the right PIN no longer signs in.
  auto again = post("/api/v1/staff/pin", {{"old_pin", "246813"}, {"new_pin", "97531864"}}, token);
  EXPECT_NE(again->status, 200);
  EXPECT_EQ(post("/api/v1/staff/login", {{"username", "pinner"}, {"pin", "97531864"}})->status, 429);
  auto r = post("/api/v1/staff/login", {{"username", "pinner"}, {"pin", "246813"}});
  EXPECT_EQ(code(r), "account_locked");
}

// Finding 3 (the oracle): before the identity is proven, every resident endpoint gives the same
// answer for a registered ID with wrong digits, a registered ID without certificate, a locked ID
// (even with the right digits) and an ID nobody registered.
TEST_F(IdentityAttack, NoAnswerTellsRegisteredCertifiedOrLockedApart) {
  for (int i = 0; i < 5; ++i)  // lock kLocked
    post("/api/v1/residents/verify", {{"id_number", kLocked.id}, {"phone_last4", guess(i)}});
  const std::string renewal_day = day("renewal"), first_day = day("first_assessment");
  ASSERT_FALSE(renewal_day.empty());
  ASSERT_FALSE(first_day.empty());
  struct Probe {
    const char* name;
    std::function<httplib::Result(const Person&, bool right)> send;
  };
  auto digits = [](const Person& p, bool right) { return right ? p.last4() : std::string("0000"); };
  auto phone = [](const Person& p, bool right) { return right ? p.phone : std::string("13000000000"); };
  std::vector<Probe> probes = {
      {"verify", [&](const Person& p, bool r) { return post("/api/v1/residents/verify", {{"id_number", p.id}, {"phone_last4", digits(p, r)}}); }},
      {"lookup", [&](const Person& p, bool r) { return post("/api/v1/appointments/lookup", {{"id_number", p.id}, {"phone_last4", digits(p, r)}}); }},
      {"subsidies", [&](const Person& p, bool r) { return post("/api/v1/subsidies/query", {{"id_number", p.id}, {"phone_last4", digits(p, r)}}); }},
      {"GET appointments", [&](const Person& p, bool r) { return get("/api/v1/appointments?id_number=" + p.id + "&phone_last4=" + digits(p, r)); }},
      {"GET subsidies", [&](const Person& p, bool r) { return get("/api/v1/subsidies?id_number=" + p.id + "&phone_last4=" + digits(p, r)); }},
      {"renewal, digits", [&](const Person& p, bool r) {
         return post("/api/v1/appointments", {{"kind", "renewal"}, {"date", renewal_day}, {"id_number", p.id}, {"phone_last4", digits(p, r)}});
       }},
      {"renewal, full phone", [&](const Person& p, bool r) {
         return post("/api/v1/appointments", {{"kind", "renewal"}, {"date", renewal_day}, {"id_number", p.id}, {"phone", phone(p, r)}});
       }},
      {"first assessment, digits", [&](const Person& p, bool r) {
         return post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", first_day}, {"id_number", p.id}, {"phone_last4", digits(p, r)}});
       }},
  };
  for (const auto& p : probes) {
    SCOPED_TRACE(p.name);
    auto reg = p.send(kReg, false), nocert = p.send(kNoCert, false), locked = p.send(kLocked, true),
         unreg = p.send(kUnreg, false);
    ASSERT_TRUE(reg && nocert && locked && unreg);
    EXPECT_EQ(reg->status, 401);
    EXPECT_EQ(code(reg), "verification_failed");
    for (const auto* other : {&nocert, &locked, &unreg}) {
      EXPECT_EQ((*other)->status, reg->status);
      EXPECT_EQ((*other)->body, reg->body);
    }
  }
  // Once the identity is proven, the answers may differ: no certificate on record.
  auto proven = post("/api/v1/appointments", {{"kind", "renewal"}, {"date", renewal_day}, {"id_number", kProven.id},
                                              {"phone", kProven.phone}});
  EXPECT_EQ(code(proven), "certificate_required") << proven->body;
}

// Finding 4 (squatting) and the unverified-registration rules.
TEST_F(IdentityAttack, AKioskRegistrationSeesNothingFromCentralUntilStaffCheckTheIdCard) {
  const std::string first_day = day("first_assessment");
  // The squatter registers the owner's ID at a kiosk with their own phone.
  auto booked = post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", first_day}, {"id_number", kSquatter.id},
                                              {"phone", kSquatter.phone}});
  ASSERT_EQ(booked->status, 201) << booked->body;
  // Central then sends the owner's subsidy records and certificate (as the sync engine does:
  // attached to the resident with that ID number).
  with_store([&](Store& s) {
    s.write([&](Writer& w) {
      auto rid = *w.resident_id_by_number(kOwner.id);
      Application a;
      a.central_ref = "central-app-77";
      a.resident_id = rid;
      a.status = ApplicationStatus::paying;
      a.stage_date = "2026-10-01";
      a.office = "示例区残联";
      a.monthly_amount_fen = 12345;
      w.add_payment(w.add_application(a), Payment{"2026-10", 12345, "2026-10-15"});
      Certificate c;
      c.resident_id = rid;
      c.category = 2;
      c.level = 1;
      c.issued_on = *Date::parse("2016-12-20");
      c.expires_on = certificate_expiry(c.issued_on);
      w.add_certificate(c);
    });
    return 0;
  });
  const json sq = {{"id_number", kSquatter.id}, {"phone_last4", kSquatter.last4()}};
  // Its own booking: yes. Subsidies, payments, the certificate: no.
  auto mine = post("/api/v1/appointments/lookup", sq);
  EXPECT_EQ(mine->status, 200);
  EXPECT_EQ(body(mine)["appointments"].size(), 1u);
  auto subs = post("/api/v1/subsidies/query", sq);
  EXPECT_EQ(subs->status, 403) << subs->body;
  EXPECT_EQ(code(subs), "identity_unverified");
  EXPECT_EQ(subs->body.find("12345"), std::string::npos);
  auto who = post("/api/v1/residents/verify", sq);
  EXPECT_EQ(who->status, 200);
  EXPECT_TRUE(body(who)["resident"]["certificate"].is_null()) << who->body;
  EXPECT_FALSE(body(who)["resident"]["identity_verified"].get<bool>());
  auto renewal = post("/api/v1/appointments", {{"kind", "renewal"}, {"date", day("renewal")}, {"id_number", kSquatter.id},
                                               {"phone_last4", kSquatter.last4()}});
  EXPECT_EQ(code(renewal), "identity_unverified") << renewal->body;

  // The owner comes with another phone: not accepted silently — refused like any failed
  // check, and flagged to staff.
  auto owner = post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", first_day}, {"id_number", kOwner.id},
                                             {"phone", kOwner.phone}});
  EXPECT_EQ(owner->status, 401);
  EXPECT_EQ(code(owner), "verification_failed");
  std::string token = login("desk");
  auto found = post("/api/v1/staff/residents/search", {{"id_number", kOwner.id}}, token);
  ASSERT_EQ(body(found)["residents"].size(), 1u) << found->body;
  auto card = body(found)["residents"][0];
  EXPECT_FALSE(card["identity_verified"].get<bool>());
  EXPECT_EQ(card["identity_flags_open"], 1);
  const auto rid = card["id"].get<std::int64_t>();
  auto detail = body(get("/api/v1/staff/residents/" + std::to_string(rid), token))["resident"];
  ASSERT_EQ(detail["identity_flags"].size(), 1u);
  EXPECT_EQ(detail["identity_flags"][0]["kind"], "second_phone");
  EXPECT_EQ(detail["identity_flags"][0]["phone_masked"], "159****7496");

  // At the desk staff read the owner's ID card: a different ID number is refused …
  auto wrong = post("/api/v1/staff/residents/" + std::to_string(rid) + "/verify-identity",
                    {{"id_number", kGuard.id}, {"method", "card_reader"}}, token);
  EXPECT_EQ(code(wrong), "id_mismatch");
  // … the owner's card verifies the registration and the owner's phone replaces the squatter's.
  auto ok = post("/api/v1/staff/residents/" + std::to_string(rid) + "/verify-identity",
                 {{"id_number", kOwner.id}, {"method", "card_reader"}, {"phone", kOwner.phone}}, token);
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_TRUE(body(ok)["resident"]["identity_verified"].get<bool>());
  EXPECT_EQ(body(ok)["resident"]["identity_flags_open"], 0);
  EXPECT_EQ(count_if(audit(kOwner.id), [](const AuditRow& r) { return r.action == "verify_identity" && r.outcome == "ok"; }), 1);
  auto owners = post("/api/v1/subsidies/query", {{"id_number", kOwner.id}, {"phone_last4", kOwner.last4()}});
  EXPECT_EQ(owners->status, 200) << owners->body;
  EXPECT_EQ(body(owners)["applications"].size(), 1u);
  EXPECT_EQ(post("/api/v1/subsidies/query", sq)->status, 401);  // the squatter's digits no longer verify
}

// Finding 3 (at rest): after residents were registered, verified, flagged and looked up, a copy of
// the database and its WAL, without the key, holds no phone's last four digits and no fragment of
// an ID number (birth date, first three or last four digits).
TEST_F(IdentityAttack, ACopyOfTheDatabaseWithoutTheKeyHoldsNoDigitsOfTheSecondFactor) {
  auto job = with_store([](Store& s) {
    Job j;
    j.title = "测试岗位";
    j.employer = "测试公司";
    j.district = "测试区";
    j.deadline = *Date::parse("2099-01-01");
    return s.write([&](Writer& w) { return w.upsert_job(j); });
  });
  // A kiosk registration, a second phone for it (flagged), look-ups, an interest with a phone
  // and one by a registered resident, an ID check at the desk.
  const std::string first_day = day("first_assessment");
  ASSERT_EQ(post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", first_day}, {"id_number", kFresh.id},
                                          {"phone", kFresh.phone}})->status, 201);
  EXPECT_EQ(post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", first_day}, {"id_number", kFreshOther.id},
                                          {"phone", kFreshOther.phone}})->status, 401);
  EXPECT_EQ(post("/api/v1/appointments/lookup", {{"id_number", kLook.id}, {"phone_last4", kLook.last4()}})->status, 200);
  EXPECT_EQ(post("/api/v1/jobs/" + std::to_string(job) + "/interest", {{"name", "李四"}, {"phone", kGuard.phone}})->status, 201);
  EXPECT_EQ(post("/api/v1/jobs/" + std::to_string(job) + "/interest",
                 {{"id_number", kLook.id}, {"phone_last4", kLook.last4()}})->status, 201);
  std::string token = login("desk");
  auto found = body(post("/api/v1/staff/residents/search", {{"id_number", kFresh.id}}, token))["residents"];
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]["identity_flags_open"], 1);
  EXPECT_EQ(post("/api/v1/staff/residents/" + std::to_string(found[0]["id"].get<std::int64_t>()) + "/verify-identity",
                 {{"id_number", kFresh.id}}, token)->status, 200);
  std::string file;
  for (const char* suffix : {"", "-wal"}) file += test::read_file(db_ + suffix);
  ASSERT_GT(file.size(), 10000u);
  for (const Person* p : {&kRace, &kReg, &kNoCert, &kLocked, &kOwner, &kSquatter, &kGuard, &kProven, &kFresh,
                          &kFreshOther, &kLook}) {
    SCOPED_TRACE(p->id);
    EXPECT_FALSE(in_clear(file, p->last4())) << "a phone's last four digits in clear";
    EXPECT_FALSE(in_clear(file, p->id.substr(p->id.size() - 4))) << "an ID number's last four digits";
    EXPECT_FALSE(in_clear(file, p->id.substr(6, 8))) << "a birth date";
    EXPECT_FALSE(in_clear(file, p->id.substr(0, 3) + "*")) << "a masked ID number";
  }
}

// The per-ID limiter: a flood of distinct keys neither grows the table past its bound nor makes
// it forget the live window of a key under attack (it forgot every window past 10,000 keys).
TEST(RateLimiter, BoundedWithoutForgettingAHotKey) {
  ManualClock clock(at("2026-11-25T02:00:00Z"));
  RateLimiter lim(30, std::chrono::seconds(60), clock, 10000);
  for (int i = 0; i < 30; ++i) ASSERT_TRUE(lim.allow("victim"));
  EXPECT_FALSE(lim.allow("victim"));
  for (int i = 0; i < 50000; ++i) lim.allow("probe-" + std::to_string(i));
  EXPECT_LE(lim.size(), 10000u);
  EXPECT_FALSE(lim.allow("victim")) << "the hot key's window was forgotten";
  // A key close to its limit outlives one-off keys too.
  for (int i = 0; i < 29; ++i) lim.allow("warm");
  for (int i = 0; i < 20000; ++i) lim.allow("more-" + std::to_string(i));
  EXPECT_TRUE(lim.allow("warm"));
  EXPECT_FALSE(lim.allow("warm"));
  // Once the window has run out, the key starts afresh.
  clock.advance(std::chrono::seconds(61));
  EXPECT_TRUE(lim.allow("victim"));
}

// Upgrading a station written by schema v1 (tests/deploy/fixtures: demo data with the clear
// masks of v1–v3) removes every clear mask from the file, and the residents still verify.
TEST(IdentityUpgrade, SchemaV4RemovesTheClearMasksFromAnExistingFile) {
  const std::string fixtures = std::string(TONGXING_SOURCE_DIR) + "/tests/deploy/fixtures";
  test::TempDir dir;
  const std::string db = dir.file("station.db");
  std::vector<std::string> masks;  // per resident: masked ID, its last 4, masked phone, its last 4
  std::int64_t first = 0;
  {
    auto d = sql::Db::open(db);
    d->exec(test::read_file(fixtures + "/station-v1.sql"));
    auto& s = d->prep("SELECT id, id_masked, phone_masked FROM residents WHERE phone_masked IS NOT NULL ORDER BY id");
    while (s.step()) {
      if (!first) first = s.i64(0);
      const std::string id = s.text(1), phone = s.text(2);
      masks.insert(masks.end(), {id, id.substr(id.size() - 4), phone, phone.substr(phone.size() - 4)});
    }
    s.reset();
  }
  ASSERT_GE(masks.size(), 6u);
  std::ofstream(db + ".key") << test::read_file(fixtures + "/station-v1.vault");
  ::chmod((db + ".key").c_str(), 0600);
  {
    SystemClock clock;
    Store store(db, Vault::open_or_create(db + ".key", false), clock, 1);
    EXPECT_EQ(store.read([](Reader& r) { return r.schema_version(); }), station_migrations().back().version);
    // Masks are still shown, computed from the sealed values; demo residents count as verified.
    auto r = store.read([&](Reader& rd) { return rd.resident(first); });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->id_masked, masks[0]);
    EXPECT_EQ(r->phone_masked, masks[2]);
    EXPECT_TRUE(r->verified());
  }
  std::string file = test::read_file(db) + test::read_file(db + "-wal");
  for (const auto& m : masks) EXPECT_FALSE(in_clear(file, m)) << m << " still in the upgraded file";
}
