// The station API over real HTTP against a real tongxing-stationd on a free loopback port,
// with demo data written into its database first.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <random>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>
#include <thread>

#include "fixture.h"
#include "station/demo_data.h"

using namespace tx;
using namespace tx::station;
using namespace tx::station::testing;
using json = nlohmann::json;

namespace {

struct Persona {
  std::string id, last4, phone;
};

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    db_ = dir_->file("station.db");
    {
      SystemClock clock;
      Store store(db_, Vault::open_or_create(db_ + ".key", true), clock, 1);
      auto sum = generate_demo_data(store, StationConfig{}, DemoOptions{.residents = 60, .jobs = 40, .seed = 7});
      for (const auto& p : sum.personas)
        personas_[p.persona] = Persona{p.id_number, p.phone.substr(p.phone.size() - 4), p.phone};
    }
    service_ = new test::Service(test::start_service(test::bin("tongxing-stationd"), {"--db", db_}, dir_->path(), "stationd"));
  }
  static void TearDownTestSuite() {
    delete service_;
    delete dir_;
  }

  static httplib::Client client() {
    httplib::Client c("127.0.0.1", service_->port);
    c.set_read_timeout(10, 0);
    return c;
  }
  static httplib::Result post(const std::string& path, const json& body) {
    return client().Post(path.c_str(), body.dump(), "application/json");
  }
  static json body(const httplib::Result& r) { return json::parse(r->body); }
  static std::string next_day(const char* kind) {
    auto r = client().Get((std::string("/api/v1/assessment-days?kind=") + kind).c_str());
    const json days = body(r)["days"];
    for (const auto& d : days)
      if (d["kinds"].contains(kind) && d["kinds"][kind]["left"].get<int>() > 1 &&
          d["date"].get<std::string>() > today())
        return d["date"];
    return "";
  }
  static std::string today() { return body(client().Get("/api/v1/health"))["today"]; }

  static inline test::TempDir* dir_ = nullptr;
  static inline std::string db_;
  static inline test::Service* service_ = nullptr;
  static inline std::map<std::string, Persona> personas_;
};

void expect_error(const httplib::Result& r, int status, const std::string& code) {
  ASSERT_TRUE(r) << "no response";
  EXPECT_EQ(r->status, status) << r->body;
  auto j = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << r->body;
  ASSERT_TRUE(j.contains("error")) << r->body;
  EXPECT_EQ(j["error"]["code"], code);
  EXPECT_FALSE(j["error"]["message_zh"].get<std::string>().empty());
  EXPECT_FALSE(j["error"]["message_en"].get<std::string>().empty());
}

}  // namespace

TEST_F(Api, HealthAndStation) {
  auto r = client().Get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body(r)["status"], "ok");
  EXPECT_EQ(body(client().Get("/api/v1/station"))["station"]["name"], "示例社区残疾人服务站");
  EXPECT_EQ(body(client().Get("/api/v1/station"))["station"]["utc_offset_minutes"], 480);  // kiosks date by it
}

TEST_F(Api, AssessmentDaysShapeFollowsTheContract) {
  auto r = client().Get("/api/v1/assessment-days?from=2026-12-01&to=2027-02-28");
  ASSERT_EQ(r->status, 200);
  auto days = body(r)["days"];
  ASSERT_FALSE(days.empty());
  bool saw_onsite = false;
  for (const auto& d : days) {
    EXPECT_EQ(d["date"].get<std::string>().size(), 10u);
    for (auto& [kind, v] : d["kinds"].items()) {
      EXPECT_TRUE(appointment_kind_from(kind).has_value()) << kind;
      EXPECT_GE(v["capacity"].get<int>(), v["left"].get<int>());
      saw_onsite |= kind == "first_assessment";
    }
  }
  EXPECT_TRUE(saw_onsite);
  expect_error(client().Get("/api/v1/assessment-days?from=2026-13-01"), 400, "invalid_date");
}

