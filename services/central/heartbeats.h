// HeartbeatBook: the heartbeats this central process accepted, kept in memory so that a
// heartbeat never waits for the database writer (issue 14: queued behind station batches on the
// one SQLite writer, heartbeats took seconds while central ingested). The store writes what is
// pending in one transaction every [central] heartbeat_flush_ms and at shutdown
// (CentralStore::flush_heartbeats); docs/sync.md "Heartbeats" gives the guarantees.
//
// Replays: a heartbeat is accepted only when its hb_seq is above both the sequence stored in the
// database (the floor, read with the heartbeat: it carries what every process has written) and
// the last one this process accepted. Bounded: one entry per station that sent this process a
// signed heartbeat (so at most one per enrolled station), and at most kMaxLog history rows
// waiting to be written (only while the database refuses writes; the oldest are dropped and
// counted then).
#pragma once
#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/protocol.h"

namespace tx::central {

struct Heartbeat {
  std::int64_t seq = 0;  // strictly increasing per station: an older or equal one is a replay
  std::int64_t backlog = 0, last_seq = 0, acked_seq = 0;
  std::optional<std::int64_t> disk_free_bytes;
  std::string last_error, version;
  int protocol = sync::kProtocolVersion;
  std::vector<std::int64_t> done_commands;  // commands the station has carried out
};

// HeartbeatJournal: this process's accepted hb_seq values, one line per heartbeat appended to a
// file of its own ("<station> <seq>", write(2) without fsync: a killed process's writes are in
// the kernel's cache and survive it; a power cut loses at most the lines since the last flush),
// so a heartbeat accepted but not yet written to the database stays refused as a replay after
// kill -9. The file is held under flock(2) while its process lives; a file nobody holds is an
// orphan of a process that died, and whichever process sharing the directory flushes next
// writes its sequences to the database and deletes it. Rotated at each flush: a file is
// deleted once everything it holds is in the database.
class HeartbeatJournal {
 public:
  // Creates `dir` (0700) when missing and this process's file in it; throws std::runtime_error.
  explicit HeartbeatJournal(std::string dir);
  ~HeartbeatJournal();
  HeartbeatJournal(const HeartbeatJournal&) = delete;
  HeartbeatJournal& operator=(const HeartbeatJournal&) = delete;

  void append(const std::string& station_id, std::int64_t seq);
  // rotate: later lines go to a new file; returns the previous one's path (empty, and no new
  // file, when it has no lines).
  std::string rotate();
  // orphans: the highest sequence per station in the files no live process holds; their paths
  // in *paths (now held by this process until retire).
  std::unordered_map<std::string, std::int64_t> orphans(std::vector<std::string>* paths);
  // retire: deletes files whose sequences are in the database.
  void retire(const std::vector<std::string>& paths);

 private:
  std::string open_new();
  std::string dir_;
  std::string current_;
  int fd_ = -1;
  bool lines_ = false;
  std::unordered_map<std::string, int> held_;  // path → fd (locked), not yet retired
  std::uint64_t files_ = 0;
};

class HeartbeatBook {
 public:
  static constexpr std::size_t kMaxLog = 200000;

  // The newest heartbeat of one station (what stations.last_seen … station_last_seq show).
  struct Entry {
    std::int64_t seq = 0;  // the last hb_seq this process accepted
    std::string at;        // when (ISO UTC): the station's last_seen
    Heartbeat hb;          // what it reported (done_commands left out)
    bool pending = false;  // not yet written to the database
    bool prune = false;    // in a Batch: also prune this station's old history rows
  };
  // One row of the console's heartbeat history (table heartbeats).
  struct LogRow {
    std::string station_id, at;
    std::int64_t backlog = 0;
    bool error = false;
  };
  struct Batch {
    std::vector<std::pair<std::string, Entry>> stations;
    std::deque<LogRow> log;
    std::vector<std::string> journals;  // journal files this batch covers (retired once written)
    bool empty() const { return stations.empty() && log.empty(); }
  };

  // accept: records `hb` (received at `at`) when its seq is above max(floor, the last accepted
  // here) and returns true; otherwise changes nothing, sets *last to that maximum and returns
  // false. Atomic: of two concurrent copies of one heartbeat, one is accepted.
  bool accept(const std::string& station_id, const Heartbeat& hb, const std::string& at, std::int64_t floor,
              std::int64_t* last);
  // use_journal: from now on each accepted sequence is also appended to `journal`.
  void use_journal(HeartbeatJournal* journal);
  // raise: a sequence accepted by a process that died (its journal): refused from now on.
  void raise(const std::string& station_id, std::int64_t seq);
  // take: what is pending (entries stay pending until settle). `prune_every`: a station whose
  // history was last pruned longer ago is marked prune (and counted as pruned now).
  Batch take(std::chrono::steady_clock::duration prune_every = std::chrono::hours(1));
  // settle: after the batch was written (written = true) entries not accepted again since stop
  // being pending; otherwise its history rows go back to be written next time.
  void settle(Batch&& batch, bool written);
  // pending: the station's entry while it is not yet written (the admin views read it).
  std::optional<Entry> pending(const std::string& station_id) const;
  std::size_t stations() const;
  std::size_t dropped() const;  // history rows dropped while the database refused writes

 private:
  struct Slot {
    Entry entry;
    std::chrono::steady_clock::time_point pruned{};
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;
  std::deque<LogRow> log_;
  std::size_t dropped_ = 0;
  HeartbeatJournal* journal_ = nullptr;
  std::vector<std::string> unwritten_;  // rotated journal files whose batch is not yet written
};

}  // namespace tx::central
