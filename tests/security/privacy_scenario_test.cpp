// No log line, crash message, printed slip or database file ever holds a full ID number or
// phone number. A full run against real processes — tongxing-stationd at debug log level and
// tongxing-ctl — goes through resident and staff journeys with mistakes, lock-outs, reveals,
// exports and a backup; then every file the run wrote (logs, captured stdout/stderr, database,
// WAL, shared memory, backup) is searched for every full number used. Answers that are not
// reveals or exports are searched too: staff screens show masked data unless asked.
#include <httplib.h>

#include <filesystem>
#include <fstream>

#include "harness.h"

using namespace tx;
using namespace tx::security_test;

namespace {

struct Scenario {
  test::TempDir dir;
  std::string db;
  std::vector<std::string> numbers;      // every full ID and phone number the run uses
  std::string ordinary_answers;          // bodies of answers that are not reveals/exports
  std::vector<std::string> slips;

  int ctl(std::vector<std::string> args, const std::string& name, const std::string& stdin_text = {}) {
    std::vector<std::string> argv = {"/bin/sh", "-c", ""};
    std::string cmd = "'" + test::bin("tongxing-ctl") + "'";
    for (const auto& a : args) cmd += " '" + a + "'";
    std::string out_file = dir.file("ctl-" + name + ".out");
    if (!stdin_text.empty()) {
      std::ofstream(dir.file("stdin-" + name)) << stdin_text << "\n";
      cmd += " < '" + dir.file("stdin-" + name) + "'";
      numbers_in_stdin.push_back(dir.file("stdin-" + name));
    }
    argv[2] = cmd + " > '" + out_file + "' 2>&1";
    std::string ignored;
    return test::run(argv, &ignored);
  }
  std::vector<std::string> numbers_in_stdin;  // our own input files (they hold PINs / an ID on purpose)
};

}  // namespace

