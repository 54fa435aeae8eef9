// Fuzz target: the station's real request handling, in-process. The first byte picks a route
// (resident and staff, POST bodies and GET query strings), the second who is asking (nobody, a
// staff member, a station admin), the rest is the body or query string. The request goes
// through http::Server::dispatch: the same before-hooks (rate limits, admin auth), routing
// table, JSON body parsing, field checks, service rules and SQLite store as a real connection.
// Invariants: never a 5xx; every answer is a JSON object; every error carries a catalogue code
// whose status matches.
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/errors.h"
#include "common/http.h"
#include "common/log.h"
#include "fuzz.h"
#include "station/api.h"
#include "station/demo_data.h"
#include "station/staff_api.h"

using namespace tx;
using json = nlohmann::json;

namespace {

struct Route {
  const char* method;
  const char* path;  // GET: the input is appended as the query string
};
const Route kRoutes[] = {
    {"POST", "/api/v1/residents/verify"},
    {"POST", "/api/v1/appointments"},
    {"POST", "/api/v1/appointments/lookup"},
    {"POST", "/api/v1/appointments/1/cancel"},
    {"POST", "/api/v1/subsidies/query"},
    {"POST", "/api/v1/jobs/1/interest"},
    {"POST", "/api/v1/staff-calls"},
    {"POST", "/api/v1/staff/login"},
    {"POST", "/api/v1/staff/pin"},
    {"POST", "/api/v1/staff/appointments"},
    {"POST", "/api/v1/staff/home-assessments"},
    {"POST", "/api/v1/staff/appointments/1/cancel"},
    {"POST", "/api/v1/staff/appointments/2/check-in"},
    {"POST", "/api/v1/staff/appointments/1/reschedule"},
    {"POST", "/api/v1/staff/appointments/1/reveal"},
    {"POST", "/api/v1/staff/residents/search"},
    {"POST", "/api/v1/staff/residents/1/reveal"},
    {"POST", "/api/v1/staff/residents/1/applications"},
    {"POST", "/api/v1/staff/residents/2/change-reports"},
    {"POST", "/api/v1/staff/job-interests/1/status"},
    {"POST", "/api/v1/staff/job-interests/1/reveal"},
    {"POST", "/api/v1/staff/exports/renewals"},
    {"POST", "/api/v1/staff/calls/1/acknowledge"},
    {"GET", "/api/v1/assessment-days"},
    {"GET", "/api/v1/jobs"},
    {"GET", "/api/v1/subsidies"},
    {"GET", "/api/v1/appointments"},
    {"GET", "/api/v1/staff/appointments"},
    {"GET", "/api/v1/staff/worklists/renewals"},
    {"GET", "/api/v1/staff/worklists/job-interests"},
    {"GET", "/api/v1/staff/audit"},
};
constexpr std::size_t kRouteCount = sizeof kRoutes / sizeof kRoutes[0];
constexpr const char* kPin = "246813";

struct Harness {
  std::string dir;
  std::unique_ptr<ManualClock> clock;
  std::unique_ptr<station::Store> store;
  std::unique_ptr<station::StationService> svc;
  std::unique_ptr<station::StaffAuth> auth;
  std::unique_ptr<station::StaffDesk> desk;
  std::unique_ptr<http::Server> server;
  std::string staff_token, admin_token;
  std::uint64_t runs = 0;

