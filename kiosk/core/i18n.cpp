#include "core/i18n.h"

#include "core/json_file.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace tx {

const char* speech_lang_code(SpeechLang l) {
  switch (l) {
    case SpeechLang::cmn: return "cmn";
    case SpeechLang::yue: return "yue";
    case SpeechLang::en: return "en";
  }
  return "cmn";
}

static bool load_one(const std::string& path, std::map<std::string, std::string>* out,
                     std::string* error) {
  nlohmann::json doc;
  if (!read_json_object(path, &doc, error)) {
    *error = "catalog: " + *error;
    return false;
  }
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (!it.value().is_string()) {
      *error = "catalog " + path + ": key " + it.key() + " is not a string";
      return false;
    }
    (*out)[it.key()] = it.value().get<std::string>();
  }
  return true;
}

bool Catalog::load(const std::string& dir, std::string* error) {
  zh_.clear();
  en_.clear();
  return load_one(dir + "/zh-Hans.json", &zh_, error) && load_one(dir + "/en.json", &en_, error);
}

std::string Catalog::get(Locale l, const std::string& key) const {
  const auto& t = table(l);
  auto it = t.find(key);
  if (it == t.end()) return "\u27e6" + key + "\u27e7";
  return it->second;
}

bool Catalog::has(Locale l, const std::string& key) const { return table(l).count(key) > 0; }

std::string substitute(std::string text, const Params& params) {
  for (const auto& [name, value] : params) {
    // A count's word: "{n|appointment|appointments}" is the first form when n is 1, else the
    // second (English; Chinese has no plural and does not use it).
    const std::string plural = "{" + name + "|";
    for (size_t pos = text.find(plural); pos != std::string::npos; pos = text.find(plural, pos)) {
      const size_t bar = text.find('|', pos + plural.size()), close = text.find('}', pos);
      if (bar == std::string::npos || close == std::string::npos || bar > close) break;
      const size_t one = pos + plural.size();
      const std::string word = value == "1" ? text.substr(one, bar - one) : text.substr(bar + 1, close - bar - 1);
      text.replace(pos, close + 1 - pos, word);
      pos += word.size();
    }
    std::string pat = "{" + name + "}";
    for (size_t pos = text.find(pat); pos != std::string::npos;
         pos = text.find(pat, pos + value.size())) {
      text.replace(pos, pat.size(), value);
    }
  }
  return text;
}

std::string Catalog::format(Locale l, const std::string& key, const Params& params) const {
  return substitute(get(l, key), params);
}

}  // namespace tx
