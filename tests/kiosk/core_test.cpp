// Pure-core unit tests: geometry/contrast, identity, key map, idle timer, speech policy, text
// wrapping, navigation, pointer and scanning models, script parsing, the ESC/POS slip.
#include <gtest/gtest.h>

#include <cmath>

#include "core/a11y.h"
#include "core/config.h"
#include "core/escpos.h"
#include "core/geometry.h"
#include "core/identity.h"
#include "core/idle.h"
#include "core/keymap.h"
#include "core/script.h"
#include "core/speech.h"
#include "core/text.h"

using namespace tx;

TEST(Geometry, ContrastMatchesWcag) {
  EXPECT_NEAR(contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 0.01);
  EXPECT_NEAR(contrast_ratio({255, 255, 0}, {0, 0, 0}), 19.56, 0.05);
  EXPECT_NEAR(contrast_ratio({118, 118, 118}, {255, 255, 255}), 4.54, 0.02);
  Color c;
  ASSERT_TRUE(parse_hex("#0047B3", &c));
  EXPECT_EQ(to_hex(c), "#0047B3");
  EXPECT_FALSE(parse_hex("0047B3", &c));
}

TEST(Geometry, Gap) {
  EXPECT_EQ(rect_gap({0, 0, 100, 100}, {124, 0, 100, 100}), 24);
  EXPECT_EQ(rect_gap({0, 0, 100, 100}, {50, 50, 100, 100}), 0);
  EXPECT_TRUE(rects_overlap({0, 0, 100, 100}, {50, 50, 100, 100}));
}

TEST(Identity, ValidAndInvalidIds) {
  const std::string today = "2026-11-25";
  EXPECT_EQ(check_id_number("11010519491231002X", today), IdCheck::ok);
  EXPECT_EQ(check_id_number("11010519491231002x", today), IdCheck::ok);
  EXPECT_EQ(check_id_number("440524188001010014", today), IdCheck::ok);
  EXPECT_EQ(check_id_number("11010219840406970X", today), IdCheck::ok);
  EXPECT_EQ(check_id_number("110105194912310021", today), IdCheck::bad_checksum);
  EXPECT_EQ(check_id_number("360426199113010079", today), IdCheck::bad_date);
  EXPECT_EQ(check_id_number("990426199112010074", today), IdCheck::bad_province);
  EXPECT_EQ(check_id_number("1101051949", today), IdCheck::too_short);
  EXPECT_EQ(check_id_number("1101051949123100211", today), IdCheck::too_long);
  EXPECT_EQ(check_id_number("11010519491231X02X", today), IdCheck::bad_character);
}

TEST(Identity, Masking) {
  EXPECT_EQ(mask_id("11010519491231002X"), "110***********002X");
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(normalize_id("11010519491231002x"), "11010519491231002X");
}

TEST(Keymap, OneTableForKeyboardAndKeypad) {
  char c = 0;
  EXPECT_EQ(map_key("Down", false, &c), Action::down);
  EXPECT_EQ(map_key("Keypad 2", false, &c), Action::down);
  EXPECT_EQ(map_key("Keypad 8", false, &c), Action::up);
  EXPECT_EQ(map_key("Keypad 5", false, &c), Action::select);
  EXPECT_EQ(map_key("Return", false, &c), Action::select);
  EXPECT_EQ(map_key("Escape", false, &c), Action::back);
  EXPECT_EQ(map_key("Backspace", false, &c), Action::back);
  EXPECT_EQ(map_key("Keypad +", false, &c), Action::volume_up);
  EXPECT_EQ(map_key("Keypad -", false, &c), Action::volume_down);
  EXPECT_EQ(map_key("F1", false, &c), Action::help);
  EXPECT_EQ(map_key("Keypad *", false, &c), Action::repeat);
  EXPECT_EQ(map_key("F12", false, &c), Action::call_staff);
  // In a text field keypad digits type and Backspace erases; Escape still goes back (M4).
  EXPECT_EQ(map_key("Keypad 2", true, &c), Action::none);
  EXPECT_EQ(c, '2');
  EXPECT_EQ(map_key("Backspace", true, &c), Action::erase);
  EXPECT_EQ(map_key("Escape", true, &c), Action::back);
  EXPECT_EQ(map_key("Home", true, &c), Action::home);
  // Every action a resident needs is reachable from the keypad alone.
  for (Action a : {Action::up, Action::down, Action::left, Action::right, Action::select,
                   Action::back, Action::home, Action::call_staff, Action::repeat, Action::help,
                   Action::stop_speech, Action::volume_up, Action::volume_down}) {
    bool found = false;
    for (const auto& b : key_table())
      if (std::string(b.key).rfind("Keypad", 0) == 0 && b.nav == a) found = true;
    EXPECT_TRUE(found) << action_name(a);
  }
}

TEST(Idle, WarnsAtLeast20sBeforeResetAndOneActionExtends) {
  IdleTimer t({90, 30, 2.0});
  t.touch(0);
  EXPECT_EQ(t.update(89, false, true), IdleTimer::State::active);
  EXPECT_EQ(t.update(90, false, true), IdleTimer::State::warning);
  EXPECT_GE(t.seconds_left(90, false), 20);
  t.touch(100);  // one action extends
  EXPECT_EQ(t.update(101, false, true), IdleTimer::State::active);
  EXPECT_EQ(t.update(100 + 120, false, true), IdleTimer::State::reset);
}

TEST(Idle, SpeechModeIsLongerAndUnarmedNeverWarns) {
  IdleTimer t({90, 30, 2.0});
  t.touch(0);
  EXPECT_EQ(t.update(150, true, true), IdleTimer::State::active);
  EXPECT_EQ(t.update(180, true, true), IdleTimer::State::warning);
  EXPECT_GE(t.seconds_left(180, true), 40);
  EXPECT_EQ(t.update(1e6, false, false), IdleTimer::State::active);
}

TEST(Speech, ActionInterruptsAndRepeatWorks) {
  NullSpeechEngine e;
  Speech s(&e);
  s.say("第一句。第二句。", SpeechLang::cmn);
  EXPECT_EQ(e.log.size(), 2u);  // split into sentences for the caption
  s.queue("后面", SpeechLang::cmn);
  EXPECT_EQ(e.log.size(), 3u);
  s.say("新的", SpeechLang::cmn);  // flush
  EXPECT_EQ(e.log.size(), 1u);
  s.repeat();
  EXPECT_EQ(e.log.back(), "新的");
  auto log = s.take_log();
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[0].text, "第一句。第二句。");
  s.set_enabled(false);
  s.say("静音", SpeechLang::cmn);
  EXPECT_TRUE(s.take_log().empty());
}

