// Behaviour of the kiosk controller on the pure core: service down, idle reset (T1/T2), secret
// digits (S6), consent before personal speech (S7), languages (S9), errors (S10), call staff (H1).
#include "harness.h"

using namespace tx;
using namespace tx::testing;

namespace {

void to_phone_step(KioskHarness& k, const std::string& start) {
  k.tap_find(start);
  k.type(kId);
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "identity.phone");
}

TEST(App, EveryScreenIsAnnouncedWithTitleHintAndChoices) {
  KioskHarness k;
  k.serve();  // (home is announced once the station has answered: HomeIsAnnouncedOnce…)
  k.frame();
  ASSERT_FALSE(k.spoken.empty());
  EXPECT_NE(k.spoken[0].text.find("同行"), std::string::npos);
  EXPECT_NE(k.spoken[0].text.find("共6项可以选择"), std::string::npos);
  k.key("Down");
  EXPECT_NE(k.spoken.back().text.find("第3项，共6项"), std::string::npos) << k.spoken.back().text;
}

TEST(App, ServiceDownShowsRetryAndKeepsInput) {
  KioskHarness k;
  to_phone_step(k, "home.subsidy");
  k.type("0147");
  k.down = true;
  k.tap("keypad.ok");
  ASSERT_TRUE(k.widget("error.retry"));
  EXPECT_TRUE(k.said("连不上"));
  EXPECT_EQ(k.app->session().id_input, kId);  // nothing the resident typed is lost
  EXPECT_EQ(k.app->session().phone_input, "0147");
  EXPECT_EQ(k.app->focused(), "error.retry");
  k.down = false;
  size_t before = k.requests.size();
  k.key("Return");  // Enter on the focused Retry
  ASSERT_GT(k.requests.size(), before);
  EXPECT_EQ(k.requests[before].path, "/api/v1/residents/verify");
  EXPECT_EQ(k.requests[before].body["phone_last4"], "0147");
  EXPECT_EQ(k.screen(), "subsidy.consent");
}

TEST(App, IdleWarningThenResetWipesPersonalDataAndSettings) {
  KioskHarness k;
  k.tap("home.settings");
  k.tap("settings.theme.black_on_white");
  k.tap("settings.text.2");
  k.tap("nav.home");
  to_phone_step(k, "home.subsidy");
  k.type("0147");
  k.tap_find("keypad.ok");
  k.tap_find("consent.yes");
  ASSERT_EQ(k.screen(), "subsidy.status");
  const auto& pol = k.app->config().idle;
  k.clock.advance(pol.idle_s + 0.5);
  k.frame();
  ASSERT_TRUE(k.app->idle_warning());
  EXPECT_GE(k.app->idle_seconds_left(), 20);  // T1
  ASSERT_TRUE(k.widget("idle.warning"));
  EXPECT_TRUE(k.said("秒后将回到首页"));
  k.clock.advance(pol.warning_s + 1);
  k.frame();
  EXPECT_EQ(k.screen(), "home");
  EXPECT_TRUE(k.app->settings() == Settings{});  // T2: defaults restored
  EXPECT_TRUE(k.app->session().id_input.empty());
  EXPECT_TRUE(k.app->session().subsidies.is_null());
  for (const auto& w : k.app->ui().widgets()) {
    EXPECT_EQ(w.label.find("290"), std::string::npos) << w.id;
    EXPECT_EQ(w.label.find("0147"), std::string::npos) << w.id;
    EXPECT_EQ(w.label.find("7810"), std::string::npos) << w.id;
  }
}

TEST(App, OneActionExtendsTheSession) {
  KioskHarness k;
  k.tap("home.jobs");
  k.clock.advance(k.app->config().idle.idle_s + 1);
  k.frame();
  ASSERT_TRUE(k.app->idle_warning());
  k.key("Down");
  EXPECT_FALSE(k.app->idle_warning());
  EXPECT_EQ(k.screen(), "jobs.list");
}

TEST(App, SpeechModeGetsMoreTime) {
  KioskHarness k;
  k.key("Down");  // keys used: speech mode
  k.key("Return");
  ASSERT_NE(k.screen(), "home");
  k.clock.advance(k.app->config().idle.idle_s + 1);
  k.frame();
  EXPECT_FALSE(k.app->idle_warning());
}

TEST(App, SecretDigitsAreNeverSpoken) {
  KioskHarness k;
  to_phone_step(k, "home.subsidy");
  size_t from = k.spoken.size();
  k.type("0147");
  ASSERT_EQ(k.spoken.size() - from, 4u);
  for (size_t i = from; i < k.spoken.size(); ++i)
    EXPECT_EQ(k.spoken[i].text, "第" + std::to_string(i - from + 1) + "位已输入");
  EXPECT_TRUE(k.said("第4位已输入"));
  // Nor are the ID digits, nor the ID on any later screen.
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find("1207810"), std::string::npos) << u.text;
}

TEST(App, TodayIsTheStationsDateOnceTheStationHasSaidItsZone) {
  KioskHarness k;
  EXPECT_EQ(k.today_asked_with, std::nullopt);  // before the station has answered
  k.tap("home.appointment");
  ASSERT_FALSE(k.app->station_name().empty());  // GET /api/v1/station has answered
  k.tap("kind.renewal");  // the next frame with something to do asks again
  EXPECT_EQ(k.today_asked_with, 480);
}

TEST(App, TurningAPageNeverReadsTheTypedIdNumber) {
  Settings s;
  s.text_step = 2;
  KioskHarness k(s, 1280, 1024);
  k.tap_find("home.subsidy");
  k.type("110105194912");
  ASSERT_EQ(k.screen(), "identity.id_number");
  // (the step is never split any more: the page keys only say there is no other page)
  EXPECT_EQ(k.app->ui().page_count(), 1);
  size_t from = k.spoken.size();
  k.key("PageDown");
  k.key("PageUp");
  ASSERT_GT(k.spoken.size(), from);
  for (size_t i = from; i < k.spoken.size(); ++i) EXPECT_EQ(k.spoken[i].text.find("1949"), std::string::npos) << k.spoken[i].text;
}

