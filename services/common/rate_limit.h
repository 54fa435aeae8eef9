// A fixed-window rate limiter keyed by a string (a terminal id, a keyed hash of an ID number).
//
// Memory is bounded (max_keys windows) without ever forgetting the live window of a key under
// attack: when the table is full, windows that have run out are dropped first (they hold
// nothing), then the live windows with the FEWEST requests (a flood of one-off keys), never a
// window at its limit. Each clean-up frees a tenth of the table, so it runs at most once per
// max_keys/10 new keys (amortised O(1)). Should every window be live and at its limit, a new
// key is refused rather than a hot one forgotten (fail closed).
#pragma once
#include <algorithm>
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"

namespace tx {

class RateLimiter {
 public:
  // per_window requests per `window` for each key; the clock is injectable for tests.
  RateLimiter(int per_window, std::chrono::seconds window, const Clock& clock, std::size_t max_keys = 10000)
      : limit_(per_window), window_(window), clock_(clock), max_keys_(std::max<std::size_t>(max_keys, 10)) {}

  // allow: counts one request for `key`; false once the key is over its limit in this window.
  bool allow(const std::string& key) {
    auto now = clock_.now();
    std::lock_guard lock(mu_);
    auto it = windows_.find(key);
    if (it == windows_.end()) {
      if (windows_.size() >= max_keys_ && !make_room(now)) return false;
      it = windows_.emplace(key, Window{now, 0}).first;
    }
    auto& w = it->second;
    if (w.count == 0 || !live(w, now)) w = {now, 0};
    if (w.count <= limit_) ++w.count;  // stays at limit_ + 1: "over" is all we need to know
    return w.count <= limit_;
  }

  std::size_t size() const {
    std::lock_guard lock(mu_);
    return windows_.size();
  }

 private:
  struct Window {
    std::chrono::system_clock::time_point start;
    int count = 0;
  };
  bool live(const Window& w, std::chrono::system_clock::time_point now) const {
    return now >= w.start && now - w.start < window_;
  }
  // make_room: frees a tenth of the table; false when only windows at their limit are left.
  bool make_room(std::chrono::system_clock::time_point now) {
    std::erase_if(windows_, [&](const auto& kv) { return !live(kv.second, now); });
    const std::size_t target = max_keys_ - max_keys_ / 10;
    if (windows_.size() > target) {
      std::vector<std::pair<int, std::unordered_map<std::string, Window>::const_iterator>> cold;
      for (auto i = windows_.cbegin(); i != windows_.cend(); ++i)
        if (i->second.count < limit_) cold.emplace_back(i->second.count, i);
      std::size_t drop = std::min(cold.size(), windows_.size() - target);
      std::nth_element(cold.begin(), cold.begin() + drop, cold.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (std::size_t k = 0; k < drop; ++k) windows_.erase(cold[k].second);
    }
    return windows_.size() < max_keys_;
  }

  int limit_;
  std::chrono::seconds window_;
  const Clock& clock_;
  std::size_t max_keys_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

// system_clock_instance: a process-wide SystemClock for limiters that need no test clock.
inline const Clock& system_clock_instance() {
  static const SystemClock c;
  return c;
}

}  // namespace tx