TEST(Speech, SplitsLongTextIntoCaptionSizedPieces) {
  auto parts = Speech::split_sentences("Hello there. This is a test! 你好。再见");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "Hello there.");
  EXPECT_EQ(parts[3], "再见");
  std::string longcn(40 * 3, 'x');
  for (const auto& p : Speech::split_sentences(longcn + longcn)) EXPECT_LE(p.size(), 90u);
}

// Round 14: an English resident heard the slip's place, which the station names in Chinese only,
// as "Chinese letter" seventeen times (tongxing-say --phonemes). Chinese in an English utterance
// is read by the Mandarin voice; the caption keeps the whole sentence.
TEST(Speech, ChineseInAnEnglishSentenceIsReadByTheMandarinVoice) {
  using Runs = std::vector<std::pair<std::string, SpeechLang>>;
  EXPECT_EQ(Speech::script_runs("Place: 服务站一楼评定室（区残疾评定定点医院）.", SpeechLang::en),
            (Runs{{"Place: ", SpeechLang::en}, {"服务站一楼评定室（区残疾评定定点医院）.", SpeechLang::cmn}}));
  EXPECT_EQ(Speech::script_runs("since 30 October · 示例街道社会保障服务中心, paused", SpeechLang::en),
            (Runs{{"since 30 October · ", SpeechLang::en}, {"示例街道社会保障服务中心, ", SpeechLang::cmn},
                  {"paused", SpeechLang::en}}));
  EXPECT_EQ(Speech::script_runs("Ticket A012, 9:00–11:30 am.", SpeechLang::en),
            (Runs{{"Ticket A012, 9:00–11:30 am.", SpeechLang::en}}));
  EXPECT_EQ(Speech::script_runs("语言 Language", SpeechLang::cmn), (Runs{{"语言 Language", SpeechLang::cmn}}));
  struct Rec : SpeechEngine {
    std::vector<std::pair<std::string, SpeechLang>> said;
    uint64_t last = 0;
    void speak(uint64_t id, const std::string& text, SpeechLang lang, int, int, bool) override {
      said.push_back({text, lang});
      last = id;
    }
    void stop() override {}
    bool busy() const override { return !said.empty(); }
    uint64_t playing() const override { return last; }
  } engine;
  Speech s(&engine);
  s.say("Place: 服务站一楼评定室.", SpeechLang::en);
  EXPECT_EQ(engine.said, (Runs{{"Place: ", SpeechLang::en}, {"服务站一楼评定室.", SpeechLang::cmn}}));
  EXPECT_EQ(s.caption(), "Place: 服务站一楼评定室.");
  const auto log = s.take_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0].text, "Place: 服务站一楼评定室.");
}

TEST(Speech, RateAndVolumeRanges) {
  EXPECT_EQ(kRateSteps[0], 80);
  EXPECT_EQ(kRateSteps[kRateCount - 1], 450);
  // ≥ 18 dB volume range (S8): 200/25 = 8× amplitude = 18.06 dB.
  EXPECT_GE(20 * std::log10(double(kVolumeSteps[kVolumeCount - 1]) / kVolumeSteps[0]), 18.0);
  EXPECT_LT(kRateSteps[kRateDefault], 175);  // slow default
}

TEST(Text, WrapsChineseAnywhereButNotBeforePunctuation) {
  ApproxMetrics m;
  auto lines = wrap_text(m, "请选择要办的事。按上下键移动，按确认键选择。", 48, FontFace::body, 48 / 1.45f * 7.5f);
  ASSERT_GE(lines.size(), 3u);
  for (const auto& l : lines) {
    EXPECT_NE(l.rfind("，", 0), 0u) << l;
    EXPECT_NE(l.rfind("。", 0), 0u) << l;
    EXPECT_LE(m.width(l, 48, FontFace::body), 48 / 1.45f * 8.01f) << l;
  }
}

TEST(Text, WrapsEnglishAtSpacesAndKeepsNewlines) {
  ApproxMetrics m;
  auto lines = wrap_text(m, "Book a certificate appointment\nnow", 48, FontFace::body, 400);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines.back(), "now");
  for (const auto& l : lines) EXPECT_NE(l.front(), ' ');
}

static std::vector<Widget> grid() {
  std::vector<Widget> ws;
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 2; ++c) {
      Widget w;
      w.id = "b" + std::to_string(r * 2 + c);
      w.role = Role::button;
      w.rect = {c * 300.f, r * 200.f, 280, 180};
      ws.push_back(w);
    }
  Widget nav;
  nav.id = "nav";
  nav.role = Role::button;
  nav.group = Group::nav;
  nav.rect = {0, 500, 200, 120};
  ws.push_back(nav);
  return ws;
}

TEST(Navigation, SpatialLinearAndNeverStuck) {
  auto ws = grid();
  EXPECT_EQ(*navigate(ws, "b0", NavDir::right), "b1");
  EXPECT_EQ(*navigate(ws, "b0", NavDir::down), "b2");
  EXPECT_EQ(*navigate(ws, "b3", NavDir::up), "b1");
  EXPECT_EQ(*navigate(ws, "b2", NavDir::down), "nav");
  EXPECT_EQ(*navigate(ws, "nav", NavDir::next), "b0");  // wraps (M4: never trapped)
  EXPECT_EQ(*navigate(ws, "b0", NavDir::prev), "nav");
  EXPECT_EQ(*navigate(ws, "", NavDir::down), "b0");
  auto [i, n] = position_in_group(ws, "b2");
  EXPECT_EQ(i, 3);
  EXPECT_EQ(n, 4);
}

TEST(Pointer, ActsOnReleaseCancelsOnSlideOffAndDebounces) {
  auto ws = grid();
  PointerTracker p;
  p.down(ws, 10, 10);
  EXPECT_EQ(p.pressed(), "b0");
  EXPECT_EQ(p.up(ws, 20, 20, 1.0), "b0");
  p.down(ws, 10, 10);
  p.move(ws, 350, 10);  // slid onto another button
  EXPECT_EQ(p.pressed(), "");
  EXPECT_EQ(p.up(ws, 350, 10, 3.0), "");  // released elsewhere: nothing
  p.down(ws, 10, 10);
  EXPECT_EQ(p.up(ws, 10, 10, 3.2), "b0");
  p.down(ws, 10, 10);
  EXPECT_EQ(p.up(ws, 10, 10, 3.5), "");  // tremor double tap within 0.5 s counts once
  p.down(ws, 10, 10);
  EXPECT_EQ(p.up(ws, 10, 10, 4.0), "b0");
}

TEST(Scanning, StepsOnTheClock) {
  Scanner s;
  s.set_interval(1.5);
  s.restart(10);
  EXPECT_FALSE(s.due(11));
  EXPECT_TRUE(s.due(11.5));
  EXPECT_FALSE(s.due(12));
  EXPECT_TRUE(s.due(13.1));
}