TEST(App, EraseKeyAndOnScreenEraseRemoveOneCharacterAndSayWhatIsLeft) {
  KioskHarness k;
  k.tap("home.subsidy");
  k.type("1101");
  k.key("Backspace");
  EXPECT_EQ(k.app->session().id_input, "110");
  EXPECT_TRUE(k.said("已删除一位，还有3位"));
  k.tap("keypad.erase");
  EXPECT_EQ(k.app->session().id_input, "11");
  EXPECT_TRUE(k.said("已删除一位，还有2位"));
}

TEST(App, PersonalDetailsSpokenOnlyAfterConsent) {
  for (bool yes : {false, true}) {
    KioskHarness k;
    to_phone_step(k, "home.subsidy");
    k.type("0147");
    k.tap("keypad.ok");
    k.tap(yes ? "consent.yes" : "consent.no");
    ASSERT_EQ(k.screen(), "subsidy.status");
    EXPECT_EQ(k.said("290"), yes);
    EXPECT_EQ(k.said("没有读出来"), !yes);
    bool shown = false;
    for (const auto& w : k.app->ui().widgets()) shown |= w.label.find("290") != std::string::npos;
    EXPECT_TRUE(shown);  // always shown on screen
  }
}

TEST(App, IdErrorsSayWhichFieldWhatAndHow) {
  KioskHarness k;
  k.tap("home.subsidy");
  k.type("11010519491231002");
  k.tap("keypad.ok");
  EXPECT_EQ(k.screen(), "identity.id_number");
  EXPECT_TRUE(k.said("只输入了17位"));
  k.type("1");
  k.clock.advance(1);
  k.tap("keypad.ok");
  EXPECT_TRUE(k.said("有一位输错了"));
  ASSERT_TRUE(k.widget("field.error"));
}

TEST(App, WrongPhoneDigitsExplainedAndCleared) {
  KioskHarness k;
  to_phone_step(k, "home.subsidy");
  k.type("9999");
  // The station answers 401 verification_failed.
  k.app->key("Return");
  k.frame();
  ASSERT_EQ(k.http.sent.size(), 1u);
  k.http.answer(HttpResponse{401, J(R"({"error":{"code":"verification_failed","message_zh":"身份证号或手机号后四位不对","message_en":"ID number or phone digits do not match"}})"), ""});
  k.frame();
  EXPECT_EQ(k.screen(), "identity.phone");
  EXPECT_TRUE(k.said("手机号后四位不对"));
  EXPECT_TRUE(k.app->session().phone_input.empty());
}

TEST(App, LanguageOptionsAreSpokenInTheirOwnLanguage) {
  KioskHarness k;
  k.tap("home.language");
  k.key("Right");
  ASSERT_EQ(k.app->focused(), "lang.yue");
  // The name in its own voice (S9), then role and position in the screen's language (S2).
  ASSERT_GE(k.spoken.size(), 2u);
  EXPECT_EQ(k.spoken[k.spoken.size() - 2].lang, SpeechLang::yue);
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::cmn);
  EXPECT_EQ(k.spoken.back().text, "选项，第2项，共3项");
  k.key("Right");
  EXPECT_EQ(k.spoken[k.spoken.size() - 2].lang, SpeechLang::en);
  EXPECT_EQ(k.spoken[k.spoken.size() - 2].text, "English");
  EXPECT_EQ(k.spoken.back().text, "选项，第3项，共3项");
  k.key("Return");
  EXPECT_EQ(k.app->settings().locale, Locale::en);
  k.tap("nav.home");
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::en);
  k.tap("home.language");
  k.tap("lang.yue");
  EXPECT_EQ(k.app->settings().locale, Locale::zh);
  EXPECT_TRUE(k.app->settings().cantonese);
  k.tap("nav.home");
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::yue);
  // Back on the language screen with Cantonese speech: the first option, 普通话, is said by the
  // Mandarin voice even when it is spoken after the screen's announcement.
  k.tap("home.language");
  ASSERT_EQ(k.app->focused(), "lang.zh");
  bool mandarin_name = false;
  for (const auto& u : k.spoken)
    if (u.text == "普通话") mandarin_name = u.lang == SpeechLang::cmn;
  EXPECT_TRUE(mandarin_name);
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::yue);
}

TEST(App, HomeBackCallStaffSameKeysEverywhere) {
  KioskHarness k;
  k.tap("home.jobs");
  k.key("F12");
  EXPECT_EQ(k.screen(), "call_staff");
  EXPECT_TRUE(k.said("已通知工作人员"));
  ASSERT_TRUE(k.widget("call.banner"));
  EXPECT_EQ(k.widget("call.banner")->role, Role::banner);
  k.key("Escape");
  EXPECT_EQ(k.screen(), "jobs.list");
  k.key("Home");
  EXPECT_EQ(k.screen(), "home");
  // The nav bar is identical (same ids, same rectangles) on every screen.
  auto nav_rects = [&] {
    std::vector<Rect> r;
    for (const auto& w : k.app->ui().widgets())
      if (w.group == Group::nav) r.push_back(w.rect);
    return r;
  };
  auto home_nav = nav_rects();
  k.tap("home.subsidy");
  auto other = nav_rects();
  ASSERT_EQ(home_nav.size(), 4u);
  ASSERT_EQ(other.size(), 4u);
  for (size_t i = 0; i < 4; ++i) EXPECT_EQ(home_nav[i].x, other[i].x);
}

TEST(App, VolumeAndRateStepsAreAnnounced) {
  KioskHarness k;
  k.key("Keypad +");
  EXPECT_TRUE(k.said("音量：第6档"));
  k.key("]");
  EXPECT_TRUE(k.said("语速：第4档"));
}