  Harness() {
    log::set_min_level(log::Level::error);  // quiet: the fuzzer's own output matters
    char tmpl[] = "/tmp/tongxing-fuzz-XXXXXX";
    dir = mkdtemp(tmpl);
    clock = std::make_unique<ManualClock>(*parse_iso_utc("2026-11-25T02:00:00Z"));
    station::StationConfig cfg;
    cfg.id_requests_per_minute = 10000;
    cfg.terminal_requests_per_minute = 100000;
    cfg.session_idle_minutes = 60;
    cfg.session_max_hours = 24;
    store = std::make_unique<station::Store>(dir + "/station.db", Vault::from_seed("fuzz"), *clock, 2);
    station::generate_demo_data(*store, cfg, station::DemoOptions{.residents = 30, .jobs = 8, .seed = 1});
    svc = std::make_unique<station::StationService>(cfg, *store);
    svc->plan_local_sessions();
    auth = std::make_unique<station::StaffAuth>(svc->config(), *store, PinCost::minimal());
    desk = std::make_unique<station::StaffDesk>(*svc);
    server = std::make_unique<http::Server>("fuzz");
    station::ApiOptions opt;
    opt.admin_token = std::string(64, 'a');
    station::register_routes(*server, *svc, *auth, *desk, opt);
    station::Actor cli{"cli:fuzz", "cli", "fuzz"};
    auth->add_account("desk", "前台", "staff", kPin, false, cli);
    auth->add_account("boss", "站长", "station_admin", kPin, false, cli);
    relogin();
  }
  ~Harness() {
    server.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }

  // relogin: fresh sessions with the known PIN (a fuzzed PIN change is undone first).
  void relogin() {
    store->write([&](station::Writer& w) {
      for (const char* u : {"desk", "boss"}) {
        auto a = w.staff_by_username(u);
        if (a && !verify_pin(kPin, a->pin_hash)) w.set_staff_pin(a->id, hash_pin(kPin, PinCost::minimal()), false);
        if (a) w.set_staff_failures(a->id, 0, std::nullopt);
        if (a && a->status != "active") w.set_staff_status(a->id, "active");
      }
    });
    staff_token = auth->login("desk", kPin, "fuzz-pc", "local:fuzz-pc").token;
    admin_token = auth->login("boss", kPin, "fuzz-pc", "local:fuzz-pc").token;
  }
};

Harness& harness() {
  static Harness h;
  return h;
}

}  // namespace

TX_FUZZ_TARGET(json_request) {
  if (size < 2) return 0;
  Harness& h = harness();
  h.clock->advance(std::chrono::seconds(1));
  if (++h.runs % 5000 == 0) h.relogin();
  const Route& route = kRoutes[data[0] % kRouteCount];
  const int who = data[1] % 3;
  std::string rest(reinterpret_cast<const char*>(data + 2), size - 2);

  httplib::Headers headers = {{"X-Tongxing-Terminal", "fuzz-" + std::to_string(h.runs % 97)}};
  if (who == 1) headers.emplace("Authorization", "Bearer " + h.staff_token);
  if (who == 2) headers.emplace("Authorization", "Bearer " + h.admin_token);
  std::string target = route.path;
  std::string body;
  if (std::string(route.method) == "GET") {
    // Not the long poll of /staff/calls (it would wait); query strings are bounded like URLs.
    if (rest.size() > 2000) return 0;
    for (char c : rest)
      if (c == '#' || c == '\0' || c == '\n' || c == '\r') return 0;
    target += "?" + rest;
  } else {
    body = rest;
  }
  http::Response res = h.server->dispatch(route.method, target, body, headers);

  TX_FUZZ_CHECK(res.status >= 200 && res.status < 500, "no 5xx answers");
  json j = json::parse(res.body, nullptr, false);
  TX_FUZZ_CHECK(!j.is_discarded() && j.is_object(), "the answer is a JSON object");
  if (res.status >= 400) {
    TX_FUZZ_CHECK(j.contains("error") && j["error"].contains("code") && j["error"]["code"].is_string(), "error shape");
    std::string code = j["error"]["code"];
    TX_FUZZ_CHECK(code != "internal", "no internal errors");
    TX_FUZZ_CHECK(error_status(code) == res.status, "status matches the catalogue");
  }
  // A fuzzed PIN change or a lock-out would make later inputs meaningless: undo it.
  if (std::string(route.path) == "/api/v1/staff/pin" && res.status == 200) h.relogin();
  if (std::string(route.path) == "/api/v1/staff/login" && res.status == 429) h.relogin();
  return 0;
}