TEST(Script, ParsesEveryActionAndNamesBadLines) {
  std::vector<ScriptAction> a;
  std::string err;
  ASSERT_TRUE(parse_script("{\"key\":\"Down\"}\n{\"tap\":\"home.jobs\"}\n\n# note\n{\"type\":\"123\"}\n"
                           "{\"wait_ms\":50}\n{\"advance_s\":120}\n{\"screenshot\":\"a.png\"}\n{\"quit\":true}\n"
                           "{\"tap_find\":\"home.jobs\"}\n{\"wait_for\":\"call.banner\"}\n",
                           &a, &err))
      << err;
  ASSERT_EQ(a.size(), 9u);
  EXPECT_EQ(a[1].kind, ScriptAction::tap);
  EXPECT_EQ(a[4].n, 120);
  EXPECT_EQ(a[7].kind, ScriptAction::tap_find);
  EXPECT_EQ(a[8].kind, ScriptAction::wait_for);
  EXPECT_EQ(a[8].s, "call.banner");
  a.clear();
  EXPECT_FALSE(parse_script("{\"key\":\"Down\"}\n{\"jump\":1}\n", &a, &err));
  EXPECT_NE(err.find("line 2"), std::string::npos);
}

TEST(EscPos, SlipHasGb18030TextQrRasterAndCut) {
  Slip s{"残疾人证办理预约凭条", {"预约号：A012", "日期：2026-12-05"}, "TONGXING:A012:2026-12-05"};
  std::string err;
  std::string b = escpos_slip(s, &err);
  ASSERT_FALSE(b.empty()) << err;
  EXPECT_EQ(b.substr(0, 2), "\x1b\x40");
  std::string gb;
  ASSERT_TRUE(utf8_to_gb18030("预约号：A012", &gb));
  EXPECT_NE(b.find(gb), std::string::npos);
  size_t r = b.find("\x1d\x76\x30");
  ASSERT_NE(r, std::string::npos);
  int bytes_w = (unsigned char)b[r + 4] | ((unsigned char)b[r + 5] << 8);
  int dots = (unsigned char)b[r + 6] | ((unsigned char)b[r + 7] << 8);
  auto m = qr_modules(s.qr_text);
  ASSERT_FALSE(m.empty());
  EXPECT_EQ(dots, int(m.size() + 8) * 6);
  EXPECT_EQ(bytes_w, (dots + 7) / 8);
  // The raster reproduces the QR modules (sample the centre of every module).
  const unsigned char* raster = reinterpret_cast<const unsigned char*>(b.data() + r + 8);
  for (size_t y = 0; y < m.size(); ++y)
    for (size_t x = 0; x < m.size(); ++x) {
      int px = int(x + 4) * 6 + 3, py = int(y + 4) * 6 + 3;
      bool dark = raster[py * bytes_w + px / 8] & (0x80 >> (px % 8));
      ASSERT_EQ(dark, bool(m[y][x])) << x << "," << y;
    }
  EXPECT_EQ(b.substr(b.size() - 4), std::string("\x1d\x56\x42\x00", 4));
}

TEST(Config, PlainHttpOnlyToThisMachine) {
  std::string err;
  EXPECT_TRUE(tx::check_service_url("http://127.0.0.1:8480", &err));
  EXPECT_TRUE(tx::check_service_url("http://localhost:8480", &err));
  EXPECT_TRUE(tx::check_service_url("http://[::1]:8480", &err));
  EXPECT_TRUE(tx::check_service_url("https://192.168.1.10:8480", &err));
  EXPECT_FALSE(tx::check_service_url("http://192.168.1.10:8480", &err));
  EXPECT_NE(err.find("https://"), std::string::npos);
  EXPECT_FALSE(tx::check_service_url("http://127.evil.example:80", &err));  // a name, not 127.0.0.0/8
  EXPECT_FALSE(tx::check_service_url("ftp://127.0.0.1", &err));
}

// A record's details break between phrases (before " · ", after "、"), never inside a word:
// "适合听力残疾、肢体残疾" on a 1080×1920 panel at 2× broke as "肢体残 / 疾".
TEST(Text, PhrasesWrapBetweenPhrasesNeverInsideAWord) {
  ApproxMetrics m;
  const std::string d = "6000–9000元/月 · 适合听力残疾、肢体残疾";
  const float px = 48, em = px * 0.69f;
  // Room for "6000–9000元/月 · 适合听力残疾、肢体残" but not the last 疾.
  const float room = m.width("6000–9000元/月 · 适合听力残疾、肢体残", px, FontFace::body) + em * 0.5f;
  auto plain = wrap_text(m, d, px, FontFace::body, room);
  ASSERT_EQ(plain.size(), 2u);
  // (plain wrapping broke it as "肢体残 / 疾" before round 7; an enumeration's item is whole now)
  EXPECT_EQ(plain[1], "肢体残疾");
  auto lines = wrap_phrases(m, d, px, FontFace::body, room);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "6000–9000元/月 · 适合听力残疾、");
  EXPECT_EQ(lines[1], "肢体残疾");
  for (const auto& l : lines) EXPECT_LE(m.width(l, px, FontFace::body), room);
  // Before " · ": the break separates the phrases, the separator left out (round 12: " · 通州区"
  // before, the card trimmed it).
  auto two = wrap_phrases(m, "示例数据服务有限公司 · 通州区", px, FontFace::body,
                          m.width("示例数据服务有限公司 · 通", px, FontFace::body));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], "示例数据服务有限公司");
  EXPECT_EQ(two[1], "通州区");
  // A phrase wider than the line alone still wraps (nothing is cut), and one line stays one.
  auto long_one = wrap_phrases(m, "一二三四五六七八九十", px, FontFace::body, em * 4.5f);
  EXPECT_EQ(long_one.size(), 3u);
  EXPECT_EQ(wrap_phrases(m, "通州区", px, FontFace::body, 1000), std::vector<std::string>{"通州区"});
}

