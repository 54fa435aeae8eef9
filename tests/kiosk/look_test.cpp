// What the screens show (issue 12 point 4): local dates and times (core/local_time), and the
// screens read through the a11y registry — records as cards with their status first, no ISO
// stamp anywhere, the header's station and clock.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "core/local_time.h"

using namespace tx;

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
