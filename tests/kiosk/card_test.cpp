// The ID-card reader and scanners: the GA 467 framing (devices/id_card.h), the keyboard-wedge
// classifier (devices/wedge.h), slip codes (domain/slip_code.h), and the platform driver
// (platform/card_reader.h) against a simulated reader on a real pseudo-terminal.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "card_sim.h"
#include "harness.h"
#include "devices/id_card.h"
#include "devices/wedge.h"
#include "domain/identity.h"
#include "domain/slip_code.h"
#include "platform/card_reader.h"

using namespace tx;
using namespace tx::idcard;

namespace {

std::string bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s += char(x);
  return s;
}

const std::string kId = std::string("11010519491231002") + id_check_character("11010519491231002");

TEST(IdCardProtocol, RequestsAreTheDocumentedBytes) {
  EXPECT_EQ(encode_request(Command::find), bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22}));
  EXPECT_EQ(encode_request(Command::select), bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x02, 0x21}));
  EXPECT_EQ(encode_request(Command::read), bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32}));
}

TEST(IdCardProtocol, ParsesAReplyWithStatusAndData) {
  // A real module's "card found" reply: 00 00 9F, four data bytes, checksum 0x97.
  ReplyParser p;
  p.feed(bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00, 0x00, 0x00, 0x97}));
  Reply r;
  ASSERT_EQ(p.next(&r), ReplyParser::Result::reply);
  EXPECT_TRUE(r.card_found());
  EXPECT_FALSE(r.success());
  EXPECT_EQ(r.data, std::string(4, '\0'));
  EXPECT_EQ(p.next(&r), ReplyParser::Result::need_more);
  EXPECT_EQ(encode_reply(0, 0, 0x9F, std::string(4, '\0')).back(), char(0x97));
}

TEST(IdCardProtocol, PartialFramesNoiseAndTwoFramesAtOnce) {
  std::string f = encode_reply(0, 0, 0x80, "") + encode_reply(0, 0, 0x90, "abc");
  ReplyParser p;
  Reply r;
  p.feed(std::string("\x13\x00\xAA", 3));  // noise, and a byte that could start a preamble
  for (size_t i = 0; i < 9; ++i) {        // the first frame byte by byte
    p.feed(f.substr(i, 1));
    EXPECT_EQ(p.next(&r), ReplyParser::Result::need_more) << i;
  }
  p.feed(f.substr(9));
  ASSERT_EQ(p.next(&r), ReplyParser::Result::reply);
  EXPECT_TRUE(r.no_card());
  ASSERT_EQ(p.next(&r), ReplyParser::Result::reply);
  EXPECT_TRUE(r.success());
  EXPECT_EQ(r.data, "abc");
}

TEST(IdCardProtocol, BadChecksumAndLengthAreReportedAndSkipped) {
  std::string bad = encode_reply(0, 0, 0x90, "data");
  bad.back() ^= 1;
  ReplyParser p;
  Reply r;
  p.feed(bad + encode_reply(0, 0, 0x80, ""));
  EXPECT_EQ(p.next(&r), ReplyParser::Result::bad_checksum);
  ASSERT_EQ(p.next(&r), ReplyParser::Result::reply);  // the good frame after it still parses
  EXPECT_TRUE(r.no_card());
  p.feed(bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF}));
  EXPECT_EQ(p.next(&r), ReplyParser::Result::bad_length);
  EXPECT_EQ(p.next(&r), ReplyParser::Result::need_more);
}

TEST(IdCardProtocol, DecodesOnlyIdNumberNameAndValidity) {
  std::string text = encode_card_text("张三丰", kId, "20160101", "20360101");
  ASSERT_EQ(text.size(), 256u);
  // UCS-2LE: 张 is U+5F20, the field padded with spaces (0x20 0x00).
  EXPECT_EQ(text.substr(0, 2), bytes({0x20, 0x5F}));
  EXPECT_EQ(text.substr(28, 2), bytes({0x20, 0x00}));
  CardText c;
  std::string err;
  ASSERT_TRUE(decode_card_text(encode_read_data(text), &c, &err)) << err;
  EXPECT_EQ(c.id_number, kId);
  EXPECT_EQ(c.name, "张三丰");
  EXPECT_EQ(c.valid_to, "2036-01-01");
  EXPECT_FALSE(expired(c, "2026-12-05"));
  EXPECT_TRUE(expired(c, "2036-01-02"));
  EXPECT_EQ(id_tail(c.id_number), kId.substr(14));

  ASSERT_TRUE(decode_card_text(encode_read_data(encode_card_text("李四", kId, "20060101", "长期")), &c, &err));
  EXPECT_EQ(c.valid_to, "");
  EXPECT_FALSE(expired(c, "2099-01-01"));
  // A lower-case x on the card becomes X.
  std::string x_id = "11010519491231011x";
  ASSERT_TRUE(decode_card_text(encode_read_data(encode_card_text("王五", x_id, "20160101", "20360101")), &c, &err));
  EXPECT_EQ(c.id_number.back(), 'X');
}

