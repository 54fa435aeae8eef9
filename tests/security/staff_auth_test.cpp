// Staff accounts and sessions with a manual clock: Argon2id PINs, lock-out after 5 wrong PINs
// for 15 minutes, idle expiry after 10 minutes (polling does not count as activity), the
// 12-hour limit, logout, forced PIN change, and tokens stored only as keyed hashes.
#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {
class StaffAuth : public InProcess {};
}  // namespace

TEST_F(StaffAuth, PinsAreArgon2idAndWeakPinsAreRefused) {
  add_staff("wang", "staff", "864209");
  auto a = store_.read([](station::Reader& r) { return r.staff_by_username("wang"); });
  ASSERT_TRUE(a);
  EXPECT_EQ(a->pin_hash.rfind("$argon2id$", 0), 0u) << a->pin_hash;
  EXPECT_TRUE(verify_pin("864209", a->pin_hash));
  EXPECT_FALSE(verify_pin("864208", a->pin_hash));
  station::Actor cli{"cli:t", "cli", "t"};
  for (const char* weak : {"12345", "111111", "123456", "987654", "short", "li"}) {
    try {
      auth_.add_account("li", "李", "staff", weak, false, cli);
      ADD_FAILURE() << weak << " accepted";
    } catch (const ApiError& e) {
      EXPECT_EQ(e.code(), "weak_pin") << weak;
    }
  }
  EXPECT_THROW(auth_.add_account("li", "李", "boss", "864209", false, cli), ApiError);
  EXPECT_THROW(auth_.add_account("Bad Name!", "李", "staff", "864209", false, cli), ApiError);
  EXPECT_THROW(auth_.add_account("wang", "王", "staff", "864209", false, cli), ApiError);  // taken
  // The interactive cost is what production uses.
  auto h = hash_pin("864209");
  EXPECT_FALSE(pin_needs_rehash(h));
  EXPECT_TRUE(pin_needs_rehash(a->pin_hash));  // tests use the minimal cost …
  station::StaffAuth production(svc_.config(), store_);
  production.login("wang", "864209", "pc-1", "local:pc-1");  // … and a login with the production cost upgrades it
  a = store_.read([](station::Reader& r) { return r.staff_by_username("wang"); });
  EXPECT_FALSE(pin_needs_rehash(a->pin_hash));
}

TEST_F(StaffAuth, UnknownWrongAndDisabledLookAlike) {
  add_staff("wang", "staff");
  add_staff("zhao", "staff");
  auth_.set_status("zhao", "disabled", {"cli:t", "cli", "t"});
  auto unknown = call("POST", "/api/v1/staff/login", {{"username", "nobody"}, {"pin", "246813"}});
  auto wrong = call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "000001"}});
  auto disabled = call("POST", "/api/v1/staff/login", {{"username", "zhao"}, {"pin", "246813"}});
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.raw, wrong.raw);
  EXPECT_EQ(unknown.raw, disabled.raw);
  EXPECT_EQ(code(wrong), "login_failed");
  // Every failure is in the audit log, with the terminal.
  auto rows = audit("login_failed");
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    EXPECT_EQ(r.terminal, "pc-1");
    EXPECT_EQ(r.outcome, "failed");
  }
}

TEST_F(StaffAuth, FiveWrongPinsLockTheAccountForFifteenMinutes) {
  add_staff("wang", "staff");
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(code(call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "135792"}})), "login_failed");
  auto fifth = call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "135792"}});
  EXPECT_EQ(fifth.status, 429);
  EXPECT_EQ(code(fifth), "account_locked");
  // Even the right PIN is refused while locked.
  EXPECT_EQ(code(call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "246813"}})), "account_locked");
  EXPECT_EQ(audit("lockout").size(), 1u);
  clock_.advance(std::chrono::minutes(14) + std::chrono::seconds(59));
  EXPECT_EQ(code(call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "246813"}})), "account_locked");
  clock_.advance(std::chrono::seconds(1));
  EXPECT_FALSE(login("wang").empty());
  // A successful login clears the count: four more failures do not lock.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(code(call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "135792"}})), "login_failed");
  EXPECT_FALSE(login("wang").empty());
}

TEST_F(StaffAuth, StationAdminCanUnlockAnAccount) {
  auto id = add_staff("wang", "staff");
  add_staff("boss", "station_admin");
  for (int i = 0; i < 5; ++i) call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "135792"}});
  EXPECT_EQ(code(call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "246813"}})), "account_locked");
  auto admin = login("boss");
  auto r = call("POST", "/api/v1/staff/accounts/" + std::to_string(id) + "/unlock", nullptr, admin);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_FALSE(login("wang").empty());
}

TEST_F(StaffAuth, SessionsExpireAfterTenIdleMinutesAndPollingDoesNotKeepThemAlive) {
  add_staff("wang", "staff");
  auto t = login("wang");
  clock_.advance(std::chrono::minutes(9));
  EXPECT_EQ(call("GET", "/api/v1/staff/appointments", nullptr, t).status, 200);  // activity: idle timer restarts
  clock_.advance(std::chrono::minutes(9));
  EXPECT_EQ(call("GET", "/api/v1/staff/appointments", nullptr, t).status, 200);
  // An unattended staff screen keeps polling for calls: that is not activity.
  for (int i = 0; i < 9; ++i) {
    clock_.advance(std::chrono::minutes(1));
    EXPECT_EQ(call("GET", "/api/v1/staff/calls", nullptr, t).status, 200);
  }
  clock_.advance(std::chrono::seconds(59));
  EXPECT_EQ(call("GET", "/api/v1/staff/session", nullptr, t).status, 200);
  clock_.advance(std::chrono::seconds(1));
  auto r = call("GET", "/api/v1/staff/appointments", nullptr, t);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(code(r), "session_expired");
  EXPECT_EQ(code(call("GET", "/api/v1/staff/calls", nullptr, t)), "session_expired");  // stays ended
  EXPECT_EQ(audit("session_expired").size(), 1u);
}

