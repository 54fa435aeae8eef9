#include "common/config.h"

#include <gtest/gtest.h>

using namespace tx::config;

TEST(Config, ReadsValuesWithDefaults) {
  auto f = File::parse("[a]\nx = 3\nname = \"站\"\nlist = [5, 15]\n", "t.toml");
  auto a = f.root().section("a");
  EXPECT_EQ(a.integer("x", 0, 0, 10), 3);
  EXPECT_EQ(a.integer("missing", 7, 0, 10), 7);
  EXPECT_EQ(a.str("name", ""), "站");
  EXPECT_EQ(a.int_list("list", {}, 1, 31), (std::vector<std::int64_t>{5, 15}));
  EXPECT_NO_THROW(f.finish());
}

TEST(Config, UnknownKeyNamesFileLineAndKey) {
  auto f = File::parse("[a]\nx = 3\n\n[b]\ntypo = 1\n", "station.toml");
  f.root().section("a").integer("x", 0, 0, 10);
  f.root().section("b");
  try {
    f.finish();
    FAIL() << "unknown key accepted";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "station.toml:5: b.typo: unknown key (see the example configuration)");
  }
}

TEST(Config, BadValuesNameTheReason) {
  auto f = File::parse("[booking]\nhorizon_days = 9999\nflag = \"yes\"\n", "s.toml");
  auto b = f.root().section("booking");
  try {
    b.integer("horizon_days", 90, 1, 366);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "s.toml:2: booking.horizon_days: must be between 1 and 366");
  }
  EXPECT_THROW(b.boolean("flag", false), ConfigError);
  EXPECT_THROW(b.one_of("mode", "z", {"a", "b"}), ConfigError);
}

TEST(Config, TlsFilesComeTogetherOrNotAtAll) {
  auto f = File::parse("[service]\ntls_cert_file = \"/etc/tongxing/cert.pem\"\n[ok]\n", "s.toml");
  std::string cert, key;
  try {
    f.root().section("service").tls_files(&cert, &key);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("tls_key_file: give both"), std::string::npos) << e.what();
  }
  f.root().section("ok").tls_files(&cert, &key);
  EXPECT_TRUE(cert.empty() && key.empty());
}

TEST(Config, SyntaxErrorsCarryThePosition) {
  try {
    File::parse("[a\nx=1", "broken.toml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("broken.toml:1:", 0), 0u) << e.what();
  }
}

TEST(Config, ArrayOfTablesAreCheckedToo) {
  auto f = File::parse("[[s]]\nk = 1\n[[s]]\nk = 2\nextra = 3\n", "t.toml");
  for (auto& s : f.root().sections("s")) s.integer("k", 0, 0, 9);
  EXPECT_THROW(f.finish(), ConfigError);
}
