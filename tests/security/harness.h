// In-process station for security tests: the real store, service, staff auth/desk and routing
// table (http::Server::dispatch runs requests through the same hooks and handlers as a socket
// would), on a temp file with a manual clock, so expiry and lock-outs take no real time.
#pragma once
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../station/fixture.h"
#include "common/http.h"
#include "station/api.h"
#include "station/staff_api.h"
#include "station/staff_auth.h"
#include "station/staff_desk.h"

namespace tx::security_test {

using json = nlohmann::json;
using station::testing::at;
using station::testing::make_id;

inline const std::string kAdminToken(64, 'a');

struct Reply {
  int status = 0;
  json body;
  std::string raw;
  std::string header(const std::string& k) const { return headers.count(k) ? headers.find(k)->second : ""; }
  std::multimap<std::string, std::string> headers;
};

class InProcess : public ::testing::Test {
 protected:
  InProcess()
      : clock_(at("2026-11-25T02:00:00Z")),
        store_(dir_.file("station.db"), Vault::open_or_create(dir_.file("station.db.key"), true), clock_, 4),
        svc_(config(), store_),
        auth_(svc_.config(), store_, PinCost::minimal()),
        desk_(svc_),
        server_("test") {
    svc_.plan_local_sessions();
    station::ApiOptions opt;
    opt.admin_token = kAdminToken;
    station::register_routes(server_, svc_, auth_, desk_, opt);
  }

  static station::StationConfig config() { return station::StationConfig{}; }

  Reply call(const std::string& method, const std::string& path, const json& body = nullptr,
             const std::string& token = {}, const std::string& terminal = "pc-1",
             const std::string& remote_addr = "127.0.0.1") {
    httplib::Headers h = {{"X-Tongxing-Terminal", terminal}};
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto res = server_.dispatch(method, path, body.is_null() ? std::string() : body.dump(), h, remote_addr);
    Reply r;
    r.status = res.status;
    r.raw = res.body;
    r.body = json::parse(res.body, nullptr, false);
    for (const auto& [k, v] : res.headers) r.headers.emplace(k, v);
    return r;
  }
  static std::string code(const Reply& r) {
    return r.body.is_object() && r.body.contains("error") ? r.body["error"]["code"].get<std::string>() : "";
  }

  // add_staff: an account ready to use (PIN already chosen by its owner).
  std::int64_t add_staff(const std::string& user, const std::string& role, const std::string& pin = "246813") {
    station::Actor cli{"cli:test", "cli", "cli@test"};
    auto a = auth_.add_account(user, "测试员", role, pin, false, cli);
    return a.id;
  }
  std::string login(const std::string& user, const std::string& pin = "246813") {
    auto r = call("POST", "/api/v1/staff/login", {{"username", user}, {"pin", pin}});
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body.value("token", "");
  }

  std::int64_t add_resident(const std::string& id, const std::string& phone, int category = 4, int level = 2,
                            const char* issued = "2020-01-10", const std::string& name = "王小明") {
    return station::testing::add_resident(store_, id, phone, category, level, issued, name);
  }
  // add_job: an open listing (deadline 2027-01-01) to register interest in.
  std::int64_t add_job(const std::string& title = "示例岗位") {
    station::Job j;
    j.title = title;
    j.employer = "示例有限公司";
    j.district = "示例区";
    j.deadline = *Date::parse("2027-01-01");
    return store_.write([&](station::Writer& w) { return w.upsert_job(j); });
  }
  std::int64_t count(const char* table) {
    return store_.read([&](station::Reader& r) { return r.count(table); });
  }
  std::vector<station::AuditRow> audit(const std::string& action = {}) {
    station::AuditFilter f;
    f.action = action;
    f.limit = 1000;
    return store_.read([&](station::Reader& r) { return r.audit_rows(f); });
  }

  test::TempDir dir_;
  ManualClock clock_;
  station::Store store_;
  station::StationService svc_;
  station::StaffAuth auth_;
  station::StaffDesk desk_;
  http::Server server_;
};

}  // namespace tx::security_test
