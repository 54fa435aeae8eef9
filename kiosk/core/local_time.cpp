// Local dates and times in words (see local_time.h).
#include "core/local_time.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "domain/date.h"

namespace tx {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool all_digits(const std::string& s, size_t from, size_t n) {
  if (from + n > s.size()) return false;
  for (size_t i = from; i < from + n; ++i)
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  return true;
}
int num(const std::string& s, size_t from, size_t n) { return std::stoi(s.substr(from, n)); }

// "+08:00", "+0800", "+8", "-05:30" → minutes east of UTC; POSIX TZ ("CST-8") has the sign the
// other way round, so the caller flips it.
std::optional<int> parse_offset(const std::string& s) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  std::string rest = s.substr(1);
  int h = 0, m = 0;
  if (rest.size() == 5 && rest[2] == ':' && all_digits(rest, 0, 2) && all_digits(rest, 3, 2)) {
    h = num(rest, 0, 2), m = num(rest, 3, 2);
  } else if (rest.size() == 4 && all_digits(rest, 0, 4)) {
    h = num(rest, 0, 2), m = num(rest, 2, 2);
  } else if (!rest.empty() && rest.size() <= 2 && all_digits(rest, 0, rest.size())) {
    h = num(rest, 0, rest.size());
  } else {
    return std::nullopt;
  }
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

std::uint32_t be32(const std::string& b, size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}

// The version-1 part of a TZif file (RFC 8536): transitions until 2037, which is as far as a
// kiosk needs. After the last transition the last offset holds (no rule footer: China, and most
// of the zones a kiosk would meet, have no daylight saving).
std::optional<TimeZone> read_tzif(const std::string& path, const std::string& name) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return std::nullopt;
  std::string b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (b.size() < 44 || b.compare(0, 4, "TZif") != 0) return std::nullopt;
  std::uint32_t isut = be32(b, 20), isstd = be32(b, 24), leap = be32(b, 28), timecnt = be32(b, 32),
                typecnt = be32(b, 36);
  (void)isut, (void)isstd, (void)leap;
  size_t times = 44, idx = times + size_t(timecnt) * 4, types = idx + timecnt;
  if (typecnt == 0 || types + size_t(typecnt) * 6 > b.size()) return std::nullopt;
  auto utoff = [&](size_t type) { return int(std::int32_t(be32(b, types + type * 6))) / 60; };
  TimeZone z;
  z.name = name;
  z.offset_min = utoff(0);
  for (std::uint32_t i = 0; i < timecnt; ++i) {
    size_t type = std::uint8_t(b[idx + i]);
    if (type >= typecnt) return std::nullopt;
    z.transitions.emplace_back(std::int32_t(be32(b, times + size_t(i) * 4)), utoff(type));
  }
  return z;
}

}  // namespace

int TimeZone::offset_at(std::int64_t t) const {
  int off = offset_min;
  for (const auto& [at, o] : transitions) {
    if (at > t) break;
    off = o;
  }
  return off;
}

TimeZone TimeZone::fixed(int offset_min, std::string name) {
  TimeZone z;
  z.offset_min = offset_min;
  if (name.empty()) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "UTC%c%02d:%02d", offset_min < 0 ? '-' : '+', std::abs(offset_min) / 60,
                  std::abs(offset_min) % 60);
    name = buf;
  }
  z.name = std::move(name);
  return z;
}

