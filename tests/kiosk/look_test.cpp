// What the screens show (issue 12 point 4): local dates and times (core/local_time), and the
// screens read through the a11y registry — records as cards with their status first, no ISO
// stamp anywhere, the header's station and clock.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iconv.h>
#include <fstream>
#include <regex>

#include "core/local_time.h"
#include "harness.h"

using namespace tx;
using namespace tx::testing;

namespace {

const Catalog& catalog() {
  static Catalog c = [] {
    Catalog c;
    std::string err;
    if (!c.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) ADD_FAILURE() << err;
    return c;
  }();
  return c;
}

// 2026-12-05 10:52:12 UTC = 18:52:12 in Beijing, a Saturday.
constexpr std::int64_t kSat1852 = 1796467932;
const TimeZone kShanghai = TimeZone{};

LocalTime zh(std::int64_t now = kSat1852, TimeZone z = kShanghai) { return LocalTime(catalog(), Locale::zh, z, now); }
LocalTime en(std::int64_t now = kSat1852, TimeZone z = kShanghai) { return LocalTime(catalog(), Locale::en, z, now); }

}  // namespace

TEST(LocalTime, ParsesStationStamps) {
  EXPECT_EQ(parse_instant("2026-12-05T10:52:12Z"), kSat1852);
  EXPECT_EQ(parse_instant("2026-12-05T18:52:12+08:00"), kSat1852);
  EXPECT_EQ(parse_instant("2026-12-05T10:52:12.250Z"), kSat1852);
  EXPECT_EQ(parse_instant("2026-12-05 10:52:12"), kSat1852);  // SQLite's datetime('now'): UTC
  EXPECT_FALSE(parse_instant("2026-12-05"));
  EXPECT_FALSE(parse_instant("2026-13-05T10:52:12Z"));
  EXPECT_FALSE(parse_instant("2026-12-05T10:52:12 Beijing"));
}

TEST(LocalTime, DatesInWordsWithWeekday) {
  EXPECT_EQ(zh().date("2026-12-15"), "12月15日 星期二");
  EXPECT_EQ(en().date("2026-12-15"), "Tuesday 15 December");
  // Another year carries the year; a stamp is dated by the local day, not the UTC one.
  EXPECT_EQ(zh().date("2027-01-04"), "2027年1月4日 星期一");
  EXPECT_EQ(zh().date("2026-12-05T16:30:00Z"), "12月6日 星期日");  // 00:30 on Sunday in Beijing
  EXPECT_EQ(zh().short_date("2026-12-03"), "12月3日");
  EXPECT_EQ(en().short_date("2025-12-03"), "3 December 2025");
  // Not a date: shown as it came (never a crash, never an empty line).
  EXPECT_EQ(zh().date("soon"), "soon");
  EXPECT_EQ(zh().date("2026-02-30"), "2026-02-30");
}

TEST(LocalTime, TimesWithThePeriodOfTheDay) {
  EXPECT_EQ(zh().time("09:00"), "上午9:00");
  EXPECT_EQ(zh().time("12:30"), "中午12:30");
  EXPECT_EQ(zh().time("14:05"), "下午2:05");
  EXPECT_EQ(zh().time("19:00"), "晚上7:00");
  EXPECT_EQ(zh().time("00:30"), "凌晨0:30");
  EXPECT_EQ(en().time("09:00"), "9:00 am");
  EXPECT_EQ(en().time("00:30"), "12:30 am");
  EXPECT_EQ(en().time("12:30"), "12:30 pm");
  EXPECT_EQ(en().time("14:05"), "2:05 pm");
  EXPECT_EQ(zh().time_range("09:00", "11:30"), "上午9:00–11:30");
  EXPECT_EQ(en().time_range("09:00", "11:30"), "9:00–11:30 am");
  EXPECT_EQ(zh().time_range("11:00", "14:00"), "上午11:00–下午2:00");
  EXPECT_EQ(en().time_range("11:00", "14:00"), "11:00 am–2:00 pm");
  EXPECT_EQ(zh().date_time("2026-12-15", "09:00"), "12月15日 星期二 上午9:00");
  EXPECT_EQ(en().date_time("2026-12-15", "09:00"), "Tuesday 15 December, 9:00 am");
  EXPECT_EQ(zh().date_time("2026-12-15T01:00:00Z"), "12月15日 星期二 上午9:00");
}