TEST_F(Api, BookListCancelAsARegisteredResident) {
  const auto& p = personas_.at("renewal_due");
  std::string day = next_day("renewal");
  ASSERT_FALSE(day.empty());
  auto r = post("/api/v1/appointments", {{"kind", "renewal"}, {"date", day}, {"id_number", p.id}, {"phone_last4", p.last4}});
  ASSERT_EQ(r->status, 201) << r->body;
  auto a = body(r)["appointment"];
  EXPECT_EQ(a["status"], "booked");
  EXPECT_EQ(a["kind"], "renewal");
  EXPECT_EQ(a["date"], day);
  EXPECT_EQ(a["ticket"].get<std::string>()[0], 'B');
  EXPECT_FALSE(a["place"].get<std::string>().empty());
  EXPECT_FALSE(a["bring"].empty());
  // No full ID or phone anywhere in the answer.
  EXPECT_EQ(r->body.find(p.id), std::string::npos);
  EXPECT_EQ(r->body.find(p.phone), std::string::npos);

  expect_error(post("/api/v1/appointments", {{"kind", "renewal"}, {"date", day}, {"id_number", p.id}, {"phone_last4", p.last4}}),
               409, "already_booked");
  auto list = post("/api/v1/appointments/lookup", {{"id_number", p.id}, {"phone_last4", p.last4}});
  ASSERT_EQ(list->status, 200);
  EXPECT_EQ(body(list)["appointments"].size(), 1u);
  auto viaget = client().Get(("/api/v1/appointments?id_number=" + p.id + "&phone_last4=" + p.last4).c_str());
  EXPECT_EQ(body(viaget)["appointments"].size(), 1u);

  std::string cancel = "/api/v1/appointments/" + std::to_string(a["id"].get<int>()) + "/cancel";
  auto c = post(cancel, {{"id_number", p.id}, {"phone_last4", p.last4}});
  ASSERT_EQ(c->status, 200) << c->body;
  EXPECT_EQ(body(c)["appointment"]["status"], "cancelled");
  expect_error(post(cancel, {{"id_number", p.id}, {"phone_last4", p.last4}}), 409, "invalid_transition");
  expect_error(post("/api/v1/appointments/999999/cancel", {{"id_number", p.id}, {"phone_last4", p.last4}}), 404, "not_found");
}

TEST_F(Api, FirstTimeApplicantWithContractFields) {
  std::string day = next_day("first_assessment");
  auto r = post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", day}, {"id_number", "11010219840406970x"},
                                         {"name", "测试人"}, {"phone", "10055556666"}});
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body(r)["appointment"]["id_masked"], "110***********970X");
}

TEST_F(Api, HomeAssessmentNeedsAddressAndReason) {
  std::string day = next_day("home_assessment");
  json b = {{"kind", "home_assessment"}, {"date", day}, {"id_number", make_id("19400101", 31)}, {"name", "卧床者"}, {"phone", "10055550000"}};
  expect_error(post("/api/v1/appointments", b), 400, "invalid_address");
  b["address"] = "示例路8号3单元";
  expect_error(post("/api/v1/appointments", b), 400, "invalid_reason");
  b["reason"] = "bedridden";
  auto r = post("/api/v1/appointments", b);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(r->body.find("示例路8号"), std::string::npos);  // the address stays at the station
}

TEST_F(Api, InvalidIdNumbersAreExplained) {
  for (const char* bad : {"110105194912310021", "360426199113010079", "990426199112010074", "12345"}) {
    auto r = post("/api/v1/appointments", {{"kind", "first_assessment"}, {"date", "2026-12-07"}, {"id_number", bad}, {"name", "某"}, {"phone", "10012345678"}});
    expect_error(r, 400, "invalid_id_number");
    EXPECT_EQ(body(r)["error"]["field"], "id_number");
  }
}

