#include "core/text.h"

#include "domain/utf8.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <unordered_map>

namespace tx {

bool ends_sentence(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  for (std::string_view e : {"。", "！", "？", ".", "!", "?", "：", ":"})
    if (s.size() >= e.size() && s.substr(s.size() - e.size()) == e) return true;
  return false;
}

char32_t next_codepoint(std::string_view s, size_t* i) {
  char32_t cp = 0;
  return next_code_point(s, *i, cp) ? cp : 0xFFFD;  // the domain's decoder; garbage skips a byte
}

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x3000 && c <= 0x303F);
}

bool is_han(char32_t c) { return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF); }

float ApproxMetrics::width(std::string_view text, float px, FontFace face) const {
  float w = 0, em = px / 1.45f * (face == FontFace::title ? 1.02f : 1.0f);
  for (size_t i = 0; i < text.size();) {
    char32_t c = next_codepoint(text, &i);
    w += is_cjk(c) ? em : (c == ' ' ? 0.25f * em : 0.55f * em);
  }
  return w;
}

// The closing quote of an opening one (0: not an opening quote).
static char32_t closing_quote(char32_t c) {
  switch (c) {
    case U'\u201c': return U'\u201d';  // “ ”
    case U'\u2018': return U'\u2019';  // ‘ ’
    case U'\u300c': return U'\u300d';  // 「 」
    case U'\u300e': return U'\u300f';  // 『 』
    case U'\u300a': return U'\u300b';  // 《 》
    default: return 0;
  }
}

size_t quoted_end(std::string_view s, size_t at) {
  if (at >= s.size()) return at;
  size_t k = at;
  const char32_t close = closing_quote(next_codepoint(s, &k));
  if (!close) return at;
  for (size_t n = 0; k < s.size() && n <= kQuotedMax;) {
    const char32_t d = next_codepoint(s, &k);
    if (d == close) return n > 0 ? k : at;
    if (d == ' ' || d == '\n') return at;
    ++n;
  }
  return at;
}

// Every run of `s` that `end_of` finds (end_of(s, i) != i where one starts at i).
template <class EndOf>
static std::vector<std::string> runs_of(std::string_view s, EndOf end_of) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    if (size_t e = end_of(s, i); e != i) {
      out.emplace_back(s.substr(i, e - i));
      i = e;
    } else {
      next_codepoint(s, &i);
    }
  }
  return out;
}

std::vector<std::string> quoted_phrases(std::string_view s) { return runs_of(s, quoted_end); }

