#include "common/secrets.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "process.h"

using namespace tx;

TEST(Vault, SealsAndOpensAndDetectsTampering) {
  test::TempDir dir;
  auto v = Vault::open_or_create(dir.file("k"), true);
  auto sealed = v.seal("11010519491231002X");
  EXPECT_EQ(sealed.find("11010519491231002X"), std::string::npos);
  EXPECT_EQ(v.open(sealed), "11010519491231002X");
  EXPECT_NE(v.seal("same"), v.seal("same"));  // random nonces
  sealed[sealed.size() - 1] ^= 1;
  EXPECT_EQ(v.open(sealed), std::nullopt);
  EXPECT_EQ(v.open("short"), std::nullopt);
}

TEST(Vault, SealEachSealsEveryPlaintextWithItsOwnNonce) {
  test::TempDir dir;
  auto v = Vault::open_or_create(dir.file("k"), true);
  std::vector<std::string_view> plain = {"11010519491231002X", "", "same", "same"};
  auto sealed = v.seal_each(plain);
  ASSERT_EQ(sealed.size(), plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(sealed[i].size(), v.seal(plain[i]).size());
    EXPECT_EQ(v.open(sealed[i]), std::string(plain[i]));
  }
  EXPECT_EQ(sealed[0].find("11010519491231002X"), std::string::npos);
  EXPECT_NE(sealed[2], sealed[3]);                  // same text, different nonces
  EXPECT_NE(sealed[2].substr(0, 24), sealed[3].substr(0, 24));
  EXPECT_TRUE(v.seal_each({}).empty());
}

TEST(Vault, KeyFileIsPrivateAndStable) {
  test::TempDir dir;
  auto a = Vault::open_or_create(dir.file("k"), true);
  struct stat st;
  ASSERT_EQ(stat(dir.file("k").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto b = Vault::open_or_create(dir.file("k"), false);
  EXPECT_EQ(a.lookup_hash("x"), b.lookup_hash("x"));
  EXPECT_EQ(b.open(a.seal("x")), "x");
  EXPECT_THROW(Vault::open_or_create(dir.file("missing"), false), std::runtime_error);
  auto other = Vault::from_seed("other");
  EXPECT_NE(other.lookup_hash("x"), a.lookup_hash("x"));
  EXPECT_NE(other.fingerprint(), a.fingerprint());
}

TEST(Tokens, CreatedOnceWithMode0600) {
  test::TempDir dir;
  auto t1 = load_or_create_token(dir.file("admin-token"));
  auto t2 = load_or_create_token(dir.file("admin-token"));
  EXPECT_EQ(t1, t2);
  EXPECT_EQ(t1.size(), 64u);
  struct stat st;
  ASSERT_EQ(stat(dir.file("admin-token").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_TRUE(constant_time_equal(t1, t2));
  EXPECT_FALSE(constant_time_equal(t1, t1.substr(1)));
}