TEST(LocalTime, RelativeDaysAroundMidnight) {
  // "Updated" stamps: today with the time, yesterday with the time, older as a short date.
  EXPECT_EQ(zh().relative("2026-12-05T02:52:00Z"), "今天 10:52");
  EXPECT_EQ(en().relative("2026-12-05T02:52:00Z"), "today 10:52");
  EXPECT_EQ(zh().relative("2026-12-04T02:52:00Z"), "昨天 10:52");
  EXPECT_EQ(zh().relative("2026-12-03T02:52:00Z"), "12月3日");
  EXPECT_EQ(zh().relative("2025-12-03T02:52:00Z"), "2025年12月3日");
  EXPECT_EQ(zh().relative("2026-12-05"), "今天");
  EXPECT_EQ(zh().relative("2026-12-06"), "明天");
  // 15:59:30 UTC is 23:59:30 in Beijing; 16:00 UTC is already tomorrow there.
  const std::int64_t before_midnight = 1796486370, midnight = 1796486400;
  EXPECT_EQ(zh(before_midnight).relative("2026-12-05T15:00:00Z"), "今天 23:00");
  EXPECT_EQ(zh(midnight).relative("2026-12-05T15:00:00Z"), "昨天 23:00");
  EXPECT_EQ(zh(before_midnight).header(), "12月5日 星期六 23:59");
  EXPECT_EQ(zh(midnight).header(), "12月6日 星期日 0:00");
  EXPECT_EQ(zh(midnight).today(), "2026-12-06");
}

TEST(LocalTime, HeaderClockInEachLanguage) {
  EXPECT_EQ(zh().header(), "12月5日 星期六 18:52");
  EXPECT_EQ(en().header(), "Saturday 5 December 18:52");
}

TEST(LocalTime, TimeZones) {
  std::string err;
  // The same instant in UTC and in Urumqi's local time.
  EXPECT_EQ(zh(kSat1852, *zone_named("UTC", &err)).header(), "12月5日 星期六 10:52");
  EXPECT_EQ(zh(kSat1852, *zone_named("Asia/Urumqi", &err)).header(), "12月5日 星期六 16:52");
  EXPECT_EQ(zone_named("UTC+8", &err)->offset_min, 480);
  EXPECT_EQ(zone_named("+05:30", &err)->offset_min, 330);
  EXPECT_EQ(zone_named("CST-8", &err)->offset_min, 480);   // POSIX: west of UTC is positive
  EXPECT_EQ(zone_named(":Asia/Shanghai", &err)->offset_min, 480);
  EXPECT_FALSE(zone_named("Mars/Olympus", &err));
  EXPECT_NE(err.find("Mars/Olympus"), std::string::npos);
  EXPECT_FALSE(zone_named("../../etc/passwd", &err));
  // The config wins, then TZ, then Asia/Shanghai.
  EXPECT_EQ(resolve_zone("UTC", "Asia/Urumqi").offset_min, 0);
  EXPECT_EQ(resolve_zone("", "Asia/Urumqi").offset_min, 360);
  EXPECT_EQ(resolve_zone("", "Nowhere/Else").name, "Asia/Shanghai");
  EXPECT_EQ(resolve_zone("", nullptr).offset_min, 480);
}

TEST(LocalTime, ReadsSystemZoneinfoWithSummerTime) {
  // A zone that is not built in comes from the TZif file (tzdata); Berlin keeps summer time.
  std::string err;
  auto berlin = zone_named("Europe/Berlin", &err);
  if (!berlin) GTEST_SKIP() << "no tzdata: " << err;
  EXPECT_EQ(berlin->offset_at(kSat1852), 60);                  // December: CET
  EXPECT_EQ(berlin->offset_at(*parse_instant("2026-07-01T12:00:00Z")), 120);  // July: CEST
  EXPECT_EQ(en(kSat1852, *berlin).header(), "Saturday 5 December 11:52");
}

// ------------------------------------------------------------------ the screens