// A prompt breaks between its clauses and never inside a quoted key name (issue 12 point 2: the
// portrait ID step broke "下一步" across two lines): wrap_text keeps “下一步” whole, wrap_phrases
// breaks the ID prompt at its "，"; quoted_phrases finds what the frame rule checks.
TEST(Text, PromptsBreakBetweenClausesAndKeepQuotedKeyNamesWhole) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const std::string prompt = "用下方按键输入18位身份证号，再按“下一步”。";
  EXPECT_EQ(quoted_phrases(prompt), std::vector<std::string>{"“下一步”"});
  EXPECT_EQ(quoted_phrases("按「确认预约」或『取消』"), (std::vector<std::string>{"「确认预约」", "『取消』"}));
  EXPECT_TRUE(quoted_phrases("no “closing quote").empty());
  EXPECT_TRUE(quoted_phrases("“”").empty());
  // Every width from 5 to 20 characters: the quoted name is on one line, no line too wide
  // (but a single token), and nothing is lost.
  for (float chars = 5; chars <= 20; chars += 0.5f) {
    const float room = em * chars;
    for (const auto& lines : {wrap_text(m, prompt, px, FontFace::body, room),
                              wrap_phrases(m, prompt, px, FontFace::body, room)}) {
      std::string all;
      bool whole = false;
      for (const auto& l : lines) all += l, whole |= l.find("“下一步”") != std::string::npos;
      EXPECT_TRUE(whole) << chars;
      EXPECT_EQ(all, prompt) << chars;
    }
  }
  // Room for the whole first clause: the break is at the comma, not inside "再按".
  const float clause = m.width("用下方按键输入18位身份证号，", px, FontFace::body);
  EXPECT_EQ(wrap_phrases(m, prompt, px, FontFace::body, clause + em * 3),
            (std::vector<std::string>{"用下方按键输入18位身份证号，", "再按“下一步”。"}));
  // (plain wrap_text fills the line and breaks inside the second clause)
  EXPECT_EQ(wrap_text(m, prompt, px, FontFace::body, clause + em * 3).front(),
            "用下方按键输入18位身份证号，再按");
  // Paragraphs stay apart.
  EXPECT_EQ(wrap_phrases(m, "第一行\n第二行", px, FontFace::body, 1000),
            (std::vector<std::string>{"第一行", "第二行"}));
}

// days6 (issue 12): a date is one unbreakable run — at 2× on 1080×1920 a week's label broke
// "12月7日–12 / 月13日". date_runs finds what the frame rule checks; wrap_text and wrap_phrases
// keep each whole at every width it fits in, and a date wider than the line breaks between its
// parts (date | weekday, at the dash), never inside "13日".
TEST(Text, DatesAreNeverBrokenInside) {
  EXPECT_EQ(date_runs("首次评定，12月7日–13日：请选择"), std::vector<std::string>{"12月7日–13日"});
  EXPECT_EQ(date_runs("12月28日–1月3日 · 9个名额"), std::vector<std::string>{"12月28日–1月3日"});
  // ("到", "to": words of a sentence, each date whole — a staff hint "from Wednesday 25 November
  // to Tuesday 15 December" is no one run)
  EXPECT_EQ(date_runs("下周，12月14日到12月20日，5个评定日"), (std::vector<std::string>{"12月14日", "12月20日"}));
  EXPECT_EQ(date_runs("from Wednesday 25 November to Tuesday 15 December"),
            (std::vector<std::string>{"Wednesday 25 November", "Tuesday 15 December"}));
  EXPECT_EQ(date_runs("12月15日 星期二 上午9:00"), std::vector<std::string>{"12月15日 星期二"});
  EXPECT_EQ(date_runs("2027年1月4日 星期一"), std::vector<std::string>{"2027年1月4日 星期一"});
  EXPECT_EQ(date_runs("Tuesday 15 December, 9:00 am"), std::vector<std::string>{"Tuesday 15 December"});
  EXPECT_EQ(date_runs("Week of 21 December · 7–13 December"),
            (std::vector<std::string>{"21 December", "7–13 December"}));
  EXPECT_EQ(date_runs("28 December – 3 January"), std::vector<std::string>{"28 December – 3 January"});
  EXPECT_EQ(date_runs("Dec 7 and 3 Jan 2027"), (std::vector<std::string>{"Dec 7", "3 Jan 2027"}));
  // Not dates: counts, times, ISO stamps, a number inside another.
  for (const char* s : {"还有12个名额", "9:00–11:30 am", "2026-12-05", "12 places", "A12月3日", "123月4日"})
    EXPECT_TRUE(date_runs(s).empty()) << s;
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  for (const std::string text : {"12月7日–12月13日", "首次评定，下周，12月14日到12月20日：请选择日期。",
                                 "12月15日 星期二 · 已约满", "Week of 21 December · 7–13 December · 9 places"}) {
    const auto runs = date_runs(text);
    ASSERT_FALSE(runs.empty()) << text;
    for (float chars = 3; chars <= 16; chars += 0.5f) {
      const float room = em * chars;
      for (const auto& lines : {wrap_text(m, text, px, FontFace::body, room),
                                wrap_phrases(m, text, px, FontFace::body, room)}) {
        std::string all;
        for (const auto& l : lines) all += l;
        for (const auto& d : runs) {
          if (m.width(d, px, FontFace::body) > room) continue;
          bool whole = false;
          for (const auto& l : lines) whole |= l.find(d) != std::string::npos;
          EXPECT_TRUE(whole) << text << " at " << chars << " em: " << d;
        }
        EXPECT_LE(all.size(), text.size()) << text;  // (only spaces at a break are dropped)
      }
    }
  }
  // Wider than the line: between the date and the weekday, not inside "15日" or "星期二".
  const float narrow = m.width("12月15日", px, FontFace::body) + 1;
  EXPECT_EQ(wrap_text(m, "12月15日 星期二", px, FontFace::body, narrow),
            (std::vector<std::string>{"12月15日", "星期二"}));
  EXPECT_EQ(wrap_text(m, "12月7日–12月13日", px, FontFace::body, m.width("12月13日", px, FontFace::body) + 1),
            (std::vector<std::string>{"12月7日–", "12月13日"}));
}

// The frame rule's judge (core/text.h broken_word): each kind of break is named, whole lines pass.
TEST(Text, BrokenWordNamesEachKindOfBreak) {
  EXPECT_EQ(broken_word("Previous page", {"Prev", "ious page"}), "Prev|ious page");
  EXPECT_EQ(broken_word("请按 下一步", {"请按 下一", "步"}), "下一步");
  EXPECT_EQ(broken_word("请按“确认预约”。", {"请按“确认", "预约”。"}), "“确认预约”");
  EXPECT_EQ(broken_word("本周 12月7日–13日", {"本周 12月", "7日–13日"}), "12月7日–13日");
  EXPECT_EQ(broken_word("Previous page", {"Previous", "page"}), "");
  // A date broken between its parts: a break to the layout, allowed to the frame rule.
  EXPECT_EQ(broken_word("Saturday 5 December", {"Saturday", "5 December"}), "Saturday 5 December");
  EXPECT_EQ(broken_word("Saturday 5 December", {"Saturday", "5 December"}, true), "");
  EXPECT_EQ(broken_word("Saturday 5 December", {"Saturday 5 Dec", "ember"}, true), "Saturday 5 Dec|ember");
}