// ---------------------------------------------------------------- dates (days6)
namespace {
constexpr size_t kNo = std::string_view::npos;
bool digit(char c) { return c >= '0' && c <= '9'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// lo to hi ASCII digits at i, not followed by another digit.
size_t digits(std::string_view s, size_t i, size_t lo, size_t hi) {
  if (i == kNo) return kNo;
  size_t j = i;
  while (j < s.size() && digit(s[j]) && j - i < hi) ++j;
  return j - i < lo || (j < s.size() && digit(s[j])) ? kNo : j;
}
size_t lit(std::string_view s, size_t i, std::string_view w) {
  return i != kNo && s.compare(i, w.size(), w) == 0 ? i + w.size() : kNo;
}
// One of `words` (a whole word: no letter after it).
size_t word(std::string_view s, size_t i, std::initializer_list<std::string_view> words) {
  if (i == kNo) return kNo;
  for (auto w : words)
    if (size_t j = lit(s, i, w); j != kNo && (j >= s.size() || !letter(s[j]))) return j;
  return kNo;
}
size_t en_month(std::string_view s, size_t i) {
  return word(s, i, {"January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
                     "Sep", "Sept", "Oct", "Nov", "Dec"});
}
size_t en_weekday(std::string_view s, size_t i) {
  return word(s, i, {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon",
                     "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"});
}
// "12月7日", "2027年1月4日" (the year only when `year`).
size_t zh_date(std::string_view s, size_t i, bool year) {
  if (size_t y = lit(s, digits(s, i, 4, 4), "年"); year && y != kNo) i = y;
  return lit(s, digits(s, lit(s, digits(s, i, 1, 2), "月"), 1, 2), "日");
}
// " 星期二", " 周二" after a Chinese date.
size_t zh_weekday(std::string_view s, size_t i) {
  size_t j = lit(s, i, " ");
  size_t k = lit(s, j, "星期");
  if (k == kNo) k = lit(s, j, "周");
  if (k == kNo || k >= s.size()) return kNo;
  for (std::string_view d : {"一", "二", "三", "四", "五", "六", "日", "天"})
    if (size_t e = lit(s, k, d); e != kNo) return e;
  return kNo;
}
// "7 December", "7–13 December", "Tuesday 15 December", "December 7", each with " 2027" or not.
size_t en_date(std::string_view s, size_t i) {
  if (size_t w = lit(s, en_weekday(s, i), " "); w != kNo) i = w;
  size_t j = digits(s, i, 1, 2);
  if (size_t r = digits(s, lit(s, j, "–"), 1, 2); r != kNo) j = r;
  j = en_month(s, lit(s, j, " "));
  if (j == kNo) j = digits(s, lit(s, en_month(s, i), " "), 1, 2);  // (month first)
  if (size_t y = digits(s, lit(s, j, " "), 4, 4); y != kNo) j = y;
  return j;
}
}  // namespace

size_t date_end(std::string_view s, size_t at) {
  if (at >= s.size() || (at > 0 && (digit(s[at - 1]) || letter(s[at - 1])))) return at;
  if (size_t e = zh_date(s, at, true); e != kNo) {
    // A range with a dash: "–13日", "–1月3日" ("到" and "至" are words of a sentence: each date
    // stays whole, the sentence may break between them — "从11月25日 星期三改到12月15日 星期二").
    for (std::string_view sep : {"–", "-"})
      if (size_t f = lit(s, e, sep); f != kNo) {
        size_t g = zh_date(s, f, true);
        if (g == kNo) g = lit(s, digits(s, f, 1, 2), "日");
        if (g != kNo) { e = g; break; }
      }
    if (size_t w = zh_weekday(s, e); w != kNo) e = w;
    return e;
  }
  if (size_t e = en_date(s, at); e != kNo) {
    for (std::string_view sep : {" – ", "–"})  // (not " to ": "from … to …" is a sentence)
      if (size_t g = en_date(s, lit(s, e, sep)); g != kNo) return g;
    return e;
  }
  return at;
}

std::vector<std::string> date_runs(std::string_view s) { return runs_of(s, date_end); }

// ---------------------------------------------------------------- amounts (jobs7)
namespace {
// "6000", "6,000", "2.05" (digits, then groups after "," or "." — a sentence's "，" is not one).
size_t number(std::string_view s, size_t i) {
  size_t j = digits(s, i, 1, 12);
  while (j != kNo && j + 1 < s.size() && (s[j] == ',' || s[j] == '.') && digit(s[j + 1])) j = digits(s, j + 1, 1, 12);
  return j;
}
}  // namespace

size_t amount_end(std::string_view s, size_t at) {
  if (at >= s.size() || (at > 0 && (digit(s[at - 1]) || letter(s[at - 1])))) return at;
  size_t i = at;
  if (size_t y = lit(s, i, "¥"); y != kNo) i = y;
  size_t j = number(s, i);
  for (std::string_view sep : {"–", "-", "~", "～"})  // (a range: "6000–9000")
    if (size_t r = number(s, lit(s, j, sep)); r != kNo) { j = r; break; }
  if (j == kNo) return at;
  // Its unit: 元 (万元), or yuan; then what it is paid for: "/月", "/小时", " a month".
  size_t e = lit(s, j, "元");
  if (e == kNo) e = lit(s, j, "万元");
  if (e != kNo) {
    for (std::string_view per : {"/月", "/天", "/日", "/小时", "/时", "/周", "/年", "/次", "／月", "／天", "／小时"})
      if (size_t k = lit(s, e, per); k != kNo) return k;
    return e;
  }
  e = word(s, lit(s, j, " "), {"yuan", "RMB"});
  if (e == kNo) return i != at && j != kNo ? j : at;  // ("¥6000": the sign is its unit)
  for (std::string_view per : {" a month", " a day", " an hour", " a week", " a year", " per month", " per day",
                               " per hour", " per year", " per visit"})
    if (size_t k = lit(s, e, per); k != kNo && (k >= s.size() || !letter(s[k]))) return k;
  return e;
}

std::vector<std::string> amount_runs(std::string_view s) { return runs_of(s, amount_end); }

// ---------------------------------------------------------------- times (days9)
namespace {
// The period a Chinese time starts with (local_time's 凌晨, 上午, 中午, 下午, 晚上, and the like).
size_t zh_period(std::string_view s, size_t i) {
  for (std::string_view p : {"凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上"})
    if (size_t j = lit(s, i, p); j != kNo) return j;
  return kNo;
}
// "9:00", "11:30": one or two digits of hours, two of minutes.
size_t clock_at(std::string_view s, size_t i) { return digits(s, lit(s, digits(s, i, 1, 2), ":"), 2, 2); }
// " am", " PM", " a.m." after an English time (the space or not).
size_t en_period(std::string_view s, size_t i) {
  if (i == kNo) return kNo;
  return word(s, i < s.size() && s[i] == ' ' ? i + 1 : i, {"a.m.", "p.m.", "am", "pm", "AM", "PM"});
}
// One time: "上午9:00", "9:00", "9:00 am".
size_t one_time(std::string_view s, size_t i) {
  if (size_t p = zh_period(s, i); p != kNo) return clock_at(s, p);
  const size_t j = clock_at(s, i);
  if (size_t e = en_period(s, j); e != kNo) return e;
  return j;
}
}  // namespace

size_t time_end(std::string_view s, size_t at) {
  if (at >= s.size() || (at > 0 && (digit(s[at - 1]) || letter(s[at - 1]) || s[at - 1] == ':'))) return at;
  const size_t e = one_time(s, at);
  if (e == kNo) return at;
  for (std::string_view sep : {"–", "-", " – ", "~", "～"})  // (a range: "9:00–11:30")
    if (size_t g = one_time(s, lit(s, e, sep)); g != kNo) return g;
  return e;
}

std::vector<std::string> time_runs(std::string_view s) { return runs_of(s, time_end); }

size_t phone_end(std::string_view s, size_t at) {
  auto digit = [&](size_t i) { return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); };
  if (at > 0 && (digit(at - 1) || std::isalpha(static_cast<unsigned char>(s[at - 1])))) return at;
  size_t i = at;
  for (size_t group : {3, 4, 4}) {
    if (i > at) {
      if (i >= s.size() || s[i] != ' ') return at;
      ++i;
    }
    for (size_t k = 0; k < group; ++k, ++i)
      if (!digit(i)) return at;
  }
  return digit(i) ? at : i;
}