TEST(Privacy, AFullRunWritesNoFullIdOrPhoneNumberAnywhere) {
  Scenario run;
  run.db = run.dir.file("station.db");
  std::string out;
  ASSERT_EQ(test::run({test::bin("tongxing-ctl"), "demo-data", "--db", run.db, "--residents", "12", "--jobs", "4", "--seed", "5"},
                      &out),
            0)
      << out;
  // The demo personas file is the test's input (0600, beside the database by design): read it,
  // then remove it so the search below covers only what the run itself writes.
  std::map<std::string, json> personas;
  {
    std::ifstream in(run.db + ".demo-residents.jsonl");
    for (std::string line; std::getline(in, line);) {
      auto j = json::parse(line);
      personas[j["persona"]] = j;
      run.numbers.push_back(j["id_number"]);
      run.numbers.push_back(j["phone"]);
    }
  }
  std::filesystem::remove(run.db + ".demo-residents.jsonl");
  ASSERT_FALSE(personas.empty());
  const json& subsidies = personas.at("subsidies");

  const std::string idA = "11010519491231002X", phoneA = "10087654321";  // first-time applicant at the kiosk
  const std::string idC = make_id("19750505", 77, "440524"), phoneC = "10011223344";  // walk-in at the desk
  const std::string idD = make_id("19520202", 15, "320102"), phoneD = "10099887766";  // a guardian
  const std::string phoneB = "10055443322";                                          // job interest, no ID
  const std::string idLocked = make_id("19660606", 66);                              // locked out
  for (const auto& n : {idA, std::string("11010519491231002x"), phoneA, idC, phoneC, idD, phoneD, phoneB, idLocked})
    run.numbers.push_back(n);

  ASSERT_EQ(run.ctl({"staff", "add", "--db", run.db, "--username", "boss", "--name", "站长", "--role", "station_admin", "--pin-stdin"},
                    "add-boss", "97315824"),
            0);
  ASSERT_EQ(run.ctl({"staff", "add", "--db", run.db, "--username", "desk", "--name", "前台", "--generate-pin", "--json"}, "add-desk"), 0);
  ASSERT_EQ(run.ctl({"staff", "add", "--db", run.db, "--username", "temp", "--name", "临时", "--pin-stdin"}, "add-temp", "55331177"), 0);
  std::string desk_pin = json::parse(test::read_file(run.dir.file("ctl-add-desk.out")))["pin"];

  std::string log = run.dir.file("stationd.log");
  auto svc = test::start_service(test::bin("tongxing-stationd"), {"--db", run.db, "--log-level", "debug"}, run.dir.path(), "stationd");
  httplib::Client c("127.0.0.1", svc.port);
  c.set_read_timeout(15, 0);
  auto req = [&](const char* method, const std::string& path, const json& body, const std::string& token,
                 const char* terminal, bool ordinary = true) {
    httplib::Headers h = {{"X-Tongxing-Terminal", terminal}};
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    auto r = std::string(method) == "GET" ? c.Get(path.c_str(), h)
                                          : c.Post(path.c_str(), h, body.is_null() ? "" : body.dump(), "application/json");
    EXPECT_TRUE(r) << path;
    if (!r) return std::pair<int, json>{0, json()};
    if (ordinary) run.ordinary_answers += r->body + "\n";
    return std::pair<int, json>{r->status, json::parse(r->body, nullptr, false)};
  };

  // ---- residents at the kiosk
  std::string day = "";
  {
    auto [st, days] = req("GET", "/api/v1/assessment-days?kind=first_assessment", nullptr, "", "kiosk-1");
    for (const auto& d : days["days"])
      if (d["kinds"]["first_assessment"]["left"].get<int>() > 0 && day.empty()) day = d["date"];
  }
  ASSERT_FALSE(day.empty());
  auto [s1, booked] = req("POST", "/api/v1/appointments",
                          {{"kind", "first_assessment"}, {"date", day}, {"id_number", "11010519491231002x"},
                           {"name", "测试甲"}, {"phone", phoneA}},
                          "", "kiosk-1");
  ASSERT_EQ(s1, 201) << booked.dump();
  const std::string last4A = phoneA.substr(7);
  EXPECT_EQ(req("POST", "/api/v1/appointments/lookup", {{"id_number", idA}, {"phone_last4", last4A}}, "", "kiosk-1").first, 200);
  EXPECT_EQ(req("GET", "/api/v1/subsidies?id_number=" + subsidies["id_number"].get<std::string>() + "&phone_last4=" +
                           subsidies["phone_last4"].get<std::string>(),
                nullptr, "", "kiosk-2")
                .first,
            200);
  EXPECT_EQ(req("POST", "/api/v1/residents/verify", {{"id_number", subsidies["id_number"]}, {"phone_last4", subsidies["phone_last4"]}},
                "", "kiosk-2")
                .first,
            200);
  for (int i = 0; i < 6; ++i)
    req("POST", "/api/v1/subsidies/query", {{"id_number", idLocked}, {"phone_last4", "1234"}}, "", "kiosk-3");
  // Locked: answered like any failed check (issue 14: no answer tells a lock apart).
  EXPECT_EQ(req("POST", "/api/v1/subsidies/query", {{"id_number", idLocked}, {"phone_last4", "1234"}}, "", "kiosk-3").first, 401);
  EXPECT_EQ(req("POST", "/api/v1/appointments", {{"kind", "first_assessment"}, {"date", day}, {"id_number", "110105194912310021"},
                                                  {"name", "错号"}, {"phone", phoneA}},
                "", "kiosk-1")
                .first,
            400);
  EXPECT_EQ(req("POST", "/api/v1/appointments", {{"kind", "first_assessment"}, {"date", day}, {"id_number", idA}, {"phone", "12"}},
                "", "kiosk-1")
                .first,
            400);
  c.Post("/api/v1/appointments", "{\"id_number\":\"" + idA + "\", broken", "application/json");  // malformed JSON
  c.Post("/api/v1/residents/verify", std::string(70000, 'x') + idA, "application/json");       // too large
  auto [s2, jobs] = req("GET", "/api/v1/jobs", nullptr, "", "kiosk-1");
  ASSERT_FALSE(jobs["jobs"].empty());
  std::string job = std::to_string(jobs["jobs"][0]["id"].get<int>());
  EXPECT_EQ(req("POST", "/api/v1/jobs/" + job + "/interest", {{"name", "求职乙"}, {"phone", phoneB}}, "", "kiosk-1").first, 201);
  auto [s3, call] = req("POST", "/api/v1/staff-calls", {{"reason", "help"}}, "", "kiosk-1");
  ASSERT_EQ(s3, 201);

  // ---- staff at the desk
  for (int i = 0; i < 5; ++i) req("POST", "/api/v1/staff/login", {{"username", "temp"}, {"pin", "13572468"}}, "", "pc-1");
  EXPECT_EQ(req("POST", "/api/v1/staff/login", {{"username", "temp"}, {"pin", "55331177"}}, "", "pc-1").first, 429);
  auto [s4, dl] = req("POST", "/api/v1/staff/login", {{"username", "desk"}, {"pin", desk_pin}}, "", "pc-1");
  ASSERT_EQ(s4, 200);
  std::string t = dl["token"];
  EXPECT_EQ(req("GET", "/api/v1/staff/appointments", nullptr, t, "pc-1").first, 403);  // PIN change first
  ASSERT_EQ(req("POST", "/api/v1/staff/pin", {{"old_pin", desk_pin}, {"new_pin", "80246135"}}, t, "pc-1").first, 200);
  auto [s5, found] = req("POST", "/api/v1/staff/residents/search", {{"id_number", idA}}, t, "pc-1");
  ASSERT_EQ(s5, 200);
  ASSERT_EQ(found["residents"].size(), 1u);
  std::string ridA = std::to_string(found["residents"][0]["id"].get<int>());
  EXPECT_EQ(req("GET", "/api/v1/staff/residents/" + ridA, nullptr, t, "pc-1").first, 200);
  auto [s6, shown] = req("POST", "/api/v1/staff/residents/" + ridA + "/reveal", {{"fields", {"phone", "id_number"}}, {"reason", "回电"}},
                         t, "pc-1", false);
  EXPECT_EQ(shown["resident"]["phone"], phoneA);
  EXPECT_EQ(shown["resident"]["id_number"], idA);
  std::string apptA = std::to_string(booked["appointment"]["id"].get<int>());
  EXPECT_EQ(req("GET", "/api/v1/staff/appointments?from=" + day + "&to=" + day, nullptr, t, "pc-1").first, 200);
  auto [s7, slip] = req("POST", "/api/v1/staff/appointments/" + apptA + "/slip", nullptr, t, "pc-1");
  ASSERT_EQ(s7, 200);
  run.slips.push_back(slip.dump());
  auto [s8, walkin] = req("POST", "/api/v1/staff/appointments",
                          {{"kind", "first_assessment"}, {"date", day}, {"id_number", idC}, {"name", "测试丙"}, {"phone", phoneC}}, t, "pc-1");
  ASSERT_EQ(s8, 201) << walkin.dump();
  auto [s9, ridC_found] = req("POST", "/api/v1/staff/residents/search", {{"name", "测试丙"}}, t, "pc-1");
  ASSERT_EQ(ridC_found["residents"].size(), 1u);
  std::string ridC = std::to_string(ridC_found["residents"][0]["id"].get<int>());
  json guardian = {{"relation", "guardian"}, {"name", "监护丁"}, {"phone", phoneD}, {"id_number", idD}};
  EXPECT_EQ(req("POST", "/api/v1/staff/residents/" + ridC + "/applications", {{"programme", "living_subsidy"}, {"agent", guardian}}, t, "pc-1").first,
            201);
  EXPECT_EQ(req("POST", "/api/v1/staff/residents/" + ridC + "/change-reports",
                {{"change_type", "contact"}, {"agent", guardian}, {"details", "新电话 " + phoneD}}, t, "pc-1")
                .first,
            201);
  // A home visit for resident C on a day that has home visits: its answers and log lines are
  // searched for C's numbers like the rest.
  std::string home_day;
  {
    auto [st, days] = req("GET", "/api/v1/assessment-days?kind=home_assessment", nullptr, "", "kiosk-1");
    for (const auto& d : days["days"])
      if (d["kinds"].contains("home_assessment") && d["kinds"]["home_assessment"]["left"].get<int>() > 0 &&
          home_day.empty())
        home_day = d["date"];
  }
  ASSERT_FALSE(home_day.empty());
  EXPECT_EQ(req("POST", "/api/v1/staff/home-assessments",
                {{"date", home_day}, {"id_number", idC}, {"address", "示例路1号"}, {"reason", "bedridden"}}, t, "pc-1")
                .first,
            201);
  auto [s10, slipC] = req("POST", "/api/v1/staff/appointments/" + std::to_string(walkin["appointment"]["id"].get<int>()) + "/slip",
                          nullptr, t, "pc-1");
  run.slips.push_back(slipC.dump());
  EXPECT_EQ(req("GET", "/api/v1/staff/worklists/renewals", nullptr, t, "pc-1").first, 200);
  auto [s11, interests] = req("GET", "/api/v1/staff/worklists/job-interests", nullptr, t, "pc-1");
  ASSERT_FALSE(interests["interests"].empty());
  std::string iid = std::to_string(interests["interests"][0]["id"].get<int>());
  EXPECT_EQ(req("POST", "/api/v1/staff/job-interests/" + iid + "/reveal", {{"reason", "联系"}}, t, "pc-1", false).second["contact"]["phone"],
            phoneB);
  EXPECT_EQ(req("POST", "/api/v1/staff/calls/" + std::to_string(call["call"]["id"].get<int>()) + "/acknowledge", nullptr, t, "pc-1").first,
            200);
  EXPECT_EQ(req("POST", "/api/v1/staff/residents/search", {{"id_number", "110105194912310021"}}, t, "pc-1").first, 400);
  EXPECT_EQ(req("POST", "/api/v1/staff/logout", nullptr, t, "pc-1").first, 200);

  auto [s12, bl] = req("POST", "/api/v1/staff/login", {{"username", "boss"}, {"pin", "97315824"}}, "", "pc-2");
  ASSERT_EQ(s12, 200);
  std::string b = bl["token"];
  ASSERT_EQ(req("POST", "/api/v1/staff/pin", {{"old_pin", "97315824"}, {"new_pin", "31975286"}}, b, "pc-2").first, 200);
  EXPECT_EQ(req("POST", "/api/v1/staff/exports/renewals", {{"reason", "电话提醒"}}, b, "pc-2", false).first, 200);
  EXPECT_EQ(req("GET", "/api/v1/staff/audit?limit=500", nullptr, b, "pc-2").first, 200);
  EXPECT_EQ(req("GET", "/api/v1/staff/audit/verify", nullptr, b, "pc-2").second["ok"], true);
  EXPECT_EQ(req("GET", "/api/v1/staff/accounts", nullptr, b, "pc-2").first, 200);

  // ---- administration from the command line, while the service runs
  EXPECT_EQ(run.ctl({"audit", "verify", "--db", run.db}, "verify"), 0);
  EXPECT_EQ(run.ctl({"audit", "show", "--db", run.db, "--limit", "1000"}, "show"), 0);
  EXPECT_EQ(run.ctl({"audit", "show", "--db", run.db, "--id-number-stdin"}, "show-one", idA), 0);
  EXPECT_EQ(run.ctl({"backup", "--db", run.db, "--out", run.dir.file("station.bak")}, "backup"), 0);
  EXPECT_EQ(run.ctl({"staff", "list", "--db", run.db}, "list"), 0);
  EXPECT_EQ(run.ctl({"staff", "disable", "--db", run.db, "--username", "temp"}, "disable"), 0);
  EXPECT_NE(test::read_file(run.dir.file("ctl-show-one.out")).find("\"reveal\""), std::string::npos);
  EXPECT_EQ(svc.proc.stop(), 0);

  // ---- search everything the run wrote
  ASSERT_GT(test::read_file(log).size(), 2000u);  // debug level: a line per request
  int files = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(run.dir.path())) {
    if (!e.is_regular_file()) continue;
    std::string path = e.path().string();
    if (std::find(run.numbers_in_stdin.begin(), run.numbers_in_stdin.end(), path) != run.numbers_in_stdin.end()) continue;
    std::string content = test::read_file(path);
    ++files;
    for (const auto& n : run.numbers) EXPECT_EQ(content.find(n), std::string::npos) << n << " found in " << path;
  }
  EXPECT_GE(files, 10);  // db, wal/shm, key, token, log, backup, ctl outputs
  for (const auto& s : run.slips)
    for (const auto& n : run.numbers) EXPECT_EQ(s.find(n), std::string::npos) << n << " on a slip";
  for (const auto& n : run.numbers)
    EXPECT_EQ(run.ordinary_answers.find(n), std::string::npos) << n << " in an answer that is not a reveal or export";
}
