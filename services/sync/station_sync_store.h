// The station side of sync in the station's SQLite database (the only station-side sync SQL):
// reading the outbox in sequence order, the acknowledged sequence and the reference cursor
// (both in `meta`), applying a page of reference data together with its cursor in ONE
// transaction, and purging acknowledged events after the retention period.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "station/store.h"
#include "sync/protocol.h"

namespace tx::sync {

struct OutboxState {
  std::int64_t acked_seq = 0;  // the central server has durably applied everything up to here
  std::int64_t last_seq = 0;   // the newest sequence ever written (survives purges)
  std::int64_t pending = 0;    // events after acked_seq
  std::int64_t oldest_kept = 0;  // the oldest sequence still in the outbox (0: empty)
};

class SyncStore {
 public:
  explicit SyncStore(station::Store& store) : store_(store) {}

  OutboxState state();
  // next_batch: the events after `after`, oldest first, at most `max_events` and about
  // `max_bytes` of payload (always at least one event). Payloads are opened (decrypted).
  std::vector<Event> next_batch(std::int64_t after, int max_events, std::size_t max_bytes);
  // set_acked: records what the central server acknowledged (may move back after a resend
  // command or a central restored from backup).
  void set_acked(std::int64_t seq);
  std::int64_t cursor();
  // apply_page: reference changes (jobs, subsidy decisions, session shares) and the cursor
  // after them, in one transaction: a crash repeats at most this page. Returns changes applied.
  int apply_page(const nlohmann::json& changes, std::int64_t next_cursor);
  // purge: deletes acknowledged events older than `days`. Returns how many.
  int purge(int days);

 private:
  station::Store& store_;
};

}  // namespace tx::sync