std::vector<std::string> phone_runs(std::string_view s) { return runs_of(s, phone_end); }

size_t kept_end(std::string_view s, size_t at) {
  if (const size_t d = date_end(s, at); d != at) return d;
  if (const size_t a = amount_end(s, at); a != at) return a;
  if (const size_t p = phone_end(s, at); p != at) return p;
  return time_end(s, at);
}

// ---------------------------------------------------------------- list items (lead, round 7)
namespace {
bool has_at(std::string_view s, size_t i, std::string_view w) { return s.substr(i, w.size()) == w; }
bool has_before(std::string_view s, size_t i, std::string_view w) {
  return i >= w.size() && s.substr(i - w.size(), w.size()) == w;
}
// Where an item of an enumeration may start or end: a space, a line's edge, or CJK punctuation.
constexpr std::string_view kItemEdges[] = {"、", "：", "，", "。", "；", " ", "\n"};
}  // namespace

size_t list_item_end(std::string_view s, size_t at) {
  if (at >= s.size()) return at;
  // (next to a 、 — an enumeration's item — or a ： — a name and its value: "扫描间隔：2.0秒")
  bool after_edge = at == 0, after_comma = has_before(s, at, "、") || has_before(s, at, "：");
  for (std::string_view e : kItemEdges) after_edge = after_edge || has_before(s, at, e);
  if (!after_edge) return at;
  size_t k = at, n = 0, cjk = 0;
  while (k < s.size()) {
    bool edge = false;
    for (std::string_view e : kItemEdges) edge = edge || has_at(s, k, e);
    if (edge) break;
    cjk += is_cjk(next_codepoint(s, &k));
    ++n;
  }
  const bool before_comma = has_at(s, k, "、") || has_at(s, k, "：");
  return (after_comma || before_comma) && cjk >= 1 && n >= 2 && n <= kListItemMax ? k : at;
}

std::vector<std::string> list_items(std::string_view s) { return runs_of(s, list_item_end); }

// ---------------------------------------------------------------- kept words (lead, round 8)
namespace {
// (the words of the kiosk's prompts and slips that a resident reads as one: the ID and phone
// steps, the slip's what to bring and its place; longest first)
// (not the names a header elides — a station's "…服务站" ends in "服务…" on a narrow panel)
// ("联系我", round 11: 我有兴趣 at 2× on 768×1366 read "…请服务站联系" with "我" alone under it)
// (round 12: "定点医院" — the slip's place broke "评定定 / 点医院" at 2× on 1024×768 — and the
// relation "村（居）委会", which broke "村（居）委 / 会代办" on the desk's relations step)
// (round 14: the home screen's 残疾人证办理预约 read "残疾人证办 / 理预约" at 2× on 1080×1920 —
// the service's own words: 残疾人证, 办理, 预约)
// (round 14: a programme's card read "重度残疾人护 / 理补贴" at 2× on 768×1366 — what each
// programme gives, as its short name says: 护理补贴, 生活补贴…)
constexpr std::string_view kKeptWords[] = {
    "身份证号码", "身份证号", "身份证",   "手机号码",   "手机号",   "户口本",   "残疾人证", "残疾证",
    "预约号",     "预约",     "办理",     "评定室",     "联系我",   "定点医院", "村（居）委会",
    "护理补贴",   "生活补贴", "服药补贴", "教育资助",   "康复救助", "辅助器具", "无障碍改造", "日间照料"};
}  // namespace

size_t kept_word_end(std::string_view s, size_t at) {
  for (std::string_view w : kKeptWords)
    if (s.substr(at, w.size()) == w) return at + w.size();
  return at;
}