TEST_F(Api, VerificationFailureLooksTheSameForUnknownIdsAndLocksAfterFive) {
  const auto& p = personas_.at("no_certificate");
  std::string unknown = make_id("19770707", 77);
  auto a = post("/api/v1/subsidies/query", {{"id_number", unknown}, {"phone_last4", "1234"}});
  const std::string wrong = p.last4 == "0000" ? "1111" : "0000";
  auto b = post("/api/v1/subsidies/query", {{"id_number", p.id}, {"phone_last4", wrong}});
  expect_error(a, 401, "verification_failed");
  expect_error(b, 401, "verification_failed");
  EXPECT_EQ(a->body, b->body);
  for (int i = 0; i < 3; ++i)
    expect_error(post("/api/v1/subsidies/query", {{"id_number", p.id}, {"phone_last4", wrong}}), 401, "verification_failed");
  // The lock answers like any failed check (issue 14: a distinct answer told that an ID was
  // being guessed), even for the right digits.
  auto locked = post("/api/v1/subsidies/query", {{"id_number", p.id}, {"phone_last4", wrong}});
  expect_error(locked, 401, "verification_failed");
  EXPECT_EQ(locked->body, a->body);
  auto right = post("/api/v1/subsidies/query", {{"id_number", p.id}, {"phone_last4", p.last4}});
  expect_error(right, 401, "verification_failed");
  EXPECT_EQ(right->body, a->body);
}

TEST_F(Api, SubsidyStatusShape) {
  const auto& p = personas_.at("subsidies");
  auto r = client().Get(("/api/v1/subsidies?id_number=" + p.id + "&phone_last4=" + p.last4).c_str());
  ASSERT_EQ(r->status, 200) << r->body;
  auto j = body(r);
  EXPECT_FALSE(j["as_of"].get<std::string>().empty());
  ASSERT_EQ(j["applications"].size(), 3u);
  std::set<std::string> statuses;
  for (const auto& a : j["applications"]) {
    EXPECT_TRUE(a.contains("programme"));
    statuses.insert(a["status"]);
  }
  EXPECT_EQ(statuses, (std::set<std::string>{"suspended", "rejected", "under_review"}));
}

TEST_F(Api, JobsFindTwoCharacterWordsAndFilter) {
  auto r = client().Get("/api/v1/jobs?q=%E5%AE%A2%E6%9C%8D");  // 客服
  ASSERT_EQ(r->status, 200);
  auto j = body(r);
  ASSERT_GT(j["total"].get<int>(), 0);
  for (const auto& job : j["jobs"]) EXPECT_NE(job["title"].get<std::string>().find("客服"), std::string::npos);
  auto acct = body(client().Get("/api/v1/jobs?q=%E4%BC%9A%E8%AE%A1"));  // 会计
  EXPECT_GT(acct["total"].get<int>(), 0);
  auto blind = body(client().Get("/api/v1/jobs?category=1&page_size=100"));
  for (const auto& job : blind["jobs"]) {
    auto cats = job["categories"].get<std::vector<int>>();
    EXPECT_TRUE(cats.empty() || std::find(cats.begin(), cats.end(), 1) != cats.end());
  }
  auto facets = body(client().Get("/api/v1/jobs/facets"));
  EXPECT_FALSE(facets["districts"].empty());
  int id = j["jobs"][0]["id"];
  auto detail = client().Get(("/api/v1/jobs/" + std::to_string(id)).c_str());
  ASSERT_EQ(detail->status, 200);
  EXPECT_TRUE(body(detail)["job"].contains("description"));
  expect_error(client().Get("/api/v1/jobs/99999999"), 404, "not_found");
  expect_error(client().Get("/api/v1/jobs?page=abc"), 400, "invalid_query");
  // 2^32 + 1: an int accumulator wrapped this to page 1 (found by fuzz.json_request).
  expect_error(client().Get("/api/v1/jobs?page=4294967297"), 400, "invalid_query");
  auto interest = post("/api/v1/jobs/" + std::to_string(id) + "/interest", {{"name", "求职者"}, {"phone", "10012121212"}});
  ASSERT_EQ(interest->status, 201) << interest->body;
  EXPECT_EQ(body(interest)["interest"]["status"], "registered");
}

