// The ID-card reader and scanners through the real kiosk (SDL offscreen, dummy audio) against a
// real tongxing-stationd: a simulated GA 467 reader on a pseudo-terminal (card_sim.h) behind
// --card-reader, the script's {"card"} and {"scan"} actions, the a11y log's "input" records.
// Also the before/after of the keys-only booking (key presses, utterances until the slip).
#include <httplib.h>

#include <ctime>
#include <functional>
#include <thread>
#include <tuple>

#include "card_sim.h"
#include "domain/utf8.h"
#include "journey.h"

using nlohmann::json;
using namespace tx;
using namespace tx::test;
using tx::journey::Kit;

namespace {

struct Person {
  std::string id, phone4;
};

using tx::journey::station_day;

class CardJourney : public ::testing::Test, public Kit {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string db = dir_->file("station.db");
    std::string out;
    ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", db}, &out), 0) << out;
    std::string cmd = "printf '246813\\n' | " + bin("tongxing-ctl") + " staff add --db " + db +
                      " --username desk --name 王芳 --role staff --pin-stdin";
    ASSERT_EQ(run({"/bin/sh", "-c", cmd}, &out), 0) << out;
    std::ofstream(dir_->file("station.toml")) << journey::every_day_station_toml();
    station_ = new Service(start_service(bin("tongxing-stationd"), {"--db", db, "--config", dir_->file("station.toml")},
                                         dir_->path(), "stationd"));
    std::ifstream in(db + ".demo-residents.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto j = json::parse(line);
      people_[j["persona"]] = {j["id_number"], j["phone_last4"]};
    }
    httplib::Client c = client();
    auto r = c.Post("/api/v1/staff/login", json{{"username", "desk"}, {"pin", "246813"}}.dump(), "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    httplib::Headers h = {{"Authorization", "Bearer " + json::parse(r->body)["token"].get<std::string>()}};
    r = c.Post("/api/v1/staff/pin", h, json{{"old_pin", "246813"}, {"new_pin", kPin}}.dump(), "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
  }
  static void TearDownTestSuite() {
    delete station_;
    delete dir_;
  }

  // Staff sign-in hashes the PIN (slow on a loaded machine): generous time-outs.
  static httplib::Client client() {
    httplib::Client c("127.0.0.1", station_->port);
    c.set_read_timeout(60, 0);
    c.set_write_timeout(60, 0);
    return c;
  }
  // A booking made over HTTP, as a kiosk would (for the slip-scanning journeys).
  // Cancels the person's booked appointments (one active appointment per kind; the journeys of
  // one process share the station).
  static void cancel_all(const Person& p) {
    httplib::Client c = client();
    auto r = c.Post("/api/v1/appointments/lookup", json{{"id_number", p.id}, {"phone_last4", p.phone4}}.dump(),
                    "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    const json list = json::parse(r->body)["appointments"];  // (a temporary's member would dangle in the loop)
    for (const auto& a : list)
      if (a["status"] == "booked") {
        auto x = c.Post("/api/v1/appointments/" + std::to_string(a["id"].get<long>()) + "/cancel",
                        json{{"id_number", p.id}, {"phone_last4", p.phone4}}.dump(), "application/json");
        EXPECT_TRUE(x && x->status == 200) << (x ? x->body : "no answer");
      }
  }
  static json book(const Person& p, const std::string& kind, const std::string& date) {
    cancel_all(p);
    httplib::Client c = client();
    auto r = c.Post("/api/v1/appointments",
                    json{{"kind", kind}, {"date", date}, {"id_number", p.id}, {"phone_last4", p.phone4}}.dump(),
                    "application/json");
    EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    return r ? json::parse(r->body)["appointment"] : json();
  }

  std::vector<std::string> argv_for(const std::string& name, const std::string& mode, const std::string& reader) {
    std::ofstream(dir_->file(name + ".toml")) << "[kiosk]\nterminal_id = \"" << name << "\"\nprinter = \""
                                              << dir_->file(name + ".printer") << "\"\n";
    std::vector<std::string> a = {bin("tongxing-kiosk"), "--mode", mode, "--service", station_->url(),
                                  "--script", dir_->file(name + ".script.jsonl"), "--a11y-log",
                                  dir_->file(name + ".a11y.jsonl"), "--screenshot-dir", dir_->path(),
                                  "--config", dir_->file(name + ".toml")};
    if (!reader.empty()) a.insert(a.end(), {"--card-reader", reader});
    return a;
  }
  std::vector<json> kiosk(const std::string& name, const std::vector<json>& script, const std::string& mode = "resident",
                          const std::string& reader = "") {
    write_script(dir_->file(name + ".script.jsonl"), script);
    std::string out;
    int rc = run(argv_for(name, mode, reader), &out, std::chrono::seconds(60),
                 {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}});
    EXPECT_EQ(rc, 0) << out;
    // bench/kiosk/card_booking.sh keeps the logs (it times the utterances with espeak-ng).
    if (const char* keep = std::getenv("TX_CARD_LOG_DIR"))
      std::ofstream(std::string(keep) + "/" + name + ".a11y.jsonl") << read_file(dir_->file(name + ".a11y.jsonl"));
    auto log = read_log(dir_->file(name + ".a11y.jsonl"));
    EXPECT_FALSE(log.empty());
    check_log(name, log);
    return log;
  }
  // The kiosk in the background, for journeys where the test acts on the reader meanwhile.
  Process start_kiosk(const std::string& name, const std::vector<json>& script, const std::string& reader) {
    write_script(dir_->file(name + ".script.jsonl"), script);
    return Process::start(argv_for(name, "resident", reader), dir_->file(name + ".out"),
                          {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}});
  }
  // Waits (≤ 30 s) until the kiosk's a11y log has a line for which `pred` holds.
  bool wait_log(const std::string& name, const std::function<bool(const json&)>& pred) {
    for (int i = 0; i < 600; ++i) {
      for (const auto& f : read_log(dir_->file(name + ".a11y.jsonl")))
        if (pred(f)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  static std::vector<json> inputs(const std::vector<json>& log, const std::string& kind) {
    std::vector<json> out;
    for (const auto& f : log)
      for (const auto& i : f.value("input", json::array()))
        if (i["kind"] == kind) out.push_back(i);
    return out;
  }
  static size_t utterances_with(const std::vector<json>& log, const std::string& needle) {
    size_t n = 0;
    for (const auto& f : log)
      for (const auto& u : f["speech"]) n += u["text"].get<std::string>().find(needle) != std::string::npos;
    return n;
  }
  static std::vector<json> keypad(const std::string& digits) {
    std::vector<json> s;
    for (char c : digits) s.push_back(c == 'X' ? key("X") : key(std::string("Keypad ") + c));
    return s;
  }
  // The ID number appears nowhere in the log: not shown, not spoken, not in an input record.
  static void expect_id_never_logged(const std::string& name, const std::string& id) {
    std::string all = read_file(dir_->file(name + ".a11y.jsonl"));
    EXPECT_EQ(all.find(id.substr(6, 8)), std::string::npos) << "birth date digits of the ID in the log";
    EXPECT_EQ(all.find(id), std::string::npos);
  }

  static constexpr const char* kPin = "975318";
  static TempDir* dir_;
  static Service* station_;
  static std::map<std::string, Person> people_;
};

TempDir* CardJourney::dir_ = nullptr;
Service* CardJourney::station_ = nullptr;
std::map<std::string, Person> CardJourney::people_;

// Keys only, renewal (the second kind): home → kind → first day, then the identity steps. Before:
// the 18 characters of the ID on the keypad. After: the card lies on the reader (a simulated
// GA 467 reader on a pseudo-terminal), only the phone's last four digits are typed.
TEST_F(CardJourney, KeysOnlyBookingByCardAndPhoneDigitsBeforeAndAfter) {
  const Person& p = people_["renewal_due"];
  cancel_all(p);
  std::vector<json> start = {key("Return"), key("Tab"), key("Return"), key("Return")};
  std::vector<json> before = start;
  add(&before, keypad(p.id));
  add(&before, {key("Return")});
  add(&before, keypad(p.phone4));
  add(&before, {key("Return"), key("Return")});
  auto log_before = kiosk("card_before", before);
  ASSERT_EQ(log_before.back()["screen"], "appointment.slip");

  cancel_all(p);  // one active appointment per kind: book again with the card

  test::CardSim sim;
  ASSERT_FALSE(sim.path().empty());
  sim.place("王建国", p.id, "20360101");
  std::vector<json> after = start;
  add(&after, {{{"wait_for", "input.phone"}}});  // the card fills the ID step (whenever the reader answers)
  add(&after, keypad(p.phone4));
  add(&after, {key("Return"), key("Return")});
  auto log_after = kiosk("card_after", after, "resident", sim.path());
  ASSERT_EQ(log_after.back()["screen"], "appointment.slip");
  EXPECT_TRUE(spoke(log_after, "已读取身份证，尾号 " + p.id.substr(14)));
  auto cards = inputs(log_after, "card");
  ASSERT_EQ(cards.size(), 1u);
  EXPECT_EQ(cards[0]["id_tail"], p.id.substr(14));
  EXPECT_EQ(cards[0]["expired"], false);
  EXPECT_FALSE(screens(log_after).count("identity.returning"));
  expect_id_never_logged("card_after", p.id);
  EXPECT_GE(sim.reads.load(), 1);

  // The numbers for docs/kiosk.md: key presses and utterances (their characters) until the slip.
  auto measure = [](const std::vector<json>& script, const std::vector<json>& log) {
    size_t keys = 0, utterances = 0, chars = 0;
    for (const auto& a : script) keys += a.contains("key");
    for (const auto& f : log) {
      if (f["screen"] == "appointment.slip") break;
      for (const auto& u : f["speech"]) ++utterances, chars += tx::utf8_length(u["text"].get<std::string>());
    }
    return std::tuple{keys, utterances, chars};
  };
  auto [kb, ub, cb] = measure(before, log_before);
  auto [ka, ua, ca] = measure(after, log_after);
  std::printf("keys-only booking until the slip: before %zu key presses, %zu utterances (%zu characters); "
              "with the card %zu key presses, %zu utterances (%zu characters)\n", kb, ub, cb, ka, ua, ca);
  EXPECT_EQ(kb, 4u + 18 + 1 + 4 + 2);
  EXPECT_EQ(ka, 4u + 4 + 2);
  EXPECT_LT(ca, cb);
}

// A first-time applicant by card: the ID and the name come from the card (the name is sent with
// the booking, so staff need not type it); the reader's replies are split, noisy and once
// corrupt. An expired card is said so and not used.
TEST_F(CardJourney, FirstTimerByCardWithAFlakyReaderAndAnExpiredCard) {
  test::CardSim sim;
  sim.split = true;
  sim.garbage = true;
  sim.bad_checksums = 1;
  std::string id = journey::new_id("11010519880808123");
  std::vector<json> s = {{{"card", {{"id_number", id}, {"name", "过期卡"}, {"valid_to", "2020-01-01"}}}},
                         key("Return"), key("Return"), key("Return"),
                         {{"wait_for", "returning.no"}}, key("Tab"), key("Return"), type("13712345678"),
                         key("Return"), key("Return")};
  // The expired card comes first (from the script); the reader's good card when the test places it.
  Process k = start_kiosk("card_first", s, sim.path());
  ASSERT_TRUE(wait_log("card_first", [](const json& f) { return f["screen"] == "identity.id_number"; }));
  sim.place("张三丰", id, "长期");
  EXPECT_EQ(k.wait(std::chrono::seconds(60)), 0) << read_file(dir_->file("card_first.out"));
  auto log = read_log(dir_->file("card_first.a11y.jsonl"));
  check_log("card_first", log);
  EXPECT_TRUE(spoke(log, "这张身份证已过期（有效期至 2020-01-01）"));
  auto cards = inputs(log, "card");
  ASSERT_EQ(cards.size(), 2u);
  EXPECT_EQ(cards[0]["expired"], true);
  EXPECT_EQ(cards[1]["expired"], false);
  EXPECT_EQ(cards[1]["name"], true);
  EXPECT_EQ(log.back()["screen"], "appointment.slip");
  EXPECT_TRUE(spoke(log, "已读取身份证，尾号 " + id.substr(14)));
  expect_id_never_logged("card_first", id);
  // The station registered the name from the card: the staff search shows it masked.
  httplib::Client c = client();
  auto r = c.Post("/api/v1/staff/login", json{{"username", "desk"}, {"pin", kPin}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  httplib::Headers h = {{"Authorization", "Bearer " + json::parse(r->body)["token"].get<std::string>()}};
  r = c.Post("/api/v1/staff/residents/search", h, json{{"id_number", id}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200) << r->body;
  EXPECT_NE(r->body.find("张"), std::string::npos) << r->body;
}

// The reader fails under the resident's hands: a card taken away mid-read is said ("not read
// completely"), put back it is read; then the reader is unplugged: said once, and the keypad
// goes on working to the slip.
TEST_F(CardJourney, CardTakenAwayMidReadThenReaderUnplugged) {
  const Person& p = people_["no_certificate"];
  cancel_all(p);
  auto sim = std::make_unique<test::CardSim>();
  std::vector<json> s = {key("Return"), key("Return"), key("Return"), {{"wait_for", "returning.yes"}},
                         {{"wait_ms", 1500}}, key("Return"), {{"wait_for", "input.phone"}}};
  add(&s, keypad(p.phone4));
  add(&s, {key("Return"), key("Return")});
  Process k = start_kiosk("card_faults", s, sim->path());
  ASSERT_TRUE(wait_log("card_faults", [](const json& f) { return f["screen"] == "identity.id_number"; }));
  sim->break_read = true;
  sim->place("李四", p.id, "20360101");
  ASSERT_TRUE(wait_log("card_faults", [](const json& f) {
    for (const auto& i : f.value("input", json::array())) if (i["kind"] == "card_read_failed") return true;
    return false;
  }));
  sim->place("李四", p.id, "20360101");  // put back, lies still
  ASSERT_TRUE(wait_log("card_faults", [](const json& f) { return f["screen"] == "identity.returning"; }));
  sim->unplug();
  EXPECT_EQ(k.wait(std::chrono::seconds(60)), 0) << read_file(dir_->file("card_faults.out"));
  auto log = read_log(dir_->file("card_faults.a11y.jsonl"));
  check_log("card_faults", log);
  EXPECT_TRUE(spoke(log, "没有读完身份证"));
  EXPECT_EQ(utterances_with(log, "身份证阅读器没有连接"), 1u) << "said once";
  EXPECT_EQ(inputs(log, "card_reader_lost").size(), 1u);
  EXPECT_EQ(log.back()["screen"], "appointment.slip");
  expect_id_never_logged("card_faults", p.id);
}

// Keyboard wedge: a burst of keys (the script's scan: key events all at once, then Enter) is an
// ID number read by a keyboard-wedge reader and moves on; the same digits typed slowly by a
// person are typing — each one counted on the field, nothing moves on by itself.
TEST_F(CardJourney, WedgeBurstIsRecognisedSlowTypingIsNot) {
  const Person& p = people_["renewal_due"];
  std::vector<json> slow = {key("Return"), key("Tab"), key("Return"), key("Return")};
  for (char c : p.id) add(&slow, {key(std::string(1, c)), {{"wait_ms", 150}}});
  auto log = kiosk("wedge_slow", slow);
  EXPECT_EQ(log.back()["screen"], "identity.id_number");
  EXPECT_TRUE(inputs(log, "scan").empty());
  EXPECT_TRUE(spoke(log, "第18位已输入"));

  std::vector<json> burst = {key("Return"), key("Tab"), key("Return"), key("Return"), {{"scan", p.id}}};
  log = kiosk("wedge_burst", burst);
  EXPECT_EQ(log.back()["screen"], "identity.phone");
  auto scans = inputs(log, "scan");
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0]["what"], "id_number");
  EXPECT_EQ(scans[0]["chars"], 18);
  EXPECT_FALSE(spoke(log, "第1位已输入")) << "a scan is not typed key by key";
  EXPECT_TRUE(spoke(log, "已读取身份证，尾号 " + p.id.substr(14)));
  expect_id_never_logged("wedge_burst", p.id);
}

// A slip's QR code at a residents' kiosk opens that appointment after the phone's last four
// digits; a forged code and an unknown text get clear words.
TEST_F(CardJourney, ScanningASlipAtAResidentKiosk) {
  const Person& p = people_["no_certificate"];
  json a = book(p, "first_assessment", station_day(1));
  std::string code = a.value("slip_code", "");
  ASSERT_EQ(code.size(), 27u) << a.dump();
  EXPECT_EQ(code.find(p.id.substr(14)), std::string::npos);
  std::string forged = code;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  std::vector<json> s = {{{"scan", forged}}};
  add(&s, keypad(p.phone4));
  add(&s, {key("Return"), {{"scan", "HELLO-WORLD-123"}}, {{"scan", code}}});
  add(&s, keypad(p.phone4));
  add(&s, {{{"wait_ms", 600}}, key("Return")});  // a second Enter on the same control within 0.5 s counts once (M3)
  auto log = kiosk("scan_resident", s);
  EXPECT_TRUE(spoke(log, "这张预约单无法识别"));
  EXPECT_TRUE(spoke(log, "这个条码不是本站的预约单"));
  EXPECT_TRUE(spoke(log, "已扫描预约单"));
  EXPECT_EQ(log.back()["screen"], "appointment.slip");
  EXPECT_TRUE(ever_shown(log, a["ticket"].get<std::string>()));
  auto scans = inputs(log, "scan");
  ASSERT_EQ(scans.size(), 3u);
  EXPECT_EQ(scans[0]["what"], "slip");
  EXPECT_EQ(scans[1]["what"], "unknown");
  std::string all = read_file(dir_->file("scan_resident.a11y.jsonl"));
  EXPECT_EQ(all.find(code.substr(3)), std::string::npos) << "the scanned text is not logged";
}

// Staff check a resident in by scanning the slip: the appointment is shown, one confirm.
TEST_F(CardJourney, StaffCheckInByScan) {
  const Person& p = people_["renewal_due"];
  json a = book(p, "renewal", station_day());
  std::string code = a.value("slip_code", "");
  ASSERT_FALSE(code.empty()) << a.dump();
  auto log = kiosk("scan_staff", {tap("staff.name.desk"), type(kPin), tap("keypad.ok"), {{"scan", code}},
                                  {{"wait_for", "staff.appt.check_in"}}, tap("staff.appt.check_in")}, "staff");
  EXPECT_TRUE(screens(log).count("staff.appointment"));
  EXPECT_TRUE(spoke(log, "已签到"));
  httplib::Client c = client();
  auto r = c.Post("/api/v1/appointments/lookup", json{{"id_number", p.id}, {"phone_last4", p.phone4}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  bool checked_in = false;
  const json list = json::parse(r->body)["appointments"];
  for (const auto& x : list) checked_in |= x["id"] == a["id"] && x["status"] == "checked_in";
  EXPECT_TRUE(checked_in) << r->body;
}

}  // namespace
