#include "domain/date.h"

#include <gtest/gtest.h>

using namespace tx;

TEST(Date, ParsesStrictIsoDates) {
  auto d = Date::parse("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2u);
  EXPECT_EQ(d->day(), 29u);
  EXPECT_EQ(d->str(), "2024-02-29");
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-1-01"));
  EXPECT_FALSE(Date::parse("2024-01-01 "));
  EXPECT_FALSE(Date::parse("２０２４-01-01"));
  EXPECT_FALSE(Date::parse(""));
}

TEST(Date, WeekdaysAndArithmetic) {
  auto d = *Date::parse("2026-11-25");  // a Wednesday
  EXPECT_EQ(d.iso_weekday(), 3u);
  EXPECT_EQ(d.plus_days(7).str(), "2026-12-02");
  EXPECT_EQ(d.plus_days(-25).str(), "2026-10-31");
  EXPECT_EQ(days_between(d, *Date::parse("2027-01-01")), 37);
  EXPECT_EQ(Date::parse("2024-02-29")->plus_years(10).str(), "2034-02-28");
}

TEST(Date, LocalTodayUsesOffset) {
  auto t = parse_iso_utc("2026-11-24T17:30:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(Date::today(*t, 0).str(), "2026-11-24");
  EXPECT_EQ(Date::today(*t, 8 * 60).str(), "2026-11-25");  // Beijing is already past midnight
  EXPECT_EQ(iso_utc(*t), "2026-11-24T17:30:00Z");
  EXPECT_FALSE(parse_iso_utc("2026-11-24T25:30:00Z"));
  EXPECT_FALSE(parse_iso_utc("2026-11-24 17:30:00"));
}
