#include "domain/job_search.h"

#include <gtest/gtest.h>

using namespace tx;

static JobIndex sample() {
  return JobIndex({
      {1, "电话客服专员 示例通信有限公司 负责接听客户来电", "朝阳区", "service", 0},
      {2, "财务会计 示例商贸有限公司 做账报税", "海淀区", "office", (1u << 4) | (1u << 2)},
      {3, "盲人按摩师 示例康养有限公司", "朝阳区", "massage", 1u << 1},
      {4, "Data Entry Clerk 示例数据有限公司 客服支持", "西城区", "office", 0},
      {5, "手工编织 辅助性就业 示例阳光家园", "海淀区", "handcraft", (1u << 5) | (1u << 6)},
  });
}

static std::vector<std::int64_t> ids(const JobIndex& ix, JobQuery q) {
  return ix.search(q, 0, 100).ids;
}

TEST(JobSearch, FindsOneAndTwoCharacterChineseWords) {
  auto ix = sample();
  EXPECT_EQ(ids(ix, {.q = "客服"}), (std::vector<std::int64_t>{1, 4}));
  EXPECT_EQ(ids(ix, {.q = "会计"}), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(ids(ix, {.q = "盲"}), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(ids(ix, {.q = "按摩师"}), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(ids(ix, {.q = "会客"}).empty());
}

TEST(JobSearch, LongWordsAreVerifiedNotJustBigrams) {
  // "客服支" has bigrams 客服 and 服支; only doc 4 contains the whole word.
  JobIndex ix({{1, "客服 服支", "", "", 0}, {2, "客服支持", "", "", 0}});
  EXPECT_EQ(ids(ix, {.q = "客服支"}), (std::vector<std::int64_t>{2}));
}

TEST(JobSearch, AsciiIsCaseInsensitiveAndWordsAreAnded) {
  auto ix = sample();
  EXPECT_EQ(ids(ix, {.q = "data"}), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(ids(ix, {.q = "DATA 客服"}), (std::vector<std::int64_t>{4}));
  EXPECT_EQ(ids(ix, {.q = "客服　朝阳"}).size(), 0u);  // district is a filter, not text here
}

TEST(JobSearch, Filters) {
  auto ix = sample();
  EXPECT_EQ(ids(ix, {.district = "海淀区"}), (std::vector<std::int64_t>{2, 5}));
  EXPECT_EQ(ids(ix, {.job_type = "office"}), (std::vector<std::int64_t>{2, 4}));
  // Category 4 (physical): listings for any category plus those naming 4.
  EXPECT_EQ(ids(ix, {.category = 4}), (std::vector<std::int64_t>{1, 2, 4}));
  EXPECT_EQ(ids(ix, {.q = "客服", .category = 1}), (std::vector<std::int64_t>{1, 4}));
}

TEST(JobSearch, PagingCountsAllMatches) {
  auto ix = sample();
  auto p = ix.search({}, 2, 2);
  EXPECT_EQ(p.total, 5u);
  EXPECT_EQ(p.ids, (std::vector<std::int64_t>{3, 4}));
  EXPECT_TRUE(ix.search({}, 10, 2).ids.empty());
}

TEST(JobSearch, GarbageQueryDoesNotCrash) {
  auto ix = sample();
  EXPECT_TRUE(ids(ix, {.q = "\xff\xfe\x80"}).size() == 5u || ids(ix, {.q = "\xff\xfe\x80"}).empty());
  EXPECT_TRUE(ids(ix, {.q = std::string(1000, 'z')}).empty());
}