std::vector<std::string> kept_words(std::string_view s) { return runs_of(s, kept_word_end); }

std::vector<std::string_view> date_parts(std::string_view date) {
  std::vector<std::string_view> parts;
  size_t from = 0;
  for (size_t k = 0; k < date.size();) {
    size_t c0 = k;
    char32_t c = next_codepoint(date, &k);
    if (c == ' ' && c0 > from) parts.push_back(date.substr(from, c0 - from)), from = c0;
    else if (c != ' ' && from < c0 && date[from] == ' ') parts.push_back(date.substr(from, c0 - from)), from = c0;
    if (c == U'\u2013') parts.push_back(date.substr(from, k - from)), from = k;
  }
  if (from < date.size()) parts.push_back(date.substr(from));
  return parts;
}

bool on_one_line(std::string_view s, const std::vector<std::string>& lines) {
  for (const auto& l : lines)
    if (l.find(s) != std::string::npos) return true;
  return false;
}

bool date_kept(std::string_view date, const std::vector<std::string>& lines) {
  if (on_one_line(date, lines)) return true;
  // Broken only between its parts: each part (spaces aside) whole on a line of its own label.
  for (std::string_view part : date_parts(date)) {
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (!part.empty() && !on_one_line(part, lines)) return false;
  }
  return true;
}

// Line-breaking rules (禁则, GB/T 15834 and W3C clreq; days8): closing punctuation never starts a
// line, an opening bracket or quote never ends one. A table of the punctuation the catalogs and
// the station's data use rather than ICU's or libunibreak's UAX #14 iterator: wrap_text's tokens
// (dates, amounts, list items, quoted key names) are the project's own and would still be found
// here, and these two rules are all UAX #14 would add to them (docs/kiosk.md "Words and phrases").
bool no_break_before(char32_t c) {
  switch (c) {
    case U'，': case U'。': case U'、': case U'：': case U'；': case U'！': case U'？':
    case U'）': case U'」': case U'》': case U'…': case U',': case U'.': case U':':
    case U'”': case U'’': case U'』': case U'】': case U'〉':  // (a line never starts with ”)
    case U';': case U'!': case U'?': case U')': case U']': case U'}': case U'〕': case U'〗':
    case U'］': case U'｝': case U'〙': case U'‥': case U'％': case U'%': case U'．': case U'〃':
      return true;
    default:
      return false;
  }
}

bool no_break_after(char32_t c) {
  switch (c) {
    case U'（': case U'“': case U'‘': case U'《': case U'「': case U'『': case U'【': case U'〈':
    case U'〔': case U'〖': case U'［': case U'｛': case U'〘': case U'(': case U'[': case U'{':
      return true;
    default:
      return false;
  }
}

namespace {
// The separator's dot (U+00B7 of common.sep " · ") and whether a unit is the separator with its
// spaces (wrap_text) or a phrase starts with it (wrap_phrases).
constexpr std::string_view kSepDot = "\u00b7";
bool is_sep(std::string_view u) {
  while (!u.empty() && u.front() == ' ') u.remove_prefix(1);
  while (!u.empty() && u.back() == ' ') u.remove_suffix(1);
  return u == kSepDot;
}
char32_t first_cp(std::string_view s) {
  size_t k = 0;
  return s.empty() ? 0 : next_codepoint(s, &k);
}
char32_t last_cp(std::string_view s) {
  char32_t c = 0;
  for (size_t k = 0; k < s.size();) c = next_codepoint(s, &k);
  return c;
}
}  // namespace