std::optional<TimeZone> zone_named(const std::string& name_in, std::string* error, const std::string& dir) {
  std::string name = !name_in.empty() && name_in[0] == ':' ? name_in.substr(1) : name_in;
  // China's own zones (one clock, +08:00; Urumqi's local +06:00 is what Xinjiang's stations keep).
  static const std::pair<const char*, int> builtin[] = {
      {"Asia/Shanghai", 480}, {"Asia/Chongqing", 480}, {"Asia/Chungking", 480}, {"Asia/Harbin", 480},
      {"PRC", 480},           {"Asia/Hong_Kong", 480}, {"Asia/Macau", 480},     {"Asia/Taipei", 480},
      {"Asia/Urumqi", 360},   {"Asia/Kashgar", 360},   {"UTC", 0},              {"Etc/UTC", 0},
      {"GMT", 0},             {"Z", 0}};
  for (const auto& [n, off] : builtin)
    if (name == n) return TimeZone::fixed(off, name);
  if (name.rfind("UTC", 0) == 0 || name.rfind("GMT", 0) == 0) {
    if (auto off = parse_offset(name.substr(3))) return TimeZone::fixed(*off, name);
  }
  if (auto off = parse_offset(name)) return TimeZone::fixed(*off, name);
  // POSIX "CST-8": letters, then the offset west of UTC.
  size_t letters = 0;
  while (letters < name.size() && std::isalpha(static_cast<unsigned char>(name[letters]))) ++letters;
  if (letters >= 3 && letters < name.size()) {
    std::string rest = name.substr(letters);
    if (rest[0] != '+' && rest[0] != '-') rest = "+" + rest;
    if (auto off = parse_offset(rest)) return TimeZone::fixed(-*off, name);
  }
  bool safe = !name.empty() && name.find("..") == std::string::npos && name[0] != '/';
  if (safe)
    if (auto z = read_tzif(dir + "/" + name, name)) return z;
  if (error) *error = "unknown time zone \"" + name_in + "\" (use e.g. Asia/Shanghai or UTC+8)";
  return std::nullopt;
}

TimeZone resolve_zone(const std::string& config_name, const char* tz_env, const std::string& dir) {
  std::string err;
  if (!config_name.empty())
    if (auto z = zone_named(config_name, &err, dir)) return *z;
  if (tz_env && *tz_env)
    if (auto z = zone_named(tz_env, &err, dir)) return *z;
  return TimeZone{};
}

LocalClock to_local(std::int64_t unix_s, const TimeZone& z) {
  std::int64_t t = unix_s + std::int64_t(z.offset_at(unix_s)) * 60;
  std::int64_t days = floor_div(t, kDay), secs = t - days * kDay;
  Date d = Date::from_days(days);
  LocalClock c;
  c.year = d.year();
  c.month = int(d.month());
  c.day = int(d.day());
  c.hour = int(secs / 3600);
  c.minute = int(secs % 3600 / 60);
  c.weekday = int(d.iso_weekday() % 7);
  return c;
}

std::optional<std::int64_t> parse_instant(const std::string& s) {
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':') return std::nullopt;
  auto d = Date::parse(s.substr(0, 10));
  if (!d || !all_digits(s, 11, 2) || !all_digits(s, 14, 2) || !all_digits(s, 17, 2)) return std::nullopt;
  int h = num(s, 11, 2), m = num(s, 14, 2), sec = num(s, 17, 2);
  if (h > 23 || m > 59 || sec > 60) return std::nullopt;
  std::string rest = s.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractions of a second
    size_t i = 1;
    while (i < rest.size() && std::isdigit(static_cast<unsigned char>(rest[i]))) ++i;
    rest = rest.substr(i);
  }
  int off = 0;
  if (rest == "Z" || rest.empty()) off = 0;
  else if (auto o = parse_offset(rest)) off = *o;
  else return std::nullopt;
  return d->days_since_epoch() * kDay + h * 3600 + m * 60 + sec - std::int64_t(off) * 60;
}

// ------------------------------------------------------------------ words

static const char* const kWeekdayKeys[] = {TK("weekday.0"), TK("weekday.1"), TK("weekday.2"), TK("weekday.3"),
                                           TK("weekday.4"), TK("weekday.5"), TK("weekday.6")};
static const char* const kMonthKeys[] = {TK("month.1"), TK("month.2"),  TK("month.3"),  TK("month.4"),
                                         TK("month.5"), TK("month.6"),  TK("month.7"),  TK("month.8"),
                                         TK("month.9"), TK("month.10"), TK("month.11"), TK("month.12")};
// 凌晨 0–5, 上午 6–11, 中午 12, 下午 13–17, 晚上 18–23 (what the speech normaliser says too).
static const char* const kPeriodKeys[] = {TK("time.period.0"), TK("time.period.1"), TK("time.period.2"),
                                          TK("time.period.3"), TK("time.period.4")};

