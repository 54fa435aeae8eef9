// The authorization matrix: every staff and admin endpoint (walked from the route table, so a
// new route is covered automatically) × no token / garbage token / expired session / staff /
// station_admin / admin token. First in-process with a manual clock (expiry without waiting),
// then the same matrix over real HTTP against a real tongxing-stationd.
#include <httplib.h>

#include <set>

#include "harness.h"
#include "station/demo_data.h"

using namespace tx;
using namespace tx::security_test;

namespace {

struct Endpoint {
  std::string method, path;
  bool admin_only;
  bool admin_api;  // /api/v1/admin/*: the admin token works there too
};

std::vector<Endpoint> endpoints() {
  std::vector<Endpoint> out;
  for (const auto& r : station::staff_routes()) {
    std::string p = r.example;
    // Ids that do not exist: the matrix checks who may ask, not what the answer is.
    if (auto at = p.find("/1/"); at != std::string::npos) p.replace(at, 3, "/999999/");
    if (p.size() > 2 && p.compare(p.size() - 2, 2, "/1") == 0) p.replace(p.size() - 2, 2, "/999999");
    out.push_back({r.method, p, r.need == station::Need::station_admin, false});
  }
  // The station admin API (sync status and run-now, from the sync engine).
  out.push_back({"GET", "/api/v1/admin/sync/status", true, true});
  out.push_back({"POST", "/api/v1/admin/sync", true, true});
  // Logout last, so the real-process run can reuse one session per role.
  std::stable_partition(out.begin(), out.end(), [](const Endpoint& e) { return e.path != "/api/v1/staff/logout"; });
  return out;
}

class Authz : public InProcess {};

}  // namespace

TEST(AuthzTable, EveryStaffRouteIsInTheTableOnce) {
  std::set<std::string> seen;
  for (const auto& r : station::staff_routes()) {
    EXPECT_TRUE(seen.insert(std::string(r.method) + " " + r.pattern).second) << r.pattern;
    EXPECT_TRUE(std::regex_match(std::string(r.example), std::regex(r.pattern))) << r.example;
    EXPECT_EQ(std::string(r.pattern).rfind("/api/v1/staff/", 0), 0u);
  }
  EXPECT_GE(seen.size(), 25u);
}

TEST_F(Authz, MatrixInProcess) {
  add_staff("desk", "staff");
  add_staff("boss", "station_admin");
  add_staff("idle", "staff");
  const std::string expired = login("idle");
  clock_.advance(std::chrono::minutes(10));  // "idle" has now been idle for 10 minutes
  int checked = 0;
  for (const auto& e : endpoints()) {
    SCOPED_TRACE(e.method + " " + e.path);
    json body = e.method == "POST" ? json::object() : json(nullptr);
    auto none = call(e.method, e.path, body);
    EXPECT_EQ(none.status, 401);
    EXPECT_EQ(code(none), "unauthorized");
    EXPECT_EQ(call(e.method, e.path, body, std::string(64, 'f')).status, 401);
    auto old = call(e.method, e.path, body, expired);
    EXPECT_EQ(old.status, 401);
    EXPECT_EQ(code(old), "session_expired");

    auto staff = call(e.method, e.path, body, login("desk"));
    if (e.admin_only) {
      EXPECT_EQ(staff.status, 403);
      EXPECT_EQ(code(staff), "forbidden");
    } else {
      EXPECT_NE(staff.status, 401) << staff.raw;
      EXPECT_NE(staff.status, 403) << staff.raw;
    }
    auto admin = call(e.method, e.path, body, login("boss"));
    EXPECT_NE(admin.status, 401) << admin.raw;
    EXPECT_NE(admin.status, 403) << admin.raw;
    EXPECT_LT(admin.status, 500) << admin.raw;
    EXPECT_LT(staff.status, 500) << staff.raw;

    auto machine = call(e.method, e.path, body, kAdminToken);
    if (e.admin_api) EXPECT_NE(machine.status, 401) << machine.raw;
    else EXPECT_EQ(machine.status, 401);  // the admin token is no staff session
    ++checked;
  }
  EXPECT_EQ(checked, int(station::staff_routes().size()) + 2);
  // Refusals for the wrong role are audited.
  EXPECT_GE(audit("denied").size(), 5u);
}

TEST(AuthzReal, MatrixOverHttpAgainstARealService) {
  test::TempDir dir;
  std::string db = dir.file("station.db");
  {
    SystemClock clock;
    station::Store store(db, Vault::open_or_create(db + ".key", true), clock, 1);
    station::generate_demo_data(store, station::StationConfig{}, station::DemoOptions{.residents = 10, .jobs = 3, .seed = 3});
    station::StaffAuth auth(station::StationConfig{}, store, PinCost::minimal());
    station::Actor cli{"cli:test", "cli", "t"};
    auth.add_account("desk", "前台", "staff", "246813", false, cli);
    auth.add_account("boss", "站长", "station_admin", "246813", false, cli);
  }
  auto svc = test::start_service(test::bin("tongxing-stationd"), {"--db", db}, dir.path(), "stationd");
  httplib::Client c("127.0.0.1", svc.port);
  c.set_read_timeout(10, 0);
  auto login = [&](const char* user) {
    auto r = c.Post("/api/v1/staff/login", json{{"username", user}, {"pin", "246813"}}.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200);
    return json::parse(r->body)["token"].get<std::string>();
  };
  std::string admin_token = test::read_file(db + ".admin-token");
  while (!admin_token.empty() && admin_token.back() == '\n') admin_token.pop_back();
  std::string staff = login("desk"), boss = login("boss");
  auto send = [&](const Endpoint& e, const std::string& token) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto r = e.method == "GET" ? c.Get(e.path.c_str(), h) : c.Post(e.path.c_str(), h, "{}", "application/json");
    return r ? r->status : 0;
  };
  for (const auto& e : endpoints()) {
    SCOPED_TRACE(e.method + " " + e.path);
    EXPECT_EQ(send(e, ""), 401);
    EXPECT_EQ(send(e, std::string(64, '0')), 401);
    int s = send(e, staff);
    if (e.admin_only) EXPECT_EQ(s, 403);
    else EXPECT_TRUE(s != 401 && s != 403 && s < 500) << s;
    int a = send(e, boss);
    EXPECT_TRUE(a != 401 && a != 403 && a < 500) << a;
    int m = send(e, admin_token);
    if (e.admin_api) EXPECT_TRUE(m != 401 && m != 403) << m;
    else EXPECT_EQ(m, 401);
  }
}