TEST_F(Api, StaffCallCarriesTheTerminal) {
  auto r = client().Post("/api/v1/staff-calls", httplib::Headers{{"X-Tongxing-Terminal", "kiosk-7"}}, "{}", "application/json");
  ASSERT_EQ(r->status, 201) << r->body;
  auto id = body(r)["call"]["id"].get<int>();
  auto g = client().Get(("/api/v1/staff-calls/" + std::to_string(id)).c_str());
  EXPECT_EQ(body(g)["call"]["terminal"], "kiosk-7");
  EXPECT_EQ(body(g)["call"]["status"], "open");
}

TEST_F(Api, ErrorsHaveTheContractShape) {
  expect_error(client().Post("/api/v1/appointments", "{not json", "application/json"), 400, "malformed_json");
  expect_error(client().Post("/api/v1/appointments", "[1,2]", "application/json"), 400, "malformed_json");
  expect_error(post("/api/v1/appointments", {{"kind", 5}}), 400, "invalid_field");
  expect_error(client().Get("/api/v1/nowhere"), 404, "not_found");
  expect_error(client().Post("/api/v1/appointments", std::string(70 * 1024, 'x'), "application/json"), 413, "payload_too_large");
  expect_error(client().Get("/api/v1/admin/sync/status"), 401, "unauthorized");
}

TEST_F(Api, GarbageNeverGivesA5xx) {
  std::mt19937 rng(42);
  const std::vector<std::string> posts = {"/api/v1/appointments", "/api/v1/appointments/lookup",
                                          "/api/v1/appointments/1/cancel", "/api/v1/subsidies/query",
                                          "/api/v1/residents/verify", "/api/v1/jobs/1/interest",
                                          "/api/v1/staff-calls"};
  const std::vector<std::string> gets = {"/api/v1/jobs?q=", "/api/v1/assessment-days?from=", "/api/v1/jobs/",
                                         "/api/v1/subsidies?id_number=", "/api/v1/appointments?phone_last4=1&id_number="};
  const std::vector<json> shapes = {
      json(nullptr), json(1), json("s"), json::array({1, "x"}), json::object({{"a", {{"b", {1}}}}}),
      json(1e308), json(-1), json(std::string(300, 'x')), json("\u0000\u001f"), json(true)};
  const std::vector<std::string> keys = {"kind", "date", "id_number", "phone_last4", "name", "phone", "address", "reason"};
  auto c = client();
  // 800 requests: more than one terminal may send in a minute, so they come from their own
  // terminal, and the tests after this one (in the same process) are not rate-limited.
  c.set_default_headers({{"X-Tongxing-Terminal", "garbage"}});
  int n = 0;
  for (int i = 0; i < 400; ++i) {
    std::string payload;
    switch (i % 4) {
      case 0: {  // random bytes
        int len = rng() % 200;
        for (int k = 0; k < len; ++k) payload += char(rng() % 256);
        break;
      }
      case 1: {  // objects with wrong-typed values
        json j = json::object();
        for (const auto& k : keys)
          if (rng() % 2) j[k] = shapes[rng() % shapes.size()];
        payload = j.dump();
        break;
      }
      case 2: {  // right types, wrong values, invalid UTF-8 smuggled via escapes
        json j = {{"kind", keys[rng() % keys.size()]}, {"date", "2026-02-30"}, {"id_number", "1101051949123100\u00e9X"},
                  {"phone_last4", "１２３４"}, {"name", "\xe5\xae"}, {"phone", "+86 138"}};
        payload = j.dump(-1, ' ', false, json::error_handler_t::replace);
        break;
      }
      default:  // deeply nested
        payload = std::string(5000, '[') + std::string(5000, ']');
    }
    auto r = c.Post(posts[i % posts.size()].c_str(), payload, "application/json");
    ASSERT_TRUE(r) << "connection failed: the service may have died";
    EXPECT_LT(r->status, 500) << posts[i % posts.size()] << " " << payload.substr(0, 80) << " -> " << r->body;
    std::string q;
    for (int k = 0; k < 8; ++k) q += "%" + std::string(1, "0123456789ABCDEF"[rng() % 16]) + "FF"[rng() % 2];
    auto g = c.Get((gets[i % gets.size()] + q).c_str());
    ASSERT_TRUE(g);
    EXPECT_LT(g->status, 500) << gets[i % gets.size()] + q << " -> " << g->body;
    ++n;
  }
  EXPECT_EQ(n, 400);
  EXPECT_EQ(body(c.Get("/api/v1/health"))["status"], "ok");
}