std::string broken_word(const std::string& label, const std::vector<std::string>& lines,
                        bool date_parts_ok) {
  auto latin = [](char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9');
  };
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].empty() || lines[i + 1].empty()) continue;
    std::string_view a = lines[i];
    char32_t last = 0;
    for (size_t k = 0; k < a.size();) last = next_codepoint(a, &k);
    size_t k = 0;
    const char32_t first = next_codepoint(lines[i + 1], &k);
    if (latin(last) && latin(first) && label.find(lines[i] + lines[i + 1]) != std::string::npos)
      return lines[i] + "|" + lines[i + 1];
  }
  // A line that starts with closing punctuation or ends with an opening bracket (days8), where
  // the label runs on across the break (an explicit '\n' is the text's own).
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].empty() || lines[i + 1].empty()) continue;
    // (and the separator's dot, round 12: "元/月 ·" / "招7人" or "元/月" / "· 招7人" — where a
    // line breaks at " · " the break separates the parts; wrap_text leaves the dot out)
    if ((no_break_after(last_cp(lines[i])) || no_break_before(first_cp(lines[i + 1])) ||
         last_cp(lines[i]) == U'\u00b7' || first_cp(lines[i + 1]) == U'\u00b7') &&
        (label.find(lines[i] + lines[i + 1]) != std::string::npos ||
         label.find(lines[i] + " " + lines[i + 1]) != std::string::npos))
      return lines[i] + "|" + lines[i + 1];
  }
  // Short CJK phrases (≤ 6 characters between spaces or line breaks, two of them CJK).
  size_t start = 0;
  while (start <= label.size()) {
    const size_t end = label.find_first_of(" \n", start);
    std::string seg = label.substr(start, end == std::string::npos ? std::string::npos : end - start);
    size_t n = 0, cjk = 0;
    for (size_t k = 0; k < seg.size(); ++n) cjk += is_cjk(next_codepoint(seg, &k));
    if (cjk >= 2 && n <= 6 && !on_one_line(seg, lines)) return seg;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  for (const auto& q : quoted_phrases(label))
    if (!on_one_line(q, lines)) return q;
  for (const auto& item : list_items(label))  // ("请带上：身份证、户口本、病历": never "病|历")
    if (!on_one_line(item, lines)) return item;
  for (const auto& w : kept_words(label))  // ("身份证号": never "身份证|号")
    if (!on_one_line(w, lines)) return w;
  for (const auto& d : date_runs(label))
    if (date_parts_ok ? !date_kept(d, lines) : !on_one_line(d, lines)) return d;
  for (const auto& a : amount_runs(label))  // (jobs7: "6000–9000元/月", parts as a date's)
    if (date_parts_ok ? !date_kept(a, lines) : !on_one_line(a, lines)) return a;
  for (const auto& t : time_runs(label))  // (days9: "上午9:00–11:30", never "上午|9:00–11:30")
    if (date_parts_ok ? !date_kept(t, lines) : !on_one_line(t, lines)) return t;
  for (const auto& p : phone_runs(label))  // (round 14: "手机号 138 / 0013 8000")
    if (!on_one_line(p, lines)) return p;
  return "";
}

namespace {
// A Chinese word from ICU's dictionary (round 15) is one token of wrap_text, up to this many
// characters: longer ones ("中华人民共和国") may break inside as before.
constexpr size_t kDictWordMax = 4;
}  // namespace

std::vector<size_t> word_bounds(std::string_view para) {
  // ICU's word break iterator for Chinese segments a run of ideographs by its dictionary
  // (cjdict): "还|没有|登记", "适合|听力|残疾". One iterator a thread (made once, ~4 ms, the
  // dictionary loaded on first use); the boundaries of a paragraph are kept, since the layout
  // wraps the same text at many widths a frame (bounded: cleared past 4,096 paragraphs).
  struct Segmenter {
    std::unique_ptr<icu::BreakIterator> it;
    std::unordered_map<std::string, std::vector<size_t>> seen;
  };
  thread_local Segmenter seg;
  bool han = false;  // (English, digits: nothing to ask)
  for (size_t i = 0; i < para.size() && !han;) han = is_han(next_codepoint(para, &i));
  if (!han) return {};
  std::string key(para);
  if (auto f = seg.seen.find(key); f != seg.seen.end()) return f->second;
  std::vector<size_t> bounds;
  UErrorCode err = U_ZERO_ERROR;
  if (!seg.it) seg.it.reset(icu::BreakIterator::createWordInstance(icu::Locale::getChinese(), err));
  if (seg.it && U_SUCCESS(err)) {
    UText* text = utext_openUTF8(nullptr, para.data(), static_cast<int64_t>(para.size()), &err);
    if (U_SUCCESS(err)) {
      seg.it->setText(text, err);
      // (UTF-8 text: the iterator's indexes are byte offsets into `para`)
      for (int32_t b = seg.it->first(); U_SUCCESS(err) && b != icu::BreakIterator::DONE; b = seg.it->next())
        bounds.push_back(static_cast<size_t>(b));
      seg.it->setText(icu::UnicodeString());  // (the UText is closed below; the iterator lets go of it)
    }
    utext_close(text);
  }
  if (seg.seen.size() >= 4096) seg.seen.clear();
  seg.seen.emplace(std::move(key), bounds);
  return bounds;
}

size_t dict_word_end(std::string_view s, const std::vector<size_t>& bounds, size_t at) {
  auto b = std::lower_bound(bounds.begin(), bounds.end(), at);
  if (b == bounds.end() || *b != at || b + 1 == bounds.end()) return at;
  const size_t end = *(b + 1);
  size_t n = 0;
  for (size_t i = at; i < end; ++n)
    if (!is_han(next_codepoint(s, &i))) return at;
  return n >= 2 && n <= kDictWordMax ? end : at;
}

bool is_masked_value(std::string_view s) {
  bool star = false, shown = false;
  for (char ch : s) {
    if (ch == '*') star = true;
    else if (std::isalnum(static_cast<unsigned char>(ch))) shown = true;
    else return false;
  }
  return star && shown && s.size() >= 3;
}

