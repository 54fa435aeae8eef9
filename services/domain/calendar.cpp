#include "domain/calendar.h"

#include <algorithm>

namespace tx {

bool WorkCalendar::is_workday(Date d) const {
  if (extra_workdays.contains(d)) return true;
  if (holidays.contains(d)) return false;
  return d.iso_weekday() <= 5;
}

namespace {
// shifted: the working day a day-of-month session lands on, or nullopt when it is skipped.
std::optional<Date> shifted(Date d, const WorkCalendar& cal) {
  if (cal.is_workday(d)) return d;
  if (cal.shift == HolidayShift::skip) return std::nullopt;
  int step = cal.shift == HolidayShift::next_workday ? 1 : -1;
  for (int i = 0; i < 31; ++i) {  // Spring Festival is the longest break: ~9 days
    d = d.plus_days(step);
    if (cal.is_workday(d)) return d;
  }
  return std::nullopt;
}
}  // namespace

std::vector<PlannedSession> plan_sessions(const std::vector<SessionTemplate>& templates,
                                          const WorkCalendar& cal, Date from, Date to) {
  std::vector<PlannedSession> out;
  auto add = [&](const SessionTemplate& t, Date d) {
    if (d < from || d > to) return;
    for (AppointmentKind k : t.kinds) {
      PlannedSession s{d, k, t.start, t.end, t.institution, t.place, t.categories, 0};
      auto cap = t.capacity.find(k);
      s.capacity = cap == t.capacity.end() ? 0 : cap->second;
      if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    }
  };
  for (const auto& t : templates) {
    // Scan from a month before `from` so a day shifted forward across the range start is kept.
    Date first = Date::from_ymd(from.year(), from.month(), 1)->plus_days(-31);
    for (Date d = first; d <= to.plus_days(31); d = d.plus_days(1)) {
      bool by_month = std::find(t.days_of_month.begin(), t.days_of_month.end(), d.day()) !=
                      t.days_of_month.end();
      if (by_month) {
        if (auto s = shifted(d, cal)) add(t, *s);
      }
      bool by_week = std::find(t.weekdays.begin(), t.weekdays.end(), d.iso_weekday()) !=
                     t.weekdays.end();
      if (by_week && cal.is_workday(d)) add(t, d);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<SessionTemplate> default_templates() {
  using K = AppointmentKind;
  SessionTemplate onsite;
  onsite.kinds = {K::first_assessment, K::renewal, K::reassessment, K::replacement};
  onsite.days_of_month = {5, 15, 25};
  onsite.start = "09:00";
  onsite.end = "11:30";
  onsite.institution = "区残疾评定定点医院";
  onsite.place = "服务站一楼评定室";
  onsite.capacity = {{K::first_assessment, 20}, {K::renewal, 15}, {K::reassessment, 8},
                     {K::replacement, 10}};
  SessionTemplate home;
  home.kinds = {K::home_assessment};
  home.weekdays = {2, 4};
  home.start = "14:00";
  home.end = "17:00";
  home.institution = "区残疾评定定点医院上门评定组";
  home.place = "上门评定（申请人家中）";
  home.capacity = {{K::home_assessment, 4}};
  SessionTemplate video;
  video.kinds = {K::video_assessment};
  video.weekdays = {3};
  video.start = "14:30";
  video.end = "16:30";
  video.institution = "区残疾评定定点医院";
  video.place = "线上视频评定";
  video.categories = {2, 3, 5, 6};
  video.capacity = {{K::video_assessment, 6}};
  return {onsite, home, video};
}

}  // namespace tx