TEST(IdCardProtocol, RefusesDataThatIsNotACard) {
  CardText c;
  std::string err;
  EXPECT_FALSE(decode_card_text("short", &c, &err));
  EXPECT_FALSE(err.empty());
  EXPECT_FALSE(decode_card_text(encode_read_data(encode_card_text("张三", "12345", "20160101", "20360101")), &c, &err));
  EXPECT_FALSE(decode_card_text(encode_read_data(encode_card_text("张三", kId, "20160101", "someday")), &c, &err));
  std::string d = encode_read_data(encode_card_text("张三", kId, "20160101", "20360101"));
  d[1] = 0x10;  // text length 0x0110
  EXPECT_FALSE(decode_card_text(d, &c, &err));
}

TEST(IdCardProtocol, Ucs2RoundTrip) {
  for (std::string s : {"abc", "张三丰", "é", "〇"}) EXPECT_EQ(ucs2le_to_utf8(utf8_to_ucs2le(s)), s);
  EXPECT_EQ(ucs2le_to_utf8(bytes({0x00, 0xD8})), "\xEF\xBF\xBD");  // a lone surrogate
}

// ---------------------------------------------------------------- keyboard wedge
std::vector<WedgeOut> feed(WedgeClassifier& w, const std::string& keys, double t0, double gap, bool enter) {
  std::vector<WedgeOut> out;
  double t = t0;
  for (char c : keys) {
    w.key(std::string(1, c), t, false, &out);
    t += gap;
  }
  if (enter) w.key("Return", t, false, &out);
  w.tick(t + 1, &out);
  return out;
}

TEST(Wedge, AScannerBurstIsOneScan) {
  WedgeClassifier w;
  auto out = feed(w, kId, 10, 0.004, true);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, WedgeOut::scan);
  EXPECT_EQ(out[0].s, kId);
  // Without Enter too (scanners configured without a suffix): the pause ends it.
  out = feed(w, "ABCDEFGH2345", 20, 0.010, false);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].s, "ABCDEFGH2345");
}

TEST(Wedge, APersonTypingTheSameDigitsSlowlyIsKeys) {
  WedgeClassifier w;
  auto out = feed(w, kId, 10, 0.150, true);
  ASSERT_EQ(out.size(), kId.size() + 1);
  for (size_t i = 0; i < kId.size(); ++i) {
    EXPECT_EQ(out[i].kind, WedgeOut::key);
    EXPECT_EQ(out[i].s, std::string(1, kId[i]));
  }
  EXPECT_EQ(out.back().s, "Return");
  // Even a fast typist (a key every 70 ms) is typing.
  out = feed(w, "12345678901", 20, 0.070, false);
  EXPECT_EQ(out.size(), 11u);
  for (const auto& o : out) EXPECT_EQ(o.kind, WedgeOut::key);
}

TEST(Wedge, ShortBurstsRepeatsAndOtherKeysPassThrough) {
  WedgeClassifier w;
  std::vector<WedgeOut> out;
  // Two keys pressed together (a tremor) are keys.
  out = feed(w, "55", 1, 0.005, false);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, WedgeOut::key);
  // Auto-repeat of a held key is never a scan.
  out.clear();
  for (int i = 0; i < 12; ++i) w.key("7", 2 + i * 0.03, i > 0, &out);
  w.tick(5, &out);
  EXPECT_EQ(out.size(), 12u);
  for (const auto& o : out) EXPECT_EQ(o.kind, WedgeOut::key);
  // A navigation key flushes what is held first, in order.
  out.clear();
  w.key("1", 6, false, &out);
  EXPECT_TRUE(w.holding());
  EXPECT_DOUBLE_EQ(w.deadline(), 6 + WedgeOptions{}.max_gap_s);
  w.key("Down", 6.001, false, &out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].s, "1");
  EXPECT_EQ(out[1].s, "Down");
  EXPECT_FALSE(w.holding());
  // Letters come upper case whatever the key name's case.
  EXPECT_EQ(wedge_char("a"), 'A');
  EXPECT_EQ(wedge_char("Keypad 1"), 0);
}