std::vector<std::string> wrap_text(const TextMetrics& m, std::string_view text, float px,
                                   FontFace face, float max_w) {
  std::vector<std::string> lines;
  size_t para_start = 0;
  while (para_start <= text.size()) {
    size_t nl = text.find('\n', para_start);
    std::string_view para = text.substr(para_start, nl == std::string_view::npos ? std::string_view::npos : nl - para_start);
    // Tokens: a CJK character alone (or a Chinese word: below), or a run of non-space non-CJK
    // characters, or spaces.
    const std::vector<size_t> bounds = word_bounds(para);
    std::vector<std::string_view> toks;
    for (size_t i = 0; i < para.size();) {
      size_t s = i;
      // A date ("12月7日–13日", "12月15日 星期二", "7 December") is one token (days6), and so
      // is an amount with its unit ("6000–9000元/月", "4500–6000 yuan a month": jobs7).
      if (size_t e = kept_end(para, s); e != s) {
        toks.push_back(para.substr(s, e - s));
        i = e;
        continue;
      }
      if (s == 0 || para[s - 1] == ' ') {
        // A short phrase between spaces ("下一步", "星期二", "还有20个名额": ≤ 8 characters, at
        // least two of them CJK) is one token: a line never breaks inside it unless it alone
        // is wider than the line.
        size_t e = para.find(' ', s);
        if (e == std::string_view::npos) e = para.size();
        size_t n = 0, cjk = 0;
        for (size_t k = s; k < e; ++n) cjk += is_cjk(next_codepoint(para, &k));
        if (cjk >= 2 && n <= 8 && para[s] != ' ') {
          toks.push_back(para.substr(s, e - s));
          i = e;
          continue;
        }
      }
      // An item of an enumeration ("身份证、户口本、病历": up to kListItemMax characters between
      // its 、 and the next) is one token: "病历" never stands as "病|历".
      if (size_t e = list_item_end(para, s); e != s) {
        toks.push_back(para.substr(s, e - s));
        i = e;
        continue;
      }
      // A quoted key name or phrase (“下一步”, 「确认预约」: up to kQuotedMax characters
      // inside its quotes) is one token, quotes included.
      if (size_t q = quoted_end(para, s); q != s) {
        toks.push_back(para.substr(s, q - s));
        i = q;
        continue;
      }
      // One of the kiosk's own compound words ("身份证号") is one token (round 8).
      if (size_t w = kept_word_end(para, s); w != s) {
        toks.push_back(para.substr(s, w - s));
        i = w;
        continue;
      }
      // A word of the dictionary ("没有", "登记": word_bounds) is one token (round 15): a
      // paragraph read "还没有登 / 记" at 2× on 1080×1920.
      if (size_t w = dict_word_end(para, bounds, s); w != s) {
        toks.push_back(para.substr(s, w - s));
        i = w;
        continue;
      }
      char32_t c = next_codepoint(para, &i);
      if (is_cjk(c)) { toks.push_back(para.substr(s, i - s)); continue; }
      if (c == ' ') {
        while (i < para.size() && para[i] == ' ') ++i;
        toks.push_back(para.substr(s, i - s));
        continue;
      }
      size_t j = i;
      while (j < para.size()) {
        size_t k = j;
        char32_t d = next_codepoint(para, &k);
        if (d == ' ' || is_cjk(d)) break;
        j = k;
      }
      i = j;
      toks.push_back(para.substr(s, i - s));
    }
    // A date wider than the line alone breaks between its parts (date | weekday, at its dash)
    // rather than inside them.
    for (size_t t = 0; t < toks.size(); ++t) {
      std::string_view tok = toks[t];
      if (kept_end(tok, 0) != tok.size() || m.width(tok, px, face) <= max_w) continue;
      std::vector<std::string_view> parts = date_parts(tok);
      toks.erase(toks.begin() + t);
      toks.insert(toks.begin() + t, parts.begin(), parts.end());
      t += parts.size() - 1;
    }
    // A short phrase of ideographs wider than the line (home's "残疾人证办理预约" at 2× on
    // 1080×1920, round 14) breaks between its kept words, the dictionary's words and characters,
    // never inside a word: "残疾人证 / 办理预约", not "残疾人证办 / 理预约".
    auto ideographs = [](std::string_view w) {
      for (size_t i = 0; i < w.size();)
        if (!is_han(next_codepoint(w, &i))) return false;
      return true;
    };
    for (size_t t = 0; t < toks.size(); ++t) {
      std::string_view tok = toks[t];
      if (!ideographs(tok) || m.width(tok, px, face) <= max_w) continue;
      std::vector<std::string_view> parts;
      const size_t off = static_cast<size_t>(tok.data() - para.data());
      for (size_t i = 0; i < tok.size();) {
        const size_t s0 = i;
        if (size_t w = kept_word_end(tok, i); w != i) i = w;
        else if (size_t d = dict_word_end(para, bounds, off + i); d != off + i && d - off <= tok.size()) i = d - off;
        else next_codepoint(tok, &i);
        parts.push_back(tok.substr(s0, i - s0));
      }
      if (parts.size() == utf8_length(tok)) continue;  // (no word in it: by characters, further on)
      toks.erase(toks.begin() + long(t));
      toks.insert(toks.begin() + long(t), parts.begin(), parts.end());
      t += parts.size() - 1;
    }
    // The kiosk's separator " · " (common.sep) is one unit, its spaces included (round 12): where
    // a line breaks at it, it vanishes — it neither ends nor starts a line (the break itself
    // separates the two parts), and the lines break where they did with it, none wider.
    for (size_t t = 1; t + 1 < toks.size(); ++t)
      if (toks[t] == kSepDot && toks[t - 1][0] == ' ' && toks[t + 1][0] == ' ') {
        toks[t - 1] = std::string_view(toks[t - 1].data(), toks[t - 1].size() + toks[t].size() + toks[t + 1].size());
        toks.erase(toks.begin() + t, toks.begin() + t + 2);
      }
    // A masked value stays with its label where the line holds both (round 13): "电话 100****7041",
    // "ID 1101**********1234" — the desk's masked identity broke as "… 电话 / 100****7041" at 1.5×
    // on 768×1366. (A label: a word of up to 8 characters before one space; wider than the line
    // together, they break between them as before.)
    for (size_t t = 2; t < toks.size(); ++t) {
      if (!is_masked_value(toks[t]) || toks[t - 1] != " " || toks[t - 2][0] == ' ' || toks[t - 2] == kSepDot) continue;
      const std::string_view glued(toks[t - 2].data(), toks[t - 2].size() + 1 + toks[t].size());
      if (utf8_length(toks[t - 2]) > 8 || m.width(glued, px, face) > max_w) continue;
      toks[t - 2] = glued;
      toks.erase(toks.begin() + long(t) - 1, toks.begin() + long(t) + 1);
      t -= 1;  // (the loop's ++t: the token after the glued one)
    }
    // Glue (days8): closing punctuation goes with the token before it, an opening bracket or
    // quote with the token after it ("评定室" | "（区" rather than "评定室（" | "区"), so a line
    // breaks only between units. The tokens are consecutive views of `para`: a unit is one view.
    std::vector<std::string_view> units;
    for (std::string_view tok : toks) {
      if (!units.empty() && tok[0] != ' ' && units.back()[0] != ' ' &&
          (no_break_before(first_cp(tok)) || no_break_after(last_cp(units.back()))))
        units.back() = std::string_view(units.back().data(), units.back().size() + tok.size());
      else
        units.push_back(tok);
    }
    size_t first_unit = 0;
    while (first_unit < units.size() && units[first_unit][0] == ' ') ++first_unit;
    std::string cur;
    size_t bare = std::string::npos;  // (cur's size before a separator that ends it: where it is cut)
    auto push = [&](std::string line) {
      if (bare != std::string::npos && bare <= line.size()) line.resize(bare);
      bare = std::string::npos;
      while (!line.empty() && line.back() == ' ') line.pop_back();
      lines.push_back(line);
    };
    for (size_t t = 0; t < units.size(); ++t) {
      std::string_view tok = units[t];
      if (cur.empty() && tok[0] == ' ') continue;
      const std::string cand = cur + std::string(tok);
      // The unit without the closing punctuation glued to its end: that may hang past the
      // line's end (悬挂, clreq) when the unit alone is wider than the line; the rest may not.
      std::string_view core = tok;
      while (!core.empty()) {
        size_t k = core.size() - 1;
        while (k > 0 && (static_cast<unsigned char>(core[k]) & 0xC0) == 0x80) --k;
        if (k == 0 || !no_break_before(first_cp(core.substr(k)))) break;
        core = core.substr(0, k);
      }
      const bool fresh = t == first_unit;  // (the paragraph's first unit on its first line)
      if (m.width(cand, px, face) <= max_w) {
        bare = is_sep(tok) ? cur.size() : std::string::npos;
        cur = cand;
      } else if (!cur.empty()) {
        push(cur);
        cur.clear();
        if (tok[0] != ' ') --t;  // (the unit again, at the start of a line)
      } else if (std::vector<std::string_view> parts; core.size() < tok.size() && kept_end(core, 0) == core.size() &&
                                                      (parts = date_parts(core)).size() > 1) {
        // A date or an amount that fits a line but not with the punctuation after it: broken
        // between its parts, the punctuation with the last ("2027年1月10日 / 星期日，").
        parts.back() = std::string_view(parts.back().data(), parts.back().size() + tok.size() - core.size());
        units.erase(units.begin() + t);
        units.insert(units.begin() + t, parts.begin(), parts.end());
        --t;
      } else if (m.width(core, px, face) <= max_w || !fresh) {
        // (its closing punctuation hangs past the line's end; a word wider than the line after
        // the paragraph's first line starts its line whole, as before)
        cur = std::string(tok);
        bare = std::string::npos;
      } else {
        // The first unit of a paragraph wider than the line: broken by characters, never
        // before closing punctuation nor after an opening one (the character before goes
        // along: 推出); the closing punctuation at its end hangs.
        std::vector<std::string_view> cps;
        for (size_t i = 0; i < core.size();) {
          const size_t s0 = i;
          next_codepoint(core, &i);
          cps.push_back(core.substr(s0, i - s0));
        }
        size_t from = 0;
        std::string piece;
        for (size_t j = 0; j < cps.size(); ++j) {
          if (from < j && m.width(piece + std::string(cps[j]), px, face) > max_w) {
            size_t cut = j;
            while (cut > from + 1 && (no_break_before(first_cp(cps[cut])) || no_break_after(first_cp(cps[cut - 1]))))
              --cut;
            piece.clear();
            for (size_t k = from; k < cut; ++k) piece += cps[k];
            push(piece);
            piece.clear();
            for (size_t k = cut; k < j; ++k) piece += cps[k];
            from = cut;
          }
          piece += cps[j];
        }
        cur = piece + std::string(tok.substr(core.size()));
        bare = std::string::npos;
      }
    }
    push(cur);
    if (nl == std::string_view::npos) break;
    para_start = nl + 1;
  }
  return lines;
}