// jobs7 (issue 12): an amount with its unit is one run, as a date is — "6000–9000元/月" broke after
// "/" in a job's row on 1366×768 ("6000–9000元/" | "月"). amount_runs finds what the frame rule
// checks (broken_word); wrap_text keeps each whole wherever it fits on a line.
TEST(Text, AmountsWithTheirUnitAreNeverBrokenInside) {
  EXPECT_EQ(amount_runs("电话客服专员 · 6000–9000元/月"), std::vector<std::string>{"6000–9000元/月"});
  EXPECT_EQ(amount_runs("每月300元，已到账"), std::vector<std::string>{"300元"});
  EXPECT_EQ(amount_runs("补贴2.05万元/年"), std::vector<std::string>{"2.05万元/年"});
  EXPECT_EQ(amount_runs("时薪25元/小时起"), std::vector<std::string>{"25元/小时"});
  EXPECT_EQ(amount_runs("Clerk · 4500–6000 yuan a month · 3 places"),
            std::vector<std::string>{"4500–6000 yuan a month"});
  EXPECT_EQ(amount_runs("300 yuan, paid 5 December"), std::vector<std::string>{"300 yuan"});
  EXPECT_EQ(amount_runs("¥6,000 and ¥80"), (std::vector<std::string>{"¥6,000", "¥80"}));
  // Not amounts: counts, dates, a number inside another, a unit that is no money's.
  for (const char* s : {"还有12个名额", "12月7日", "A300元", "3 places", "6000–9000", "300 yuanx"})
    EXPECT_TRUE(amount_runs(s).empty()) << s;
  // (a date stays a date: "12月7日" is no amount, "12月7日 300元" has one of each)
  EXPECT_EQ(date_runs("12月7日 300元"), std::vector<std::string>{"12月7日"});
  EXPECT_EQ(amount_runs("12月7日 300元"), std::vector<std::string>{"300元"});
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  for (const std::string text : {"电话客服专员 · 6000–9000元/月", "单位：示例公司 工资：6000–9000元/月 招聘3人",
                                 "Customer service · 4500–6000 yuan a month"}) {
    const auto runs = amount_runs(text);
    ASSERT_EQ(runs.size(), 1u) << text;
    for (float chars = 6; chars <= 20; chars += 0.5f) {  // (from the widest part up: "9000元/月")
      const float room = em * chars;
      const auto lines = wrap_text(m, text, px, FontFace::body, room);
      if (m.width(runs[0], px, FontFace::body) <= room) {
        EXPECT_TRUE(on_one_line(runs[0], lines)) << text << " at " << chars << " em";
        EXPECT_EQ(broken_word(text, lines), "") << text << " at " << chars << " em";
      } else {
        EXPECT_TRUE(date_kept(runs[0], lines)) << text << " at " << chars << " em";  // (between its parts)
      }
    }
  }
  // The frame rule names the break the layout made before.
  EXPECT_EQ(broken_word("专员 · 6000–9000元/月", {"专员 · 6000–9000元/", "月"}), "6000–9000元/月");
  EXPECT_EQ(broken_word("4500–6000 yuan a month", {"4500–6000 yuan a", "month"}, true), "");
  EXPECT_EQ(broken_word("4500–6000 yuan a month", {"4500–6000 yuan a", "month"}), "4500–6000 yuan a month");
}

// An enumeration's items stay whole (lead, round 7): the slip's "请带上：身份证、户口本、2寸照片3张、
// 病历" broke as "、病|历" at 2x on 1366x768, and the frame rule did not see it.
TEST(Text, ListItemsAreNeverBrokenInside) {
  const std::string bring = "请带上：身份证、户口本、2寸照片3张、病历";
  EXPECT_EQ(list_items(bring), (std::vector<std::string>{"请带上", "身份证", "户口本", "2寸照片3张", "病历"}));
  EXPECT_EQ(list_items("身份证、病历。"), (std::vector<std::string>{"身份证", "病历"}));
  // Not items: no 、 beside them, too long, or not CJK.
  // A name and its value around a ： (settings7: "扫描间 / 隔：2.0 / 秒" beside a stepper).
  EXPECT_EQ(list_items("扫描间隔：2.0秒"), (std::vector<std::string>{"扫描间隔", "2.0秒"}));
  EXPECT_EQ(broken_word("扫描间隔：2.0秒", {"扫描间", "隔：2.0", "秒"}), "扫描间隔");
  EXPECT_TRUE(list_items("ID card, photos").empty());
  EXPECT_EQ(list_items("需要本人携带身份证原件到服务站窗口、病历"), std::vector<std::string>{"病历"});
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  for (float chars = 5; chars <= 22; chars += 0.5f) {
    const auto lines = wrap_text(m, bring, px, FontFace::body, em * chars);
    for (const auto& item : list_items(bring))
      if (m.width(item, px, FontFace::body) <= em * chars)
        EXPECT_TRUE(on_one_line(item, lines)) << item << " at " << chars << " em";
    EXPECT_EQ(broken_word(bring, lines), "") << chars << " em";
  }
  // The frame rule names the break the slip made before.
  EXPECT_EQ(broken_word(bring, {"请带上：身份证、户口", "本、2寸照片3张、病", "历"}), "户口本");
}

// The kiosk's own compound words stay whole (lead, round 8): the ID step's prompt broke as
// "身份证|号" at 1.5x on 1080x1920 and 1x on 768x1366, and the frame rule did not see it.
TEST(Text, KeptWordsAreNeverBrokenInside) {
  ApproxMetrics m0;
  const std::string prompt = "用下方按键输入18位身份证号，再按“下一步”。";
  EXPECT_EQ(kept_words(prompt), std::vector<std::string>{"身份证号"});
  EXPECT_EQ(kept_words("请带身份证和户口本到评定室"), (std::vector<std::string>{"身份证", "户口本", "评定室"}));
  EXPECT_TRUE(kept_words("ID card").empty());
  EXPECT_EQ(kept_words("我有兴趣，请服务站联系我"), std::vector<std::string>{"联系我"});  // (round 11)
  EXPECT_EQ(kept_words("服务站一楼评定室（区残疾评定定点医院）"), (std::vector<std::string>{"评定室", "定点医院"}));  // (round 12)
  EXPECT_EQ(kept_words("村（居）委会代办"), std::vector<std::string>{"村（居）委会"});
  // (round 14: home's first service broke "残疾人证办 / 理预约" at 2× on 1080×1920)
  EXPECT_EQ(kept_words("残疾人证办理预约"), (std::vector<std::string>{"残疾人证", "办理", "预约"}));
  EXPECT_EQ(kept_words("请记下预约号"), std::vector<std::string>{"预约号"});
  EXPECT_EQ(broken_word("残疾人证办理预约", {"残疾人证办", "理预约"}), "办理");
  EXPECT_EQ(broken_word("重度残疾人护理补贴", {"重度残疾人护", "理补贴"}), "护理补贴");  // (a card's title)
  EXPECT_EQ(wrap_text(m0, "重度残疾人护理补贴", 48, FontFace::body, 48 / 1.45f * 6.5f),
            (std::vector<std::string>{"重度残疾人", "护理补贴"}));
  for (float chars = 4; chars <= 9; chars += 0.5f) {
    const auto lines = wrap_text(m0, "残疾人证办理预约", 48, FontFace::body, 48 / 1.45f * chars);
    EXPECT_EQ(broken_word("残疾人证办理预约", lines), "") << chars << " em";
  }
  for (float chars = 6.5f; chars <= 12; chars += 0.5f)  // (from the widest word's width)
    for (const std::string text : {"服务站一楼评定室（区残疾评定定点医院）", "村（居）委会代办"}) {
      const auto lines = wrap_text(m0, text, 48, FontFace::body, 48 / 1.45f * chars);
      EXPECT_EQ(broken_word(text, lines), "") << chars << " em: " << text;
    }
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  for (float chars = 4; chars <= 24; chars += 0.5f) {
    const auto lines = wrap_text(m, prompt, px, FontFace::body, em * chars);
    EXPECT_TRUE(on_one_line("身份证号", lines)) << chars << " em";
    EXPECT_EQ(broken_word(prompt, lines), "") << chars << " em";
  }
  // The frame rule names the break the step made before.
  EXPECT_EQ(broken_word(prompt, {"用下方按键输入18位身份证", "号，再按“下一步”。"}), "身份证号");
}

