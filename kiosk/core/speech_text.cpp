#include "core/speech_text.h"

#include <algorithm>
#include <fstream>
#include <regex>

#include "core/json_file.h"

namespace tx {

namespace {

bool chinese(SpeechLang l) { return l != SpeechLang::en; }

const char* const kDigitZh[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
const char* const kDigitEn[] = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// One digit as said in a code: Mandarin says 1 as 幺 in phone and ID numbers.
std::string digit_word(char c, SpeechLang lang, bool yao) {
  if (c == 'X' || c == 'x') return lang == SpeechLang::en ? "X" : lang == SpeechLang::cmn ? " ai2 ke4 si1 " : "X";
  int d = c - '0';
  if (lang == SpeechLang::en) return kDigitEn[d];
  if (d == 1 && yao && lang == SpeechLang::cmn) return "幺";
  return kDigitZh[d];
}

// Digits one by one, in groups (sizes from the left; the rest in one group). Groups are
// separated by a space, which espeak-ng pauses on briefly.
std::string digits_grouped(std::string_view digits, SpeechLang lang, bool yao, std::vector<size_t> groups = {}) {
  std::string out;
  size_t g = 0, in_group = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (g < groups.size() && in_group == groups[g]) {
      out += ' ';
      ++g;
      in_group = 0;
    } else if (lang == SpeechLang::en && i > 0) {
      out += ' ';
    }
    out += digit_word(digits[i], lang, yao);
    ++in_group;
  }
  return out;
}

// Phone (3-4-4), ID number (6-8-4), otherwise groups of four.
std::string code_digits(std::string_view digits, SpeechLang lang) {
  if (digits.size() == 11 && digits[0] == '1') return digits_grouped(digits, lang, true, {3, 4});
  if (digits.size() == 18) return digits_grouped(digits, lang, true, {6, 8});
  std::vector<size_t> groups(digits.size() / 4, 4);
  return digits_grouped(digits, lang, true, groups);
}

std::string section(unsigned n, SpeechLang lang, bool leading) {
  // n < 10000. Zeros between non-zero digits are said once (1005 → 一千零五).
  static const char* const units[] = {"千", "百", "十", ""};
  int d[4] = {int(n / 1000), int(n / 100 % 10), int(n / 10 % 10), int(n % 10)};
  std::string out;
  bool started = false, zero = false;
  for (int i = 0; i < 4; ++i) {
    if (d[i] == 0) {
      if (started) zero = true;
      continue;
    }
    if (zero) out += "零";
    zero = false;
    // 两千 (Mandarin: as the first digit only, 一万二千); Cantonese 兩千, 兩百 anywhere.
    if (d[i] == 2 && ((i == 0 && (leading || lang == SpeechLang::yue)) || (i == 1 && lang == SpeechLang::yue)))
      out += "两";
    else if (!(d[i] == 1 && i == 2 && leading && !started))  // 十二, not 一十二
      out += kDigitZh[d[i]];
    out += units[i];
    started = true;
  }
  return out;
}

std::string decimal_digits(std::string_view frac, SpeechLang lang) {
  std::string out;
  for (char c : frac) out += digit_word(c, lang, false);
  return out;
}

std::string weekday_name(int y, int m, int d) {
  static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
  if (m < 3) y -= 1;
  int w = (y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7;  // 0 = Sunday
  static const char* const names[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
  return names[w];
}

bool valid_date(int y, int m, int d) {
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

// Mandarin letter names as Chinese speakers say them, in pinyin (the Mandarin voice reads Latin
// text as pinyin, so "A" alone would be the vowel a).
const char* const kLetterCmn[26] = {
    "ei1",      "bi4",     "xi1",  "di4",  "yi4",  "ai2 fu1", "ji4",  "ai2 qi1", "ai4",
    "jie4",     "kai4",    "ai2 le4", "ai2 mu3", "en1", "ou1", "pi4", "qiu1",    "a4",
    "ai2 si1",  "ti4",     "you1", "wei1", "da2 bu4 liu3", "ai2 ke4 si1", "wai4", "zei4"};

std::string letter_word(char c, SpeechLang lang) {
  char u = char(c >= 'a' && c <= 'z' ? c - 32 : c);
  if (lang == SpeechLang::cmn) return std::string(" ") + kLetterCmn[u - 'A'] + " ";
  return std::string(1, u) + " ";  // the Cantonese voice says Latin letters the English way
}

// Latin words inside Mandarin text: their Chinese name, else spelled when short and in capitals,
// else left (the voice reads them as pinyin, which is what names like "Tongxing" are).
std::string latin_word(std::string_view w) {
  static const std::pair<const char*, const char*> names[] = {
      {"English", "英语"}, {"OK", "好"}, {"ID", "身份"}, {"QR", "二维码"}, {"PIN", "密码"}, {"App", "应用"},
      {"APP", "应用"}};
  for (const auto& [en, zh] : names)
    if (w == en) return zh;
  bool caps = std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (caps && w.size() <= 5) {
    std::string out;
    for (char c : w) out += letter_word(c, SpeechLang::cmn);
    return out;
  }
  return std::string(w);
}

const char* const kPeriods[] = {"凌晨", "早上", "上午", "中午", "下午", "傍晚", "晚上"};

bool after_period_word(std::string_view before) {
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (const char* p : kPeriods)
    if (ends_with(before, p)) return true;
  return false;
}

const char* period_of(int h) {
  if (h < 6) return "凌晨";
  if (h < 12) return "上午";
  if (h == 12) return "中午";
  if (h < 18) return "下午";
  return "晚上";
}

// Words after which a digit string is a code read digit by digit.
const char* const kCodeContext[] = {"尾号", "号码", "电话", "手机号", "身份证号", "编号", "证号",
                                    "卡号", "后四位", "工号", "账号", "验证码", "phone", "number"};
bool after_code_word(std::string_view before) {
  while (!before.empty() && (before.back() == ' ' || before.back() == ':')) before.remove_suffix(1);
  if (ends_with(before, "：")) before.remove_suffix(3);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  for (const char* p : kCodeContext)
    if (ends_with(before, p)) return true;
  return false;
}

// Measure words after which Mandarin and Cantonese say 2 as 两 (两个, 两位, 两天; not 第二).
const char* const kMeasures[] = {"个", "位", "项", "人", "天", "次", "张", "份", "本", "件", "小时",
                                 "分钟", "周", "岁", "种", "条", "家", "名", "台", "页", "元", "块", "年", "月"};

class Normaliser {
 public:
  Normaliser(std::string_view text, SpeechLang lang) : s_(text), lang_(lang) {}

  std::string run() {
    size_t i = 0;
    while (i < s_.size()) {
      size_t used = 0;
      unsigned char c = s_[i];
      bool word_start = i == 0 || !ascii_alnum(s_[i - 1]);
      if (word_start && c >= '0' && c <= '9') used = number_forms(i);
      else if (c == '*' || starts_with(s_.substr(i), "＊") || starts_with(s_.substr(i), "●") ||
               starts_with(s_.substr(i), "•"))
        used = masked(i);
      else if (starts_with(s_.substr(i), "¥") || starts_with(s_.substr(i), "￥"))
        used = money_prefix(i);
      else if (word_start && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
        used = latin(i);
      else if (starts_with(s_.substr(i), "[[") || starts_with(s_.substr(i), "]]")) {
        out_ += s_[i];  // "[[" starts espeak phoneme input: only the lexicon may write it
        used = 2;
      } else if (starts_with(s_.substr(i), "–") || starts_with(s_.substr(i), "～")) {
        out_ += lang_ == SpeechLang::en ? " to " : "到";  // a range between words or placeholders
        used = 3;
      }
      if (used == 0) {
        out_ += s_[i];
        used = 1;
      }
      i += used;
    }
    return out_;
  }

 private:
  using svmatch = std::match_results<std::string_view::const_iterator>;
  bool match(const std::regex& re, size_t i, svmatch* m) const {
    return std::regex_search(s_.begin() + i, s_.end(), *m, re, std::regex_constants::match_continuous);
  }
  size_t copy(const svmatch& m) {
    out_ += m.str(0);
    return m.length(0);
  }
  int num(const svmatch& m, int g) const { return std::stoi(m[g].str()); }
  std::string_view rest(size_t i) const { return s_.substr(i); }

  std::string number(std::string_view digits, std::string_view frac = {}) const {
    if (lang_ == SpeechLang::en) {
      std::string o(digits);
      if (!frac.empty()) o += "." + std::string(frac);
      return o;
    }
    std::string o;
    if (digits.size() > 16) o = digits_grouped(digits, lang_, false);
    else o = chinese_number(std::stoull(std::string(digits)), lang_);
    if (!frac.empty()) o += (lang_ == SpeechLang::yue ? "点" : "点") + decimal_digits(frac, lang_);
    return o;
  }

  std::string year(std::string_view y) const { return digits_grouped(y, lang_, false); }

  std::string date(int y, std::string_view ys, int m, int d, size_t end) const {
    if (lang_ == SpeechLang::en) return "";  // English reads ISO dates itself; handled by caller
    std::string o = year(ys) + "年" + chinese_number(m, lang_) + "月" + chinese_number(d, lang_) + "日";
    std::string_view after = rest(end);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    if (valid_date(y, m, d) && !starts_with(after, "星期") && !starts_with(after, "周") &&
        !starts_with(after, "（星期"))
      o += weekday_name(y, m, d);
    return o;
  }

  // h:m as said; explicit = a period word (上午…) is already in the text; with_period=false
  // leaves the period out (second half of a range in the same period).
  std::string clock(int h, int m, int sec, bool explicit_period, bool with_period) const {
    if (lang_ == SpeechLang::en) {
      char b[16];
      std::snprintf(b, sizeof b, "%d:%02d", h, m);
      return b;
    }
    std::string o;
    int h12 = h;
    if (h <= 24) {
      if (!explicit_period && with_period && h < 24) o += period_of(h);
      if (h > 12 && h < 24) h12 = h - 12;
    }
    o += h12 == 2 ? "两" : chinese_number(h12, lang_);
    o += "点";
    if (m > 0) o += (m < 10 ? "零" : "") + chinese_number(m, lang_) + "分";
    if (sec > 0) o += (m == 0 ? "零" : "") + chinese_number(sec, lang_) + "秒";
    return o;
  }

  size_t number_forms(size_t i) {
    static const std::regex timestamp(R"((\d{4})-(\d{1,2})-(\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)");
    static const std::regex iso_date(R"((\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.]))");
    static const std::regex year_month(R"((\d{4})-(\d{1,2})(?![\d:.]))");
    static const std::regex time_range(R"((\d{1,2}):(\d{2})\s*(?:-|–|—|~|～|至|到)\s*(\d{1,2}):(\d{2})(?!\d))");
    static const std::regex time_1(R"((\d{1,2}):(\d{2})(?::(\d{2}))?(?!\d))");
    static const std::regex masked_re(R"((\d*)(?:\*|＊|●|•)+)");
    static const std::regex landline(R"((0\d{2,3})-(\d{7,8})(?!\d))");
    static const std::regex digits_x(R"((\d+)([Xx])?(?![A-Za-z]))");
    static const std::regex range(R"((\d+)(?:\.(\d+))?\s*(?:-|–|—|~|～|至)\s*(\d+)(?:\.(\d+))?(?![\d:]))");
    static const std::regex percent(R"((\d+)(?:\.(\d+))?\s*(?:%|％))");
    static const std::regex number_re(R"((\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)");
    svmatch m;
    std::string_view before(out_);
    if (match(timestamp, i, &m) && valid_date(num(m, 1), num(m, 2), num(m, 3)) && num(m, 4) < 24) {
      if (lang_ == SpeechLang::en) return copy(m);
      std::string sec = m[6].matched ? m[6].str() : "0";
      out_ += date(num(m, 1), m[1].str(), num(m, 2), num(m, 3), i + m.length(0)) + " " +
              clock(num(m, 4), num(m, 5), std::stoi(sec), false, true);
      return m.length(0);
    }
    if (match(iso_date, i, &m) && num(m, 3) >= 1 && num(m, 3) <= 12 && num(m, 4) >= 1 && num(m, 4) <= 31) {
      if (lang_ == SpeechLang::en) return copy(m);
      out_ += date(num(m, 1), m[1].str(), num(m, 3), num(m, 4), i + m.length(0));
      return m.length(0);
    }
    if (match(year_month, i, &m) && num(m, 1) >= 1900 && num(m, 1) <= 2199 && num(m, 2) >= 1 && num(m, 2) <= 12) {
      if (lang_ == SpeechLang::en) return copy(m);
      out_ += year(m[1].str()) + "年" + chinese_number(num(m, 2), lang_) + "月";
      return m.length(0);
    }
    if (match(time_range, i, &m) && num(m, 1) <= 24 && num(m, 2) < 60 && num(m, 3) <= 24 && num(m, 4) < 60) {
      bool expl = after_period_word(before);
      int h1 = num(m, 1), h2 = num(m, 3);
      bool same = expl || (h1 < 24 && h2 < 24 && std::string(period_of(h1)) == period_of(h2));
      out_ += clock(h1, num(m, 2), 0, expl, true) + (lang_ == SpeechLang::en ? " to " : "到") +
              clock(h2, num(m, 4), 0, expl, !same);
      return m.length(0);
    }
    if (match(time_1, i, &m) && num(m, 1) <= 24 && num(m, 2) < 60) {
      if (lang_ == SpeechLang::en) return copy(m);
      out_ += clock(num(m, 1), num(m, 2), m[3].matched ? num(m, 3) : 0, after_period_word(before), true);
      return m.length(0);
    }
    if (match(masked_re, i, &m)) return masked(i);
    if (match(landline, i, &m)) {
      out_ += digits_grouped(m[1].str(), lang_, true) + " " + code_digits(m[2].str(), lang_);
      return m.length(0);
    }
    if (match(digits_x, i, &m)) {
      std::string d = m[1].str();
      bool code = m[2].matched || after_code_word(before) || (d.size() >= 7 && !starts_with(rest(i + d.size()), "元")) ||
                  (d.size() >= 2 && d[0] == '0' && !starts_with(rest(i + d.size()), "."));
      if (code) {
        out_ += code_digits(d, lang_);
        if (m[2].matched) out_ += (lang_ == SpeechLang::en ? " " : "") + digit_word('X', lang_, false);
        return m.length(0);
      }
    }
    if (match(range, i, &m)) {
      out_ += number(m[1].str(), trim_money(m, 2, m.length(0), i)) + (lang_ == SpeechLang::en ? " to " : "到") +
              number(m[3].str(), trim_money(m, 4, m.length(0), i));
      return m.length(0);
    }
    if (lang_ != SpeechLang::en && match(percent, i, &m)) {
      out_ += "百分之" + number(m[1].str(), m[2].matched ? m[2].str() : std::string());
      return m.length(0);
    }
    if (match(number_re, i, &m)) {
      std::string d = m[1].str();
      d.erase(std::remove(d.begin(), d.end(), ','), d.end());
      size_t end = i + m.length(0);
      std::string_view after = rest(end);
      if (lang_ != SpeechLang::en && d.size() == 4 && !m[2].matched && starts_with(after, "年")) {
        out_ += year(d);
        return m.length(0);
      }
      std::string frac = trim_money(m, 2, m.length(0), i);
      bool prefixed_ordinal = ends_with(before, "第");
      if (lang_ != SpeechLang::en && d == "2" && frac.empty() && !prefixed_ordinal &&
          std::any_of(std::begin(kMeasures), std::end(kMeasures), [&](const char* w) { return starts_with(after, w); }) &&
          !starts_with(after, "月"))
        out_ += "两";
      else
        out_ += number(d, frac);
      return m.length(0);
    }
    return 0;
  }

  // Fraction digits; for money (followed by 元/块) trailing zeros go (217.50元 → 二百一十七点五元).
  std::string trim_money(const svmatch& m, int g, size_t len, size_t i) const {
    if (!m[g].matched) return "";
    if (lang_ == SpeechLang::en) return m[g].str();
    std::string f = m[g].str();
    std::string_view after = rest(i + len);
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    if (starts_with(after, "元") || starts_with(after, "块") || starts_with(after, "yuan")) {
      while (!f.empty() && f.back() == '0') f.pop_back();
    }
    return f;
  }

  // 138****8000 → 开头 幺三八，尾号 八零零零 ("never asterisk").
  size_t masked(size_t i) {
    static const std::regex re(R"((\d*)((?:\*|＊|●|•)+)(\d*)([Xx]?))");
    svmatch m;
    if (!match(re, i, &m)) return 0;
    std::string head = m[1].str(), tail = m[3].str() + m[4].str();
    bool en = lang_ == SpeechLang::en;
    std::string o;
    if (!head.empty()) o += (en ? "starting with " : "开头 ") + digits_grouped(head, lang_, true) + (en ? ", " : "，");
    if (!tail.empty()) {
      bool after_tail_word = ends_with(out_, "尾号") || ends_with(out_, "尾号 ");
      std::string tail_words;
      for (size_t k = 0; k < tail.size(); ++k) {
        if (en && k) tail_words += ' ';
        tail_words += digit_word(tail[k], lang_, true);
      }
      o += (en ? "ending in " : after_tail_word ? "" : "尾号 ") + tail_words;
    } else {
      o += en ? "hidden" : "已隐藏";
    }
    out_ += o;
    return m.length(0);
  }

  size_t money_prefix(size_t i) {
    static const std::regex re(R"((?:¥|￥)\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?)");
    svmatch m;
    if (!match(re, i, &m)) return 0;
    std::string d = m[1].str();
    d.erase(std::remove(d.begin(), d.end(), ','), d.end());
    std::string f = m[2].matched ? m[2].str() : "";
    while (!f.empty() && f.back() == '0') f.pop_back();
    out_ += number(d, f) + (lang_ == SpeechLang::en ? " yuan" : "元");
    return m.length(0);
  }

  size_t latin(size_t i) {
    static const std::regex ticket(R"(([A-Z])-?(\d{2,4})(?![\dA-Za-z]))");
    static const std::regex word(R"([A-Za-z]+)");
    svmatch m;
    if (match(ticket, i, &m)) {
      std::string t = letter_word(m[1].str()[0], lang_);
      if (lang_ == SpeechLang::en) t = m[1].str();  // "A 0" would be the article: "A0 2 3"
      out_ += t + digits_grouped(m[2].str(), lang_, false);
      return m.length(0);
    }
    if (lang_ != SpeechLang::cmn || !match(word, i, &m)) return 0;
    out_ += latin_word(std::string_view(&*m[0].first, m.length(0)));
    return m.length(0);
  }

  std::string_view s_;
  SpeechLang lang_;
  std::string out_;
};

}  // namespace

std::string chinese_number(unsigned long long n, SpeechLang lang) {
  if (n == 0) return "零";
  static const char* const big[] = {"", "万", "亿", "万亿"};
  std::vector<unsigned> parts;
  for (unsigned long long v = n; v > 0; v /= 10000) parts.push_back(unsigned(v % 10000));
  std::string out;
  bool pending_zero = false, started = false;
  for (int k = int(parts.size()) - 1; k >= 0; --k) {
    unsigned p = parts[k];
    if (p == 0) {
      if (started) pending_zero = true;
      continue;
    }
    if (started && (pending_zero || p < 1000)) out += "零";
    pending_zero = false;
    std::string sec = section(p, lang, !started);
    if (p == 2 && k > 0) sec = "两";  // 两万, 两亿
    out += sec;
    out += big[k];
    started = true;
  }
  // section() adds 零 itself for a non-leading section below 1000; avoid 零零.
  for (size_t pos; (pos = out.find("零零")) != std::string::npos;) out.erase(pos, 3);
  (void)lang;
  return out;
}

void Substitutions::add(std::string from, std::string to) {
  if (from.empty()) return;
  auto& v = by_first_[static_cast<unsigned char>(from[0])];
  for (auto& e : v)
    if (e.first == from) {
      e.second = std::move(to);
      return;
    }
  v.emplace_back(std::move(from), std::move(to));
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  ++entries_;
}

std::string Substitutions::apply(std::string_view text) const {
  if (entries_ == 0) return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 2);
  for (size_t i = 0; i < text.size();) {
    auto it = by_first_.find(static_cast<unsigned char>(text[i]));
    bool hit = false;
    if (it != by_first_.end())
      for (const auto& [from, to] : it->second)
        if (text.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          hit = true;
          break;
        }
    if (!hit) out += text[i++];
  }
  return out;
}

std::vector<std::string> Substitutions::keys() const {
  std::vector<std::pair<std::string, std::string>> all;
  for (const auto& [c, v] : by_first_) all.insert(all.end(), v.begin(), v.end());
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first.size() != b.first.size() ? a.first.size() > b.first.size() : a.first < b.first;
  });
  std::vector<std::string> out;
  for (auto& e : all) out.push_back(e.first);
  return out;
}

bool load_lexicon(const std::string& path, SpeechLang lang, Substitutions* out, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 >= line.size()) {
      *error = path + ":" + std::to_string(n) + ": expected WORD<TAB>READING";
      return false;
    }
    std::string word = line.substr(0, tab);
    std::string reading = line.substr(tab + 1);
    size_t tab2 = reading.find('\t');
    if (tab2 != std::string::npos) reading.resize(tab2);
    if (reading.empty()) {
      *error = path + ":" + std::to_string(n) + ": empty reading";
      return false;
    }
    if (lang == SpeechLang::cmn) reading = " " + reading + " ";
    out->add(std::move(word), std::move(reading));
  }
  return true;
}