std::string LocalTime::day_words(int y, int m, int d, int wday, bool with_weekday) const {
  LocalClock now = to_local(now_, zone_);
  bool other_year = y != now.year;
  const char* key = with_weekday ? (other_year ? TK("date.format_year") : TK("date.format"))
                                 : (other_year ? TK("date.short_year") : TK("date.short"));
  return cat_.format(loc_, key, {{"y", std::to_string(y)},
                                 {"m", std::to_string(m)},
                                 {"mon", t(kMonthKeys[m - 1])},
                                 {"d", std::to_string(d)},
                                 {"w", t(kWeekdayKeys[wday])}});
}

int LocalTime::period(int h) const { return h < 6 ? 0 : h < 12 ? 1 : h == 12 ? 2 : h < 18 ? 3 : 4; }

std::string LocalTime::clock12(int h, int m, bool with_period) const {
  int p = period(h);
  // Chinese says 凌晨0:30 and 中午12:30, 下午1:00; English 12:30 am, 12:30 pm, 1:00 pm.
  int shown = loc_ == Locale::zh ? (p <= 2 ? h : h - 12) : (h % 12 == 0 ? 12 : h % 12);
  char mm[8];
  std::snprintf(mm, sizeof mm, "%02d", m);
  Params ps{{"h", std::to_string(shown)}, {"m", mm}, {"p", t(kPeriodKeys[p])}};
  return cat_.format(loc_, with_period ? TK("time.format") : TK("time.format_bare"), ps);
}

namespace {
// "09:00" / "9:00" → hours, minutes.
std::optional<std::pair<int, int>> hhmm(const std::string& s) {
  size_t colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 2 || s.size() != colon + 3) return std::nullopt;
  if (!all_digits(s, 0, colon) || !all_digits(s, colon + 1, 2)) return std::nullopt;
  int h = num(s, 0, colon), m = num(s, colon + 1, 2);
  if (h > 24 || m > 59) return std::nullopt;
  return std::pair{h % 24, m};
}
}  // namespace

std::string LocalTime::date(const std::string& s) const {
  if (auto t = parse_instant(s)) {
    LocalClock c = to_local(*t, zone_);
    return day_words(c.year, c.month, c.day, c.weekday, true);
  }
  if (auto d = Date::parse(s))
    return day_words(d->year(), int(d->month()), int(d->day()), int(d->iso_weekday() % 7), true);
  return s;
}

std::string LocalTime::short_date(const std::string& s) const {
  if (auto d = Date::parse(s)) return day_words(d->year(), int(d->month()), int(d->day()), 0, false);
  if (auto t = parse_instant(s)) {
    LocalClock c = to_local(*t, zone_);
    return day_words(c.year, c.month, c.day, c.weekday, false);
  }
  return s;
}

std::string LocalTime::month(const std::string& ym) const {
  auto d = Date::parse(ym + "-01");
  if (ym.size() != 7 || !d) return ym;
  bool other_year = d->year() != to_local(now_, zone_).year;
  return cat_.format(loc_, other_year ? TK("date.month_year") : TK("date.month"),
                     {{"y", std::to_string(d->year())}, {"mon", t(kMonthKeys[d->month() - 1])}});
}

std::string LocalTime::time(const std::string& s) const {
  auto v = hhmm(s);
  return v ? clock12(v->first, v->second, true) : s;
}

std::string LocalTime::time_range(const std::string& from, const std::string& to) const {
  auto a = hhmm(from), b = hhmm(to);
  if (!a || !b) return from + "–" + to;
  if (period(a->first) != period(b->first))
    return clock12(a->first, a->second, true) + "–" + clock12(b->first, b->second, true);
  // One period: said once, where the language says it (上午9:00–11:30 / 9:00–11:30 am).
  return loc_ == Locale::zh ? clock12(a->first, a->second, true) + "–" + clock12(b->first, b->second, false)
                            : clock12(a->first, a->second, false) + "–" + clock12(b->first, b->second, true);
}

std::string LocalTime::date_time(const std::string& ymd, const std::string& hhmm_s) const {
  if (hhmm_s.empty()) return date(ymd);
  return cat_.format(loc_, TK("datetime.format"), {{"date", date(ymd)}, {"time", time(hhmm_s)}});
}