TEST(App, SwitchScanningStepsAndSelects) {
  KioskHarness k;
  k.tap("home.settings");
  k.tap_find("settings.scanning");
  ASSERT_TRUE(k.app->settings().scanning);
  k.tap("nav.home");
  std::string first = k.app->focused();
  k.clock.advance(kScanSteps[k.app->settings().scan_step] + 0.01);
  k.frame();
  EXPECT_NE(k.app->focused(), first);
  std::string target = k.app->focused();
  k.key("Space");
  EXPECT_NE(k.screen(), "home") << target;
}

TEST(App, PagesNeverCutContentAndFocusFollows) {
  Settings s;
  s.text_step = 2;
  // (at 2× the kinds fit one page on every panel now, Ui::fit_pages, and the slip too since
  // round 9; the jobs, a list, still page on a 1366×768 panel)
  KioskHarness k(s, 1366, 768);
  k.tap_find("home.jobs");
  ASSERT_EQ(k.screen(), "jobs.list");
  ASSERT_GT(k.app->ui().page_count(), 1);
  k.key("PageDown");
  EXPECT_EQ(k.app->ui().page(), 1);
  EXPECT_TRUE(k.said("第2页"));
}

// A returning resident books a first assessment by taps, up to the slip.
void book_returning(KioskHarness& k) {
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  k.tap("day.2026-12-15");
  k.type(kId);
  k.tap("keypad.ok");
  k.tap("returning.yes");
  k.type("0147");
  k.tap("keypad.ok");
  k.tap("confirm.book");
  ASSERT_EQ(k.screen(), "appointment.slip");
}

TEST(App, SlipIsPrintedThroughTheHook) {
  KioskHarness k;
  std::string bytes, path;
  k.app->print_hook = [&](std::string b, std::string p) {
    bytes = b;
    path = p;
    k.app->finish_print(true, "");
  };
  book_returning(k);
  if (HasFatalFailure()) return;
  EXPECT_TRUE(k.said("A012"));
  k.tap("slip.print");
  k.frame();
  EXPECT_FALSE(bytes.empty());
  EXPECT_EQ(path, "/dev/usb/lp0");
  EXPECT_TRUE(k.said("已打印"));
}

}  // namespace

namespace {

// Issue 12 point 5, round 14: home was announced at start as "同行 · 残疾人服务站" before the
// station's name came, and its title then said "同行 · 示例社区残疾人服务站". Home now waits for
// GET /station: announced once, with the name; a station that does not answer, without it.
TEST(App, HomeIsAnnouncedOnceAfterTheStationsNameHasCome) {
  auto home_said = [](const KioskHarness& k) {
    int n = 0;
    for (const auto& u : k.spoken) n += u.text.find("请选择要办的事") != std::string::npos;
    return n;
  };
  KioskHarness k;
  k.frame();
  EXPECT_EQ(home_said(k), 0) << "not before the station's name";
  const std::string first = k.app->focused();
  k.app->key("Tab");  // (not k.key: that answers the station too)
  k.frame();
  EXPECT_NE(k.app->focused(), first) << "its controls take keys meanwhile";
  EXPECT_EQ(home_said(k), 0);
  k.http.answer(HttpResponse{200, J(R"({"station":{"name":"示例社区残疾人服务站","name_en":"Demo Station"}})"), ""});
  k.frame();
  k.frame();
  EXPECT_EQ(home_said(k), 1);
  EXPECT_TRUE(k.said("同行 · 示例社区残疾人服务站。请选择要办的事"));
  EXPECT_FALSE(k.said("同行 · 残疾人服务站。"));

  KioskHarness down;
  down.down = true;
  down.serve();
  down.frame();
  down.frame();
  EXPECT_EQ(home_said(down), 1) << "a station that does not answer: home is announced all the same";
}

TEST(App, StationNameAndOperationsReport) {
  KioskHarness k;
  ASSERT_FALSE(k.http.sent.empty());
  EXPECT_EQ(k.http.sent.front().second.path, "/api/v1/station");
  k.http.answer(HttpResponse{200, J(R"({"station":{"name":"示例社区残疾人服务站","name_en":"Demo Station"}})"), ""});
  k.frame();
  EXPECT_EQ(k.widget("screen.title")->label, "同行 · 示例社区残疾人服务站");
  k.key("Down");
  k.clock.advance(61);
  k.frame();
  ASSERT_FALSE(k.http.sent.empty());
  const auto& r = k.http.sent.back().second;
  EXPECT_EQ(r.path, "/api/v1/kiosk/report");
  EXPECT_EQ(r.body["boot_id"].get<std::string>().size(), 16u);
  EXPECT_GE(r.body["speech_utterances"]["cmn"].get<long>(), 2);
  EXPECT_EQ(r.body["sessions"], 1);
  // A failed report is silent: no service-down banner.
  k.down = true;
  k.serve();
  EXPECT_FALSE(k.app->error().active);
}

}  // namespace

// ---------------------------------------------------------------- staff mode and first-timers
namespace {

// Signs in from the settings of a resident kiosk (the fake station: PIN already chosen).
void staff_sign_in(KioskHarness& k) {
  k.open_staff_pin();
  k.type("975318");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
}

TEST(Staff, PinDigitsAreNeitherShownNorSpokenAndTheTokenGoesWithEveryRequest) {
  KioskHarness k;
  k.open_staff_pin();
  k.type("975318");
  for (const auto& w : k.app->ui().widgets()) EXPECT_EQ(w.label.find("975318"), std::string::npos) << w.id;
  ASSERT_TRUE(k.widget("input.pin"));
  EXPECT_NE(k.widget("input.pin")->label.find("● ● ● ● ● ●"), std::string::npos);
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find("975318"), std::string::npos) << u.text;
  EXPECT_TRUE(k.said("第6位已输入"));
  EXPECT_TRUE(k.app->session().id_input.empty());  // nothing of a resident stays (T2)
  k.tap("staff.today");
  const HttpRequest& r = k.requests.back();
  ASSERT_EQ(r.path.rfind("/api/v1/staff/", 0), 0u);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].second, "Bearer " + std::string(64, 'a'));
}

