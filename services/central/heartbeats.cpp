#include "central/heartbeats.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>

namespace tx::central {

// ------------------------------------------------------------------------------- journal

HeartbeatJournal::HeartbeatJournal(std::string dir) : dir_(std::move(dir)) {
  if (::mkdir(dir_.c_str(), 0700) != 0 && errno != EEXIST)
    throw std::runtime_error("cannot create the heartbeat journal directory " + dir_ + ": " + std::strerror(errno));
  current_ = open_new();
}

HeartbeatJournal::~HeartbeatJournal() {
  // A clean stop flushed first (CentralStore's destructor) and so retired every file but an
  // empty current one. A file still held was not written (the database refused): it stays, and
  // the next process to flush takes it as an orphan.
  for (const auto& [path, fd] : held_) {
    if (path == current_ && !lines_) ::unlink(path.c_str());
    ::close(fd);
  }
}

std::string HeartbeatJournal::open_new() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string path = dir_ + "/" + std::to_string(::getpid()) + "-" + std::to_string(rng() % 1000000000) + "-" +
                     std::to_string(++files_) + ".journal";
  // Created and locked under another name, then renamed: another process scanning for orphans
  // never sees a .journal file that is not yet locked.
  std::string fresh = path + ".new";
  int fd = ::open(fresh.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot create the heartbeat journal " + path + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0 || ::rename(fresh.c_str(), path.c_str()) != 0) {
    ::unlink(fresh.c_str());
    ::close(fd);
    throw std::runtime_error("cannot lock the heartbeat journal " + path);
  }
  held_[path] = fd;
  fd_ = fd;
  return path;
}

void HeartbeatJournal::append(const std::string& station_id, std::int64_t seq) {
  std::string line = station_id + " " + std::to_string(seq) + "\n";
  // One write(2) per line: O_APPEND keeps lines whole. A failure is logged by nobody here on
  // purpose (the database write every flush still happens); the next flush rotates.
  [[maybe_unused]] auto n = ::write(fd_, line.data(), line.size());
  lines_ = true;
}

std::string HeartbeatJournal::rotate() {
  if (!lines_) return {};
  std::string old = current_;
  try {
    current_ = open_new();
  } catch (const std::exception&) {
    return {};  // keep appending to the current file; it is retired after a later rotation
  }
  lines_ = false;
  return old;
}

std::unordered_map<std::string, std::int64_t> HeartbeatJournal::orphans(std::vector<std::string>* paths) {
  std::unordered_map<std::string, std::int64_t> out;
  DIR* d = ::opendir(dir_.c_str());
  if (!d) return out;
  std::vector<std::string> names;
  while (auto* e = ::readdir(d)) {
    std::string n = e->d_name;
    if (n.size() > 8 && n.compare(n.size() - 8, 8, ".journal") == 0) names.push_back(dir_ + "/" + n);
  }
  ::closedir(d);
  for (const auto& path : names) {
    if (held_.count(path)) continue;  // ours
    int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) continue;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {  // its process lives
      ::close(fd);
      continue;
    }
    std::string text;
    char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, std::size_t(n));
    std::size_t at = 0;
    while (at < text.size()) {
      std::size_t end = text.find('\n', at);
      if (end == std::string::npos) break;  // a line cut by the crash: never answered
      std::string line = text.substr(at, end - at);
      at = end + 1;
      std::size_t sp = line.rfind(' ');
      if (sp == std::string::npos || sp == 0 || sp + 1 >= line.size() || sp > 40) continue;
      std::int64_t seq = 0;
      try {
        seq = std::stoll(line.substr(sp + 1));
      } catch (const std::exception&) {
        continue;
      }
      auto& best = out[line.substr(0, sp)];
      best = std::max(best, seq);
    }
    held_[path] = fd;
    paths->push_back(path);
  }
  return out;
}