std::string LocalTime::date_time(const std::string& stamp) const {
  auto t = parse_instant(stamp);
  if (!t) return date(stamp);
  LocalClock c = to_local(*t, zone_);
  return cat_.format(loc_, TK("datetime.format"), {{"date", day_words(c.year, c.month, c.day, c.weekday, true)},
                                               {"time", clock12(c.hour, c.minute, true)}});
}

std::string LocalTime::relative(const std::string& s) const {
  LocalClock now = to_local(now_, zone_);
  auto today = Date::from_ymd(now.year, unsigned(now.month), unsigned(now.day));
  std::optional<Date> day;
  std::optional<LocalClock> at;
  if (auto t = parse_instant(s)) {
    at = to_local(*t, zone_);
    day = Date::from_ymd(at->year, unsigned(at->month), unsigned(at->day));
  } else {
    day = Date::parse(s);
  }
  if (!day || !today) return s;
  int ago = days_between(*day, *today);
  const char* word = ago == 0 ? TK("rel.today") : ago == 1 ? TK("rel.yesterday") : ago == -1 ? TK("rel.tomorrow") : nullptr;
  if (!word) return short_date(day->str());
  if (!at) return t(word);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%d:%02d", at->hour, at->minute);
  return cat_.format(loc_, TK("rel.day_time"), {{"day", t(word)}, {"time", hm}});
}

std::string LocalTime::header() const {
  LocalClock c = to_local(now_, zone_);
  char hm[8];
  std::snprintf(hm, sizeof hm, "%d:%02d", c.hour, c.minute);
  return cat_.format(loc_, TK("header.clock"), {{"date", day_words(c.year, c.month, c.day, c.weekday, true)},
                                            {"time", hm}});
}

std::string LocalTime::date_span(const std::string& from, const std::string& to, bool spoken) const {
  auto a = Date::parse(from), b = Date::parse(to);
  if (!a || !b) return from + "–" + to;
  auto day = [&](Date x) { return month_day(int(x.month()), int(x.day())); };
  if (!spoken && a->month() == b->month())
    return cat_.format(loc_, TK("date.span_month"), {{"mon", t(kMonthKeys[a->month() - 1])},
                                                    {"d1", std::to_string(a->day())},
                                                    {"d2", std::to_string(b->day())}});
  return cat_.format(loc_, spoken ? TK("date.span_spoken") : TK("date.span"), {{"from", day(*a)}, {"to", day(*b)}});
}

std::string LocalTime::week_words(const std::string& monday) const {
  auto m = Date::parse(monday), now = Date::parse(today());
  if (!m || !now) return monday;
  const int ahead = days_between(now->plus_days(1 - int(now->iso_weekday())), *m);
  if (ahead == 0) return t(TK("week.this"));
  if (ahead == 7) return t(TK("week.next"));
  return cat_.format(loc_, TK("week.of"), {{"date", month_day(int(m->month()), int(m->day()))}});
}

std::string LocalTime::day_in_week(const std::string& ymd) const {
  auto d = Date::parse(ymd);
  if (!d) return ymd;
  static const char* const kShort[] = {TK("weekday_short.0"), TK("weekday_short.1"), TK("weekday_short.2"),
                                       TK("weekday_short.3"), TK("weekday_short.4"), TK("weekday_short.5"),
                                       TK("weekday_short.6")};
  return cat_.format(loc_, TK("date.in_week"), {{"mon", t(kMonthKeys[d->month() - 1])},
                                               {"d", std::to_string(d->day())},
                                               {"w", t(kShort[d->iso_weekday() % 7])}});
}

std::string LocalTime::month_day(int m, int d) const {
  return cat_.format(loc_, TK("date.short"), {{"mon", t(kMonthKeys[m - 1])}, {"d", std::to_string(d)}});
}

std::string LocalTime::today() const {
  LocalClock c = to_local(now_, zone_);
  auto d = Date::from_ymd(c.year, unsigned(c.month), unsigned(c.day));
  return d ? d->str() : "";
}

}  // namespace tx
