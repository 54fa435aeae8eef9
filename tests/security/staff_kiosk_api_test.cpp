// What the kiosk's staff mode needs from the staff API beyond the desk routes: the public list
// of names for the touch sign-in screen (active accounts only, nothing else about them), and
// POST /staff/session, the kiosk's "I am still here" after its idle warning, which extends the
// session where the passive GET does not.
#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {
class StaffKioskApi : public InProcess {};
}  // namespace

TEST_F(StaffKioskApi, SignInNamesListActiveAccountsOnlyWithoutToken) {
  add_staff("wang", "staff");
  add_staff("boss", "station_admin");
  add_staff("zhao", "staff");
  auth_.set_status("zhao", "disabled", {"cli:t", "cli", "t"});
  auto r = call("GET", "/api/v1/staff/names");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  ASSERT_TRUE(r.body["staff"].is_array());
  std::vector<std::string> names;
  for (const auto& s : r.body["staff"]) {
    names.push_back(s["username"]);
    EXPECT_EQ(s["display_name"], "测试员");
    EXPECT_EQ(s.size(), 2u) << s.dump();  // no role, lock state, failures or last sign-in
  }
  EXPECT_EQ(names, (std::vector<std::string>{"boss", "wang"}));  // sorted; the disabled one is left out
  // A locked account stays listed (its owner is told so at sign-in), and nothing is audited.
  for (int i = 0; i < 5; ++i) call("POST", "/api/v1/staff/login", {{"username", "wang"}, {"pin", "135792"}});
  EXPECT_EQ(call("GET", "/api/v1/staff/names").body["staff"].size(), 2u);
  EXPECT_TRUE(audit("view").empty());
}

TEST_F(StaffKioskApi, PostSessionExtendsTheIdleTimerWhereGetDoesNot) {
  add_staff("wang", "staff");
  auto t = login("wang");
  clock_.advance(std::chrono::minutes(9));
  EXPECT_EQ(call("GET", "/api/v1/staff/session", nullptr, t).status, 200);  // passive
  auto touched = call("POST", "/api/v1/staff/session", json::object(), t);
  ASSERT_EQ(touched.status, 200) << touched.raw;
  EXPECT_EQ(touched.body["staff"]["username"], "wang");
  EXPECT_EQ(touched.body["idle_timeout_s"], 600);
  EXPECT_FALSE(touched.body.contains("token"));
  clock_.advance(std::chrono::minutes(9));
  EXPECT_EQ(call("GET", "/api/v1/staff/appointments", nullptr, t).status, 200);  // still signed in
  clock_.advance(std::chrono::minutes(10));
  EXPECT_EQ(code(call("POST", "/api/v1/staff/session", json::object(), t)), "session_expired");

  // The passive GET moves nothing: 9 minutes, a GET, 2 more, and the session has ended.
  auto t2 = login("wang");
  clock_.advance(std::chrono::minutes(9));
  EXPECT_EQ(call("GET", "/api/v1/staff/session", nullptr, t2).status, 200);
  clock_.advance(std::chrono::minutes(2));
  EXPECT_EQ(code(call("GET", "/api/v1/staff/session", nullptr, t2)), "session_expired");
}

TEST_F(StaffKioskApi, PostSessionWorksBeforeTheForcedPinChange) {
  station::Actor cli{"cli:t", "cli", "t"};
  auth_.add_account("new1", "新同事", "staff", "246813", true, cli);
  auto t = login("new1");
  EXPECT_EQ(call("POST", "/api/v1/staff/session", json::object(), t).status, 200);
  EXPECT_EQ(code(call("GET", "/api/v1/staff/appointments", nullptr, t)), "pin_change_required");
}