namespace {
// 、，。；：！？ — where a phrase of a prompt or a title ends (wrap_phrases, breaks_between_phrases).
bool ends_clause(char32_t c) {
  return c == U'\u3001' || c == U'\uff0c' || c == U'\u3002' || c == U'\uff1b' || c == U'\uff1a' ||
         c == U'\uff01' || c == U'\uff1f';
}
}  // namespace

bool breaks_between_phrases(std::string_view text, const std::vector<std::string>& lines) {
  size_t at = 0;
  for (size_t k = 0; k < lines.size(); ++k) {
    if (k > 0) {
      // (the break: at " · ", left out of the lines, at spaces or a newline, or after a clause's
      // end — 、，。；：！？ or closing punctuation)
      const size_t was = at;
      if (text.compare(at, 4, " \u00b7 ") == 0) at += 4;
      while (at < text.size() && (text[at] == ' ' || text[at] == '\n')) ++at;
      if (at == was) {
        const char32_t c = last_cp(text.substr(0, at));
        if (at == 0 || !(ends_clause(c) || no_break_before(c))) return false;
      }
    }
    if (text.compare(at, lines[k].size(), lines[k]) != 0) return false;
    at += lines[k].size();
  }
  return true;
}

std::vector<std::string> wrap_phrases(const TextMetrics& m, std::string_view text, float px,
                                      FontFace face, float max_w) {
  if (const size_t nl = text.find('\n'); nl != std::string_view::npos) {  // (paragraphs apart)
    auto lines = wrap_phrases(m, text.substr(0, nl), px, face, max_w);
    for (auto& l : wrap_phrases(m, text.substr(nl + 1), px, face, max_w)) lines.push_back(std::move(l));
    return lines;
  }
  // Phrases: a new one starts at " · " and after "、" / "，" (and the other clause ends).
  std::vector<std::string> phrases(1);
  for (size_t i = 0; i < text.size();) {
    if (text.compare(i, 4, " \u00b7 ") == 0 && !phrases.back().empty()) phrases.emplace_back();
    const size_t start = i;
    const char32_t c = next_codepoint(text, &i);
    phrases.back() += text.substr(start, i - start);
    // (、，。；：！？ end a phrase: a prompt breaks between its clauses)
    // (not before closing punctuation: "。”" stays whole, days8)
    if (ends_clause(c) && !no_break_before(first_cp(text.substr(i))))
      phrases.emplace_back();
  }
  std::vector<std::string> lines;
  std::string cur;
  // (a phrase that starts a line leaves its " · " behind: the break separates it, round 12)
  auto bare = [](const std::string& ph) { return ph.compare(0, 4, " \u00b7 ") == 0 ? ph.substr(4) : ph; };
  for (const auto& ph : phrases) {
    if (ph.empty()) continue;
    // (a phrase wider than a line alone starts where the line is: no line left half empty)
    if (cur.empty()) {
      cur = bare(ph);
    } else if (m.width(cur + ph, px, face) <= max_w || m.width(ph, px, face) > max_w) {
      cur += ph;
    } else {
      lines.push_back(cur);
      cur = bare(ph);
    }
    if (m.width(cur, px, face) > max_w) {  // a phrase alone wider than a line
      auto parts = wrap_text(m, cur, px, face, max_w);
      for (size_t k = 0; k + 1 < parts.size(); ++k) lines.push_back(parts[k]);
      cur = parts.empty() ? std::string() : parts.back();
    }
  }
  if (!cur.empty() || lines.empty()) lines.push_back(cur);
  return lines;
}

}  // namespace tx
