#include "domain/job_search.h"

#include <algorithm>

#include "domain/utf8.h"

namespace tx {

std::u32string fold_text(const std::string& s) {
  std::u32string out;
  out.reserve(s.size());
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    if (!next_code_point(s, i, cp)) continue;
    if (cp >= 'A' && cp <= 'Z') cp += 'a' - 'A';
    out.push_back(cp);
  }
  return out;
}

static std::uint64_t bigram_key(char32_t a, char32_t b) {
  return (std::uint64_t(a) << 32) | std::uint64_t(b);
}

JobIndex::JobIndex(std::vector<JobDoc> docs) : docs_(std::move(docs)) {
  folded_.reserve(docs_.size());
  for (std::uint32_t i = 0; i < docs_.size(); ++i) {
    folded_.push_back(fold_text(docs_[i].text));
    const auto& t = folded_.back();
    // Postings are appended in doc order, so each list stays sorted; skip repeats within a doc.
    for (std::size_t k = 0; k < t.size(); ++k) {
      auto& u = unigrams_[t[k]];
      if (u.empty() || u.back() != i) u.push_back(i);
      if (k + 1 < t.size()) {
        auto& b = bigrams_[bigram_key(t[k], t[k + 1])];
        if (b.empty() || b.back() != i) b.push_back(i);
      }
    }
  }
}

std::vector<std::uint32_t> JobIndex::candidates(const std::u32string& term) const {
  if (term.size() == 1) {
    auto it = unigrams_.find(term[0]);
    return it == unigrams_.end() ? std::vector<std::uint32_t>{} : it->second;
  }
  // Intersect the postings of every bigram, shortest list first.
  std::vector<const std::vector<std::uint32_t>*> lists;
  for (std::size_t k = 0; k + 1 < term.size(); ++k) {
    auto it = bigrams_.find(bigram_key(term[k], term[k + 1]));
    if (it == bigrams_.end()) return {};
    lists.push_back(&it->second);
  }
  std::sort(lists.begin(), lists.end(), [](auto* a, auto* b) { return a->size() < b->size(); });
  std::vector<std::uint32_t> acc = *lists[0], tmp;
  for (std::size_t k = 1; k < lists.size() && !acc.empty(); ++k) {
    tmp.clear();
    std::set_intersection(acc.begin(), acc.end(), lists[k]->begin(), lists[k]->end(),
                          std::back_inserter(tmp));
    acc.swap(tmp);
  }
  if (term.size() > 2) {  // bigrams can all occur without the whole word: verify
    std::erase_if(acc, [&](std::uint32_t d) { return folded_[d].find(term) == std::u32string::npos; });
  }
  return acc;
}

bool JobIndex::matches_filters(const JobDoc& d, const JobQuery& q) const {
  if (!q.district.empty() && d.district != q.district) return false;
  if (!q.job_type.empty() && d.job_type != q.job_type) return false;
  if (q.category >= 1 && q.category <= 7 && d.categories_mask != 0 &&
      !(d.categories_mask & (1u << q.category)))
    return false;
  return true;
}

JobIndex::Page JobIndex::search(const JobQuery& query, std::size_t offset,
                                std::size_t limit) const {
  Page page;
  auto take = [&](std::uint32_t d) {
    if (!matches_filters(docs_[d], query)) return;
    if (page.total >= offset && page.ids.size() < limit) page.ids.push_back(docs_[d].id);
    ++page.total;
  };
  std::u32string q = fold_text(query.q);
  std::vector<std::u32string> terms;
  std::u32string cur;
  for (char32_t c : q) {
    if (c == U' ' || c == U'\t' || c == U'\u3000' || c == U',' || c == U'，') {
      if (!cur.empty()) terms.push_back(std::move(cur)), cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) terms.push_back(std::move(cur));
  if (terms.empty()) {
    for (std::uint32_t d = 0; d < docs_.size(); ++d) take(d);
    return page;
  }
  std::vector<std::uint32_t> acc = candidates(terms[0]), tmp;
  for (std::size_t k = 1; k < terms.size() && !acc.empty(); ++k) {
    auto next = candidates(terms[k]);
    tmp.clear();
    std::set_intersection(acc.begin(), acc.end(), next.begin(), next.end(), std::back_inserter(tmp));
    acc.swap(tmp);
  }
  for (std::uint32_t d : acc) take(d);
  return page;
}

}  // namespace tx