TEST(Staff, ACallIsShownHeardAndChimedOnceOnEveryStaffScreen) {
  KioskHarness k;
  staff_sign_in(k);
  // The first poll (answered by the fake station) brought an open call from kiosk-2.
  ASSERT_TRUE(k.widget("staff.call_banner"));
  EXPECT_EQ(k.widget("staff.call_banner")->role, Role::banner);
  EXPECT_NE(k.widget("staff.call_banner")->label.find("kiosk-2"), std::string::npos);
  EXPECT_TRUE(k.said("有居民呼叫工作人员：kiosk-2"));
  EXPECT_EQ(k.speech.chimes, 1);
  EXPECT_EQ(k.app->open_calls(), 1);
  // The same call in the next answers: no new alert, the banner stays on other screens.
  k.tap("staff.today");
  k.clock.advance(2);
  k.frame();
  k.serve();
  EXPECT_EQ(k.speech.chimes, 1);
  ASSERT_TRUE(k.widget("staff.call_banner"));
  // F12 (the call-staff key) opens the calls; acknowledging says who is going where.
  k.key("F12");
  ASSERT_EQ(k.screen(), "staff.calls");
  k.tap("staff.call.12.ack");
  EXPECT_TRUE(k.said("工作人员正在过来"));
}

// One count of the choices (issue 12 point 5): the home visit's address step announces the two
// a person acts on (the registered address, next) and its controls say the same total; the
// address field is read as a field, with no position (it said "共2项" then "第1项，共3项").
TEST(Staff, TheAddressStepCountsItsTwoChoicesOnceTheSameWayWhenAnnouncedAndFocused) {
  KioskHarness k;
  staff_sign_in(k);
  k.tap("staff.book");
  k.type(kNewId);
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.not_registered");
  k.tap("staff.register_book");
  k.tap_find("staff.kind.home_assessment");
  k.tap_find("staff.day.2026-12-15");
  k.type("13800138000");
  k.tap("keypad.ok");
  k.tap("staff.name.later");
  ASSERT_EQ(k.screen(), "staff.book_address");
  ASSERT_GE(k.spoken.size(), 2u);
  const std::string announced = k.spoken[k.spoken.size() - 2].text, first = k.spoken.back().text;
  EXPECT_NE(announced.find("共2项可以选择"), std::string::npos) << announced;
  EXPECT_NE(first.find("户籍"), std::string::npos) << first;
  EXPECT_NE(first.find("第1项，共2项"), std::string::npos) << first;
  k.key("Tab");
  EXPECT_EQ(k.app->focused(), "staff.address.next");
  EXPECT_NE(k.spoken.back().text.find("第2项，共2项"), std::string::npos) << k.spoken.back().text;
  k.key("Up");
  EXPECT_EQ(k.app->focused(), "input.address");
  EXPECT_EQ(k.spoken.back().text.find("项，共"), std::string::npos) << k.spoken.back().text;
}

TEST(Staff, TheLongPollIsNeverBusyAndNeverBlocksTheScript) {
  KioskHarness k;
  staff_sign_in(k);
  k.clock.advance(1);
  k.frame();  // a new poll goes out; nobody answers it
  bool polling = false;
  for (const auto& [id, r] : k.http.sent) polling |= r.path.rfind("/api/v1/staff/calls?", 0) == 0;
  ASSERT_TRUE(polling);
  EXPECT_NE(k.http.sent.front().second.path.find("wait_s=20"), std::string::npos);
  EXPECT_FALSE(k.app->busy());
}

TEST(Staff, RevealIsShownBrieflyNeverSpokenAndGoneWithTheScreen) {
  KioskHarness k;
  staff_sign_in(k);
  k.tap("staff.find");
  k.type(kId);
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.resident");
  k.tap("staff.reveal");
  k.tap("staff.reveal.reason.1");
  ASSERT_EQ(k.screen(), "staff.resident");
  ASSERT_TRUE(k.widget("staff.reveal.values"));
  EXPECT_NE(k.widget("staff.reveal.values")->label.find(kId), std::string::npos);
  EXPECT_EQ(k.app->focused(), "staff.reveal.hide");
  for (const auto& u : k.spoken) {
    EXPECT_EQ(u.text.find(kId), std::string::npos) << u.text;
    EXPECT_EQ(u.text.find("13800000147"), std::string::npos) << u.text;
  }
  EXPECT_EQ(k.requests.back().body["reason"], "电话联系本人");  // the reason goes to the audit
  k.clock.advance(31);
  k.frame();
  EXPECT_FALSE(k.widget("staff.reveal.values"));
  EXPECT_TRUE(k.said("完整信息已隐藏"));
  // Revealed again, then any other screen: gone.
  k.tap("staff.reveal");
  k.tap("staff.reveal.reason.0");
  ASSERT_TRUE(k.widget("staff.reveal.values"));
  k.tap_find("staff.resident.apply");
  k.tap("nav.back");
  EXPECT_FALSE(k.widget("staff.reveal.values"));
  EXPECT_TRUE(k.app->staff().revealed.is_null());
}

TEST(Staff, KeysKeepTheStationSessionAliveAtMostTwiceAMinute) {
  KioskHarness k;
  staff_sign_in(k);
  auto touches = [&] {
    int n = 0;
    for (const auto& r : k.requests) n += r.path == "/api/v1/staff/session" && r.method == "POST";
    return n;
  };
  k.key("Down");
  EXPECT_EQ(touches(), 0);  // a request that counts as activity just went out (sign-in)
  k.clock.advance(45);
  k.key("Down");
  EXPECT_EQ(touches(), 1);
  k.key("Up");
  EXPECT_EQ(touches(), 1);
}

