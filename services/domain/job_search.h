// In-memory job search: a unigram + bigram index over code points, so one- and two-character
// Chinese words (客服, 会计) are found — SQLite's FTS5 tokenizers cannot do that (unicode61 keeps
// a run of Han characters as one token; trigram needs three). Pure: rebuilt by its owner when
// listings change.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace tx {

struct JobDoc {
  std::int64_t id = 0;
  std::string text;  // everything searchable: title, employer, description, district
  std::string district;
  std::string job_type;
  std::uint32_t categories_mask = 0;  // bit c set = suitable for category c (1..7); 0 = any
};

struct JobQuery {
  std::string q;         // words separated by spaces; every word must occur (AND)
  std::string district;  // exact match when set
  std::string job_type;  // exact match when set
  int category = 0;      // 1..7: listings suitable for this category (or for any)
};

class JobIndex {
 public:
  JobIndex() = default;
  // Docs keep their given order in results (the owner sorts them, e.g. newest first).
  explicit JobIndex(std::vector<JobDoc> docs);

  struct Page {
    std::vector<std::int64_t> ids;
    std::size_t total = 0;  // matches before paging
  };
  // search: matches in index order, `limit` of them from `offset`.
  Page search(const JobQuery& query, std::size_t offset, std::size_t limit) const;
  std::size_t size() const { return docs_.size(); }

 private:
  bool matches_filters(const JobDoc& d, const JobQuery& q) const;
  std::vector<std::uint32_t> candidates(const std::u32string& term) const;

  std::vector<JobDoc> docs_;
  std::vector<std::u32string> folded_;  // lower-cased code points of each doc's text
  std::unordered_map<char32_t, std::vector<std::uint32_t>> unigrams_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> bigrams_;
};

// fold_text: UTF-8 to code points, ASCII lower-cased, invalid bytes dropped.
std::u32string fold_text(const std::string& utf8);

}  // namespace tx