void HeartbeatJournal::retire(const std::vector<std::string>& paths) {
  for (const auto& path : paths) {
    if (path == current_) continue;
    auto it = held_.find(path);
    if (it == held_.end()) continue;
    ::unlink(path.c_str());
    ::close(it->second);
    held_.erase(it);
  }
}

// ---------------------------------------------------------------------------------- book

void HeartbeatBook::use_journal(HeartbeatJournal* journal) {
  std::lock_guard lock(mu_);
  journal_ = journal;
}

void HeartbeatBook::raise(const std::string& station_id, std::int64_t seq) {
  std::lock_guard lock(mu_);
  auto& e = slots_[station_id].entry;
  e.seq = std::max(e.seq, seq);
}

bool HeartbeatBook::accept(const std::string& station_id, const Heartbeat& hb, const std::string& at,
                           std::int64_t floor, std::int64_t* last) {
  std::lock_guard lock(mu_);
  auto& slot = slots_[station_id];
  std::int64_t above = std::max(floor, slot.entry.seq);
  if (hb.seq <= above) {
    if (last) *last = above;
    return false;
  }
  slot.entry.seq = hb.seq;
  slot.entry.at = at;
  slot.entry.hb = hb;
  slot.entry.hb.done_commands.clear();
  slot.entry.pending = true;
  if (journal_) journal_->append(station_id, hb.seq);
  if (log_.size() >= kMaxLog) {
    log_.pop_front();
    ++dropped_;
  }
  log_.push_back(LogRow{station_id, at, hb.backlog, !hb.last_error.empty()});
  return true;
}

HeartbeatBook::Batch HeartbeatBook::take(std::chrono::steady_clock::duration prune_every) {
  std::lock_guard lock(mu_);
  Batch b;
  auto now = std::chrono::steady_clock::now();
  for (auto& [id, slot] : slots_) {
    if (!slot.entry.pending) continue;
    Entry e = slot.entry;
    e.prune = slot.pruned == std::chrono::steady_clock::time_point{} || now - slot.pruned >= prune_every;
    if (e.prune) slot.pruned = now;
    b.stations.emplace_back(id, std::move(e));
  }
  // In station order: two processes flushing at once lock rows in the same order (PostgreSQL).
  std::sort(b.stations.begin(), b.stations.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  b.log.swap(log_);
  if (journal_) {
    if (auto old = journal_->rotate(); !old.empty()) unwritten_.push_back(old);
    b.journals = unwritten_;
  }
  return b;
}

void HeartbeatBook::settle(Batch&& batch, bool written) {
  std::lock_guard lock(mu_);
  if (written) {
    for (const auto& [id, e] : batch.stations) {
      auto it = slots_.find(id);
      if (it != slots_.end() && it->second.entry.seq == e.seq) it->second.entry.pending = false;
    }
    if (journal_) {
      journal_->retire(batch.journals);
      std::erase_if(unwritten_, [&](const std::string& p) {
        return std::find(batch.journals.begin(), batch.journals.end(), p) != batch.journals.end();
      });
    }
    return;
  }
  // Not written: the rows come back ahead of those that arrived meanwhile, within the bound.
  for (auto& row : log_) batch.log.push_back(std::move(row));
  log_.swap(batch.log);
  while (log_.size() > kMaxLog) {
    log_.pop_front();
    ++dropped_;
  }
  for (const auto& [id, e] : batch.stations)
    if (e.prune) slots_[id].pruned = {};
}

std::optional<HeartbeatBook::Entry> HeartbeatBook::pending(const std::string& station_id) const {
  std::lock_guard lock(mu_);
  auto it = slots_.find(station_id);
  if (it == slots_.end() || !it->second.entry.pending) return std::nullopt;
  return it->second.entry;
}

std::size_t HeartbeatBook::stations() const {
  std::lock_guard lock(mu_);
  return slots_.size();
}

std::size_t HeartbeatBook::dropped() const {
  std::lock_guard lock(mu_);
  return dropped_;
}

}  // namespace tx::central