namespace {

// The widgets of every page of the screen (the registry holds the page shown), by id.
std::map<std::string, Widget> all_pages(KioskHarness& k) {
  for (int i = 0; i < 12 && k.widget("page.prev") && k.widget("page.prev")->enabled; ++i) k.tap("page.prev");
  std::map<std::string, Widget> out;
  for (int i = 0; i < 12; ++i) {
    for (const auto& w : k.app->ui().widgets()) out.emplace(w.id, w);
    const Widget* n = k.widget("page.next");
    if (!n || !n->enabled) break;
    k.tap("page.next");
  }
  return out;
}

// Every label and spoken text on the screen: no ISO stamp, no raw "YYYY-MM-DD" (a resident reads
// "12月15日 星期二", never "2026-12-15" or "2026-12-05T10:52:12Z").
void expect_no_iso(KioskHarness& k, std::set<std::string>* seen) {
  static const std::regex stamp("T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"), date("20[0-9]{2}-[0-9]{2}-[0-9]{2}");
  seen->insert(k.screen());
  for (const auto& [id, w] : all_pages(k))
    for (const std::string* s : {&w.label, &w.speak}) {
      EXPECT_FALSE(std::regex_search(*s, stamp)) << k.screen() << " " << w.id << ": " << *s;
      EXPECT_FALSE(std::regex_search(*s, date)) << k.screen() << " " << w.id << ": " << *s;
    }
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t a = 0;
  for (size_t b; (b = s.find('\n', a)) != std::string::npos; a = b + 1) out.push_back(s.substr(a, b - a));
  out.push_back(s.substr(a));
  return out;
}

void to_subsidies(KioskHarness& k, bool consent) {
  k.tap_find("home.subsidy");
  k.type(kId);
  k.tap_find("keypad.ok");
  k.type("0147");
  k.tap_find("keypad.ok");
  k.tap_find(consent ? "consent.yes" : "consent.no");
  ASSERT_EQ(k.screen(), "subsidy.status");
}

}  // namespace

TEST(Look, SubsidiesAreOneCardPerProgrammeWithItsStatusFirst) {
  KioskHarness k;
  to_subsidies(k, true);
  // Two programmes: two record rows, the programme then its status badge (words, an icon), then
  // the money and since when on one line (the office on the detail and read aloud, settings9);
  // "更新于 今天 11:00" under the list. The
  // payments, the review and the appeal are a tap away (subsidy.detail), not a wall under it.
  auto all = all_pages(k);
  ASSERT_TRUE(all.count("subsidy.0") && all.count("subsidy.1"));
  EXPECT_FALSE(all.count("subsidy.2"));
  EXPECT_EQ(k.app->ui().page_count(), 1);  // two programmes, one page
  const Widget* paying = &all["subsidy.0"];
  const Widget* refused = &all["subsidy.1"];
  auto l0 = lines_of(paying->label), l1 = lines_of(refused->label);
  ASSERT_GE(l0.size(), 3u);
  EXPECT_EQ(l0[0], "重度残疾人护理补贴");
  EXPECT_EQ(l0[1], "发放中");
  EXPECT_EQ(l0[2], "每月290元 · 最近发放 10月15日 · 3月18日起");
  EXPECT_EQ(l0.size(), 3u);  // title, badge and the details on one line: no text wall
  EXPECT_EQ(l1[0], "困难残疾人生活补贴");
  EXPECT_EQ(l1[1], "未通过");
  for (const auto& [id, w] : all) EXPECT_EQ(id.find(".payment"), std::string::npos) << id;
  // Spoken as shown, status right after the programme (consent given).
  EXPECT_EQ(paying->speak.rfind("重度残疾人护理补贴，发放中，每月290元", 0), 0u) << paying->speak;
  EXPECT_EQ(all["subsidy.as_of"].label, "更新于 今天 11:00");
  std::set<std::string> seen;
  expect_no_iso(k, &seen);

  // A card opens its programme: its card, then the payments, the review, a line each.
  k.tap_find("subsidy.0");
  ASSERT_EQ(k.screen(), "subsidy.detail");
  EXPECT_EQ(k.app->ui().title(), "补贴明细");
  auto d = all_pages(k);
  auto card = lines_of(d["subsidy.detail.card"].label);
  ASSERT_GE(card.size(), 3u);
  EXPECT_EQ(card[0], "重度残疾人护理补贴");
  EXPECT_EQ(card[1], "发放中");
  EXPECT_NE(d["subsidy.detail.card"].label.find("示例街道社会保障服务中心"), std::string::npos);  // where
  EXPECT_EQ(d["subsidy.payment.0"].label, "10月：290元，10月15日到账");
  EXPECT_EQ(d["subsidy.review"].label, "下次复核：2027年4月1日 星期四");
  EXPECT_TRUE(k.said("10月：290元，10月15日到账"));  // consent given: read aloud
  expect_no_iso(k, &seen);
  // Back to the list, the focus on the card it opened; the refused one says why and how to appeal.
  k.tap_find("subsidy.back");
  ASSERT_EQ(k.screen(), "subsidy.status");
  EXPECT_EQ(k.app->focused(), "subsidy.0");
  k.tap_find("subsidy.1");
  ASSERT_EQ(k.screen(), "subsidy.detail");
  EXPECT_NE(all_pages(k)["subsidy.reason"].label.find("不符合当地困难家庭认定条件"), std::string::npos);
  k.tap("nav.back");
  EXPECT_EQ(k.screen(), "subsidy.status");
}