// days8 (issue 12): Chinese line-breaking rules (禁则, GB/T 15834, W3C clreq): an opening bracket
// or quote never ends a line (it goes with the word after it), closing punctuation never starts
// one — the slip at 2x on 1080x1920 broke "服务站一楼评定室（ / 区残疾评定定点医院）", a settings
// name "扫描间隔 / ：2.0秒"; English never ends a line with "(" nor starts one with ")" or ",".
TEST(Text, LinesNeverStartWithClosingNorEndWithOpeningPunctuation) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  for (const std::string text :
       {"服务站一楼评定室（区残疾评定定点医院）", "扫描间隔：2.0秒", "请带上：身份证、户口本、2寸照片3张、病历。",
        "地点：上门评定（申请人家中），请在家等候！", "请说“我要预约残疾评定的上门服务时间”，再按确认。",
        "评定室(二楼),请带上身份证。", "参考《残疾人证管理办法》【第二条】「办理」……好的", "Room 3 (second floor), ID card"}) {
    for (float chars = 2; chars <= 24; chars += 0.5f) {
      const auto lines = wrap_text(m, text, px, FontFace::body, em * chars);
      for (size_t i = 0; i < lines.size(); ++i) {
        const std::string& l = lines[i];
        if (i > 0) {
          for (const char* c : {"，", "。", "、", "：", "；", "！", "？", "）", "”", "》", "」", "】", "…", ")", ","}) {
            EXPECT_NE(l.rfind(c, 0), 0u) << text << " at " << chars << " em: line " << i << " '" << l << "'";
          }
        }
        if (i + 1 < lines.size()) {
          for (const std::string c : {"（", "“", "《", "「", "【", "("}) {
            EXPECT_FALSE(l.size() >= c.size() && l.compare(l.size() - c.size(), c.size(), c) == 0)
                << text << " at " << chars << " em: line " << i << " '" << l << "'";
          }
        }
        // (nothing wider than the line but the closing punctuation that hangs at its end, where
        // each word fits a line)
        std::string core = l;
        for (bool more = true; more && !core.empty();) {
          more = false;
          for (const std::string c : {"，", "。", "、", "：", "；", "！", "？", "）", "”", "》", "」", "】", "…", ")", ","})
            if (core.size() >= c.size() && core.compare(core.size() - c.size(), c.size(), c) == 0) {
              core.resize(core.size() - c.size());
              more = true;
            }
        }
        if (chars >= 10) {  // (a quoted title, 《…》 up to 10 characters, is one word)
          EXPECT_LE(m.width(core, px, FontFace::body), em * chars + 0.01f) << text << " '" << l << "'";
        }
      }
      std::string joined;
      for (const auto& l : lines) joined += l;
      std::string spaceless;
      for (char ch : text) spaceless += ch == ' ' ? "" : std::string(1, ch);
      std::string joined_spaceless;
      for (char ch : joined) joined_spaceless += ch == ' ' ? "" : std::string(1, ch);
      EXPECT_EQ(joined_spaceless, spaceless) << text << " at " << chars << " em";
      if (chars >= 8) {  // (where each word fits a line)
        EXPECT_EQ(broken_word(text, lines, true), "") << text << " at " << chars << " em";
      }
    }
  }
  // Prompts (wrap_phrases) break after a clause, never before the quote that closes it.
  for (float chars = 3; chars <= 16; chars += 0.5f)
    for (const auto& l : wrap_phrases(m, "工作人员说：“请按确认键。”然后请到窗口，（二楼）谢谢。", px, FontFace::body, em * chars)) {
      EXPECT_NE(l.rfind("”", 0), 0u) << chars << " em: '" << l << "'";
      EXPECT_NE(l.rfind("）", 0), 0u) << chars << " em: '" << l << "'";
    }
  // The slip's place at 2x on 1080x1920: the bracket goes with its words.
  const auto place = wrap_text(m, "服务站一楼评定室（区残疾评定定点医院）", px, FontFace::body, em * 8.5f);
  // (round 12: "定点医院" a kept word — "（区残疾评定定点" / "医院）" before)
  EXPECT_EQ(place, (std::vector<std::string>{"服务站一楼评定室", "（区残疾评定", "定点医院）"}));
  // The frame rule names such a break (a layout that made one is refused, the matrix names it).
  EXPECT_EQ(broken_word("评定室（区残疾）", {"评定室（", "区残疾）"}), "评定室（|区残疾）");
  EXPECT_EQ(broken_word("扫描间隔：2.0秒", {"扫描间隔", "：2.0秒"}), "扫描间隔|：2.0秒");
  EXPECT_EQ(broken_word("Room 3 (second floor), ID", {"Room 3 (second floor)", ", ID"}), "Room 3 (second floor)|, ID");
  EXPECT_EQ(broken_word("评定室（区残疾）", {"评定室", "（区残疾）"}), "");
  EXPECT_EQ(broken_word("第一段（\n）", {"第一段（", "）"}), "");  // (an explicit line break is the text's own)
}

