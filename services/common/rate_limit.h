// A fixed-window rate limiter keyed by a string (a terminal id, a keyed hash of an ID number).
// Memory stays bounded under a flood of distinct keys: past 10,000 keys the table starts over.
#pragma once
#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/clock.h"

namespace tx {

class RateLimiter {
 public:
  // per_window requests per `window` for each key; the clock is injectable for tests.
  RateLimiter(int per_window, std::chrono::seconds window, const Clock& clock)
      : limit_(per_window), window_(window), clock_(clock) {}

  // allow: counts one request for `key`; false once the key is over its limit in this window.
  bool allow(const std::string& key) {
    auto now = clock_.now();
    std::lock_guard lock(mu_);
    if (windows_.size() > 10000) windows_.clear();
    auto& w = windows_[key];
    if (w.count == 0 || now - w.start >= window_ || now < w.start) w = {now, 0};
    return ++w.count <= limit_;
  }

 private:
  struct Window {
    std::chrono::system_clock::time_point start;
    int count = 0;
  };
  int limit_;
  std::chrono::seconds window_;
  const Clock& clock_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

// system_clock_instance: a process-wide SystemClock for limiters that need no test clock.
inline const Clock& system_clock_instance() {
  static const SystemClock c;
  return c;
}

}  // namespace tx