TEST(Wedge, ClassifiesScans) {
  EXPECT_EQ(classify_scan(kId), ScanKind::id_number);
  std::string wrong = kId;
  wrong[17] = wrong[17] == '1' ? '2' : '1';
  EXPECT_EQ(classify_scan(wrong), ScanKind::unknown);
  SlipMac mac{1, 2, 3, 4, 5, 6, 7, 8, 9};
  EXPECT_EQ(classify_scan(encode_slip_code(42, mac)), ScanKind::slip);
  EXPECT_EQ(classify_scan("https://example.com/"), ScanKind::unknown);
}

TEST(SlipCode, RoundTripsAndCarriesNothingPersonal) {
  SlipMac mac{0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3, 0xff};
  std::string code = encode_slip_code(123456, mac);
  EXPECT_EQ(code.size(), 27u);
  EXPECT_EQ(code.substr(0, 3), "TXS");
  int64_t id = 0;
  SlipMac back{};
  ASSERT_TRUE(decode_slip_code(code, &id, &back));
  EXPECT_EQ(id, 123456);
  EXPECT_EQ(back, mac);
  // A scanner typing in lower case reads the same.
  std::string lower = code;
  for (auto& c : lower) c = char(std::tolower(c));
  ASSERT_TRUE(decode_slip_code(lower, &id, &back));
  EXPECT_EQ(back, mac);
  EXPECT_FALSE(decode_slip_code(code.substr(1), &id, &back));
  EXPECT_FALSE(decode_slip_code("TXS" + std::string(24, '1'), &id, &back));  // 1 is not base32
  EXPECT_EQ(slip_mac_input(7, "2026-12-07"), "slip:7:2026-12-07");
}

// ---------------------------------------------------------------- the driver on a pty
struct Events {
  std::vector<CardReaderEvent> all;
  // Waits (≤ 10 s) until an event of this kind arrived; drains into `all`.
  bool wait_for(CardReader& r, CardReaderEvent::Kind k, size_t nth = 1) {
    for (int i = 0; i < 1000; ++i) {
      for (auto& e : r.drain()) all.push_back(std::move(e));
      if (count(k) >= nth) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  size_t count(CardReaderEvent::Kind k) const {
    size_t n = 0;
    for (const auto& e : all) n += e.kind == k;
    return n;
  }
};

CardReaderOptions fast() {
  CardReaderOptions o;
  o.poll_s = 0.02;
  o.retry_s = 0.05;
  o.reply_timeout_s = 0.3;
  return o;
}

TEST(CardReaderDriver, ReadsACardOnceWhileItLies) {
  test::CardSim sim;
  ASSERT_FALSE(sim.path().empty());
  std::vector<std::string> logs;
  std::mutex lm;
  CardReader reader(sim.path(), nullptr, [&](const std::string& s) { std::lock_guard<std::mutex> l(lm); logs.push_back(s); }, fast());
  Events ev;
  for (int i = 0; i < 500 && sim.finds < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(reader.device(), sim.path());
  sim.place("张三丰", kId, "20360101");
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::card));
  EXPECT_EQ(ev.all.back().text.id_number, kId);
  EXPECT_EQ(ev.all.back().text.name, "张三丰");
  EXPECT_EQ(ev.all.back().text.valid_to, "2036-01-01");
  int finds = sim.finds;
  for (int i = 0; i < 500 && sim.finds < finds + 5; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  for (auto& e : reader.drain()) ev.all.push_back(e);
  EXPECT_EQ(ev.count(CardReaderEvent::card), 1u) << "the card lying there is read once";
  EXPECT_EQ(ev.count(CardReaderEvent::reader_lost), 0u);
  // Placed again: read again.
  sim.take_away();
  sim.place("张三丰", kId, "20360101");
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::card, 2));
  // Nothing of the card is in the driver's log lines.
  std::lock_guard<std::mutex> l(lm);
  for (const auto& s : logs) {
    EXPECT_EQ(s.find(kId.substr(10)), std::string::npos) << s;
    EXPECT_EQ(s.find("张"), std::string::npos) << s;
  }
}

