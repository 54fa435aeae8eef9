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
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::yue);
  k.key("Right");
  EXPECT_EQ(k.spoken.back().lang, SpeechLang::en);
  EXPECT_EQ(k.spoken.back().text, "English");
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
  KioskHarness k(s);
  k.tap("home.appointment");
  ASSERT_GT(k.app->ui().page_count(), 1);
  k.key("PageDown");
  EXPECT_EQ(k.app->ui().page(), 1);
  EXPECT_TRUE(k.said("第2页"));
}

TEST(App, SlipIsPrintedThroughTheHook) {
  KioskHarness k;
  std::string bytes, path;
  k.app->print_hook = [&](std::string b, std::string p) {
    bytes = b;
    path = p;
    k.app->finish_print(true, "");
  };
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
  EXPECT_TRUE(k.said("A012"));
  k.tap("slip.print");
  k.frame();
  EXPECT_FALSE(bytes.empty());
  EXPECT_EQ(path, "/dev/usb/lp0");
  EXPECT_TRUE(k.said("已打印"));
}

}  // namespace

namespace {

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
