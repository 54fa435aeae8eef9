#include "common/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

#include "domain/date.h"

namespace tx::log {

static std::atomic<int> g_min{int(Level::info)};
static std::mutex g_mu;

void set_min_level(Level l) { g_min = int(l); }

void write(Level l, std::string_view component, std::string_view message) {
  if (int(l) < g_min) return;
  static const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  std::string line = iso_utc(std::chrono::system_clock::now());
  line += ' ';
  line += names[int(l)];
  line += ' ';
  line += component;
  line += ' ';
  // Keep one event on one line whatever the message holds.
  for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;
  line += '\n';
  std::lock_guard lock(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace tx::log
