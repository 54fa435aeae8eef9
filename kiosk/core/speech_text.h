// What the kiosk hands to espeak-ng, built from what it shows (issue 13, docs/kiosk.md "Speech
// text"). Pure: no SDL, no espeak. Three steps, in this order, on the speech worker:
//   1. replace  — voices.json "replace": symbols and fixed phrases, longest key first;
//   2. normalise_for_speech — dates, times, money, counts and ranges, percentages, tickets,
//      phone numbers, masked values and Latin words, as a speaker of the language says them;
//   3. lexicon  — voices/lexicon_<lang>.tsv: words the voice misreads, longest match first,
//      replaced by inline pinyin (Mandarin, " yin2 hang2 ") or espeak phonemes (Cantonese,
//      "[[h'ong4]]").
// The caption and the a11y log keep the text as shown; only the speech path changes it.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/i18n.h"

namespace tx {

// Step 2. Chinese voices get Chinese number words (Cantonese: 兩, 萬 conventions), English keeps
// English conventions (only masks, tickets and digit strings change).
std::string normalise_for_speech(std::string_view text, SpeechLang lang);

// Number words (exposed for tests): 217 → 二百一十七, 2 before 千/万 → 两 (Mandarin) / 兩.
std::string chinese_number(unsigned long long n, SpeechLang lang);

// An ordered list of substitutions applied in one left-to-right pass, longest key first at each
// position (so "元/月" wins over "/" and a replaced text is never rescanned).
class Substitutions {
 public:
  void add(std::string from, std::string to);
  bool empty() const { return entries_ == 0; }
  size_t size() const { return entries_; }
  std::string apply(std::string_view text) const;
  // Keys in the order they would be tried at one position (longest first; tests).
  std::vector<std::string> keys() const;

 private:
  // first byte → (key, value) sorted by key length, longest first
  std::unordered_map<unsigned char, std::vector<std::pair<std::string, std::string>>> by_first_;
  size_t entries_ = 0;
};

// Loads a lexicon file: UTF-8 lines "WORD<TAB>READING[<TAB># comment]", '#' lines are comments.
// Mandarin readings (pinyin with tone digits) get a space on each side so a following digit is
// not read as a tone. false + *error (file and line) on a bad line.
bool load_lexicon(const std::string& path, SpeechLang lang, Substitutions* out, std::string* error);

// The whole text path of one voice (steps 1–3).
struct SpeechTextPath {
  SpeechLang lang = SpeechLang::cmn;
  Substitutions replace, lexicon;
  std::string normalised(std::string_view shown) const {
    return normalise_for_speech(replace.apply(shown), lang);
  }
  std::string prepare(std::string_view shown) const { return lexicon.apply(normalised(shown)); }
};

// Per-language speech settings (voices/voices.json): espeak-ng voice, volume scale, and the text
// path (replace table, lexicon file "lexicon": a path relative to voices.json).
struct VoiceSettings {
  std::string voice;
  double volume_scale = 1.0;
  SpeechTextPath text;
};
struct VoiceTable {
  // Plain "cmn" reads 残 as "can two" in espeak-ng 1.51; Cantonese clips at full volume
  // (STACK_NOTES.md). voices/voices.json overrides these.
  VoiceSettings cmn{"cmn-latn-pinyin", 1.0, {SpeechLang::cmn, {}, {}}},
      yue{"yue", 0.7, {SpeechLang::yue, {}, {}}}, en{"en", 1.0, {SpeechLang::en, {}, {}}};
  const VoiceSettings& get(SpeechLang l) const {
    return l == SpeechLang::yue ? yue : l == SpeechLang::en ? en : cmn;
  }
};
// Loads voices.json and the lexicons it names; false + *error (the table keeps its built-in
// defaults) on failure.
bool load_voices(const std::string& path, VoiceTable* t, std::string* error);
// The text exactly as handed to espeak-ng for a shown text (steps 1–3).
inline std::string text_for_espeak(std::string_view shown, const VoiceSettings& v) {
  return v.text.prepare(shown);
}

}  // namespace tx
