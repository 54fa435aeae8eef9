// Assessment calendar: which days a station holds assessment sessions, for which kinds, with
// what capacity. Seed plans assess on the 5th, 15th and 25th; a day that falls on a weekend or
// public holiday moves to the next (or previous) working day. Everything is configuration.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "domain/appointment.h"
#include "domain/date.h"

namespace tx {

enum class HolidayShift { next_workday, previous_workday, skip };

struct WorkCalendar {
  std::set<Date> holidays;        // public holidays (法定节假日)
  std::set<Date> extra_workdays;  // weekend days that are working days (调休上班)
  HolidayShift shift = HolidayShift::next_workday;

  // is_workday: Monday–Friday and not a holiday, or an extra working day.
  bool is_workday(Date d) const;
};

// A recurring session: e.g. on-site assessment on the 5th/15th/25th, home visits on Tuesdays.
struct SessionTemplate {
  std::vector<AppointmentKind> kinds;
  std::vector<unsigned> days_of_month;  // 1..31; days past the month's end are skipped
  std::vector<unsigned> weekdays;       // 1 = Monday … 7 = Sunday
  std::string start = "09:00";
  std::string end = "11:30";
  std::string institution;
  std::string place;
  std::vector<int> categories;         // disability categories assessed; empty = all
  std::map<AppointmentKind, int> capacity;  // places per kind (kinds missing here get 0)
};

struct PlannedSession {
  Date date;
  AppointmentKind kind;
  std::string start, end, institution, place;
  std::vector<int> categories;
  int capacity = 0;
  auto operator<=>(const PlannedSession& o) const {
    if (auto c = date <=> o.date; c != 0) return c;
    return int(kind) <=> int(o.kind);
  }
  bool operator==(const PlannedSession& o) const { return date == o.date && kind == o.kind; }
};

// plan_sessions: every session in [from, to] (inclusive), sorted by date then kind. A day of
// month on a non-working day is shifted per `cal.shift`; weekday templates skip non-working
// days. If two templates give the same day and kind, the first template wins.
std::vector<PlannedSession> plan_sessions(const std::vector<SessionTemplate>& templates,
                                          const WorkCalendar& cal, Date from, Date to);

// default_templates: the seed plan (5th/15th/25th on site; home visits Tue/Thu; video Wed).
std::vector<SessionTemplate> default_templates();

}  // namespace tx
