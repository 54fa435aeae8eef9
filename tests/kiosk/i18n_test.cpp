// Catalogs: both locales have the same keys and placeholders; every key used in kiosk/ exists and
// every catalog key is used. Themes: shipped JSON = built-in copy, contrast rules hold (V2).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/i18n.h"
#include "core/theme.h"

using namespace tx;

namespace {

std::set<std::string> placeholders(const std::string& s) {
  std::set<std::string> out;
  std::regex re("\\{([a-z_]+)\\}");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

// Keys used in the sources: string literals in the first argument of t(...), f(...) or TK(...).
std::set<std::string> used_keys() {
  std::set<std::string> keys;
  std::regex key_re("[a-z0-9_]+(\\.[a-z0-9_]+)+");
  for (const auto& e : std::filesystem::recursive_directory_iterator(TONGXING_KIOSK_SRC)) {
    auto ext = e.path().extension();
    if (ext != ".cpp" && ext != ".h") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string s = ss.str();
    for (size_t i = 0; i < s.size(); ++i) {
      size_t len = 0;
      if (s.compare(i, 3, "TK(") == 0) len = 3;
      else if ((s.compare(i, 2, "t(") == 0 || s.compare(i, 2, "f(") == 0)) len = 2;
      if (!len || (i > 0 && (isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_'))) continue;
      int depth = 1;
      size_t j = i + len;
      std::string arg;
      while (j < s.size() && depth > 0) {
        char c = s[j];
        if (c == '"') {
          size_t k = j + 1;
          while (k < s.size() && s[k] != '"') k += s[k] == '\\' ? 2 : 1;
          std::string lit = s.substr(j + 1, k - j - 1);
          if (depth == 1 && std::regex_match(lit, key_re)) keys.insert(lit);
          j = k + 1;
          continue;
        }
        if (c == '(' || c == '[' || c == '{') ++depth;
        else if (c == ')' || c == ']' || c == '}') --depth;
        else if (c == ',' && depth == 1) break;
        ++j;
      }
    }
  }
  return keys;
}

TEST(Catalogs, SameKeysAndPlaceholdersInEveryLocale) {
  Catalog c;
  std::string err;
  ASSERT_TRUE(c.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) << err;
  const auto& zh = c.table(Locale::zh);
  const auto& en = c.table(Locale::en);
  for (const auto& [k, v] : zh) {
    ASSERT_TRUE(en.count(k)) << "en is missing " << k;
    EXPECT_FALSE(v.empty()) << k;
    EXPECT_EQ(placeholders(v), placeholders(en.at(k))) << k;
  }
  for (const auto& [k, v] : en) EXPECT_TRUE(zh.count(k)) << "zh-Hans is missing " << k;
}

TEST(Catalogs, NoMissingAndNoUnusedKeys) {
  Catalog c;
  std::string err;
  ASSERT_TRUE(c.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) << err;
  auto used = used_keys();
  ASSERT_GT(used.size(), 100u);
  for (const auto& k : used) EXPECT_TRUE(c.has(Locale::zh, k)) << "missing key " << k;
  for (const auto& [k, v] : c.table(Locale::zh)) EXPECT_TRUE(used.count(k)) << "unused key " << k;
}

TEST(Themes, ShippedFileMatchesBuiltInCopy) {
  std::string err;
  auto file = load_themes(std::string(TONGXING_SOURCE_ASSETS) + "/themes/themes.json", &err);
  auto builtin = builtin_themes();
  ASSERT_EQ(file.size(), 3u) << err;
  ASSERT_EQ(builtin.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(file[i].id, builtin[i].id);
    // Every colour: the built-in copy stands in for the file when it is missing.
    for (Color Theme::*c : {&Theme::bg, &Theme::fg, &Theme::panel_bg, &Theme::button_bg, &Theme::button_fg,
                            &Theme::button_border, &Theme::focus_bg, &Theme::focus_fg, &Theme::focus_ring,
                            &Theme::selected_bg, &Theme::selected_fg, &Theme::banner_bg, &Theme::banner_fg})
      EXPECT_EQ(to_hex(file[i].*c), to_hex(builtin[i].*c)) << file[i].id;
  }
  EXPECT_EQ(file[0].id, "yellow_on_black");
  EXPECT_EQ(file[1].id, "white_on_black");
  EXPECT_EQ(file[2].id, "black_on_white");
}

TEST(Themes, ContrastRules) {
  // The shipped file (what the kiosk loads) and the built-in copy (when the file is missing).
  std::string err;
  auto themes = load_themes(std::string(TONGXING_SOURCE_ASSETS) + "/themes/themes.json", &err);
  ASSERT_EQ(themes.size(), 3u) << err;
  for (const auto& t : builtin_themes()) themes.push_back(t);
  for (const auto& t : themes) {
    EXPECT_GE(contrast_ratio(t.fg, t.bg), 7) << t.id;
    EXPECT_GE(contrast_ratio(t.button_fg, t.button_bg), 7) << t.id;
    EXPECT_GE(contrast_ratio(t.focus_fg, t.focus_bg), 7) << t.id;
    EXPECT_GE(contrast_ratio(t.selected_fg, t.selected_bg), 7) << t.id;
    EXPECT_GE(contrast_ratio(t.banner_fg, t.banner_bg), 7) << t.id;
    EXPECT_GE(contrast_ratio(t.button_border, t.bg), 3) << t.id;
    EXPECT_GE(contrast_ratio(t.focus_ring, t.bg), 3) << t.id;
    EXPECT_GE(contrast_ratio(t.focus_bg, t.button_bg), 3) << t.id << ": focus must differ from rest";
  }
}

}  // namespace

// An English count's word agrees with its number ("1 choice", "1 appointment today", "1 second
// left"); before, "1 choices" was heard on every screen with one choice and "2 call(s)" shown.
// Chinese has no plural: its strings use {n} alone.
TEST(Catalogs, AnEnglishCountsWordAgreesWithItsNumber) {
  EXPECT_EQ(substitute("{n} {n|choice|choices}", {{"n", "1"}}), "1 choice");
  EXPECT_EQ(substitute("{n} {n|choice|choices}", {{"n", "0"}}), "0 choices");
  EXPECT_EQ(substitute("{n} {n|choice|choices}", {{"n", "11"}}), "11 choices");
  EXPECT_EQ(substitute("{a} {a|x|xs}, {b} {b|y|ys}", {{"a", "1"}, {"b", "2"}}), "1 x, 2 ys");
  EXPECT_EQ(substitute("{n|one|other} and {n|one|other}", {{"n", "1"}}), "one and one");
  // (a broken form is left as written, visible, rather than guessed)
  EXPECT_EQ(substitute("{n|one", {{"n", "1"}}), "{n|one");
  Catalog c;
  std::string err;
  ASSERT_TRUE(c.load(std::string(TONGXING_SOURCE_ASSETS) + "/i18n", &err)) << err;
  EXPECT_EQ(c.format(Locale::en, "announce.choices", {{"n", "1"}}), "1 choice");
  EXPECT_EQ(c.format(Locale::en, "announce.choices", {{"n", "6"}}), "6 choices");
  EXPECT_EQ(c.format(Locale::en, "staff.call_banner", {{"n", "1"}, {"terminal", "kiosk-1"}}),
            "1 call waiting for staff: kiosk-1");
  EXPECT_EQ(c.format(Locale::en, "idle.countdown", {{"s", "1"}}), "1 second left: touch anywhere to go on");
  EXPECT_EQ(c.format(Locale::zh, "announce.choices", {{"n", "1"}}), "共1项可以选择");
  // Every plural form in the catalogs is whole (two forms, closed), names a placeholder the
  // string also has, and no English count is followed by a plural written by hand as "(s)".
  const std::regex form(R"(\{([a-z_]+)\|[^|{}]*\|[^|{}]*\})");
  for (Locale l : {Locale::zh, Locale::en})
    for (const auto& [k, v] : c.table(l)) {
      const std::string rest = std::regex_replace(v, form, "");
      EXPECT_EQ(rest.find('|'), std::string::npos) << k << ": a broken plural form";
      for (auto it = std::sregex_iterator(v.begin(), v.end(), form); it != std::sregex_iterator(); ++it)
        EXPECT_NE(v.find("{" + (*it)[1].str() + "}"), std::string::npos) << k;
      EXPECT_EQ(v.find("(s)"), std::string::npos) << k;
    }
}
