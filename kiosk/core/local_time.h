// Local dates and times in the words residents use (issue 12 point 4, KIOSK_UI.md): never an
// ISO stamp or raw UTC on a screen.
//   "12月15日 星期二 上午9:00"  /  "Tuesday 15 December, 9:00 am"       date_time()
//   "更新于 今天 10:52" / "昨天 10:52" / "12月3日"  /  "today 10:52" …  relative()
//   "12月5日 星期六 15:10"  /  "Saturday 5 December 15:10"            header()
// Pure: no SDL, no ImGui, no process-wide time-zone state (TZ is read once, by the caller, and
// handed in); "now" is a parameter, so tests set it. The words come from the string catalogs
// (date.format, weekday.N, month.N, time.*, rel.*), in zh-Hans and en.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/i18n.h"

namespace tx {

// A time zone: its name and its UTC offsets over time (China: one offset, +08:00, no daylight
// saving since 1991). An IANA name is read from the system's zoneinfo (TZif) when it is not one
// of the built-in Chinese names; a fixed offset ("UTC+8", "+08:00", POSIX "CST-8") needs no file.
struct TimeZone {
  std::string name = "Asia/Shanghai";
  int offset_min = 8 * 60;                                   // before the first transition / fixed
  std::vector<std::pair<std::int64_t, int>> transitions;     // (unix s, offset min from then on)
  int offset_at(std::int64_t unix_s) const;
  static TimeZone fixed(int offset_min, std::string name = "");
};

// zone_named: "Asia/Shanghai", "Asia/Urumqi", "UTC", "UTC+8", "+08:00", "CST-8", or any IANA name
// under `zoneinfo_dir`. nullopt + *error when it is none of these.
std::optional<TimeZone> zone_named(const std::string& name, std::string* error,
                                   const std::string& zoneinfo_dir = "/usr/share/zoneinfo");
// The kiosk's zone: the config's `time_zone` when set, else the TZ variable's value (a leading
// ':' dropped; unknown or empty: ignored), else Asia/Shanghai.
TimeZone resolve_zone(const std::string& config_name, const char* tz_env,
                      const std::string& zoneinfo_dir = "/usr/share/zoneinfo");

// A local wall-clock reading.
struct LocalClock {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
  int weekday = 4;  // 0 = Sunday … 6 = Saturday
};
LocalClock to_local(std::int64_t unix_s, const TimeZone& z);

// A station time stamp: "2026-12-05T10:52:12Z" (UTC, what the services send), with an offset
// ("…+08:00"), or "2026-12-05 10:52:12" (taken as UTC). nullopt for anything else.
std::optional<std::int64_t> parse_instant(const std::string& s);

class LocalTime {
 public:
  LocalTime(const Catalog& cat, Locale loc, TimeZone zone, std::int64_t now_unix_s)
      : cat_(cat), loc_(loc), zone_(std::move(zone)), now_(now_unix_s) {}

  // "12月15日 星期二" / "Tuesday 15 December" for "YYYY-MM-DD" (or a stamp: its local date);
  // anything else comes back as it is. A date in another year than today's carries the year.
  std::string date(const std::string& ymd_or_stamp) const;
  // "12月3日" / "3 December": the short form (lists of payments), the year when not this year's.
  std::string short_date(const std::string& ymd_or_stamp) const;
  // "10月" / "October" for "YYYY-MM" (a payment's period; the year when not this year's).
  std::string month(const std::string& ym) const;
  // "上午9:00" / "9:00 am" for "HH:MM" (a station's slot time, already local).
  std::string time(const std::string& hhmm) const;
  // "上午9:00–11:30" / "9:00–11:30 am"; "上午11:00–下午1:00" when it crosses a period.
  std::string time_range(const std::string& from, const std::string& to) const;
  // "12月15日 星期二 上午9:00" for a date and a slot time, or for a stamp alone.
  std::string date_time(const std::string& ymd, const std::string& hhmm) const;
  std::string date_time(const std::string& stamp) const;
  // "今天 10:52" / "昨天 10:52" / "12月3日" (/ "2025年12月3日") relative to now, for a stamp or a
  // date ("今天" alone for today's date). Anything that is neither comes back as it is.
  std::string relative(const std::string& stamp_or_ymd) const;
  // The header clock: "12月5日 星期六 15:10" / "Saturday 5 December 15:10" (24-hour, as on
  // a terminal's status line).
  std::string header() const;
  // A span of days (a week, days6), month and day without the year (the booking horizon is
  // under 4 months and the weeks are in order): "12月7日–13日" / "7–13 December", the month once
  // when both ends share it, else "12月28日–1月3日" / "28 December – 3 January"; `spoken`: both
  // in full, "12月7日到12月13日" / "7 December to 13 December". Not dates: as they are.
  std::string date_span(const std::string& from_ymd, const std::string& to_ymd, bool spoken = false) const;
  // The week starting `monday` in the words residents use, relative to today: "本周" / "下周" /
  // "12月21日那周"; "This week" / "Next week" / "Week of 21 December".
  std::string week_words(const std::string& monday) const;
  // A day within a week (a week's days, days6): "12月15日 周二" / "Tue 15 December".
  std::string day_in_week(const std::string& ymd) const;
  // The local date of now: "YYYY-MM-DD".
  std::string today() const;
  const TimeZone& zone() const { return zone_; }

 private:
  std::string t(const char* key) const { return cat_.get(loc_, key); }
  std::string day_words(int y, int m, int d, int wday, bool with_weekday) const;
  std::string month_day(int m, int d) const;  // "12月7日" / "7 December", never the year
  std::string clock12(int h, int m, bool with_period) const;
  int period(int h) const;
  const Catalog& cat_;
  Locale loc_;
  TimeZone zone_;
  std::int64_t now_;
};

}  // namespace tx
