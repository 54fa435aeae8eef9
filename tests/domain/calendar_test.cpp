#include "domain/calendar.h"

#include <gtest/gtest.h>

using namespace tx;
using K = AppointmentKind;

static Date D(const char* s) { return *Date::parse(s); }

static std::vector<std::string> days_for(const std::vector<PlannedSession>& s, K kind) {
  std::vector<std::string> out;
  for (const auto& p : s)
    if (p.kind == kind) out.push_back(p.date.str());
  return out;
}

TEST(Calendar, SeedPlanFifthFifteenthTwentyFifth) {
  // December 2026: 5th is a Saturday → Monday 7th; 15th Tuesday; 25th Friday.
  auto s = plan_sessions(default_templates(), WorkCalendar{}, D("2026-12-01"), D("2026-12-31"));
  EXPECT_EQ(days_for(s, K::first_assessment),
            (std::vector<std::string>{"2026-12-07", "2026-12-15", "2026-12-25"}));
  EXPECT_EQ(days_for(s, K::renewal).size(), 3u);
  for (const auto& p : s)
    if (p.kind == K::first_assessment) {
      EXPECT_EQ(p.capacity, 20);
    }
}

TEST(Calendar, HolidaysMoveOrSkip) {
  WorkCalendar cal;
  cal.holidays = {D("2026-12-15")};
  auto next = plan_sessions(default_templates(), cal, D("2026-12-01"), D("2026-12-31"));
  EXPECT_EQ(days_for(next, K::first_assessment)[1], "2026-12-16");
  cal.shift = HolidayShift::previous_workday;
  auto prev = plan_sessions(default_templates(), cal, D("2026-12-01"), D("2026-12-31"));
  EXPECT_EQ(days_for(prev, K::first_assessment)[1], "2026-12-14");
  EXPECT_EQ(days_for(prev, K::first_assessment)[0], "2026-12-04");  // Sat 5th → Fri 4th
  cal.shift = HolidayShift::skip;
  auto skip = plan_sessions(default_templates(), cal, D("2026-12-01"), D("2026-12-31"));
  EXPECT_EQ(days_for(skip, K::first_assessment), (std::vector<std::string>{"2026-12-25"}));
}

TEST(Calendar, ExtraWorkdayOnAWeekend) {
  WorkCalendar cal;
  cal.extra_workdays = {D("2026-12-05")};  // 调休: Saturday is a working day
  auto s = plan_sessions(default_templates(), cal, D("2026-12-01"), D("2026-12-10"));
  EXPECT_EQ(days_for(s, K::first_assessment), (std::vector<std::string>{"2026-12-05"}));
}

TEST(Calendar, ShiftAcrossRangeStartIsKept) {
  // 2027-09-05 is a Sunday: the session is on Monday 6th even if the range starts on the 6th.
  auto s = plan_sessions(default_templates(), WorkCalendar{}, D("2027-09-06"), D("2027-09-06"));
  EXPECT_EQ(days_for(s, K::first_assessment), (std::vector<std::string>{"2027-09-06"}));
}

TEST(Calendar, WeekdayTemplatesAndRangeBounds) {
  auto s = plan_sessions(default_templates(), WorkCalendar{}, D("2026-11-30"), D("2026-12-06"));
  EXPECT_EQ(days_for(s, K::home_assessment),
            (std::vector<std::string>{"2026-12-01", "2026-12-03"}));
  EXPECT_EQ(days_for(s, K::video_assessment), (std::vector<std::string>{"2026-12-02"}));
  for (const auto& p : s) {
    EXPECT_GE(p.date, D("2026-11-30"));
    EXPECT_LE(p.date, D("2026-12-06"));
  }
  EXPECT_TRUE(std::is_sorted(s.begin(), s.end()));
}

TEST(Calendar, DayThirtyOneSkipsShortMonths) {
  SessionTemplate t;
  t.kinds = {K::first_assessment};
  t.days_of_month = {31};
  t.capacity = {{K::first_assessment, 3}};
  WorkCalendar cal;
  cal.shift = HolidayShift::skip;
  auto s = plan_sessions({t}, cal, D("2027-01-01"), D("2027-04-30"));
  EXPECT_EQ(days_for(s, K::first_assessment), (std::vector<std::string>{"2027-03-31"}));
}
