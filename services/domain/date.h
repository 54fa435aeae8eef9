// Calendar dates without time zones: the station's local date, computed from UTC plus the
// configured offset (China has one offset, +08:00, and no daylight saving).
#pragma once
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tx {

class Date {
 public:
  Date() = default;
  // from_ymd: nullopt unless y-m-d is a real Gregorian date.
  static std::optional<Date> from_ymd(int y, unsigned m, unsigned d);
  // parse: strict "YYYY-MM-DD" (exactly 10 characters); nullopt otherwise.
  static std::optional<Date> parse(std::string_view s);
  // today: the local date at `now` for a zone `utc_offset_minutes` east of UTC.
  static Date today(std::chrono::system_clock::time_point now, int utc_offset_minutes);
  static Date from_days(std::int64_t days_since_epoch);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  unsigned iso_weekday() const;  // 1 = Monday … 7 = Sunday
  std::int64_t days_since_epoch() const { return days_.time_since_epoch().count(); }
  Date plus_days(int n) const;
  // plus_years: same month and day n years later; 29 Feb becomes 28 Feb in a common year.
  Date plus_years(int n) const;
  std::string str() const;        // "YYYY-MM-DD"
  std::string month_str() const;  // "YYYY-MM"

  auto operator<=>(const Date&) const = default;

 private:
  explicit Date(std::chrono::sys_days d) : days_(d) {}
  std::chrono::sys_days days_{};
};

// days_between: b - a in days (negative when b is earlier).
int days_between(Date a, Date b);

// Timestamps are UTC, ISO 8601 with a Z: "2026-11-25T03:40:00Z".
std::string iso_utc(std::chrono::system_clock::time_point t);
std::optional<std::chrono::system_clock::time_point> parse_iso_utc(std::string_view s);

}  // namespace tx