TEST(CardReaderDriver, BadChecksumsPartialFramesAndNoiseAreSurvived) {
  test::CardSim sim;
  CardReader reader(sim.path(), nullptr, [](const std::string&) {}, fast());
  Events ev;
  sim.split = true;
  sim.garbage = true;
  sim.bad_checksums = 2;  // the next two replies are corrupt: the driver asks again
  sim.place("李四", kId, "长期");
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::card));
  EXPECT_EQ(ev.all.back().text.name, "李四");
  EXPECT_EQ(ev.all.back().text.valid_to, "");
  EXPECT_EQ(ev.count(CardReaderEvent::reader_lost), 0u);
}

TEST(CardReaderDriver, ACardTakenAwayMidReadIsAFailedReadNotACard) {
  test::CardSim sim;
  CardReader reader(sim.path(), nullptr, [](const std::string&) {}, fast());
  Events ev;
  sim.break_read = true;
  sim.place("王五", kId, "20360101");
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::read_failed));
  EXPECT_EQ(ev.count(CardReaderEvent::card), 0u);
  sim.place("王五", kId, "20360101");  // put back: read whole
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::card));
  EXPECT_EQ(ev.count(CardReaderEvent::reader_lost), 0u);
}

TEST(CardReaderDriver, UnpluggedSilentAndReplugged) {
  // The configured path is a symlink (as udev's /dev/serial/by-id/… are) so the "same" reader can
  // come back on another pseudo-terminal.
  std::string link = std::filesystem::temp_directory_path() / ("tx-card-" + std::to_string(getpid()));
  std::filesystem::remove(link);
  auto sim = std::make_unique<test::CardSim>();
  std::filesystem::create_symlink(sim->path(), link);
  CardReader reader(link, nullptr, [](const std::string&) {}, fast());
  Events ev;
  for (int i = 0; i < 500 && sim->finds < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  sim->unplug();
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::reader_lost));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several retries meanwhile
  for (auto& e : reader.drain()) ev.all.push_back(e);
  EXPECT_EQ(ev.count(CardReaderEvent::reader_lost), 1u) << "a loss is said once";
  sim = std::make_unique<test::CardSim>();
  std::filesystem::remove(link);
  std::filesystem::create_symlink(sim->path(), link);
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::reader_back));
  sim->place("赵六", kId, "20360101");
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::card));
  // A reader that stops answering is lost too (after failures_to_lost requests), once.
  sim->silent = true;
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::reader_lost, 2));
  std::filesystem::remove(link);
}

TEST(CardReaderDriver, AMissingConfiguredDeviceIsSaidAutoWithoutReadersIsNot) {
  CardReader reader("/nonexistent/ttyUSB9", nullptr, [](const std::string&) {}, fast());
  Events ev;
  ASSERT_TRUE(ev.wait_for(reader, CardReaderEvent::reader_lost));
  // A plain file is not a reader either.
  std::string file = std::filesystem::temp_directory_path() / ("tx-notatty-" + std::to_string(getpid()));
  { std::ofstream(file) << "x"; }
  CardReader on_file(file, nullptr, [](const std::string&) {}, fast());
  Events ev2;
  ASSERT_TRUE(ev2.wait_for(on_file, CardReaderEvent::reader_lost));
  std::filesystem::remove(file);
}

// ---------------------------------------------------------------- in the App (pure core)
using tx::testing::KioskHarness;

PeripheralInput card_of(const std::string& id, const std::string& name, const std::string& valid_to) {
  return {PeripheralInput::card, id, name, valid_to, ""};
}
PeripheralInput scan_of(const std::string& text) { return {PeripheralInput::scan, "", "", "", text}; }
// Taps without the fake station answering (the test answers).
void press(KioskHarness& k, const std::string& id) {
  const Widget* w = k.widget(id);
  ASSERT_TRUE(w) << id << " on " << k.screen();
  k.clock.advance(1.0);
  k.app->pointer_down(w->rect.cx(), w->rect.cy());
  k.app->pointer_up(w->rect.cx(), w->rect.cy());
  k.frame();
}
size_t said_count(const KioskHarness& k, const std::string& needle) {
  size_t n = 0;
  for (const auto& u : k.spoken) n += u.text.find(needle) != std::string::npos;
  return n;
}

