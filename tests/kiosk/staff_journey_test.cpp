// Staff journeys, headless, through the real tongxing-kiosk (SDL offscreen, dummy audio) against a
// real tongxing-stationd: demo data, staff accounts made with `tongxing-ctl staff add`, and a
// station calendar with sessions today (so an arrival can be checked in). Every frame of every
// log is held to the same rules as the residents' journeys (journey.h).
#include <httplib.h>

#include <ctime>
#include <thread>

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

class StaffJourney : public ::testing::Test, public Kit {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    const std::string db = dir_->file("station.db");
    std::string out;
    ASSERT_EQ(run({bin("tongxing-ctl"), "demo-data", "--db", db}, &out), 0) << out;
    // Accounts as an administrator makes them: the PIN must be changed at the first sign-in.
    for (const auto& [user, name] : {std::pair{"desk", "王芳"}, std::pair{"zhang", "张伟"}}) {
      std::string cmd = "printf '246813\\n' | " + bin("tongxing-ctl") + " staff add --db " + db + " --username " +
                        user + " --name " + name + " --role staff --pin-stdin";
      ASSERT_EQ(run({"/bin/sh", "-c", cmd}, &out), 0) << out;
    }
    std::ofstream(dir_->file("station.toml")) << tx::journey::every_day_station_toml();
    station_ = new Service(start_service(bin("tongxing-stationd"), {"--db", db, "--config", dir_->file("station.toml")},
                                         dir_->path(), "stationd"));
    std::ifstream in(db + ".demo-residents.jsonl");
    std::string line;
    while (std::getline(in, line)) {
      auto j = json::parse(line);
      people_[j["persona"]] = {j["id_number"], j["phone_last4"]};
    }
    httplib::Client c("127.0.0.1", station_->port);
    // "zhang" has chosen a PIN already (the other journeys start signed in as usual).
    auto r = c.Post("/api/v1/staff/login", json{{"username", "zhang"}, {"pin", "246813"}}.dump(), "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    httplib::Headers h = {{"Authorization", "Bearer " + json::parse(r->body)["token"].get<std::string>()}};
    r = c.Post("/api/v1/staff/pin", h, json{{"old_pin", "246813"}, {"new_pin", kPin}}.dump(), "application/json");
    ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    // An arrival: a resident booked a renewal for today at a kiosk.
    const Person& p = people_["renewal_due"];
    r = c.Post("/api/v1/appointments",
               json{{"kind", "renewal"}, {"date", station_day()}, {"id_number", p.id}, {"phone_last4", p.phone4}}.dump(),
               "application/json");
    ASSERT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
    arrival_ = json::parse(r->body)["appointment"];
  }
  static void TearDownTestSuite() {
    delete station_;
    delete dir_;
  }

  std::vector<std::string> argv_for(const std::string& name, const std::string& mode, const std::string& extra_toml) {
    std::string sf = dir_->file(name + ".script.jsonl"), lf = dir_->file(name + ".a11y.jsonl");
    std::ofstream(dir_->file(name + ".toml")) << "[kiosk]\nterminal_id = \"" << name << "\"\nprinter = \""
                                              << dir_->file(name + ".printer") << "\"\n" << extra_toml;
    return {bin("tongxing-kiosk"), "--mode", mode, "--service", station_->url(), "--script", sf, "--a11y-log", lf,
            "--screenshot-dir", dir_->path(), "--config", dir_->file(name + ".toml")};
  }
  // Runs the kiosk (a staff PC by default) on a script; returns its a11y log, checked.
  std::vector<json> kiosk(const std::string& name, const std::vector<json>& script, const std::string& mode = "staff",
                          const std::string& extra_toml = "") {
    write_script(dir_->file(name + ".script.jsonl"), script);
    std::string out;
    int rc = run(argv_for(name, mode, extra_toml), &out, std::chrono::seconds(60),
                 {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}});
    EXPECT_EQ(rc, 0) << out;
    auto log = read_log(dir_->file(name + ".a11y.jsonl"));
    EXPECT_FALSE(log.empty());
    check_log(name, log);
    return log;
  }
  static std::vector<json> sign_in(const std::string& user, const std::string& pin = kPin) {
    return {tap("staff.name." + user), type(pin), tap("keypad.ok")};
  }

  static constexpr const char* kPin = "975318";
  static TempDir* dir_;
  static Service* station_;
  static std::map<std::string, Person> people_;
  static json arrival_;
};