bool load_voices(const std::string& path, VoiceTable* t, std::string* error) {
  nlohmann::json doc;
  if (!read_json_object(path, &doc, error)) return false;
  std::string dir = path.substr(0, path.find_last_of('/') + 1);
  VoiceTable out = *t;
  for (auto [key, dst] : {std::pair<const char*, VoiceSettings*>{"cmn", &out.cmn}, {"yue", &out.yue}, {"en", &out.en}}) {
    if (!doc.contains(key)) continue;
    const auto& j = doc[key];
    if (!j.is_object()) {
      *error = path + ": \"" + key + "\" is not an object";
      return false;
    }
    dst->voice = j.value("voice", dst->voice);
    dst->volume_scale = j.value("volume_scale", dst->volume_scale);
    dst->text.replace = {};
    dst->text.lexicon = {};
    if (j.contains("replace") && j["replace"].is_object())
      for (auto it = j["replace"].begin(); it != j["replace"].end(); ++it)
        if (it.value().is_string()) dst->text.replace.add(it.key(), it.value().get<std::string>());
    if (j.contains("lexicon") && j["lexicon"].is_string()) {
      std::string file = j["lexicon"].get<std::string>();
      if (!load_lexicon(file.rfind('/', 0) == 0 ? file : dir + file, dst->text.lang, &dst->text.lexicon, error))
        return false;
    }
  }
  *t = std::move(out);
  return true;
}

std::string normalise_for_speech(std::string_view text, SpeechLang lang) {
  return Normaliser(text, lang).run();
}

}  // namespace tx