TEST_F(StaffAuth, SessionsEndAfterTwelveHoursEvenWhenBusy) {
  add_staff("wang", "staff");
  auto t = login("wang");
  for (int i = 0; i < 12 * 6 - 1; ++i) {
    clock_.advance(std::chrono::minutes(10) - std::chrono::seconds(1));
    ASSERT_EQ(call("GET", "/api/v1/staff/appointments", nullptr, t).status, 200) << i;
  }
  clock_.advance(std::chrono::minutes(20));
  EXPECT_EQ(code(call("GET", "/api/v1/staff/appointments", nullptr, t)), "session_expired");
}

TEST_F(StaffAuth, LogoutEndsTheSessionAndTokensAreStoredHashed) {
  add_staff("wang", "staff");
  auto t = login("wang");
  ASSERT_EQ(t.size(), 64u);
  auto s = store_.read([](station::Reader& r) { return r.count("staff_sessions"); });
  EXPECT_EQ(s, 1);
  // The token is nowhere in the database file: only its keyed hash.
  std::string raw = test::read_file(dir_.file("station.db")) + test::read_file(dir_.file("station.db-wal"));
  EXPECT_EQ(raw.find(t), std::string::npos);
  EXPECT_EQ(raw.find(*from_hex(t)), std::string::npos);
  EXPECT_EQ(call("POST", "/api/v1/staff/logout", nullptr, t).status, 200);
  auto r = call("GET", "/api/v1/staff/session", nullptr, t);
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(code(r), "unauthorized");
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, std::string(64, '0'))), "unauthorized");
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, "short")), "unauthorized");
}

TEST_F(StaffAuth, ResetPinMustBeChangedBeforeAnythingElse) {
  add_staff("wang", "staff");
  auto old = login("wang");
  station::Actor cli{"cli:t", "cli", "t"};
  std::string pin = auth_.reset_pin("wang", "", cli);
  EXPECT_EQ(pin.size(), 8u);
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, old)), "unauthorized");  // reset ends sessions
  auto t = login("wang", pin);
  auto s = call("GET", "/api/v1/staff/session", nullptr, t);
  ASSERT_EQ(s.status, 200);
  EXPECT_TRUE(s.body["staff"]["must_change_pin"].get<bool>());
  auto blocked = call("GET", "/api/v1/staff/appointments", nullptr, t);
  EXPECT_EQ(blocked.status, 403);
  EXPECT_EQ(code(blocked), "pin_change_required");
  EXPECT_EQ(code(call("POST", "/api/v1/staff/pin", {{"old_pin", "999999x"}, {"new_pin", "582046"}}, t)), "login_failed");
  EXPECT_EQ(code(call("POST", "/api/v1/staff/pin", {{"old_pin", pin}, {"new_pin", "123456"}}, t)), "weak_pin");
  EXPECT_EQ(call("POST", "/api/v1/staff/pin", {{"old_pin", pin}, {"new_pin", "582046"}}, t).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/staff/appointments", nullptr, t).status, 200);
  EXPECT_FALSE(login("wang", "582046").empty());
}

TEST_F(StaffAuth, DisablingEndsSessionsAtOnce) {
  add_staff("wang", "staff");
  auto t = login("wang");
  auth_.set_status("wang", "disabled", {"cli:t", "cli", "t"});
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, t)), "unauthorized");
  auth_.set_status("wang", "active", {"cli:t", "cli", "t"});
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, t)), "unauthorized");  // a new login is needed
  EXPECT_FALSE(login("wang").empty());
}

TEST_F(StaffAuth, ManyFailuresFromOneTerminalAreSlowedDown) {
  add_staff("wang", "staff");
  int limited = 0;
  for (int i = 0; i < 25; ++i) {
    auto r = call("POST", "/api/v1/staff/login", {{"username", "user" + std::to_string(i)}, {"pin", "135792"}}, {}, "pc-9");
    limited += code(r) == "rate_limited";
  }
  EXPECT_EQ(limited, 5);
  // Another terminal is not affected.
  EXPECT_FALSE(login("wang").empty());
}

TEST_F(StaffAuth, ALanCallerCannotDodgeTheLimitByNamingANewTerminalEachTime) {
  add_staff("wang", "staff");
  int limited = 0;
  for (int i = 0; i < 25; ++i) {
    auto r = call("POST", "/api/v1/staff/login", {{"username", "user" + std::to_string(i)}, {"pin", "135792"}}, {},
                  "pc-" + std::to_string(i), "192.0.2.7");
    limited += code(r) == "rate_limited";
  }
  EXPECT_EQ(limited, 5);
  // Another machine on the LAN signs in as usual.
  auto ok = call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "246813"}}, {}, "pc-1", "192.0.2.8");
  EXPECT_EQ(ok.status, 200) << ok.raw;
}

TEST_F(StaffAuth, TheResidentRequestLimitCountsALanPeerNotTheTerminalItNames) {
  const int limit = svc_.config().terminal_requests_per_minute;
  int refused = 0;
  for (int i = 0; i <= limit; ++i)
    refused += call("GET", "/api/v1/jobs", nullptr, {}, "kiosk-" + std::to_string(i), "192.0.2.9").status == 429;
  EXPECT_EQ(refused, 1);
  // Kiosks on the station itself share 127.0.0.1 and are told apart by their terminal.
  EXPECT_EQ(call("GET", "/api/v1/jobs", nullptr, {}, "kiosk-a").status, 200);
}
