// Text measurement (injected: the platform measures with the real font, tests with a fake) and
// line wrapping for Chinese and English: CJK breaks between any two characters except before
// closing punctuation; Latin breaks at spaces, or inside a word only when it alone is too wide.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tx {

enum class FontFace { body, title };

class TextMetrics {
 public:
  virtual ~TextMetrics() = default;
  // Advance width in pixels of UTF-8 text at font size px (ImGui font size = line height).
  virtual float width(std::string_view text, float px, FontFace face) const = 0;
};

// Approximate metrics for tests of the pure core: CJK 1 em = 0.69 × size (Noto CJK's
// ascent+descent is 1.45 em), Latin 0.5 em.
class ApproxMetrics : public TextMetrics {
 public:
  float width(std::string_view text, float px, FontFace face) const override;
};

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes yield U+FFFD.
char32_t next_codepoint(std::string_view s, size_t* i);
// Whether `s` ends a sentence ("。", "！", "？", ".", "!", "?", or a colon before what follows),
// trailing spaces aside: speech joins parts with a period only where one does not end already.
bool ends_sentence(std::string_view s);
bool is_cjk(char32_t c);
// A Han ideograph (CJK Unified Ideographs with Extension A, Compatibility Ideographs): of is_cjk,
// the characters that are words, not punctuation (wrap_text's short phrases, Speech::script_runs).
bool is_han(char32_t c);

// Phrases kept on one line (KIOSK_UI.md, docs/kiosk.md "Words and phrases"): a key name or
// phrase in quotes — “下一步”, 「确认预约」, ‘…’, 『…』, 《…》 — of 1 to kQuotedMax characters
// inside the quotes (no space or line break in it) is never broken across lines, quotes
// included. quoted_end: the end of the quoted run opening at `at` (`at` itself when none);
// quoted_phrases: every such run of `s`, quotes included (the frame rule checks each is whole).
constexpr size_t kQuotedMax = 10;
size_t quoted_end(std::string_view s, size_t at);
std::vector<std::string> quoted_phrases(std::string_view s);

