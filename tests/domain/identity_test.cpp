#include "domain/identity.h"

#include <gtest/gtest.h>

#include "domain/utf8.h"

using namespace tx;

static const Date kToday = *Date::parse("2026-11-25");

TEST(IdNumber, AcceptsValidNumbersFromTheDomainCard) {
  for (const char* id : {"11010519491231002X", "440524188001010014", "11010219840406970X"}) {
    auto r = check_id_number(id, kToday);
    EXPECT_TRUE(r.ok()) << id << " " << (r.ok() ? "" : r.problem().reason);
  }
  auto r = check_id_number("11010519491231002X", kToday);
  EXPECT_EQ(r->birth.str(), "1949-12-31");
  EXPECT_FALSE(r->male);  // sequence 002: even
}

TEST(IdNumber, ComputesCheckCharacter) {
  EXPECT_EQ(id_check_character("11010519491231002"), 'X');
  EXPECT_EQ(id_check_character("44052418800101001"), '4');
}

TEST(IdNumber, NormalisesLowerCaseXAndSpaces) {
  auto r = check_id_number(" 11010519491231002x ", kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->value, "11010519491231002X");
}

static std::string reason(const char* id) {
  auto r = check_id_number(id, kToday);
  return r.ok() ? "ok" : r.problem().reason;
}

TEST(IdNumber, RejectsWithTheRightReason) {
  EXPECT_EQ(reason("110105194912310021"), "check_character");
  EXPECT_EQ(reason("360426199113010079"), "birth_date");  // month 13; check passes
  EXPECT_EQ(reason("990426199112010074"), "region");       // province 99; check passes
  EXPECT_EQ(reason("11010519491231002"), "length");
  EXPECT_EQ(reason("110105491231002"), "length");          // old 15-digit numbers: not accepted
  EXPECT_EQ(reason("1101051949123100XX"), "characters");
  EXPECT_EQ(reason("11010519491231 02X"), "characters");
  EXPECT_EQ(reason(""), "length");
  // Born tomorrow: a real date, in the future. Build one with a correct check character.
  std::string f17 = "11010520261126001";
  std::string tomorrow = f17 + id_check_character(f17);
  EXPECT_EQ(reason(tomorrow.c_str()), "future_birth_date");
  auto r = check_id_number("110105194912310021", kToday);
  EXPECT_EQ(r.problem().code, "invalid_id_number");
  EXPECT_EQ(r.problem().field, "id_number");
}

TEST(IdNumber, ResidencePermitPrefixes) {
  for (std::string p : {"81", "82", "83"}) {
    std::string f17 = p + "000019900101001";
    EXPECT_TRUE(check_id_number(f17 + id_check_character(f17), kToday).ok()) << p;
  }
  std::string f17 = "71000019900101001";
  EXPECT_EQ(check_id_number(f17 + id_check_character(f17), kToday).problem().reason, "region");
}

TEST(Masking, ShowsOnlyWhatThePublicScreenMay) {
  EXPECT_EQ(mask_id("11010519491231002X"), "110***********002X");
  EXPECT_EQ(mask_name("张三"), "张*");
  EXPECT_EQ(mask_name("欧阳明月"), "欧*");
  EXPECT_EQ(mask_name("王小明"), "王*");  // one star: the length is not told
  EXPECT_EQ(mask_name("李"), "李*");
  EXPECT_EQ(mask_phone("13800138000"), "138****8000");
  EXPECT_EQ(mask_account("6217000012341234"), "6217********1234");
}

TEST(Phone, MobileAndLandline) {
  EXPECT_EQ(check_phone("13800138000").value(), "13800138000");
  EXPECT_EQ(check_phone("010-62345678").value(), "01062345678");
  EXPECT_EQ(check_phone("10012345678").value(), "10012345678");  // synthetic prefix
  EXPECT_FALSE(check_phone("1380013800").ok());
  EXPECT_FALSE(check_phone("23800138000").ok());
  EXPECT_FALSE(check_phone("138-0013-8000").ok());
  EXPECT_FALSE(check_phone("abc").ok());
  EXPECT_TRUE(check_phone_last4("8000").ok());
  EXPECT_FALSE(check_phone_last4("800").ok());
  EXPECT_FALSE(check_phone_last4("80a0").ok());
}

TEST(Name, RejectsEmptyControlAndInvalidUtf8) {
  EXPECT_TRUE(check_name("王小明").ok());
  EXPECT_FALSE(check_name("").ok());
  EXPECT_FALSE(check_name("王\n明").ok());
  EXPECT_FALSE(check_name("\xff\xfe").ok());
  EXPECT_FALSE(check_name(std::string(31 * 3, 'a')).ok());
}

TEST(Utf8, StrictDecoding) {
  EXPECT_TRUE(utf8_valid("客服 ok"));
  EXPECT_FALSE(utf8_valid("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(utf8_valid("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(utf8_valid("\xe5\xae"));          // truncated
  EXPECT_EQ(utf8_length("客服ab"), 4u);
}
