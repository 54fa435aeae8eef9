// The speech text normaliser, the replace table and the lexicon (issue 13): each form, each
// language, and the edge cases. Expected texts are how a speaker says them, written by hand.
#include <gtest/gtest.h>

#include <fstream>

#include "core/speech_text.h"

using namespace tx;

namespace {

struct Row {
  const char* in;
  const char* cmn;
  const char* yue;
  const char* en;
};

std::string cmn(const char* s) { return normalise_for_speech(s, SpeechLang::cmn); }
std::string yue(const char* s) { return normalise_for_speech(s, SpeechLang::yue); }
std::string en(const char* s) { return normalise_for_speech(s, SpeechLang::en); }

TEST(SpeechNumbers, ChineseNumberWords) {
  const std::pair<unsigned long long, const char*> rows[] = {
      {0, "零"}, {1, "一"}, {2, "二"}, {10, "十"}, {12, "十二"}, {20, "二十"}, {100, "一百"},
      {105, "一百零五"}, {110, "一百一十"}, {217, "二百一十七"}, {1000, "一千"}, {1005, "一千零五"},
      {2000, "两千"}, {3500, "三千五百"}, {4800, "四千八百"}, {10000, "一万"}, {10010, "一万零一十"},
      {12500, "一万二千五百"}, {20000, "两万"}, {100010, "十万零一十"}, {1000000, "一百万"},
      {100000000, "一亿"}, {200000005, "两亿零五"}};
  for (const auto& [n, w] : rows) EXPECT_EQ(chinese_number(n, SpeechLang::cmn), w) << n;
  // Cantonese says 兩百 and 兩千 (and reads simplified characters).
  EXPECT_EQ(chinese_number(200, SpeechLang::yue), "两百");
  EXPECT_EQ(chinese_number(12500, SpeechLang::yue), "一万两千五百");
  EXPECT_EQ(chinese_number(10, SpeechLang::yue), "十");
}

TEST(SpeechNormaliser, EachFormInEachLanguage) {
  const Row rows[] = {
      // plain numbers and edge values
      {"共0项", "共零项", "共零项", "共0项"},
      {"第10页", "第十页", "第十页", "第10页"},
      {"100人", "一百人", "一百人", "100人"},
      {"1000", "一千", "一千", "1000"},
      {"10000", "一万", "一万", "10000"},
      {"2.05", "二点零五", "二点零五", "2.05"},
      {"2个", "两个", "两个", "2个"},
      {"第2位", "第二位", "第二位", "第2位"},
      // dates: years digit by digit, ISO dates in words with the weekday
      {"2026年12月15日", "二零二六年十二月十五日", "二零二六年十二月十五日", "2026年12月15日"},
      {"2026-12-15", "二零二六年十二月十五日星期二", "二零二六年十二月十五日星期二", "2026-12-15"},
      {"2026-10-28 星期三", "二零二六年十月二十八日 星期三", "二零二六年十月二十八日 星期三", "2026-10-28 星期三"},
      {"2028-02-29", "二零二八年二月二十九日星期二", "二零二八年二月二十九日星期二", "2028-02-29"},
      {"2027-02-29", "二零二七年二月二十九日", "二零二七年二月二十九日", "2027-02-29"},  // no such day: no weekday
      {"2026-11", "二零二六年十一月", "二零二六年十一月", "2026-11"},
      {"2026-12-15T09:30:00Z", "二零二六年十二月十五日星期二 上午九点三十分",
       "二零二六年十二月十五日星期二 上午九点三十分", "2026-12-15T09:30:00Z"},
      // times: 上午/下午 added unless the text has one; 2 o'clock is 两点
      {"9:30", "上午九点三十分", "上午九点三十分", "9:30"},
      {"09:05", "上午九点零五分", "上午九点零五分", "09:05"},
      {"00:00", "凌晨零点", "凌晨零点", "00:00"},
      {"12:00", "中午十二点", "中午十二点", "12:00"},
      {"14:00", "下午两点", "下午两点", "14:00"},
      {"下午2:30", "下午两点三十分", "下午两点三十分", "下午2:30"},
      {"下午14:30", "下午两点三十分", "下午两点三十分", "下午14:30"},
      {"19:45", "晚上七点四十五分", "晚上七点四十五分", "19:45"},
      {"9:00-17:00", "上午九点到下午五点", "上午九点到下午五点", "9:00 to 17:00"},
      {"09:00–11:30", "上午九点到十一点三十分", "上午九点到十一点三十分", "9:00 to 11:30"},
      // money, counts and ranges, percentages
      {"217.50元", "二百一十七点五元", "两百一十七点五元", "217.50元"},
      {"4800.00元", "四千八百元", "四千八百元", "4800.00元"},
      {"¥12500", "一万二千五百元", "一万两千五百元", "12500 yuan"},
      {"3500–4800 元", "三千五百到四千八百 元", "三千五百到四千八百 元", "3500 to 4800 元"},
      {"25%", "百分之二十五", "百分之二十五", "25%"},
      {"12.5%", "百分之十二点五", "百分之十二点五", "12.5%"},
      {"呼叫（3）", "呼叫（三）", "呼叫（三）", "呼叫（3）"},  // ） starts with the bytes of ％
      // tickets: the letter, then digits one by one
      {"预约号A023", "预约号 ei1 零二三", "预约号A 零二三", "预约号A0 2 3"},
      {"B105", " bi4 一零五", "B 一零五", "B1 0 5"},
      {"Z999", " zei4 九九九", "Z 九九九", "Z9 9 9"},
      // phones and masked values: digit groups, never "asterisk"
      {"13800138000", "幺三八 零零幺三 八零零零", "一三八 零零一三 八零零零", "1 3 8 0 0 1 3 8 0 0 0"},
      {"手机号 138****8000", "手机号 开头 幺三八，尾号 八零零零", "手机号 开头 一三八，尾号 八零零零",
       "手机号 starting with 1 3 8, ending in 8 0 0 0"},
      {"尾号7810", "尾号七八幺零", "尾号七八一零", "尾号7 8 1 0"},
      {"*******7810", "尾号 七八幺零", "尾号 七八一零", "ending in 7 8 1 0"},
      {"1101**********123X", "开头 幺幺零幺，尾号 幺二三 ai2 ke4 si1 ", "开头 一一零一，尾号 一二三X",
       "starting with 1 1 0 1, ending in 1 2 3 X"},
      {"010-62345678", "零幺零 六二三四 五六七八", "零一零 六二三四 五六七八", "0 1 0 6 2 3 4 5 6 7 8"},
      // Latin words in Chinese text
      {"切换到English", "切换到英语", "切换到English", "切换到English"},
      {"可以是X", "可以是 ai2 ke4 si1 ", "可以是X", "可以是X"},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(cmn(r.in), r.cmn) << r.in;
    EXPECT_EQ(yue(r.in), r.yue) << r.in;
    EXPECT_EQ(en(r.in), r.en) << r.in;
  }
}

TEST(SpeechNormaliser, LeavesTextWithoutNumbersAlone) {
  for (const char* s : {"请选择要办的事。", "返回", "Book a certificate appointment", ""}) {
    EXPECT_EQ(cmn(s), s);
    EXPECT_EQ(en(s), s);
  }
  // Text from the station cannot start espeak's phoneme input.
  EXPECT_EQ(cmn("[[x]]"), "[x]");
}

TEST(SpeechReplace, LongestKeyFirstInOnePass) {
  Substitutions r;
  r.add("/", "，");  // added first, and sorts first by key: must still lose to the longer key
  r.add("元/月", "元每月");
  EXPECT_EQ(r.apply("3500元/月，1/2"), "3500元每月，1，2");
  EXPECT_EQ(r.keys().front(), "元/月");
  Substitutions loop;
  loop.add("a", "aa");  // replaced text is not rescanned
  EXPECT_EQ(loop.apply("aba"), "aabaa");
}

TEST(SpeechTextPath, ReplaceThenNormaliseThenLexicon) {
  SpeechTextPath p;
  p.lang = SpeechLang::cmn;
  p.replace.add("元/月", "元每月");
  p.replace.add("/", "，");
  p.lexicon.add("银行", " yin2 hang2 ");
  p.lexicon.add("银", " yin2 ");
  EXPECT_EQ(p.prepare("银行：3500–4800元/月"), " yin2 hang2 ：三千五百到四千八百元每月");
}

TEST(SpeechLexicon, LoadsFilesAndReportsBadLines) {
  std::string dir = ::testing::TempDir();
  {
    std::ofstream(dir + "/lex_ok.tsv") << "# comment\n银行\tyin2 hang2\n重新\tchong2 xin1\t# 重 is zhong4 alone\n";
    std::ofstream(dir + "/lex_bad.tsv") << "银行\tyin2 hang2\n重新 chong2 xin1\n";
  }
  Substitutions s;
  std::string err;
  ASSERT_TRUE(load_lexicon(dir + "/lex_ok.tsv", SpeechLang::cmn, &s, &err)) << err;
  EXPECT_EQ(s.size(), 2u);
  EXPECT_EQ(s.apply("重新输入"), " chong2 xin1 输入");
  Substitutions bad;
  EXPECT_FALSE(load_lexicon(dir + "/lex_bad.tsv", SpeechLang::cmn, &bad, &err));
  EXPECT_NE(err.find("lex_bad.tsv:2"), std::string::npos) << err;
}

TEST(SpeechVoices, ShippedVoicesLoadWithTheirLexicons) {
  VoiceTable t;
  std::string err;
  ASSERT_TRUE(load_voices(std::string(TONGXING_SOURCE_ASSETS) + "/../voices/voices.json", &t, &err)) << err;
  EXPECT_GT(t.cmn.text.lexicon.size(), 0u);
  EXPECT_GT(t.yue.text.lexicon.size(), 0u);
  // 元/月 → 元每月 fires (it never did when the table ran in sorted key order).
  EXPECT_EQ(t.cmn.text.normalised("3500–4800元/月"), "三千五百到四千八百元每月");
  EXPECT_EQ(t.en.text.normalised("3500–4800 yuan a month"), "3500 to 4800 yuan per month");
}

}  // namespace