TEST(Staff, IdleWarningThenSignOutBeforeTheStationWould) {
  KioskHarness k;
  staff_sign_in(k);
  int timeout = k.app->staff().idle_timeout_s;
  k.clock.advance(timeout - 100 + 1);
  k.frame();
  ASSERT_TRUE(k.app->idle_warning());
  EXPECT_TRUE(k.said("秒后将自动退出登录"));
  EXPECT_GE(k.app->idle_seconds_left(), 20);  // T1
  k.clock.advance(61);
  k.frame();
  k.serve();
  EXPECT_FALSE(k.app->staff_signed_in());
  EXPECT_EQ(k.screen(), "home");  // a resident kiosk is given back to residents
  EXPECT_TRUE(k.said("长时间没有操作，已自动退出登录"));
  bool logout = false;
  for (const auto& r : k.requests) logout |= r.path == "/api/v1/staff/logout";
  EXPECT_TRUE(logout);
  EXPECT_TRUE(k.app->settings() == Settings{});
}

TEST(Staff, AnExpiredSessionAtTheStationSignsOutAndSaysWhy) {
  KioskHarness k;
  staff_sign_in(k);
  k.next_staff_error = R"({"error":{"code":"session_expired","message_zh":"超过10分钟没有操作","message_en":"expired"}})";
  k.next_staff_error_path = "/api/v1/staff/appointments?";
  k.next_staff_status = 401;
  k.tap("staff.today");
  EXPECT_FALSE(k.app->staff_signed_in());
  EXPECT_TRUE(k.said("登录已过期，请重新登录"));
}

TEST(Staff, WrongPinAndWeakNewPinAreSaidAtTheField) {
  KioskHarness k;
  k.must_change_pin = true;
  k.open_staff_pin();
  k.type("12345");
  k.tap("keypad.ok");
  EXPECT_TRUE(k.said("密码应为6到12位数字，现在输入了5位"));
  k.tap("keypad.clear2");
  k.type("246813");
  k.clock.advance(1);
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.pin_new");
  k.type("111111");
  k.clock.advance(1);
  k.tap("keypad.ok");
  k.type("222222");
  k.clock.advance(1);
  k.tap("keypad.ok");
  EXPECT_EQ(k.screen(), "staff.pin_new");
  EXPECT_TRUE(k.said("两次输入的新密码不一样"));
  ASSERT_TRUE(k.widget("field.error"));
  // Until the PIN is changed, the calls are not reachable and Home stays on the PIN screen.
  k.key("F12");
  EXPECT_EQ(k.screen(), "staff.pin_new");
  k.key("Home");
  EXPECT_EQ(k.screen(), "staff.pin_new");
}

TEST(Resident, FirstTimeQuestionOnlyForKindsAFirstTimerMayBook) {
  for (const char* kind : {"kind.renewal", "kind.first_assessment"}) {
    KioskHarness k;
    k.tap("home.appointment");
    k.tap_find(kind);
    k.tap_find("day.2026-12-15");
    k.type(kId);
    k.tap("keypad.ok");
    EXPECT_EQ(k.screen(), std::string(kind) == "kind.renewal" ? "identity.phone" : "identity.returning");
  }
}

TEST(Resident, FirstTimePhoneIsCheckedAndReadBackInGroups) {
  KioskHarness k;
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  k.tap("day.2026-12-15");
  k.type(kId);
  k.tap("keypad.ok");
  k.tap("returning.no");
  ASSERT_EQ(k.screen(), "identity.phone_full");
  k.type("2380013800");
  k.tap("keypad.ok");
  EXPECT_TRUE(k.said("电话号码不对"));
  k.tap("keypad.clear2");
  // A landline with its area code has 12 digits: the field counts them, promising no total.
  k.type("010123456789");
  EXPECT_TRUE(k.said("第12位已输入"));
  ASSERT_TRUE(k.widget("input.phone_full"));
  EXPECT_EQ(k.widget("input.phone_full")->speak, "已输入12位");
  k.tap("keypad.clear2");
  k.type("13800138000");
  k.clock.advance(1);
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "appointment.confirm");
  EXPECT_FALSE(k.said("1 3 8 ，"));  // read back only when asked for (S7)
  k.tap("confirm.read_phone");
  EXPECT_TRUE(k.said("手机号：1 3 8 ，0 0 1 3 ，8 0 0 0"));
  ASSERT_TRUE(k.widget("appt_confirm.details"));
  EXPECT_NE(k.widget("appt_confirm.details")->label.find("138 0013 8000"), std::string::npos);
  k.tap("confirm.book");
  // Booked with the ID and the whole number, without a name or last four digits.
  const HttpRequest& r = k.requests.back();
  EXPECT_EQ(r.path, "/api/v1/appointments");
  EXPECT_EQ(r.body["phone"], "13800138000");
  EXPECT_FALSE(r.body.contains("name"));
  EXPECT_FALSE(r.body.contains("phone_last4"));
  EXPECT_EQ(k.screen(), "appointment.slip");
  EXPECT_EQ(k.app->session().phone_input, "8000");  // "my appointments" needs no new identity step
}

}  // namespace

// Shift+Tab is a row of the one key table (M1): it moves focus back, where Tab moved it forward.
TEST(App, ShiftTabMovesFocusBack) {
  KioskHarness k;
  std::string first = k.app->focused();
  k.key("Tab");
  std::string second = k.app->focused();
  ASSERT_NE(second, first);
  k.key("Shift+Tab");
  EXPECT_EQ(k.app->focused(), first);
}

