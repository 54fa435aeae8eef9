// String catalogs (assets/i18n/<locale>.json): every shown or spoken string is a key.
// Cantonese speech reads the zh-Hans text; tests/kiosk/i18n_test.cpp fails on missing/unused keys.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tx {

enum class Locale { zh, en };
// Speech language: what espeak-ng voice reads the text (a11y log "lang").
enum class SpeechLang { cmn, yue, en };

const char* speech_lang_code(SpeechLang l);  // "cmn" | "yue" | "en"

// Marks a string literal as a catalog key without looking it up (for tables); the i18n test
// scans the sources for TK("...") and tr("...") to find used keys.
#define TK(key) key

using Params = std::vector<std::pair<std::string, std::string>>;

class Catalog {
 public:
  // Loads <dir>/zh-Hans.json and <dir>/en.json. Returns false with *error on failure.
  bool load(const std::string& dir, std::string* error);
  // Looks a key up; a missing key returns "⟦key⟧" so it is visible, and is remembered.
  std::string get(Locale l, const std::string& key) const;
  // Replaces {name} placeholders.
  std::string format(Locale l, const std::string& key, const Params& params) const;
  bool has(Locale l, const std::string& key) const;
  const std::map<std::string, std::string>& table(Locale l) const {
    return l == Locale::zh ? zh_ : en_;
  }

 private:
  std::map<std::string, std::string> zh_, en_;
};

// Replaces {name} with its value, and {name|one|other} with `one` when the value is "1", else
// `other` (an English count's word: "1 choice", "3 choices"). A hand-written rule rather than
// ICU's MessageFormat: one plural rule in one of the two languages did not justify ICU's data
// in the kiosk.
std::string substitute(std::string text, const Params& params);

}  // namespace tx
