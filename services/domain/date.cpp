#include "domain/date.h"

#include <cstdio>

namespace tx {
using namespace std::chrono;

std::optional<Date> Date::from_ymd(int y, unsigned m, unsigned d) {
  year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok() || y < 1 || y > 9999) return std::nullopt;
  return Date(sys_days{ymd});
}

static bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

static int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::optional<Date> Date::parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  return from_ymd(to_int(y), unsigned(to_int(m)), unsigned(to_int(d)));
}

Date Date::today(system_clock::time_point now, int utc_offset_minutes) {
  return Date(floor<days>(now + minutes(utc_offset_minutes)));
}

Date Date::from_days(std::int64_t n) { return Date(sys_days{days{n}}); }

int Date::year() const { return int(year_month_day{days_}.year()); }
unsigned Date::month() const { return unsigned(year_month_day{days_}.month()); }
unsigned Date::day() const { return unsigned(year_month_day{days_}.day()); }
unsigned Date::iso_weekday() const { return weekday{days_}.iso_encoding(); }
Date Date::plus_days(int n) const { return Date(days_ + days{n}); }

Date Date::plus_years(int n) const {
  year_month_day ymd{days_};
  year_month_day later = ymd + years{n};
  if (!later.ok()) later = year_month_day{later.year() / later.month() / std::chrono::last};
  return Date(sys_days{later});
}

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year(), month(), day());
  return buf;
}

std::string Date::month_str() const { return str().substr(0, 7); }

int days_between(Date a, Date b) { return int(b.days_since_epoch() - a.days_since_epoch()); }

std::string iso_utc(system_clock::time_point t) {
  auto secs = floor<seconds>(t);
  auto d = floor<days>(secs);
  year_month_day ymd{d};
  hh_mm_ss hms{secs - d};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

std::optional<system_clock::time_point> parse_iso_utc(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z')
    return std::nullopt;
  auto date = Date::parse(s.substr(0, 10));
  auto hh = s.substr(11, 2), mm = s.substr(14, 2), ss = s.substr(17, 2);
  if (!date || !digits(hh) || !digits(mm) || !digits(ss)) return std::nullopt;
  int h = to_int(hh), m = to_int(mm), sec = to_int(ss);
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  return sys_days{days{date->days_since_epoch()}} + hours{h} + minutes{m} + seconds{sec};
}

}  // namespace tx