namespace {
// Staff screens meet a station that is down the way residents do: banner, retry, and the
// retry hint said once, with one full stop between the sentences.
TEST(Staff, ServiceDownIsSaidLikeTheResidentsScreens) {
  KioskHarness k;
  staff_sign_in(k);
  k.down = true;
  k.tap("staff.today");
  ASSERT_TRUE(k.app->error().active);
  ASSERT_TRUE(k.widget("error.retry"));
  EXPECT_TRUE(k.said("连不上"));
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find("。。"), std::string::npos) << u.text;
}
}  // namespace

// ---------------------------------------------------------------- speech rules (issue 12 point 5)
namespace {

// Every utterance that contains `needle` (a screen's title: its announcements).
std::vector<std::string> said_with(const KioskHarness& k, const std::string& needle) {
  std::vector<std::string> out;
  for (const auto& u : k.spoken)
    if (u.text.find(needle) != std::string::npos) out.push_back(u.text);
  return out;
}
// The announcements of a screen: utterances that begin with its title.
size_t announced(const KioskHarness& k, const std::string& title) {
  size_t n = 0;
  for (const auto& u : k.spoken) n += u.text.rfind(title, 0) == 0;
  return n;
}
std::string zh(const KioskHarness& k, const char* key) { return k.catalog.get(Locale::zh, key); }

void to_first_time_confirm(KioskHarness& k) {
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  k.tap("day.2026-12-15");
  k.type(kId);
  k.tap("keypad.ok");
  k.tap("returning.no");
  k.type("13800138000");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "appointment.confirm");
}

TEST(Speech, FirstTimersPhoneIsReadOnlyWhenAskedFor) {
  KioskHarness k;
  to_first_time_confirm(k);
  EXPECT_FALSE(k.said("1 3 8")) << "the whole number was read without consent (S7)";
  EXPECT_TRUE(k.said(zh(k, "appt_confirm.phone_on_screen")));
  k.tap("confirm.read_phone");
  EXPECT_TRUE(k.said("手机号：1 3 8 ，0 0 1 3 ，8 0 0 0"));
  EXPECT_FALSE(k.widget("confirm.read_phone"));  // asked once: the button has done its work
  EXPECT_EQ(k.app->focused(), "confirm.book");
}

TEST(Speech, AScreenWaitingForDataIsAnnouncedOnceWhenItArrives) {
  KioskHarness k;
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  ASSERT_EQ(k.screen(), "appointment.day");
  auto day = said_with(k, zh(k, "title.appt_day"));
  ASSERT_EQ(announced(k, zh(k, "title.appt_day")), 1u);
  ASSERT_FALSE(day.empty());
  EXPECT_NE(day[0].find("可以选择"), std::string::npos) << day[0];  // with its days, not before
  k.tap("nav.home");
  k.tap("home.jobs");
  ASSERT_EQ(k.screen(), "jobs.list");
  EXPECT_EQ(announced(k, zh(k, "title.jobs_list")), 1u);
  k.tap_find("job.60");
  ASSERT_EQ(k.screen(), "jobs.detail");
  auto detail = said_with(k, "软件测试工程师");
  size_t announcements = 0;
  for (const auto& s : detail) announcements += s.find("可以选择") != std::string::npos;
  EXPECT_EQ(announcements, 1u);
}

TEST(Speech, ChoicesCountChoicesNotKeypadKeys) {
  KioskHarness k;
  k.tap("home.subsidy");
  ASSERT_EQ(k.screen(), "identity.id_number");
  auto a = said_with(k, zh(k, "title.identity_id"));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.back().find("共15项"), std::string::npos) << a.back();
  EXPECT_EQ(a.back().find("可以选择"), std::string::npos) << a.back();  // a field and its keypad: no list
  // Nor the focused field's own words: "已输入0位，共18位，输入框", no "第1项，共15项" that counts
  // the keypad's keys (heard on the 1366×768 screenshots run).
  for (const auto& s : k.spoken)
    if (s.text.find(zh(k, "role.input")) != std::string::npos) {
      EXPECT_EQ(s.text.find("共15项"), std::string::npos) << s.text;
      EXPECT_EQ(s.text.find("第1项"), std::string::npos) << s.text;
    }
  k.tap("nav.home");
  k.tap("home.appointment");
  auto kinds = said_with(k, zh(k, "title.appt_kind"));
  ASSERT_FALSE(kinds.empty());
  EXPECT_NE(kinds.back().find("共6项可以选择"), std::string::npos) << kinds.back();
}

TEST(Speech, StepTotalIsFixedFromTheFirstStep) {
  for (bool first_time : {true, false}) {
    KioskHarness k;
    std::vector<std::string> steps;
    auto note = [&] { steps.push_back(k.app->ui().step()); };
    k.tap("home.appointment");
    note();
    k.tap("kind.first_assessment");
    note();
    k.tap("day.2026-12-15");
    note();
    k.type(kId);
    k.tap("keypad.ok");
    note();
    k.tap(first_time ? "returning.no" : "returning.yes");
    note();
    k.type(first_time ? "13800138000" : "0147");
    k.tap("keypad.ok");
    note();
    ASSERT_EQ(k.screen(), "appointment.confirm");
    const std::vector<std::string> want = {"第1步，共4步", "第2步，共4步", "第3步，共4步",
                                           "第3步，共4步", "第3步，共4步", "第4步，共4步"};
    EXPECT_EQ(steps, want);
  }
  // Verified earlier in the session (C1): no identity step, so 3 from the start.
  KioskHarness k;
  to_phone_step(k, "home.my_appointments");
  k.type("0147");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "appointments.list");
  k.tap_find("my_list.book");
  EXPECT_EQ(k.app->ui().step(), "第1步，共3步");
  k.tap("kind.renewal");
  k.tap("day.2026-12-15");
  ASSERT_EQ(k.screen(), "appointment.confirm");
  EXPECT_EQ(k.app->ui().step(), "第3步，共3步");
}