// days9 (issue 12): a time is one run, as a date is — the slip's "12月15日 星期二 上午9:00–11:30"
// broke as "上午 / 9:00–11:30" at 2x on 1080x1920 (the period apart from its hours), and English
// "9:00–11:30 / am". wrap_text keeps a time whole wherever it fits a line; the frame rule
// (broken_word) names a broken one.
TEST(Text, TimesAreNeverBrokenInside) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const std::pair<std::string, std::string> texts[] = {
      {"12月15日 星期二 上午9:00–11:30", "上午9:00–11:30"},
      {"预约：12月15日 星期二 上午11:00–下午1:00 服务站一楼", "上午11:00–下午1:00"},
      {"Tuesday 15 December, 9:00–11:30 am", "9:00–11:30 am"},
      {"Come at 11:00 am–1:00 pm to room 3", "11:00 am–1:00 pm"},
      {"Opens 9:00 AM daily", "9:00 AM"}};
  for (const auto& [text, time] : texts) {
    for (float chars = 3; chars <= 24; chars += 0.5f) {
      const float room = em * chars;
      const auto lines = wrap_text(m, text, px, FontFace::body, room);
      if (m.width(time, px, FontFace::body) <= room) {
        EXPECT_TRUE(on_one_line(time, lines)) << text << " at " << chars << " em";
        EXPECT_EQ(broken_word(text, lines, true), "") << text << " at " << chars << " em";
      } else {
        EXPECT_TRUE(date_kept(time, lines)) << text << " at " << chars << " em";  // (at its dash only)
      }
    }
  }
  // The frame rule names the break the slip made before.
  EXPECT_EQ(broken_word("12月15日 星期二 上午9:00–11:30", {"12月15日 星期二 上午", "9:00–11:30"}), "上午9:00–11:30");
  EXPECT_EQ(broken_word("Tuesday 15 December, 9:00–11:30 am", {"Tuesday 15 December, 9:00–11:30", "am"}),
            "9:00–11:30 am");
  EXPECT_EQ(broken_word("9:00 AM", {"9:00", "AM"}), "9:00 AM");
  EXPECT_EQ(broken_word("12月15日 星期二 上午9:00–11:30", {"12月15日 星期二", "上午9:00–11:30"}), "");
}

// Round 14: a phone number in its groups stays on one line — the first-time confirmation read
// "…，手机号 138" / "0013 8000" at 1.5× on 1280×1024. Where a line holds the number it is whole;
// narrower, it breaks between its groups only. Not a phone number: more digits, or a letter before.
TEST(Text, PhoneNumbersAreNeverBrokenInside) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const std::string text = "预约人：第一次来（110***********1132），手机号 138 0013 8000";
  EXPECT_EQ(phone_runs(text), std::vector<std::string>{"138 0013 8000"});
  EXPECT_EQ(phone_runs("Phone 138 0013 8000."), std::vector<std::string>{"138 0013 8000"});
  EXPECT_TRUE(phone_runs("1138 0013 8000").empty());
  EXPECT_TRUE(phone_runs("138 0013 80001").empty());
  EXPECT_TRUE(phone_runs("A138 0013 8000").empty());
  EXPECT_TRUE(phone_runs("138 0013 800").empty());
  int whole = 0;
  for (float chars = 3; chars <= 40; chars += 0.5f) {
    const float room = em * chars;
    const auto lines = wrap_text(m, text, px, FontFace::body, room);
    if (m.width("138 0013 8000", px, FontFace::body) <= room) {
      EXPECT_TRUE(on_one_line("138 0013 8000", lines)) << chars << " em";
      EXPECT_EQ(broken_word(text, lines), "") << chars << " em";
      ++whole;
    } else {
      EXPECT_TRUE(date_kept("138 0013 8000", lines)) << chars << " em";  // (between its groups only)
    }
  }
  EXPECT_GT(whole, 50);
  EXPECT_EQ(broken_word(text, {"预约人：第一次来（110***********1132），手机号 138", "0013 8000"}), "138 0013 8000");
}

// Round 15: a paragraph from the station (the desk's not-registered hint, a programme's reason
// and appeal, a job's introduction) broke between any two characters — "还没有登 / 记" at 2× on
// 1080×1920. Chinese words by ICU's dictionary (word_bounds) are kept whole at every width where
// a line holds more than a word; the words below are the test's own list, not ICU's output.
TEST(Text, ParagraphsBreakBetweenWordsNeverInsideOne) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const std::vector<std::string> texts = {
      "这个身份证号在本站还没有登记。可以为第一次来的居民登记并预约评定：需要电话号码，姓名可以稍后当面核对。",
      "您本月的补贴暂停发放，原因是年度复核未完成，请于30日内携带材料到街道申诉。",
      "负责软件功能测试，编写测试用例，适合听力残疾、肢体残疾人士，工作时间弹性。"};
  const std::vector<std::string> words = {"没有", "登记", "居民", "评定", "需要", "电话", "号码", "姓名", "当面", "核对", "补贴", "暂停", "发放", "原因", "年度", "复核", "携带",
                                          "材料", "街道", "申诉", "软件", "功能", "测试", "编写", "用例", "适合",
                                          "听力", "肢体", "人士", "工作", "时间", "弹性"};
  for (const auto& w : words) {  // (each is one word of the dictionary where it stands)
    bool found = false;
    for (const auto& t : texts)
      if (size_t at = t.find(w); at != std::string::npos) {
        found = true;
        EXPECT_EQ(dict_word_end(t, word_bounds(t), at), at + w.size()) << w;
      }
    EXPECT_TRUE(found) << w;
  }
  int checked = 0;
  for (const auto& text : texts)
    for (float chars = 3; chars <= 30; chars += 0.5f) {
      const auto lines = wrap_text(m, text, px, FontFace::body, em * chars);
      for (size_t l = 0; l + 1 < lines.size(); ++l)
        for (const auto& w : words) {
          const std::string_view a = lines[l], b = lines[l + 1];
          for (size_t cut = 3; cut < w.size(); cut += 3)  // (between two characters of the word)
            EXPECT_FALSE(a.ends_with(w.substr(0, cut)) && b.starts_with(w.substr(cut)))
                << w << " broken at " << chars << " em: " << lines[l] << " | " << lines[l + 1];
        }
      ++checked;
    }
  EXPECT_EQ(checked, 3 * 55);
  // A word of more than four characters, or a run that is not ideographs, is not kept by it.
  EXPECT_EQ(dict_word_end("中华人民共和国", {0, 21}, 0), 0u);
  EXPECT_EQ(dict_word_end("中华人民共和国", {0, 6, 21}, 0), 6u);
  EXPECT_EQ(dict_word_end("18位号码", word_bounds("18位号码"), 0), 0u);
}

// One rule for "this part already ends its sentence" (App's announcement and kit::sentences).
TEST(Text, EndsSentence) {
  for (const char* s : {"已预约。", "Booked.", "Booked. ", "真的吗？", "原因：", "Go!"}) EXPECT_TRUE(tx::ends_sentence(s)) << s;
  for (const char* s : {"", "等待上传：4条记录", "Updated today 11:00", "A · B"}) EXPECT_FALSE(tx::ends_sentence(s)) << s;
}