TEST(Look, SubsidyCardsSayNoAmountWithoutConsent) {
  KioskHarness k;
  to_subsidies(k, false);
  auto all = all_pages(k);
  ASSERT_TRUE(all.count("subsidy.0"));
  const Widget* paying = &all["subsidy.0"];
  EXPECT_NE(paying->label.find("290"), std::string::npos);        // shown …
  EXPECT_EQ(paying->speak.find("290"), std::string::npos);        // … not said (S7)
  EXPECT_EQ(paying->speak.find("发放中"), std::string::npos);
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find("290"), std::string::npos) << u.text;
  // Nor the programme's payments.
  k.tap_find("subsidy.0");
  ASSERT_EQ(k.screen(), "subsidy.detail");
  EXPECT_NE(all_pages(k)["subsidy.payment.0"].label.find("290"), std::string::npos);
  for (const auto& u : k.spoken) EXPECT_EQ(u.text.find("290"), std::string::npos) << u.text;
  EXPECT_TRUE(k.said("没有读出来"));
}

TEST(Look, HeaderShowsTheStationAndTheLocalClockEachMinute) {
  KioskHarness k;
  k.serve();  // GET /station: its name
  EXPECT_EQ(k.app->ui().env().header_station, "示例社区残疾人服务站");
  EXPECT_EQ(k.app->ui().env().header_clock, "11月25日 星期三 9:30");
  // The minute turns with no input: the next frame shows it.
  k.wall_now += 60;
  k.frame();
  EXPECT_EQ(k.app->ui().env().header_clock, "11月25日 星期三 9:31");
  // In English, and on staff screens too.
  k.tap_find("home.language");
  k.tap_find("lang.en");
  EXPECT_EQ(k.app->ui().env().header_station, "Demo Community Disability Service Station");
  EXPECT_EQ(k.app->ui().env().header_clock, "Wednesday 25 November 9:31");
  k.tap_find("nav.home");
  k.tap_find("home.language");
  k.tap_find("lang.zh");
  k.tap_find("nav.home");
  k.open_staff_pin();
  k.type("975318");
  k.tap("keypad.ok");
  ASSERT_EQ(k.screen(), "staff.home");
  EXPECT_EQ(k.app->ui().env().header_station, "示例社区残疾人服务站");
  EXPECT_EQ(k.app->ui().env().header_clock, "11月25日 星期三 9:31");
}

TEST(Look, AppointmentsAreCardsWithAStatusBadgeAndLocalTimes) {
  KioskHarness k;
  k.tap_find("home.my_appointments");
  k.type(kId);
  k.tap_find("keypad.ok");
  k.type("0147");
  k.tap_find("keypad.ok");
  ASSERT_EQ(k.screen(), "appointments.list");
  int cards = 0;
  auto all = all_pages(k);
  for (const auto& [id, w] : all) {
    if (w.id.rfind("appt.", 0) != 0 || w.id.find(".cancel") != std::string::npos) continue;
    ++cards;
    auto l = lines_of(w.label);
    ASSERT_EQ(l.size(), 3u) << w.label;  // kind, badge, when · where · ticket
    EXPECT_TRUE(l[1] == "已预约" || l[1] == "已签到" || l[1] == "已取消" || l[1] == "未到" || l[1] == "已完成") << l[1];
    EXPECT_NE(l[2].find("星期"), std::string::npos) << l[2];
    EXPECT_TRUE(l[2].find("上午") != std::string::npos || l[2].find("下午") != std::string::npos) << l[2];
    EXPECT_NE(l[2].find(" · 预约号"), std::string::npos) << l[2];
    // A booked one keeps its own cancel button, beside the card (1920×1080), spoken with the
    // appointment it cancels.
    if (l[1] == "已预约") {
      ASSERT_TRUE(all.count(w.id + ".cancel")) << w.id;
      const Widget& c = all[w.id + ".cancel"];
      EXPECT_GT(c.rect.x, w.rect.right()) << w.id;
      EXPECT_FLOAT_EQ(c.rect.y, w.rect.y) << w.id;
      EXPECT_EQ(c.speak.rfind("取消这个预约，" + l[0] + "，", 0), 0u) << c.speak;
    }
  }
  EXPECT_GE(cards, 1);
}

