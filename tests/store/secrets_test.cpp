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
