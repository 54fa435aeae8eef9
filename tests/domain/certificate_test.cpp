#include "domain/certificate.h"

#include <gtest/gtest.h>

using namespace tx;

static const Date kToday = *Date::parse("2026-11-25");

TEST(Certificate, CodeTables) {
  EXPECT_STREQ(disability_category(1)->zh, "视力残疾");
  EXPECT_STREQ(disability_category(7)->en, "Multiple");
  EXPECT_EQ(disability_category(0), nullptr);
  EXPECT_EQ(disability_category(8), nullptr);
  EXPECT_STREQ(disability_level(1)->zh, "一级");
  EXPECT_EQ(disability_level(5), nullptr);
}

TEST(Certificate, ParsesNumbersWithReplacementSuffix) {
  auto c = check_certificate_number("11010519491231002X12", kToday);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->category, 1);
  EXPECT_EQ(c->level, 2);
  EXPECT_EQ(c->replacement, 0);
  auto b = check_certificate_number("11010519491231002X43B2", kToday);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->replacement, 2);
  EXPECT_EQ(b->str(), "11010519491231002X43B2");
}

TEST(Certificate, RejectsBadParts) {
  auto reason = [](const char* s) {
    auto r = check_certificate_number(s, kToday);
    return r.ok() ? std::string("ok") : r.problem().reason;
  };
  EXPECT_EQ(reason("11010519491231002X82"), "category");
  EXPECT_EQ(reason("11010519491231002X15"), "level");
  EXPECT_EQ(reason("11010519491231002112"), "id_number");
  EXPECT_EQ(reason("11010519491231002X1"), "length");
  EXPECT_EQ(reason("11010519491231002X12B"), "replacement");
  EXPECT_EQ(reason("11010519491231002X12B0"), "replacement");
  EXPECT_EQ(reason("11010519491231002X12C1"), "replacement");
}

TEST(Certificate, ValidityAndRenewalWindow) {
  Date issued = *Date::parse("2017-03-01");
  Date expires = certificate_expiry(issued);
  EXPECT_EQ(expires.str(), "2027-03-01");
  EXPECT_EQ(effective_status(CertificateStatus::valid, expires, kToday), CertificateStatus::valid);
  EXPECT_EQ(effective_status(CertificateStatus::valid, expires, *Date::parse("2027-03-02")),
            CertificateStatus::expired);
  EXPECT_EQ(effective_status(CertificateStatus::lost, expires, *Date::parse("2030-01-01")),
            CertificateStatus::lost);
  // 2027-03-01 minus 180 days = 2026-09-02: the window is open today.
  EXPECT_TRUE(renewal_open(expires, kToday));
  EXPECT_FALSE(renewal_open(*Date::parse("2028-01-01"), kToday));
  EXPECT_TRUE(renewal_open(*Date::parse("2028-01-01"), kToday, 420));  // opens 2026-10-28
  EXPECT_TRUE(renewal_open(*Date::parse("2020-01-01"), kToday));  // already expired
}

TEST(Certificate, StatusNames) {
  EXPECT_EQ(certificate_status_from("frozen"), CertificateStatus::frozen);
  EXPECT_EQ(certificate_status_from("nope"), std::nullopt);
  EXPECT_EQ(to_string(CertificateStatus::cancelled), "cancelled");
}