TEST(CardInApp, ACardFillsTheIdentityStepAndMovesOnTheSecondFactorStays) {
  KioskHarness k;
  k.serve();
  k.tap("home.appointment");
  k.tap("kind.renewal");
  k.tap("day.2026-12-15");
  ASSERT_EQ(k.screen(), "identity.id_number");
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", "2036-01-01"));
  k.frame();
  EXPECT_EQ(k.screen(), "identity.phone");
  EXPECT_TRUE(k.said("已读取身份证，尾号 7810"));
  EXPECT_EQ(k.app->session().id_input, tx::testing::kId);
  auto log = k.app->take_input_log();
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["kind"], "card");
  EXPECT_EQ(log[0]["id_tail"], "7810");
  EXPECT_EQ(log[0].dump().find(tx::testing::kId.substr(0, 14)), std::string::npos);
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find(tx::testing::kId.substr(6, 8)), std::string::npos) << u.text;
  // Back goes to the ID step, filled (masked on screen), as if typed.
  k.key("Escape");
  EXPECT_EQ(k.screen(), "identity.id_number");
}

TEST(CardInApp, AnExpiredCardIsSaidAndNotUsed) {
  KioskHarness k;
  k.serve();
  k.tap("home.appointment");
  k.tap("kind.renewal");
  k.tap("day.2026-12-15");
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", "2026-11-24"));  // today is 2026-11-25
  k.frame();
  EXPECT_EQ(k.screen(), "identity.id_number");
  EXPECT_TRUE(k.said("这张身份证已过期（有效期至 2026-11-24）"));
  EXPECT_TRUE(k.app->session().id_input.empty());
  EXPECT_EQ(k.app->take_input_log().at(0)["expired"], true);
  // A long-term card never expires.
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", ""));
  k.frame();
  EXPECT_EQ(k.screen(), "identity.phone");
}

TEST(CardInApp, ACardPlacedOnTheHomeScreenFillsTheNextIdentityStep) {
  KioskHarness k;
  k.serve();
  k.app->peripheral(card_of(tx::testing::kId, "", ""));
  k.frame();
  EXPECT_EQ(k.screen(), "home");
  EXPECT_TRUE(k.said("选择要办的事以后"));
  k.tap("home.my_appointments");
  EXPECT_EQ(k.screen(), "identity.phone");
  EXPECT_TRUE(k.said("已读取身份证，尾号 7810"));
}

TEST(CardInApp, AFirstTimersNameComesFromTheCard) {
  KioskHarness k;
  k.serve();
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  k.tap("day.2026-12-15");
  k.app->peripheral(card_of(tx::testing::kNewId, "张三", "2036-01-01"));
  k.frame();
  ASSERT_EQ(k.screen(), "identity.returning");
  k.tap("returning.no");
  k.type("13812345678");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "appointment.confirm");
  k.tap("confirm.book");
  bool sent = false;
  for (const auto& r : k.requests)
    if (r.path == "/api/v1/appointments") {
      sent = true;
      EXPECT_EQ(r.body.value("name", ""), "张三");
      EXPECT_EQ(r.body.value("id_number", ""), tx::testing::kNewId);
    }
  EXPECT_TRUE(sent);
  EXPECT_EQ(k.screen(), "appointment.slip");
}

TEST(CardInApp, AReaderLostIsSaidOnceAndIsNotSomeoneAtTheKiosk) {
  KioskHarness k;
  k.serve();
  for (int i = 0; i < 3; ++i) {
    k.app->peripheral({PeripheralInput::reader_lost});
    k.frame();
  }
  EXPECT_EQ(said_count(k, "身份证阅读器没有连接"), 1u);
  EXPECT_FALSE(k.app->session().any_input) << "the reader's state does not start a session";
  k.app->peripheral({PeripheralInput::reader_back});
  k.frame();
  EXPECT_TRUE(k.said("身份证阅读器已恢复"));
  k.app->peripheral({PeripheralInput::reader_lost});
  k.frame();
  EXPECT_EQ(said_count(k, "身份证阅读器没有连接"), 2u) << "a new loss is said again";
  // The keypad goes on working.
  k.tap("home.appointment");
  EXPECT_EQ(k.screen(), "appointment.kind");
  k.app->peripheral({PeripheralInput::read_failed});
  k.frame();
  EXPECT_TRUE(k.said("没有读完身份证"));
}