// Dates kept on one line (issue 12, days6): "12月7日", "2027年1月4日", "12月15日 星期二",
// "12月7日–13日", "12月28日–1月3日"; "7 December", "Tuesday 15 December", "7–13 December",
// "28 December – 3 January" (a range by its dash only; full or three-letter English month and weekday
// names). date_end: the end of the date run starting at `at` (`at` itself when none starts
// there: a run starts only where no digit or letter stands before it); date_runs: every date run
// of `s` (the frame rule checks each is whole on one line). wrap_text and wrap_phrases never
// break inside one unless it alone is wider than the line (then between its date and weekday,
// or at its dash, before inside a word).
size_t date_end(std::string_view s, size_t at);
std::vector<std::string> date_runs(std::string_view s);
// date_parts: where a date wider than a whole line may break — "Tuesday | 15 | December",
// "12月7日– | 13日" (wrap_text). date_kept: whether `lines` keep `date` whole, or break it only
// there (the frame rule's test: a date on a panel too narrow for it at the smallest text).
std::vector<std::string_view> date_parts(std::string_view date);
bool date_kept(std::string_view date, const std::vector<std::string>& lines);
// Amounts kept on one line (jobs7): a number or a range with its unit and what it is paid for —
// "6000–9000元/月", "300元", "2.05万元", "¥6000", "4500–6000 yuan a month", "300 yuan". amount_end:
// the end of the amount starting at `at` (`at` when none: as date_end, never after a digit or a
// letter); amount_runs: every amount of `s`. Kept as dates are (wrap_text, broken_word; a run
// wider than a whole line breaks between its date_parts). kept_end: a date's or an amount's end.
size_t amount_end(std::string_view s, size_t at);
std::vector<std::string> amount_runs(std::string_view s);
// Times kept on one line (days9): a clock time with its period and a range by its dash —
// "上午9:00", "上午9:00–11:30", "上午11:00–下午1:00", "15:10", "9:00 am", "9:00–11:30 am",
// "11:00 am–1:00 pm", "9:00 AM" (the slip's "上午 / 9:00–11:30" at 2× on 1080×1920). time_end:
// the end of the time starting at `at` (`at` when none: as date_end, never after a digit, a letter
// or a colon); time_runs: every time of `s`. Kept as dates are (wrap_text, broken_word; one wider
// than a whole line breaks at its dash, date_parts).
size_t time_end(std::string_view s, size_t at);
std::vector<std::string> time_runs(std::string_view s);
// A phone number in its groups kept on one line (round 14: the confirmation's "手机号 138 /
// 0013 8000" at 1.5× on 1280×1024): "138 0013 8000", as phone_groups shows one. phone_end: its
// end at `at` (`at` when none: never after a digit or a letter); phone_runs: every one of `s`.
size_t phone_end(std::string_view s, size_t at);
std::vector<std::string> phone_runs(std::string_view s);
// kept_end: a date's, an amount's, a phone number's or a time's end.
size_t kept_end(std::string_view s, size_t at);
// Items of a CJK enumeration kept on one line: "请带上：身份证、户口本、2寸照片3张、病历" — an
// item is the run between 、 (or ：，。； a space or the text's edge) and the next, next to at
// least one 、 or ： (a name and its value: "扫描间隔：2.0秒"), of 2..kListItemMax characters, one
// of them CJK. list_item_end: its end at `at` (`at`
// when none starts there); list_items: every item of `s` (the frame rule checks each is whole).
constexpr size_t kListItemMax = 8;
size_t list_item_end(std::string_view s, size_t at);
std::vector<std::string> list_items(std::string_view s);
// The kiosk's own compound words, kept on one line (lead, round 8): a CJK line may break between
// any two characters, and these are read as one word — "身份证|号" broke the ID step's prompt at
// 1.5× on 1080×1920. kKeptWords is the table (longest first where one contains another);
// kept_word_end: the end of the one at `at` (`at` when none starts there); kept_words: every one
// in `s` (the frame rule checks each is whole).
size_t kept_word_end(std::string_view s, size_t at);
// Chinese words by ICU's dictionary (round 15; docs/kiosk.md "Words and phrases"): the kiosk's
// kept words are its own, and a paragraph from the station (a reason, an appeal, a job's
// introduction) broke between any two characters ("还没有登 / 记"). word_bounds: the word
// boundaries of `para` as byte offsets, from ICU's word break iterator (zh). dict_word_end: the
// end of the word of 2..4 ideographs starting at `at` (`at` when none starts there); wrap_text
// keeps it on one line.
std::vector<size_t> word_bounds(std::string_view para);
size_t dict_word_end(std::string_view s, const std::vector<size_t>& bounds, size_t at);
// A masked value as the kiosk shows one ("100****7041", "1101**********1234", "6217********9542"):
// letters and digits with at least one '*'. wrap_text keeps it with the label before it
// ("电话 100****7041") where the line holds both (round 13).
bool is_masked_value(std::string_view s);
std::vector<std::string> kept_words(std::string_view s);
// on_one_line: whether one of `lines` holds `s` whole. broken_word: the first word of `label`
// that `lines` break ("" when none) — a Latin word split between two lines ("Prev|ious"), a short
// CJK phrase (≤ 6 characters between spaces or line breaks, two of them CJK: "下一步",
// "呼叫工作人员"), a quoted phrase (“下一步”) or a date not on one line; with `date_parts_ok`, a
// date broken between its parts passes (date_kept). The layout's choice (Ui::fit_label) and
// the layout tests' frame rule judge by it.
bool on_one_line(std::string_view s, const std::vector<std::string>& lines);
std::string broken_word(const std::string& label, const std::vector<std::string>& lines,
                        bool date_parts_ok = false);

// Line-breaking rules (禁则, GB/T 15834, W3C clreq; days8): no_break_before — closing
// punctuation that never starts a line (， 。 、 ： ； ！ ？ ） ” 》 」 】 … ) , and the like);
// no_break_after — an opening bracket or quote that never ends one (（ “ 《 「 【 ( and the like).
// wrap_text keeps each with its neighbour; broken_word names a line pair that breaks them.
bool no_break_before(char32_t c);
bool no_break_after(char32_t c);

// Wraps into lines no wider than max_w; explicit '\n' always breaks; never against the rules
// above (a unit wider than the line breaks by characters, the one before closing punctuation
// going along with it). Where a line breaks at the kiosk's separator " · " (common.sep), the
// separator vanishes: no line ends with "·" or starts with it (round 12; the breaks are where
// they were with it, no line wider). broken_word names a line pair that has it at the break.
std::vector<std::string> wrap_text(const TextMetrics& m, std::string_view text, float px,
                                   FontFace face, float max_w);

// Wraps a list of phrases ("示例公司 · 通州区 · 适合听力残疾、肢体残疾", or a prompt's clauses)
// breaking only between them — before " · ", after "、" "，" "。" "；" "：" "！" "？" — so that
// a Chinese word ("残疾") never splits across lines; a phrase wider than a line alone starts
// where the line is and is wrapped as wrap_text does. A " · " where a line breaks is left out,
// as wrap_text leaves it (round 12: a line started with " · " before, the caller trimmed it).
std::vector<std::string> wrap_phrases(const TextMetrics& m, std::string_view text, float px,
                                      FontFace face, float max_w);
// Whether `lines` (of wrap_text or wrap_phrases) break `text` only between its phrases — at
// " · ", at spaces, after a clause's end — never between two characters of one phrase (round 14:
// a title "同行 · 示例社区残疾人服务" / "站"; Ui steps a title down until it does).
bool breaks_between_phrases(std::string_view text, const std::vector<std::string>& lines);

}  // namespace tx