// Round 13: a masked value stays with its label where the line holds both — the desk's masked
// identity broke as "张*  身份证 110101********1234  电话" / "100****7041" at 1.5× on 768×1366 (round
// 12's screenshots). At every width from 6 to 40 em: where a line holds "电话 100****7041", no
// line ends with the label alone; the text is the same, in order; where the line is narrower
// than the pair, they break between them as before (never inside the value).
TEST(Text, AMaskedValueStaysWithItsLabel) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const auto w = [&](const std::string& s) { return m.width(s, px, FontFace::body); };
  using Lines = std::vector<std::string>;
  EXPECT_TRUE(is_masked_value("100****7041"));
  EXPECT_TRUE(is_masked_value("6217********9542"));
  EXPECT_FALSE(is_masked_value("7041"));
  EXPECT_FALSE(is_masked_value("***"));
  EXPECT_FALSE(is_masked_value("张*"));
  const std::string who = "张*  身份证 110101********1234  电话 100****7041";
  // Room for "… 电话" but not its number: the label goes to the next line with it (before: it
  // ended the line).
  EXPECT_EQ(wrap_text(m, who, px, FontFace::body, w("张*  身份证 110101********1234  电话 1")),
            (Lines{"张*  身份证 110101********1234", "电话 100****7041"}));
  EXPECT_EQ(wrap_text(m, "Zhang*  ID 110101********1234  Phone 100****7041", px, FontFace::body,
                      w("Zhang*  ID 110101********1234  Phone 1")),
            (Lines{"Zhang*  ID 110101********1234", "Phone 100****7041"}));
  for (const std::string& text : {who, std::string("Zhang*  ID 110101********1234  Phone 100****7041")})
    for (float chars = 6; chars <= 40; chars += 0.25f) {
      const float room = em * chars;
      const Lines lines = wrap_text(m, text, px, FontFace::body, room);
      const std::string at = text + " at " + std::to_string(chars) + " em";
      std::string joined;
      for (const auto& l : lines) joined += (joined.empty() ? "" : " ") + l;
      auto squash = [](std::string s) {
        s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
        return s;
      };
      EXPECT_EQ(squash(joined), squash(text)) << at;
      for (const std::string& pair : {std::string("电话 100****7041"), std::string("身份证 110101********1234"),
                                      std::string("Phone 100****7041"), std::string("ID 110101********1234")}) {
        if (text.find(pair) == std::string::npos || w(pair) > room) continue;
        bool whole = false;
        for (const auto& l : lines) whole |= l.find(pair) != std::string::npos;
        EXPECT_TRUE(whole) << at << ": '" << pair << "' broken";
      }
      for (const auto& l : lines) {
        EXPECT_LE(w(l), std::max(room, w("110101********1234")) + 0.5f) << at << ": '" << l << "'";
        EXPECT_EQ(l.find('\n'), std::string::npos);
      }
    }
}

// Round 12: where a line breaks at the kiosk's separator " · " (common.sep), the separator
// vanishes — the break itself separates the two parts. Before, "工资：6000–9000元/月 ·" / "招7人"
// or "工资：6000–9000元/月" / "· 招7人" (a job's summary at 2× on 768×1366). Round 11 glued
// " ·" to the words before it: "Saturday 5 December ·" then ran 30 px past the panel — the lines
// break where they did with the separator, and none is wider.
TEST(Text, TheSeparatorNeverEndsNorStartsALine) {
  ApproxMetrics m;
  const float px = 48, em = px / 1.45f;
  const auto w = [&](const std::string& s) { return m.width(s, px, FontFace::body); };
  using Lines = std::vector<std::string>;
  const std::string pay = "工资：6000–9000元/月 · 招7人";
  // Room for "…元/月 ·" but not "招7人" after it; room for "…元/月 " but not the dot.
  EXPECT_EQ(wrap_text(m, pay, px, FontFace::body, w("工资：6000–9000元/月 · 招")), (Lines{"工资：6000–9000元/月", "招7人"}));
  EXPECT_EQ(wrap_text(m, pay, px, FontFace::body, w("工资：6000–9000元/月 ") + 1), (Lines{"工资：6000–9000元/月", "招7人"}));
  EXPECT_EQ(wrap_text(m, "Saturday 5 December · 11 left", px, FontFace::body, w("Saturday 5 December · 1")),
            (Lines{"Saturday 5 December", "11 left"}));
  EXPECT_EQ(wrap_phrases(m, "单位：示例公司 · 地点：通州区", px, FontFace::body, w("单位：示例公司 · 地点")),
            (Lines{"单位：示例公司", "地点：通州区"}));
  // Where the line holds the separator and what follows, it stays.
  EXPECT_EQ(wrap_text(m, pay, px, FontFace::body, w(pay)), Lines{pay});
  EXPECT_EQ(wrap_phrases(m, pay, px, FontFace::body, w(pay)), Lines{pay});
  // The frame rule (broken_word, as the 禁则 rule) names the lines of before.
  EXPECT_EQ(broken_word(pay, {"工资：6000–9000元/月 ·", "招7人"}), "工资：6000–9000元/月 ·|招7人");
  EXPECT_EQ(broken_word(pay, {"工资：6000–9000元/月", "· 招7人"}), "工资：6000–9000元/月|· 招7人");
  EXPECT_EQ(broken_word(pay, {"工资：6000–9000元/月", "招7人"}), "");
  // At every width: no line starts or ends with the dot, the lines are the text in order with
  // only spaces and separators left out at the breaks, and a line is never wider than the room
  // where every unit of it fits alone.
  const std::string texts[] = {pay,
                               "Saturday 5 December · 11 left",
                               "单位：示例数据服务有限公司 · 地点：通州区示例路192号",
                               "Pay: 4500–6000 yuan a month · 7 places",
                               "12月7日 周一 · 余9个 · 上午9:00–11:30 · 服务站一楼评定室",
                               "同行 · 示例社区残疾人服务站。"};
  const std::string dot = "\u00b7";
  for (const auto& text : texts)
    for (float chars = 6; chars <= 30; chars += 0.25f)
      for (bool phrases : {false, true}) {
        const float room = em * chars;
        const Lines lines = phrases ? wrap_phrases(m, text, px, FontFace::body, room)
                                    : wrap_text(m, text, px, FontFace::body, room);
        const std::string at = text + " at " + std::to_string(chars) + " em" + (phrases ? " (phrases)" : "");
        size_t pos = 0;
        for (const auto& l : lines) {
          ASSERT_FALSE(l.empty()) << at;
          EXPECT_NE(l.compare(0, dot.size(), dot), 0) << at << ": '" << l << "'";
          EXPECT_FALSE(l.size() >= dot.size() && l.compare(l.size() - dot.size(), dot.size(), dot) == 0) << at << ": '" << l << "'";
          EXPECT_NE(l.front(), ' ') << at;
          EXPECT_NE(l.back(), ' ') << at;
          ASSERT_EQ(text.compare(pos, l.size(), l), 0) << at << ": '" << l << "' at " << pos;
          pos += l.size();
          if (text.compare(pos, 4, " \u00b7 ") == 0) pos += 4;
          while (pos < text.size() && text[pos] == ' ') ++pos;
          if (w(l) > room) {
            EXPECT_LT(chars, 12) << at << ": '" << l << "' wider than the line";
          }
        }
        EXPECT_EQ(pos, text.size()) << at;
        EXPECT_EQ(broken_word(text, lines, true), "") << at;
      }
}