// A request as `curl -X POST URL` sends it: no Content-Length, no body. HTTP/1.1 says it has no
// body; it must be answered at once (here: the JSON error for an empty body), not left waiting
// for the client to hang up.
static std::string raw_exchange(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval tv{3, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  std::string got;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == ssize_t(request.size())) {
    char buf[4096];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) got.append(buf, std::size_t(n));
  }
  ::close(fd);
  return got;
}

TEST_F(Api, PostWithoutContentLengthIsAnsweredAtOnce) {
  auto t0 = std::chrono::steady_clock::now();
  std::string got = raw_exchange(service_->port,
                                 "POST /api/v1/appointments HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(got.rfind("HTTP/1.1 400", 0), 0u) << "no answer within 3 s: " << got;
  EXPECT_NE(got.find("\"malformed_json\""), std::string::npos) << got;
  EXPECT_LT(ms, 2500);
  // The connection stays usable for what follows, and the service for everyone.
  EXPECT_EQ(body(client().Get("/api/v1/health"))["status"], "ok");
}

TEST_F(Api, SixtyFourClientsRaceForTheLastPlaces) {
  // Shrink one future session to 5 free places, then let 64 first-time applicants race.
  std::string day = next_day("reassessment");
  ASSERT_FALSE(day.empty());
  {
    SystemClock clock;
    Store store(db_, Vault::open_or_create(db_ + ".key", false), clock, 1);
    store.write([&](Writer& w) {
      auto s = w.session(*Date::parse(day), AppointmentKind::first_assessment).value();
      PlannedSession p{s.date, s.kind, s.start, s.end, s.institution, s.place, {}, s.booked + 5};
      w.upsert_session(p, "local");
    });
  }
  std::atomic<int> ok{0}, full{0}, other{0};
  std::vector<std::thread> threads;
  std::atomic<bool> go{false};
  for (int i = 0; i < 64; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client c("127.0.0.1", service_->port);
      c.set_read_timeout(20, 0);
      json b = {{"kind", "first_assessment"}, {"date", day}, {"id_number", make_id("19850505", 100 + i * 2)},
                {"name", "排队者"}, {"phone", "10077770000"}};
      while (!go) std::this_thread::yield();
      auto r = c.Post("/api/v1/appointments", httplib::Headers{{"X-Tongxing-Terminal", "race-" + std::to_string(i)}},
                      b.dump(), "application/json");
      if (r && r->status == 201) ++ok;
      else if (r && r->status == 409 && json::parse(r->body)["error"]["code"] == "day_full") ++full;
      else {
        ++other;
        std::printf("other: %s\n", r ? (std::to_string(r->status) + " " + r->body).c_str() : httplib::to_string(r.error()).c_str());
      }
    });
  }
  go = true;
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 5);
  EXPECT_EQ(full, 59);
  EXPECT_EQ(other, 0);
  auto days = body(client().Get(("/api/v1/assessment-days?kind=first_assessment&from=" + day + "&to=" + day).c_str()))["days"];
  EXPECT_EQ(days[0]["kinds"]["first_assessment"]["left"], 0);
}