TempDir* StaffJourney::dir_ = nullptr;
Service* StaffJourney::station_ = nullptr;
std::map<std::string, Person> StaffJourney::people_;
json StaffJourney::arrival_;

// No PIN digits are ever spoken, only counted (S6).
void expect_no_pin_spoken(const std::vector<json>& log, const std::vector<std::string>& pins) {
  for (const auto& f : log)
    for (const auto& u : f["speech"])
      for (const auto& pin : pins) EXPECT_EQ(u["text"].get<std::string>().find(pin), std::string::npos) << u["text"];
}

TEST_F(StaffJourney, SignInWithTheForcedPinChangeByTaps) {
  // A wrong PIN first, then the right one; the new PIN: a too simple one is refused with the
  // reason, then a good one; finally sign out.
  std::vector<json> s = {tap("staff.name.desk"), type("864200"), tap("keypad.ok"), type("246813"), tap("keypad.ok"),
                         type("123456"), tap("keypad.ok"), type("123456"), tap("keypad.ok"),
                         type("864213"), tap("keypad.ok"), type("864213"), tap("keypad.ok"),
                         {{"screenshot", "staff_home.png"}}, tap("staff.sign_out")};
  auto log = kiosk("signin_taps", s);
  auto sc = screens(log);
  for (const char* want : {"staff.sign_in", "staff.pin", "staff.pin_new", "staff.pin_repeat", "staff.home"})
    EXPECT_TRUE(sc.count(want)) << want;
  EXPECT_TRUE(spoke(log, "用户名或密码不正确"));  // the station's words, said at the field (S10)
  EXPECT_TRUE(spoke(log, "新密码太简单"));
  EXPECT_TRUE(spoke(log, "新密码已设置好"));
  EXPECT_TRUE(spoke(log, "工作台 · 王芳"));
  EXPECT_TRUE(spoke(log, "第6位已输入"));
  expect_no_pin_spoken(log, {"864200", "246813", "123456", "864213"});
  EXPECT_EQ(log.back()["screen"], "staff.sign_in");
  EXPECT_TRUE(spoke(log, "已退出登录"));
  // The new PIN works at the station (and the old one does not).
  httplib::Client c("127.0.0.1", station_->port);
  auto r = c.Post("/api/v1/staff/login", json{{"username", "desk"}, {"pin", "864213"}}.dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_FALSE(json::parse(r->body)["staff"]["must_change_pin"].get<bool>());
}

TEST_F(StaffJourney, CheckInAnArrivalAndPrintTheQueueSlipByKeys) {
  // Keys only: Tab to "zhang" (names sorted: desk, zhang), digits on the keypad, Enter.
  std::vector<json> s = {key("Tab"), key("Return")};
  for (char d : std::string(kPin)) s.push_back(key(std::string("Keypad ") + d));
  add(&s, {key("Return"),                       // signed in: staff home, first item "today"
           key("Return"),                       // today's appointments: the arrival is the first
           key("Return"),                       // the appointment: first action is check-in
           {{"screenshot", "staff_appt.png"}},
           key("Return"), {{"wait_ms", 200}},  // checked in: the focus moves on to "print"
           key("Return"),                       // print the queue slip
           {{"wait_ms", 300}}});
  auto log = kiosk("checkin_keys", s);
  auto sc = screens(log);
  for (const char* want : {"staff.home", "staff.appointments", "staff.appointment"}) EXPECT_TRUE(sc.count(want)) << want;
  EXPECT_TRUE(spoke(log, "已签到"));
  EXPECT_TRUE(spoke(log, "打印凭条，按钮"));  // where the focus went is said (round 10: "打印排队单" before, five actions in one row on 1024×600)
  EXPECT_TRUE(ever_shown(log, arrival_["ticket"].get<std::string>()));
  // Checked in at the station.
  httplib::Client c("127.0.0.1", station_->port);
  auto lr = c.Post("/api/v1/appointments/lookup",
                   json{{"id_number", people_["renewal_due"].id}, {"phone_last4", people_["renewal_due"].phone4}}.dump(),
                   "application/json");
  ASSERT_TRUE(lr && lr->status == 200);
  bool checked_in = false;
  const json mine = json::parse(lr->body);
  for (const auto& a : mine["appointments"]) checked_in |= a["status"] == "checked_in";
  EXPECT_TRUE(checked_in) << lr->body;
  // The printed queue slip: ESC/POS with a QR code, masked name only, never the ID number.
  std::string slip = read_file(dir_->file("checkin_keys.printer"));
  ASSERT_GT(slip.size(), 200u) << "queue slip not printed";
  EXPECT_NE(slip.find("\x1d\x76\x30"), std::string::npos);
  EXPECT_EQ(slip.find(people_["renewal_due"].id), std::string::npos);
  EXPECT_EQ(slip.find(people_["renewal_due"].id.substr(6, 8)), std::string::npos);
  EXPECT_TRUE(spoke(log, "排队单"));
}

TEST_F(StaffJourney, WalkInBookingsForARegisteredAndANewResidentByTaps) {
  const Person& p = people_["no_certificate"];
  const std::string today = station_day(), fresh = journey::new_id("11010519771010456");
  std::vector<json> s = sign_in("zhang");
  // Registered: find by ID, the masked card, book a first assessment for today, print.
  add(&s, {tap("staff.book"), type(p.id), tap("keypad.ok"), tap("staff.kind.first_assessment"), tap("staff.day." + today),
           {{"screenshot", "staff_book_confirm.png"}}, tap("staff.book.yes"), tap("staff.booked.print"), {{"wait_ms", 300}},
           tap("staff.booked.done")});
  // Not registered here: phone number on the keypad, the name typed on a keyboard.
  add(&s, {tap("staff.book"), type(fresh), tap("keypad.ok"), tap("staff.register_book"),
           tap("staff.kind.first_assessment"), tap("staff.day." + today), type("13700001111"), tap("keypad.ok"),
           type("张三丰"), tap("staff.name.next"), {{"screenshot", "staff_book_new_confirm.png"}}, tap("staff.book.yes")});
  auto log = kiosk("walkin_taps", s);
  auto sc = screens(log);
  for (const char* want : {"staff.find", "staff.book_kind", "staff.book_day", "staff.book_confirm", "staff.booked",
                           "staff.not_registered", "staff.book_phone", "staff.book_name"})
    EXPECT_TRUE(sc.count(want)) << want;
  EXPECT_EQ(log.back()["screen"], "staff.booked");
  EXPECT_TRUE(ever_shown(log, "张三丰"));
  EXPECT_TRUE(ever_shown(log, "137 0000 1111"));
  EXPECT_GT(read_file(dir_->file("walkin_taps.printer")).size(), 200u);
  // Both are booked at the station: the new resident is registered with the name typed.
  httplib::Client c("127.0.0.1", station_->port);
  auto r = c.Post("/api/v1/appointments/lookup", json{{"id_number", fresh}, {"phone_last4", "1111"}}.dump(),
                  "application/json");
  ASSERT_TRUE(r && r->status == 200) << (r ? r->body : "");
  EXPECT_EQ(json::parse(r->body)["appointments"].size(), 1u);
  r = c.Post("/api/v1/appointments/lookup", json{{"id_number", p.id}, {"phone_last4", p.phone4}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  EXPECT_EQ(json::parse(r->body)["appointments"][0]["date"], today);
}

// A home visit for a resident not registered here, its address step heard by keys: the screen
// counts its two choices and each says the same total; the address field has no position
// (the a11y log's speech: "共2项可以选择", then "第1项，共3项" for the first, before staff8).
TEST_F(StaffJourney, TheHomeVisitAddressStepSaysOneCountOfItsChoices) {
  const std::string today = station_day(), fresh = journey::new_id("11010519660606789");
  std::vector<json> s = sign_in("zhang");
  add(&s, {tap("staff.book"), type(fresh), tap("keypad.ok"), tap("staff.register_book"),
           tap("staff.kind.home_assessment"), tap("staff.day." + today), type("13700002222"), tap("keypad.ok"),
           tap("staff.name.later"), {{"wait_ms", 200}}, key("Tab"), {{"wait_ms", 200}}, key("Up"), {{"wait_ms", 200}}});
  auto log = kiosk("address_keys", s);
  std::vector<json> here;  // the address step's frames
  for (const auto& f : log)
    if (f["screen"] == "staff.book_address") here.push_back(f);
  ASSERT_FALSE(here.empty());
  EXPECT_TRUE(spoke(here, "共2项可以选择"));
  EXPECT_TRUE(spoke(here, "户籍登记地址（电话核实），按钮，第1项，共2项"));
  EXPECT_TRUE(spoke(here, "下一步，按钮，第2项，共2项"));
  EXPECT_FALSE(spoke(here, "共3项"));
  std::string focused;
  for (const auto& w : log.back()["widgets"])
    if (w.value("focused", false)) focused = w.value("id", "");
  EXPECT_EQ(focused, "input.address");  // Up from the choices: the field, read with no position
}

TEST_F(StaffJourney, RegisterAnApplicationForAGuardianByTaps) {
  const Person& p = people_["subsidies"];
  std::vector<json> s = sign_in("zhang");
  add(&s, {tap("staff.find"), type(p.id), tap("keypad.ok"), {{"screenshot", "staff_resident.png"}},
           tap("staff.reveal"), tap("staff.reveal.reason.0"), {{"screenshot", "staff_revealed.png"}},
           tap("staff.reveal.hide"), tap("staff.resident.apply"), tap("staff.item.day_care"),
           tap("staff.applicant.guardian"), type("李四"), tap("staff.name.next"), type("13900002222"), tap("keypad.ok"),
           {{"screenshot", "staff_apply_confirm.png"}}, tap("staff.apply.yes"), {{"wait_ms", 200}}});
  auto log = kiosk("apply_taps", s);
  auto sc = screens(log);
  for (const char* want : {"staff.resident", "staff.reveal_reason", "staff.apply_item", "staff.applicant",
                           "staff.agent_name", "staff.agent_phone", "staff.apply_confirm"})
    EXPECT_TRUE(sc.count(want)) << want;
  EXPECT_TRUE(spoke(log, "申请已登记"));
  EXPECT_EQ(log.back()["screen"], "staff.resident");
  // At the station: a day-care application, applied for by a guardian (name and phone sealed).
  httplib::Client c("127.0.0.1", station_->port);
  auto r = c.Post("/api/v1/staff/login", json{{"username", "zhang"}, {"pin", kPin}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  httplib::Headers h = {{"Authorization", "Bearer " + json::parse(r->body)["token"].get<std::string>()}};
  r = c.Post("/api/v1/staff/residents/search", h, json{{"id_number", p.id}}.dump(), "application/json");
  ASSERT_TRUE(r && r->status == 200);
  const json found = json::parse(r->body);
  r = c.Get(("/api/v1/staff/residents/" + std::to_string(found["residents"][0]["id"].get<long>())).c_str(), h);
  ASSERT_TRUE(r && r->status == 200);
  const json card = json::parse(r->body);
  bool day_care = false;
  for (const auto& a : card["resident"]["applications"])
    day_care |= a["programme"] == "day_care" && a["status"] == "applied" && a["agent_relation"] == "guardian";
  EXPECT_TRUE(day_care) << card.dump();
  // The reveal showed the full ID number on screen, but it was never spoken.
  EXPECT_TRUE(ever_shown(log, p.id));
  for (const auto& f : log)
    for (const auto& u : f["speech"]) EXPECT_EQ(u["text"].get<std::string>().find(p.id), std::string::npos);
  EXPECT_FALSE(shown(log.back(), p.id));  // hidden again
  EXPECT_TRUE(spoke(log, "不会朗读"));
}

TEST_F(StaffJourney, ACallFromAResidentKioskIsSeenAndHeardWithinTwoSecondsAndAcknowledged) {
  // The staff PC signs in and waits on its home screen; a resident kiosk (a second process)
  // calls for staff; the staff PC shows and says it, and acknowledges it; the resident's kiosk
  // then says that staff are coming.
  std::vector<json> staff = sign_in("zhang");
  add(&staff, {{{"wait_for", "staff.call_banner"}}, {{"screenshot", "staff_call_banner.png"}}, tap("nav.calls"),
               {{"screenshot", "staff_calls.png"}}, tap("我去处理"), {{"wait_ms", 300}}});
  write_script(dir_->file("calls_staff.script.jsonl"), staff);
  Process staff_pc = Process::start(argv_for("calls_staff", "staff", ""), dir_->file("calls_staff.out"),
                                    {{"SDL_VIDEODRIVER", "offscreen"}, {"SDL_AUDIODRIVER", "dummy"}});
  // Wait for the staff home screen before the resident calls.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool home = false;
  while (!home && std::chrono::steady_clock::now() < deadline) {
    for (const auto& f : read_log(dir_->file("calls_staff.a11y.jsonl"))) home |= f["screen"] == "staff.home";
    if (!home) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(home) << read_file(dir_->file("calls_staff.out"));
  // Each side waits for what the other does, however long the machine takes to start it.
  auto resident = kiosk("kiosk_r1", {tap("nav.call_staff"), {{"wait_for", "工作人员已收到呼叫，正在过来。"}}, {{"wait_ms", 300}}},
                        "resident");
  EXPECT_EQ(staff_pc.wait(std::chrono::seconds(30)), 0) << read_file(dir_->file("calls_staff.out"));
  auto log = read_log(dir_->file("calls_staff.a11y.jsonl"));
  check_log("calls_staff", log);
  // When the call was made (the resident's kiosk shows "staff have been called") …
  long called = 0;
  for (const auto& f : resident)
    if (!called && shown(f, "已通知工作人员")) called = f["t_ms"];
  ASSERT_GT(called, 0);
  // … and when the staff PC showed it, with the chime's words in the same frame (H1).
  long seen = 0;
  for (const auto& f : log)
    if (!seen && shown(f, "kiosk_r1") && shown(f, "1个呼叫在等工作人员")) {
      seen = f["t_ms"];
      bool heard = false;
      for (const auto& u : f["speech"]) heard |= u["text"].get<std::string>().find("有居民呼叫工作人员：kiosk_r1") != std::string::npos;
      EXPECT_TRUE(heard) << f.dump();
    }
  ASSERT_GT(seen, 0) << "the call never showed on the staff PC";
  EXPECT_LT(seen - called, 2000) << "call shown after " << (seen - called) << " ms";
  EXPECT_TRUE(screens(log).count("staff.calls"));
  EXPECT_TRUE(spoke(log, "工作人员正在过来"));
  EXPECT_TRUE(spoke(resident, "工作人员已收到呼叫"));
}

TEST_F(StaffJourney, IdleWarningBeforeTheSessionEndsThenSignOut) {
  // 500 quiet seconds (virtual clock): the warning, shown and spoken; one key extends (and tells
  // the station); then 500 + 60 more: signed out, back at the sign-in, and it says why.
  std::vector<json> s = sign_in("zhang");
  add(&s, {{{"advance_s", 501}}, {{"wait_ms", 100}}, {{"screenshot", "staff_idle_warning.png"}}, key("Down"),
           {{"wait_ms", 100}}, {{"advance_s", 501}}, {{"wait_ms", 100}}, {{"advance_s", 61}}, {{"wait_ms", 200}}});
  auto log = kiosk("idle_staff", s);
  int warnings = 0;
  for (const auto& f : log)
    for (const auto& w : f["widgets"]) warnings += w["id"] == "idle.warning" && f["speech"].size() > 0;
  EXPECT_GE(warnings, 2);
  EXPECT_TRUE(spoke(log, "秒后将自动退出登录"));
  EXPECT_TRUE(spoke(log, "长时间没有操作，已自动退出登录"));
  EXPECT_EQ(log.back()["screen"], "staff.sign_in");
  std::string station_log = read_file(dir_->file("stationd.log"));
  EXPECT_NE(station_log.find("POST /api/v1/staff/session"), std::string::npos);  // the key extended it there too
  EXPECT_NE(station_log.find("POST /api/v1/staff/logout"), std::string::npos);
}

TEST_F(StaffJourney, StaffSignInFromTheResidentKioskSettings) {
  // No hidden gesture: Settings → "Staff sign-in"; signing out gives the kiosk back to residents.
  // (tap_find: the settings fit one page on some panels, two on others)
  std::vector<json> s = {tap("home.settings"), {{"tap_find", "settings.staff_sign_in"}}};
  add(&s, sign_in("zhang"));
  add(&s, {tap("staff.today"), tap("nav.home"), tap("staff.sign_out")});
  auto log = kiosk("from_settings", s, "resident");
  EXPECT_TRUE(screens(log).count("staff.home"));
  EXPECT_EQ(log.back()["screen"], "home");
  EXPECT_TRUE(spoke(log, "已退出登录"));
}

}  // namespace