TEST(Look, JobsAreCompactCardsToCompare) {
  KioskHarness k;
  k.tap_find("home.jobs");
  ASSERT_EQ(k.screen(), "jobs.list");
  auto all = all_pages(k);
  ASSERT_TRUE(all.count("job.60"));
  const Widget* j = &all["job.60"];
  auto l = lines_of(j->label);
  ASSERT_EQ(l.size(), 3u) << j->label;  // title, badge, the details on one line
  EXPECT_EQ(l[0], "软件测试工程师 · 6000–9000元/月");  // the title and the pay, as job boards show them
  EXPECT_EQ(l[2], "示例数据服务有限公司 · 通州区 · 适合听力、肢体残疾");  // ("残疾" said once)
  EXPECT_EQ(j->speak, "软件测试工程师，6000–9000元/月，招7人，示例数据服务有限公司，通州区，适合听力、肢体残疾");
  // The three jobs on the first page; the filter is the list's tool, under them in the pager's
  // row (Ui::list_tool); the hint is heard, not drawn.
  EXPECT_EQ(k.app->ui().page_count(), 1);
  ASSERT_TRUE(k.widget("jobs.filter"));
  EXPECT_FALSE(k.widget("screen.hint"));
  EXPECT_GT(k.widget("jobs.filter")->rect.y, k.widget("job.58")->rect.bottom());
  // Tapping the card opens the job.
  k.tap_find("job.60");
  EXPECT_EQ(k.screen(), "jobs.detail");
}

TEST(Look, NoIsoStampOnAnyScreen) {
  std::set<std::string> seen;
  {
    KioskHarness k;
    expect_no_iso(k, &seen);
    k.tap_find("home.appointment");
    k.tap_find("kind.first_assessment");
    expect_no_iso(k, &seen);
    k.tap_find("day.2026-12-15");
    k.type(kId);
    k.tap_find("keypad.ok");
    k.tap_find("returning.yes");
    k.type("0147");
    k.tap_find("keypad.ok");
    expect_no_iso(k, &seen);  // confirmation
    k.tap_find("confirm.book");
    ASSERT_EQ(k.screen(), "appointment.slip");
    expect_no_iso(k, &seen);
    k.tap_find("slip.done");
    k.tap_find("home.my_appointments");
    expect_no_iso(k, &seen);
    k.tap_find("nav.home");
    k.tap_find("home.subsidy");
    k.tap_find("consent.yes");
    expect_no_iso(k, &seen);
    k.tap_find("nav.home");
    k.tap_find("home.jobs");
    expect_no_iso(k, &seen);
    k.tap_find("job.60");
    expect_no_iso(k, &seen);
  }
  {
    KioskHarness k;
    k.open_staff_pin();
    k.type("975318");
    k.tap_find("keypad.ok");
    for (const char* go : {"staff.today", "staff.upcoming", "staff.calls", "staff.sync"}) {
      k.tap_find("nav.home");
      k.tap_find(go);
      expect_no_iso(k, &seen);
    }
    k.tap_find("nav.home");
    k.tap_find("staff.upcoming");
    for (const auto& w : k.app->ui().widgets())
      if (w.id.rfind("staff.appt.", 0) == 0) {
        k.tap(w.id);
        break;
      }
    expect_no_iso(k, &seen);
    k.tap_find("nav.home");
    k.tap_find("staff.worklists");
    k.tap_find("staff.worklist.renewals");
    expect_no_iso(k, &seen);
    k.tap_find("nav.back");
    k.tap_find("staff.worklist.interests");
    expect_no_iso(k, &seen);
    k.tap_find("nav.home");
    k.find_resident_at_desk();
    expect_no_iso(k, &seen);
  }
  for (const char* s : {"appointment.confirm", "appointment.slip", "appointments.list", "subsidy.status", "jobs.list",
                        "jobs.detail", "staff.appointments", "staff.appointment", "staff.calls", "staff.sync",
                        "staff.renewals", "staff.job_interests", "staff.resident"})
    EXPECT_TRUE(seen.count(s)) << "not reached: " << s;
}