TEST(ApiCrash, KilledMidWritesLeavesAConsistentDatabase) {
  // Bookings hammer the service while it is SIGKILLed three times; after each
  // restart the file passes integrity_check and every session's booked count equals its active
  // appointments, and every appointment has its outbox event.
  test::TempDir dir;
  std::string db = dir.file("crash.db");
  {
    SystemClock clock;
    Store store(db, Vault::open_or_create(db + ".key", true), clock, 1);
    generate_demo_data(store, StationConfig{}, DemoOptions{.residents = 10, .jobs = 0, .seed = 3});
  }
  std::atomic<int> seq{0};
  std::int64_t appointments_before = 0;
  for (int round = 0; round < 3; ++round) {
    auto svc = test::start_service(test::bin("tongxing-stationd"), {"--db", db}, dir.path(), "crash");
    // A day with places left (a day fills up: each round books into the latest one not full).
    auto days = json::parse(httplib::Client("127.0.0.1", svc.port).Get("/api/v1/assessment-days?kind=first_assessment")->body)["days"];
    std::string day;
    for (auto it = days.rbegin(); it != days.rend() && day.empty(); ++it)
      if ((*it)["kinds"].contains("first_assessment") && (*it)["kinds"]["first_assessment"]["left"].get<int>() > 0)
        day = (*it)["date"];
    ASSERT_FALSE(day.empty());
    std::atomic<bool> stop{false};
    std::atomic<int> booked{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
      writers.emplace_back([&, port = svc.port] {
        httplib::Client c("127.0.0.1", port);
        c.set_connection_timeout(0, 200000);
        while (!stop) {
          int n = seq++;
          json b = {{"kind", "first_assessment"}, {"date", day}, {"id_number", make_id("19600101", n * 2 % 1000, n < 500 ? "110105" : "440106")},
                    {"name", "压力"}, {"phone", "10000000000"}};
          auto r = c.Post("/api/v1/appointments", b.dump(), "application/json");
          if (r && r->status == 201) ++booked;
        }
      });
    // Kill while writing: after a while, and not before this round has committed something.
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + 200 * round));
    for (int i = 0; i < 200 && booked.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    svc.proc.kill9();
    stop = true;
    for (auto& w : writers) w.join();
    SystemClock clock;
    Store store(db, Vault::open_or_create(db + ".key", false), clock, 1);
    auto lease = store.pool().lease();
    auto& ic = lease->prep("PRAGMA integrity_check");
    ic.step();
    EXPECT_EQ(ic.text(0), "ok");
    ic.reset();
    auto& mismatch = lease->prep(
        "SELECT count(*) FROM sessions s WHERE s.booked != (SELECT count(*) FROM appointments a "
        "WHERE a.session_id = s.id AND a.status IN ('booked','checked_in','dispatched'))");
    mismatch.step();
    EXPECT_EQ(mismatch.i64(0), 0);
    mismatch.reset();
    auto& events = lease->prep(
        "SELECT (SELECT count(*) FROM appointments), (SELECT count(*) FROM outbox WHERE type = 'appointment.booked')");
    events.step();
    EXPECT_EQ(events.i64(0), events.i64(1));
    // The kill came while bookings were being written: each round committed some.
    EXPECT_GT(events.i64(0), appointments_before) << "round " << round << " booked nothing";
    appointments_before = events.i64(0);
    events.reset();
  }
}

// A mistyped flag value is refused at start with what is accepted, never quietly replaced.
TEST(ApiStart, UnknownLogLevelIsRefusedWithTheAcceptedWords) {
  test::TempDir dir;
  for (const char* b : {"tongxing-stationd", "tongxing-centrald"}) {
    std::string out;
    int rc = test::run({test::bin(b), "--db", dir.file(std::string(b) + ".db"), "--listen", "127.0.0.1:0",
                        "--log-level", "loud"},
                       &out, std::chrono::milliseconds(20000));
    EXPECT_NE(rc, 0) << b;
    EXPECT_NE(out.find("--log-level must be debug, info, warn or error, got \"loud\""), std::string::npos) << b << ": " << out;
  }
}
