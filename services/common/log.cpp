#include "common/log.h"

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <string>

#include "domain/date.h"

namespace tx::log {

static std::atomic<int> g_min{int(Level::info)};
static std::mutex g_mu;

// When systemd connects stderr to the journal it says so in $JOURNAL_STREAM ("dev:inode" of
// the stream). Then each line starts with a syslog priority ("<3>" …, sd-daemon(3)) so
// `journalctl -p warning` works, and our own timestamp is left out (the journal keeps one).
static bool to_journal() {
  static const bool yes = [] {
    const char* e = std::getenv("JOURNAL_STREAM");
    if (!e) return false;
    unsigned long long dev = 0, ino = 0;
    if (std::sscanf(e, "%llu:%llu", &dev, &ino) != 2) return false;
    struct stat st;
    if (::fstat(2, &st) != 0) return false;
    return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
  }();
  return yes;
}

void set_min_level(Level l) { g_min = int(l); }

Level parse_level(std::string_view word) {
  if (word == "debug") return Level::debug;
  if (word == "info") return Level::info;
  if (word == "warn") return Level::warn;
  if (word == "error") return Level::error;
  throw std::invalid_argument("--log-level must be debug, info, warn or error, got \"" + std::string(word) + "\"");
}

void write(Level l, std::string_view component, std::string_view message) {
  if (int(l) < g_min) return;
  static const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  static const char* priorities[] = {"<7>", "<6>", "<4>", "<3>"};
  std::string line = to_journal() ? priorities[int(l)] : iso_utc(std::chrono::system_clock::now()) + ' ';
  line += names[int(l)];
  line += ' ';
  line += component;
  line += ' ';
  // Keep one event on one line whatever the message holds, and let no byte from a client steer
  // a terminal or a log viewer: line breaks become spaces, every other control character
  // (ESC, backspace, NUL, DEL ...) is written as \xNN.
  for (char c : message) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r') {
      line += ' ';
    } else if (u < 0x20 || u == 0x7f) {
      static const char hex[] = "0123456789abcdef";
      line += "\\x";
      line += hex[u >> 4];
      line += hex[u & 15];
    } else {
      line += c;
    }
  }
  line += '\n';
  std::lock_guard lock(g_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace tx::log