TEST(Speech, RepeatNeverSaysAnErrorThatIsGone) {
  KioskHarness k;
  k.tap("home.subsidy");
  k.type("123");
  k.tap("keypad.ok");
  const std::string err = k.catalog.format(Locale::zh, "error.id_too_short", {{"n", "3"}});
  ASSERT_TRUE(k.said(err));
  k.key("F5");  // still shown: repeated
  EXPECT_NE(k.spoken.back().text.find(err), std::string::npos) << k.spoken.back().text;
  k.type("4");  // the error is gone from the screen
  ASSERT_FALSE(k.widget("field.error"));
  size_t before = k.spoken.size();
  k.key("F5");
  ASSERT_GT(k.spoken.size(), before);
  for (size_t i = before; i < k.spoken.size(); ++i)
    EXPECT_EQ(k.spoken[i].text.find(err), std::string::npos) << k.spoken[i].text;
  EXPECT_NE(k.spoken[before].text.find(zh(k, "title.identity_id")), std::string::npos) << k.spoken[before].text;
}

TEST(Speech, TheSlipsQrCodeIsSpoken) {
  KioskHarness k;
  book_returning(k);
  auto slip = said_with(k, zh(k, "title.appt_slip"));
  ASSERT_FALSE(slip.empty());
  EXPECT_NE(slip.back().find(k.catalog.format(Locale::zh, "slip.qr", {{"v", "A012"}})), std::string::npos)
      << slip.back();
}

TEST(Speech, AfterPrintingFocusIsOnDoneAndEnterNeverPrintsAgain) {
  KioskHarness k;
  int prints = 0;
  k.app->print_hook = [&](std::string, std::string) {
    ++prints;
    k.app->finish_print(true, "");
  };
  book_returning(k);
  for (int i = 0; i < 6 && k.app->focused() != "slip.print"; ++i) k.key("Right");
  ASSERT_EQ(k.app->focused(), "slip.print");
  k.key("Return");
  k.frame();
  EXPECT_EQ(prints, 1);
  EXPECT_EQ(k.app->focused(), "slip.done");
  k.clock.advance(1);
  k.key("Return");
  EXPECT_EQ(prints, 1);
  EXPECT_EQ(k.screen(), "home");
}

TEST(Speech, HelpExplainsTheScreenThenTheKeys) {
  KioskHarness k;
  k.tap("home.appointment");
  k.key("F1");
  const std::string& h = k.spoken.back().text;
  EXPECT_NE(h.find(zh(k, "title.appt_kind")), std::string::npos) << h;
  EXPECT_NE(h.find(zh(k, "appt_kind.hint")), std::string::npos) << h;
  EXPECT_NE(h.find(zh(k, "help.keys").substr(0, 12)), std::string::npos) << h;
}

}  // namespace

// ---------------------------------------------------------------- station client, screen table
#include <set>

TEST(StationClient, OneFunctionPerEndpointBuildsItsRequest) {
  using namespace tx::station;
  Call c = jobs({"朝阳区", "it", 4});
  EXPECT_EQ(c.endpoint, Endpoint::jobs);
  EXPECT_EQ(c.http.method, "GET");
  EXPECT_EQ(c.http.path, "/api/v1/jobs?page=1&page_size=50&district=%E6%9C%9D%E9%98%B3%E5%8C%BA&job_type=it&category=4");
  c = book({{kId, "0147"}, "", "renewal", "2026-12-15", "", ""});
  EXPECT_EQ(c.http.path, "/api/v1/appointments");
  EXPECT_EQ(c.http.body["phone_last4"], "0147");
  EXPECT_FALSE(c.http.body.contains("reason"));
  c = book({{kId, ""}, "13800138000", "first_assessment", "2026-12-15", "", ""});  // a first-timer
  EXPECT_EQ(c.http.body["phone"], "13800138000");
  EXPECT_FALSE(c.http.body.contains("phone_last4"));
  EXPECT_EQ(assessment_days("renewal", "", "").http.path, "/api/v1/assessment-days?kind=renewal");
  EXPECT_EQ(staff_calls(std::nullopt).http.path, "/api/v1/staff/calls?status=all&limit=30");
  EXPECT_EQ(staff_calls(7).http.path, "/api/v1/staff/calls?status=all&limit=30&since=7&wait_s=20");
  EXPECT_EQ(staff_transition(31, "check-in").http.path, "/api/v1/staff/appointments/31/check-in");
  c = staff_logout("tok");
  ASSERT_EQ(c.http.headers.size(), 1u);
  EXPECT_EQ(c.http.headers[0].second, "Bearer tok");
  EXPECT_TRUE(is_staff(Endpoint::s_sync_now));
  EXPECT_FALSE(is_staff(Endpoint::report));
}

TEST(StationClient, TypedResultsRefuseWhatIsNotShapedAsDocumented) {
  using namespace tx::station;
  auto s = parse_station(J(R"({"station":{"name":"示例站","name_en":"Demo","utc_offset_minutes":480}})"));
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name_en, "Demo");
  EXPECT_EQ(s->utc_offset_minutes, 480);
  EXPECT_FALSE(parse_station(J(R"({"station":"x"})")));
  auto c = parse_call(J(kCall));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->id, 12);
  EXPECT_EQ(c->status, "open");
  EXPECT_FALSE(parse_call(J("[]")));
  auto l = parse_login(J(R"({"token":"t","staff":{"display_name":"王芳","must_change_pin":true},"idle_timeout_s":300})"));
  ASSERT_TRUE(l);
  EXPECT_TRUE(l->must_change_pin);
  EXPECT_EQ(l->idle_timeout_s, 300);
  EXPECT_FALSE(parse_login(J(R"({"staff":{}})")));
}