TEST(Look, ThePrintedSlipHasTheDateAndTimeInWordsToo) {
  KioskHarness k;
  std::string bytes;
  k.app->print_hook = [&](std::string b, std::string) {
    bytes = b;
    k.app->finish_print(true, "");
  };
  k.tap("home.appointment");
  k.tap("kind.first_assessment");
  k.tap_find("day.2026-12-15");
  k.type(kId);
  k.tap_find("keypad.ok");
  k.tap_find("returning.yes");
  k.type("0147");
  k.tap_find("keypad.ok");
  k.tap_find("confirm.book");
  ASSERT_EQ(k.screen(), "appointment.slip");
  k.tap_find("slip.print");
  k.frame();
  ASSERT_FALSE(bytes.empty());
  // The printer gets GB18030: encode what should be on the paper the same way.
  auto gb = [](const std::string& in) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    std::string out(in.size() * 2, '\0');
    char* src = const_cast<char*>(in.data());
    char* dst = out.data();
    size_t il = in.size(), ol = out.size();
    iconv(cd, &src, &il, &dst, &ol);
    iconv_close(cd);
    out.resize(out.size() - ol);
    return out;
  };
  EXPECT_NE(bytes.find(gb("日期：12月15日 星期二")), std::string::npos);
  EXPECT_NE(bytes.find(gb("时间：上午9:00-11:30")), std::string::npos);
  EXPECT_EQ(bytes.find("2026-12-15"), std::string::npos);
}

// days6 (issue 12): a week in the words residents use, relative to the station's today
// (Saturday 5 December 2026: its week starts on Monday 30 November), and its dates with the
// month once — spoken in full.
TEST(LocalTime, WeeksInWordsAndSpansWithTheMonthOnce) {
  EXPECT_EQ(zh().week_words("2026-11-30"), "本周");
  EXPECT_EQ(zh().week_words("2026-12-07"), "下周");
  EXPECT_EQ(zh().week_words("2026-12-21"), "12月21日那周");
  EXPECT_EQ(zh().week_words("2027-01-04"), "1月4日那周");
  EXPECT_EQ(en().week_words("2026-11-30"), "This week");
  EXPECT_EQ(en().week_words("2026-12-07"), "Next week");
  EXPECT_EQ(en().week_words("2026-12-21"), "Week of 21 December");
  // (on a Sunday, the week is still the one that started on Monday)
  EXPECT_EQ(zh(kSat1852 + 86400).week_words("2026-11-30"), "本周");
  EXPECT_EQ(zh(kSat1852 + 2 * 86400).week_words("2026-12-07"), "本周");
  EXPECT_EQ(zh().date_span("2026-12-07", "2026-12-13"), "12月7日–13日");
  EXPECT_EQ(zh().date_span("2026-12-28", "2027-01-03"), "12月28日–1月3日");
  EXPECT_EQ(zh().date_span("2026-12-07", "2026-12-13", true), "12月7日到12月13日");
  EXPECT_EQ(en().date_span("2026-12-07", "2026-12-13"), "7–13 December");
  EXPECT_EQ(en().date_span("2026-12-28", "2027-01-03"), "28 December – 3 January");
  EXPECT_EQ(en().date_span("2026-12-07", "2026-12-13", true), "7 December to 13 December");
  EXPECT_EQ(zh().date_span("soon", "later"), "soon–later");
  // What the frame rule keeps whole (core/text.h date_runs) is the span as shown.
  EXPECT_EQ(date_runs(zh().date_span("2026-12-28", "2027-01-03")), std::vector<std::string>{"12月28日–1月3日"});
  EXPECT_EQ(date_runs(en().date_span("2026-12-07", "2026-12-13")), std::vector<std::string>{"7–13 December"});
}