TEST(CardInApp, AScannedSlipOpensItsAppointmentAfterThePhoneDigits) {
  KioskHarness k;
  k.serve();
  SlipMac mac{};
  std::string code = encode_slip_code(17, mac);
  k.app->peripheral(scan_of(code));
  k.frame();
  ASSERT_EQ(k.screen(), "identity.phone");
  EXPECT_TRUE(k.said("已扫描预约单"));
  k.type("7810");
  press(k, "keypad.ok");
  ASSERT_FALSE(k.http.sent.empty());
  const HttpRequest& r = k.http.sent.back().second;
  EXPECT_EQ(r.path, "/api/v1/appointments/by-slip");
  EXPECT_EQ(r.body["slip_code"], code);
  EXPECT_EQ(r.body["phone_last4"], "7810");
  k.http.answer({200, nlohmann::json::parse(tx::testing::kBooked), ""});
  k.frame();
  EXPECT_EQ(k.screen(), "appointment.slip");
  // The slip scanned again, digits typed, and the station's refusal.
  auto refused = [&](const std::string& digits, int status, const std::string& code_name, const std::string& words) {
    k.app->peripheral(scan_of(code));
    k.frame();
    k.type(digits);
    press(k, "keypad.ok");
    k.http.answer({status, nlohmann::json{{"error", {{"code", code_name}, {"message_zh", words}, {"message_en", "x"}}}}, ""});
    k.frame();
  };
  // A forged or old slip: the station's sentence, back home.
  refused("7810", 404, "slip_invalid", "这张预约单无法识别。");
  EXPECT_EQ(k.screen(), "home");
  EXPECT_TRUE(k.said("这张预约单无法识别"));
  // Wrong digits: said at the field, typed again.
  refused("1111", 401, "verification_failed", "手机号后四位不正确。");
  EXPECT_EQ(k.screen(), "identity.phone");
  EXPECT_TRUE(k.app->session().phone_input.empty());
  // Something else scanned.
  k.app->peripheral(scan_of("HELLO"));
  k.frame();
  EXPECT_TRUE(k.said("这个条码不是本站的预约单"));
}

TEST(CardInApp, StaffScanASlipToShowAndCheckIn) {
  KioskHarness k;
  k.serve();
  k.open_staff_pin();
  k.type("975318");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
  SlipMac mac{};
  std::string code = encode_slip_code(31, mac);
  k.app->peripheral(scan_of(code));
  k.frame();
  k.serve();
  bool asked = false;
  for (const auto& r : k.requests) asked |= r.path == "/api/v1/staff/slips/" + code;
  ASSERT_TRUE(asked);
  ASSERT_EQ(k.screen(), "staff.appointment");
  k.tap("staff.appt.check_in");
  EXPECT_TRUE(k.said("已签到"));
  // A card on the find screen looks the resident up.
  k.key("Home");
  k.tap("staff.find");
  ASSERT_EQ(k.screen(), "staff.find");
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", "2036-01-01"));
  k.frame();
  bool searched = false;
  for (const auto& [id, r] : k.http.sent) searched |= r.path == "/api/v1/staff/residents/search" && r.body["id_number"] == tx::testing::kId;
  EXPECT_TRUE(searched);
}

// Issue 16 / 14: the resident's card read at the desk verifies a kiosk registration (the station
// compares the numbers and audits it); a verified resident's card only looks them up.
TEST(CardInApp, AStaffCardReadAtTheDeskVerifiesAKioskRegistration) {
  KioskHarness k;
  k.resident_unverified = true;
  k.serve();
  k.open_staff_pin();
  k.type("975318");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
  auto verify_requests = [&k] {
    int n = 0;
    for (const auto& r : k.requests)
      if (r.path.find("/verify-identity") != std::string::npos) {
        ++n;
        EXPECT_EQ(r.path, "/api/v1/staff/residents/7/verify-identity");
        EXPECT_EQ(r.body.value("id_number", ""), tx::testing::kId);
        EXPECT_EQ(r.body.value("method", ""), "card_reader");
        EXPECT_EQ(r.body.value("name", ""), "胡某某");
      }
    return n;
  };
  k.tap("staff.find");
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", "2036-01-01"));
  for (int i = 0; i < 4; ++i) k.frame(), k.serve();
  ASSERT_EQ(k.screen(), "staff.resident");
  EXPECT_EQ(verify_requests(), 1);
  EXPECT_TRUE(k.said("身份已确认"));
  EXPECT_TRUE(k.app->staff().resident.value("identity_verified", true));
  // Verified now: the same card on the resident's screen asks nothing more.
  k.app->peripheral(card_of(tx::testing::kId, "胡某某", "2036-01-01"));
  for (int i = 0; i < 3; ++i) k.frame(), k.serve();
  EXPECT_EQ(verify_requests(), 1);
}

}  // namespace