TEST(ScreenTable, EveryScreenHasOneUniqueIdAndTheContractIdsHold) {
  std::set<std::string> ids;
  for (int i = 0; i <= int(Screen::staff_sync); ++i) {
    const ScreenInfo& s = screen_info(Screen(i));
    EXPECT_EQ(int(s.screen), i);
    EXPECT_TRUE(ids.insert(s.id).second) << s.id;
    EXPECT_EQ(s.staff, std::string(s.id).rfind("staff.", 0) == 0) << s.id;
  }
  // Ids scripts and the a11y log use (docs/a11y-log.md).
  EXPECT_STREQ(screen_id(Screen::appt_day), "appointment.day");
  EXPECT_STREQ(screen_id(Screen::identity_id), "identity.id_number");
  EXPECT_STREQ(screen_id(Screen::jobs_done), "jobs.interest_done");
  EXPECT_STREQ(screen_id(Screen::staff_interests), "staff.job_interests");
  EXPECT_TRUE(screen_info(Screen::staff_book_address).free_text);
  EXPECT_EQ(screen_info(Screen::appt_day).awaits, Awaits::days);
}

// ------------------------------------------------------------------ confirmations (KIOSK_UI.md)
// A destructive action is asked first in a dialog over the screen: only the dialog is in the
// registry, the safe choice is focused, it is spoken as a dialog, and Enter or Back keeps things.
namespace {
bool sent_path_containing(const KioskHarness& k, const std::string& part) {
  for (const auto& r : k.requests)
    if (r.path.find(part) != std::string::npos) return true;
  return false;
}
void expect_dialog(const KioskHarness& k, const std::string& screen, const std::string& keep, const std::string& destroy) {
  ASSERT_EQ(k.screen(), screen);
  // Under the dialog only the title stays in the registry (every screen has one), above it.
  ASSERT_TRUE(k.widget("screen.title"));
  ASSERT_TRUE(k.widget("screen.hint"));  // the question, in the dialog
  EXPECT_LE(k.widget("screen.title")->rect.bottom(), k.widget("screen.hint")->rect.y);
  for (const auto& w : k.app->ui().widgets())
    EXPECT_TRUE(w.group != Group::content || w.id == "screen.title" || w.id == "screen.step" || w.id.rfind("header.", 0) == 0 || w.id == "screen.hint" ||
                w.id == keep || w.id == destroy || w.id == "loading" || w.id == "caption")
        << w.id << " is under the dialog";
  ASSERT_TRUE(k.widget(keep) && k.widget(destroy));
  EXPECT_EQ(k.app->focused(), keep);
  EXPECT_LT(std::find_if(k.app->ui().widgets().begin(), k.app->ui().widgets().end(),
                         [&](const Widget& w) { return w.id == keep; }) -
                k.app->ui().widgets().begin(),
            std::find_if(k.app->ui().widgets().begin(), k.app->ui().widgets().end(),
                         [&](const Widget& w) { return w.id == destroy; }) -
                k.app->ui().widgets().begin())
      << "the safe choice comes first";
}
}  // namespace

TEST(Confirm, CancellingAnAppointmentIsAskedInADialogAndEnterOnTheSafeChoiceKeepsIt) {
  KioskHarness k;
  to_phone_step(k, "home.my_appointments");
  k.type("0147");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "appointments.list");
  k.tap_find("appt.17.cancel");
  expect_dialog(k, "appointments.cancel", "cancel.no", "cancel.yes");
  // Spoken as a dialog: what would be cancelled, then that Back keeps it; then the focused choice.
  ASSERT_FALSE(k.spoken.empty());
  const std::string& said = k.spoken[k.spoken.size() - 2].text;
  EXPECT_NE(said.find("确定要取消这个预约吗？"), std::string::npos) << said;
  EXPECT_NE(said.find("12月15日"), std::string::npos) << said;
  EXPECT_NE(said.find("按返回键保留"), std::string::npos) << said;
  EXPECT_NE(said.find("共2项"), std::string::npos) << said;
  EXPECT_NE(k.spoken.back().text.find("不取消"), std::string::npos) << k.spoken.back().text;
  k.key("Return");  // Enter on the focused, safe choice
  EXPECT_EQ(k.screen(), "appointments.list");
  EXPECT_FALSE(sent_path_containing(k, "/cancel"));
  EXPECT_EQ(k.app->focused(), "appt.17.cancel");  // back on the button that opened the dialog
  // Back is the safe choice too.
  k.tap_find("appt.17.cancel");
  ASSERT_EQ(k.screen(), "appointments.cancel");
  k.key("Escape");
  EXPECT_EQ(k.screen(), "appointments.list");
  EXPECT_FALSE(sent_path_containing(k, "/cancel"));
  EXPECT_EQ(k.app->focused(), "appt.17.cancel");
  // Choosing to cancel does cancel.
  k.tap_find("appt.17.cancel");
  k.tap("cancel.yes");
  EXPECT_TRUE(sent_path_containing(k, "/cancel"));
  EXPECT_EQ(k.screen(), "appointments.list");
}

TEST(Confirm, StaffCancellingIsAskedInADialogWithKeepFocused) {
  KioskHarness k;
  staff_sign_in(k);
  k.tap("staff.today");
  k.tap_find("staff.appt.31");
  ASSERT_EQ(k.screen(), "staff.appointment");
  k.tap_find("staff.appt.cancel");
  expect_dialog(k, "staff.cancel_confirm", "staff.cancel.no", "staff.cancel.yes");
  EXPECT_TRUE(k.said("按返回键保留"));
  k.key("Return");
  EXPECT_EQ(k.screen(), "staff.appointment");
  EXPECT_FALSE(sent_path_containing(k, "/cancel"));
  k.tap_find("staff.appt.cancel");
  k.tap("staff.cancel.yes");
  EXPECT_TRUE(sent_path_containing(k, "/cancel"));
  EXPECT_EQ(k.screen(), "staff.appointment");
}
