// [SECTION] index
//   enrolment and admin tokens · batch apply · heartbeat and commands · reference data (pull,
//   sessions and shares) · CSV imports · admin views
#include "central/store.h"

#include <sodium.h>
#include <time.h>

#include <algorithm>
#include <map>
#include <set>

#include "central/csv.h"
#include "central/stats.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/metrics.h"
#include "domain/appointment.h"
#include "domain/date.h"
#include "domain/identity.h"
#include "domain/subsidy.h"

namespace tx::central {

using nlohmann::json;

std::string token_hash(const std::string& token) {
  std::string out(32, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(out.data()), 32,
                     reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
  return out;
}

namespace {

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json opt(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

StationRow read_station(const Rows& r, std::size_t i) {
  StationRow s;
  s.station_id = r.text(i, 0);
  s.name = r.text(i, 1);
  s.created_at = r.text(i, 2);
  s.revoked_at = r.opt_text(i, 3);
  s.acked_seq = r.i64(i, 4);
  s.events_received = r.i64(i, 5);
  s.last_batch_at = r.opt_text(i, 6);
  s.last_seen = r.opt_text(i, 7);
  s.backlog = r.opt_i64(i, 8);
  s.last_error = r.opt_text(i, 9);
  s.version = r.opt_text(i, 10);
  s.protocol = r.opt_i64(i, 11);
  s.disk_free_bytes = r.opt_i64(i, 12);
  s.station_last_seq = r.opt_i64(i, 13);
  s.auth_failures = r.i64(i, 14);
  s.last_auth_failure = r.opt_text(i, 15);
  s.district = r.opt_text(i, 16);
  return s;
}
}  // namespace

json station_json(const StationRow& s) {
  return {{"station_id", s.station_id},
          {"name", s.name},
          {"created_at", s.created_at},
          {"revoked", s.revoked_at.has_value()},
          {"revoked_at", opt(s.revoked_at)},
          {"last_seen", opt(s.last_seen)},
          {"last_batch_at", opt(s.last_batch_at)},
          {"acked_seq", s.acked_seq},
          {"events_received", s.events_received},
          {"backlog", opt(s.backlog)},
          {"last_error", s.last_error && !s.last_error->empty() ? json(*s.last_error) : json(nullptr)},
          {"version", opt(s.version)},
          {"protocol", opt(s.protocol)},
          {"disk_free_bytes", opt(s.disk_free_bytes)},
          {"station_last_seq", opt(s.station_last_seq)},
          {"auth_failures", s.auth_failures},
          {"last_auth_failure", opt(s.last_auth_failure)},
          {"district", opt(s.district)}};
}

json ImportReport::to_json() const {
  json rej = json::array();
  for (const auto& r : rejected) {
    json o = {{"line", r.line}, {"field", r.field}, {"reason", r.reason}};
    if (!r.ref.empty()) o["ref"] = r.ref;
    rej.push_back(o);
  }
  return {{"rows", rows}, {"imported", imported}, {"rejected", rej}};
}

CentralStore::CentralStore(std::unique_ptr<Engine> engine, Vault vault, const Clock& clock)
    : engine_(std::move(engine)), vault_(std::move(vault)), clock_(clock) {
  // SQLite applies one group at a time (its one writer); PostgreSQL two side by side (batches
  // of different stations do not wait for each other there, but fewer commits cost less).
  if (engine_->dialect() == Dialect::postgresql) group_concurrent_ = 2;
  tx(Engine::write, [&](Conn& c) {
    c.run(Q::meta_insert_ignore, {std::string("vault_fingerprint"), vault_.fingerprint()});
    c.run(Q::meta_insert_ignore, {std::string("created_at"), now()});
    auto r = c.run(Q::meta_get, {std::string("vault_fingerprint")});
    if (r.empty() || r.text(0, 0) != vault_.fingerprint())
      throw std::runtime_error("the central key file does not belong to " + engine_->describe() +
                               ": every central process must use the key file the database was created with");
  });
}

std::string CentralStore::now() const { return iso_utc(clock_.now()); }

bool CentralStore::healthy() {
  try {
    tx(Engine::read, [&](Conn& c) { c.run(Q::ping); });
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// ------------------------------------------------------------ enrolment and admin tokens

void CentralStore::add_admin_token(const std::string& token) {
  tx(Engine::write, [&](Conn& c) { c.run(Q::token_add, {Blob{token_hash(token)}, now()}); });
}

bool CentralStore::admin_token_ok(const std::string& token) {
  if (token.empty()) return false;
  return tx(Engine::read, [&](Conn& c) { return !c.run(Q::token_check, {Blob{token_hash(token)}}).empty(); });
}

CentralStore::Enrolled CentralStore::add_station(const std::string& name, const std::optional<std::string>& district) {
  for (int attempt = 0;; ++attempt) {
    Enrolled e{"st-" + random_hex(5), sync::new_station_secret()};
    auto keys = sync::StationKeys::from_secret(e.secret).value();
    try {
      tx(Engine::write, [&](Conn& c) {
        c.run(Q::station_insert, {e.station_id, name, Blob{vault_.seal(keys.root)}, now()});
        if (district) c.run(Q::station_set_district, {*district, e.station_id});
      });
      log::info("central", "station enrolled: " + e.station_id);
      return e;
    } catch (const sql::ConstraintError&) {
      if (attempt >= 3) throw;  // ids are random: a clash is rare, three in a row is a bug
    }
  }
}

std::optional<std::string> CentralStore::rotate_secret(const std::string& station_id) {
  std::string secret = sync::new_station_secret();
  auto keys = sync::StationKeys::from_secret(secret).value();
  bool found = tx(Engine::write, [&](Conn& c) {
    return c.run(Q::station_rekey, {Blob{vault_.seal(keys.root)}, station_id}).changes > 0;
  });
  if (!found) return std::nullopt;
  log::info("central", "station secret replaced: " + station_id);
  return secret;
}

bool CentralStore::set_district(const std::string& station_id, const std::string& district) {
  return tx(Engine::write, [&](Conn& c) {
    // The station row is locked as apply_batch locks it: no batch counts into the old district
    // after its counts have moved to the new one.
    auto r = c.run(Q::station_district_lock, {station_id});
    if (r.empty()) return false;
    const std::string was = r.text(0, 0);
    c.run(Q::station_set_district, {district, station_id});
    if (was != district) {
      c.run(Q::stats_district_move_out, {station_id, was});
      c.run(Q::stats_district_move_in, {district, station_id});
      c.run(Q::stats_district_drop_zeros, {was});
    }
    return true;
  });
}

bool CentralStore::revoke_station(const std::string& station_id) {
  bool changed = tx(Engine::write, [&](Conn& c) { return c.run(Q::station_revoke, {now(), station_id}).changes > 0; });
  if (changed) log::warn("central", "station revoked: " + station_id);
  return changed || station(station_id).has_value();
}

void CentralStore::overlay(StationRow& s) const {
  auto e = heartbeats_.pending(s.station_id);
  if (!e) return;
  if (!s.last_seen || *s.last_seen < e->at) s.last_seen = e->at;  // a batch also sets last_seen
  s.backlog = e->hb.backlog;
  s.last_error = e->hb.last_error.substr(0, 500);
  s.version = e->hb.version.substr(0, 40);
  s.protocol = e->hb.protocol;
  s.disk_free_bytes = e->hb.disk_free_bytes;
  s.station_last_seq = e->hb.last_seq;
}

// station, stations: the database's rows, with this process's heartbeats not yet written.
std::optional<StationRow> CentralStore::station(const std::string& station_id) {
  auto row = tx(Engine::read, [&](Conn& c) -> std::optional<StationRow> {
    auto r = c.run(Q::station_get, {station_id});
    if (r.empty()) return std::nullopt;
    return read_station(r, 0);
  });
  if (row) overlay(*row);
  return row;
}

std::vector<StationRow> CentralStore::stations() {
  auto out = tx(Engine::read, [&](Conn& c) {
    auto r = c.run(Q::stations_list);
    std::vector<StationRow> out;
    for (std::size_t i = 0; i < r.size(); ++i) out.push_back(read_station(r, i));
    return out;
  });
  for (auto& s : out) overlay(s);
  return out;
}

std::optional<sync::StationKeys> CentralStore::station_keys(const std::string& station_id, std::string* why) {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::station_key, {station_id}); });
  if (r.empty()) {
    *why = "unknown station";
    return std::nullopt;
  }
  if (!r.is_null(0, 1)) {
    *why = "station revoked";
    return std::nullopt;
  }
  auto root = vault_.open(r.text(0, 0));
  if (!root) throw std::runtime_error("station key of " + station_id + " cannot be opened with this vault key");
  return sync::StationKeys::from_root(*root);
}

void CentralStore::record_auth_failure(const std::string& station_id, const std::string& remote,
                                       const std::string& reason) {
  // Logged first: the log line must exist even when the database is the thing failing.
  log::warn("central", "refused sync request: station=" + station_id.substr(0, 40) + " remote=" + remote +
                           " reason=" + reason);
  try {
    tx(Engine::write, [&](Conn& c) {
      std::string at = now();
      c.run(Q::auth_failure_log, {at, station_id.substr(0, 40), remote.substr(0, 64), reason});
      c.run(Q::auth_failure_prune, {auth_failures_kept_});
      c.run(Q::station_auth_failure, {at, station_id});
    });
  } catch (const StorageError&) {
  }
}

// ------------------------------------------------------------------------ batch apply

// db_tally: a Tally whose memory — the calls for staff still waiting for an answer and the kind
// each appointment was booked as — is kept in the database, in the batch's transaction (stats.h).
// The kinds booked in the batch wait in `booked` (the last one per appointment, read back from
// there first) and are written in one bulk upsert at the batch's end (put_kinds): one statement
// per 64 bookings instead of one per booking.
static stats::Tally db_tally(Conn& c, const std::string& station_id, std::map<std::int64_t, std::string>& booked) {
  stats::Tally::Calls calls{
      [&c, station_id](std::int64_t id, const std::string& at) { c.run(Q::call_open, {station_id, id, at}); },
      [&c, station_id](std::int64_t id) -> std::optional<std::string> {
        auto r = c.run(Q::call_take, {station_id, id});
        if (r.empty()) return std::nullopt;
        return r.text(0, 0);
      }};
  stats::Tally::Appointments appointments{
      [&booked](std::int64_t id, const std::string& kind) { booked[id] = kind; },
      [&c, &booked, station_id](std::int64_t id) -> std::optional<std::string> {
        if (auto it = booked.find(id); it != booked.end()) return it->second;
        auto r = c.run(Q::appointment_kind_get, {station_id, id});
        if (r.empty()) return std::nullopt;
        return r.text(0, 0);
      }};
  stats::Tally::Certificates certificates{
      [&c, station_id](std::int64_t resident, const std::optional<std::string>& month) -> std::optional<std::string> {
        auto r = c.run(Q::certificate_expiry_get, {station_id, resident});
        std::optional<std::string> before;
        if (!r.empty()) before = r.text(0, 0);
        if (before == month) return before;
        if (month) c.run(Q::certificate_expiry_put, {station_id, resident, *month});
        else c.run(Q::certificate_expiry_drop, {station_id, resident});
        return before;
      }};
  return stats::Tally(std::move(calls), std::move(appointments), std::move(certificates));
}

// put_kinds: the batch's bookings (db_tally), in appointment order, in one bulk upsert.
static void put_kinds(Conn& c, const std::string& station_id, const std::map<std::int64_t, std::string>& booked) {
  std::vector<Value> cells;
  cells.reserve(booked.size() * 3);
  for (const auto& [id, kind] : booked) {
    cells.emplace_back(station_id);
    cells.emplace_back(id);
    cells.emplace_back(kind);
  }
  c.run_bulk(Q::appointment_kinds_put, 3, cells);
}

// add_statistics: counts (month, metric) -> n into a station's rows and its district's rollup,
// in key order (every writer takes the rollup's rows in the same order: no deadlock). A zero
// (a renewal due moved out of a month and back within the batch) changes nothing.
static void add_statistics(Conn& c, const std::string& station_id, const std::string& district,
                           const std::map<stats::Tally::Key, std::int64_t>& counts) {
  for (const auto& [key, n] : counts) {
    if (n == 0) continue;
    c.run(Q::stats_add, {station_id, key.first, key.second, n});
    c.run(Q::stats_district_add, {district, key.first, key.second, n});
  }
}

// A batch between its arrival and its answer: prepared outside any transaction (the events'
// rows with their sealed payloads, the payloads read), then queued for a group (apply_batch).
struct CentralStore::PendingBatch {
  const std::string& station_id;
  const std::vector<sync::Event>& events;
  std::string received;
  std::vector<Value> rows;  // the events table's 7 cells per event, every event of the batch
  std::vector<stats::Payload> read;
  BatchOutcome out;
  std::exception_ptr error;
  bool done = false;  // group_mu_
};

BatchOutcome CentralStore::apply_one(Conn& c, PendingBatch& p) {
  const std::string& station_id = p.station_id;
  const auto& events = p.events;
  BatchOutcome out;
  auto st = c.run(Q::station_lock, {station_id});
  if (st.empty()) return out.kind = BatchOutcome::unknown_station, out;
  if (!st.is_null(0, 1)) return out.kind = BatchOutcome::revoked, out;
  const std::int64_t acked = st.i64(0, 0);
  out.acked_seq = acked;
  if (events.empty()) return out;
  const std::int64_t first = events.front().seq, last = events.back().seq;
  if (first > acked + 1) return out.kind = BatchOutcome::gap, out;

  // Events at or below the acknowledged sequence were stored before: same ids, or the
  // station's history has changed under us (a restored database) and nothing is applied.
  if (first <= acked) {
    std::int64_t upto = std::min(last, acked);
    auto stored = c.run(Q::events_ids_range, {station_id, first, upto});
    if (std::int64_t(stored.size()) != upto - first + 1) return out.kind = BatchOutcome::conflict, out;
    for (std::size_t i = 0; i < stored.size(); ++i)
      if (to_hex(stored.text(i, 1)) != events[i].event_id) return out.kind = BatchOutcome::conflict, out;
    out.duplicates = upto - first + 1;
  }
  if (last <= acked) return out;

  const std::string& received = p.received;
  // The rows were built before the transaction (read only here: PostgreSQL may run it again);
  // the batch is one contiguous run of seqs, so the new events are the rows after `acked`.
  const std::size_t stored_before = first <= acked ? std::size_t(acked - first + 1) : 0;
  // The primary key (station, seq) is the final guard: a second writer could only ever
  // fail here and roll back, never store an event twice.
  out.applied_count = c.run_bulk(Q::events_insert, 7, std::span<const Value>(p.rows).subspan(stored_before * 7));
  if (batch_fault_) batch_fault_(station_id, first);
  auto adv = c.run(Q::station_advance, {last, out.applied_count, received, received, station_id, acked});
  if (adv.changes != 1) throw StorageError("station " + station_id + " changed during a batch; retry");
  // The console's numbers, in this transaction: counted once with the events, or not at all.
  std::map<std::int64_t, std::string> booked;
  stats::Tally tally = db_tally(c, station_id, booked);
  for (std::size_t i = stored_before; i < events.size(); ++i) tally.add(events[i].type, events[i].created_at, p.read[i]);
  put_kinds(c, station_id, booked);
  add_statistics(c, station_id, st.text(0, 2), tally.counts());
  c.run(Q::event_hours_add, {station_id, received.substr(0, 13), out.applied_count});
  out.acked_seq = last;
  return out;
}

// apply_group: one transaction for the group, a savepoint per batch. Sets each batch's outcome
// or error; never throws. The batches go in station order (stable: one station's batches keep
// their order), so every PostgreSQL process locks the stations' rows in one order.
void CentralStore::apply_group(const std::vector<PendingBatch*>& group) {
  std::vector<PendingBatch*> order(group);
  std::stable_sort(order.begin(), order.end(),
                   [](const PendingBatch* a, const PendingBatch* b) { return a->station_id < b->station_id; });
  const bool alone = order.size() == 1;
  // The writer's own CPU time for the group (this thread's, from before it waits for the write
  // lock to after the commit): what one core spends per event in the serial part, whatever else
  // the machine runs (docs/benchmarks.md).
  auto thread_cpu_us = [] {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return std::uint64_t(t.tv_sec) * 1000000u + std::uint64_t(t.tv_nsec) / 1000u;
  };
  const std::uint64_t cpu0 = thread_cpu_us();
  try {
    tx(Engine::write, [&](Conn& c) {
      for (auto* p : order) p->out = {}, p->error = nullptr;  // PostgreSQL may run this again
      for (auto* p : order) {
        if (alone) {  // no savepoint: whatever fails, fails the one transaction
          p->out = apply_one(c, *p);
          continue;
        }
        c.savepoint(Conn::Savepoint::begin);
        try {
          p->out = apply_one(c, *p);
        } catch (const StorageError&) {
          throw;  // the database, not the batch: the group fails, nothing is committed
        } catch (const RetryableError&) {
          throw;  // PostgreSQL: the whole group again
        } catch (...) {
          // This batch only (a constraint, a bug): its changes are undone, the others stay.
          p->error = std::current_exception();
          p->out = {};
          c.savepoint(Conn::Savepoint::rollback);
        }
        c.savepoint(Conn::Savepoint::release);
      }
    });
  } catch (...) {
    for (auto* p : order) p->error = std::current_exception();
  }
  group_tx_.fetch_add(1, std::memory_order_relaxed);
  group_batches_done_.fetch_add(group.size(), std::memory_order_relaxed);
  if (!alone) group_grouped_.fetch_add(group.size(), std::memory_order_relaxed);
  auto largest = group_largest_.load(std::memory_order_relaxed);
  while (largest < group.size() && !group_largest_.compare_exchange_weak(largest, group.size())) {
  }
  static auto& transactions = metrics::global().counter(
      "tongxing_central_batch_transactions_total", "Transactions that applied station batches (group commit)");
  static auto& grouped = metrics::global().counter(
      "tongxing_central_batches_grouped_total", "Station batches applied in a transaction shared with other batches");
  static auto& batches = metrics::global().counter("tongxing_central_batches_applied_total",
                                                   "Station batches through the group commit (refused ones included)");
  static auto& writer_cpu = metrics::global().counter(
      "tongxing_central_batch_writer_cpu_microseconds_total",
      "CPU time of the threads applying station batches inside their transactions (statistics, inserts, commit)");
  writer_cpu.inc(thread_cpu_us() - cpu0);
  transactions.inc();
  batches.inc(group.size());
  if (!alone) grouped.inc(group.size());
}

BatchOutcome CentralStore::apply_batch(const std::string& station_id, const std::vector<sync::Event>& events) {
  // Seal outside the transaction: the station row lock is held for as little time as possible.
  PendingBatch p{station_id, events, now(), {}, {}, {}, nullptr};
  std::vector<std::string_view> payloads;
  payloads.reserve(events.size());
  for (const auto& e : events) payloads.push_back(e.payload);
  std::vector<std::string> sealed = vault_.seal_each(payloads);  // one getrandom per batch
  // The events' rows too: the writer only binds them (issue 14, round 7).
  p.rows.reserve(events.size() * 7);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const auto& e = events[i];
    p.rows.emplace_back(station_id);
    p.rows.emplace_back(e.seq);
    p.rows.emplace_back(Blob{*from_hex(e.event_id)});
    p.rows.emplace_back(e.type);
    p.rows.emplace_back(e.created_at);
    p.rows.emplace_back(Blob{std::move(sealed[i])});
    p.rows.emplace_back(p.received);
  }
  // The statistics' reading of each payload, also outside: the transaction only counts.
  p.read.reserve(events.size());
  for (const auto& e : events) p.read.push_back(stats::reads_payload(e.type) ? stats::Payload(e.payload) : stats::Payload());

  // Group commit: queue; whoever finds a free group slot takes the oldest waiting batches (its
  // own among them, or others' first) and applies them in one transaction. No one waits for
  // more batches to arrive: a lone batch starts its transaction at once.
  std::unique_lock lock(group_mu_);
  group_queue_.push_back(&p);
  while (!p.done) {
    // Wait while the slots are taken, or while this batch is in a group another thread runs
    // (then the queue may be empty: never start an empty transaction).
    if (groups_running_ >= group_concurrent_ || group_queue_.empty()) {
      group_cv_.wait(lock);
      continue;
    }
    std::vector<PendingBatch*> group;
    std::size_t n = 0;
    while (!group_queue_.empty() && group.size() < group_batches_) {
      PendingBatch* next = group_queue_.front();
      if (!group.empty() && n + next->events.size() > group_events_) break;
      group.push_back(next);
      n += next->events.size();
      group_queue_.pop_front();
    }
    ++groups_running_;
    lock.unlock();
    apply_group(group);  // never throws
    lock.lock();
    --groups_running_;
    for (auto* q : group) q->done = true;  // only now: the group's commit is done
    group_cv_.notify_all();
  }
  lock.unlock();
  if (p.error) std::rethrow_exception(p.error);
  return p.out;
}

void CentralStore::set_group_limits(std::size_t batches, std::size_t events, std::size_t concurrent) {
  std::lock_guard lock(group_mu_);
  group_batches_ = std::max<std::size_t>(1, batches);
  group_events_ = std::max<std::size_t>(1, events);
  group_concurrent_ = std::max<std::size_t>(1, concurrent);
}

CentralStore::GroupCounts CentralStore::group_counts() const {
  return {group_tx_.load(), group_batches_done_.load(), group_grouped_.load(), group_largest_.load()};
}

std::size_t CentralStore::batches_waiting() {
  std::lock_guard lock(group_mu_);
  return group_queue_.size();
}

// ---------------------------------------------------------------- heartbeat and commands

std::optional<std::vector<Command>> CentralStore::heartbeat(const std::string& station_id, const Heartbeat& hb,
                                                           std::int64_t* last_seq) {
  // A read (never behind the writer): the stored hb_seq is the floor every process has
  // written; whether commands wait for the station.
  std::int64_t floor = 0;
  bool commands_waiting = false;
  tx(Engine::read, [&](Conn& c) {
    auto r = c.run(Q::station_heartbeat_seq_get, {station_id});
    floor = r.empty() ? 0 : r.i64(0, 0);
    commands_waiting = !c.run(Q::commands_pending, {station_id}).empty();
  });
  // The claim, shared by every central process and never behind the writer: a heartbeat
  // replayed to another process before this one's flush is refused there too. A heartbeat not
  // above the stored floor is a replay without it (no write).
  if (hb.seq > floor) {
    std::int64_t claimed = 0;
    if (!engine_->claim_heartbeat(station_id, hb.seq, &claimed)) floor = std::max(floor, claimed);
  }
  std::string at = now();
  if (!heartbeats_.accept(station_id, hb, at, floor, last_seq)) return std::nullopt;
  std::vector<Command> out;
  if (commands_waiting || !hb.done_commands.empty()) {
    // Rare (an administrator's command): done and delivered are written before the answer.
    tx(Engine::write, [&](Conn& c) {
      for (auto id : hb.done_commands) c.run(Q::command_done, {at, id, station_id});
      auto r = c.run(Q::commands_pending, {station_id});
      for (std::size_t i = 0; i < r.size(); ++i) out.push_back(Command{r.i64(i, 0), r.text(i, 1), r.opt_i64(i, 2)});
      if (!out.empty()) c.run(Q::command_delivered, {at, station_id});
    });
  }
  if (write_through_) flush_heartbeats();
  return out;
}

void CentralStore::flush_heartbeats() {
  std::lock_guard one(flush_mu_);
  // Journals of processes that died (kill -9) before their flush: their sequences are refused
  // here at once and written with this batch.
  if (journal_) {
    std::vector<std::string> files;
    auto found = journal_->orphans(&files);
    for (const auto& [id, seq] : found) {
      heartbeats_.raise(id, seq);
      orphan_seqs_[id] = std::max(orphan_seqs_[id], seq);
    }
    orphan_files_.insert(orphan_files_.end(), files.begin(), files.end());
    if (!found.empty())
      log::warn("central", "heartbeat journal of a stopped process: " + std::to_string(found.size()) +
                               " station(s)' last sequence written");
  }
  auto batch = heartbeats_.take();
  if (batch.empty() && orphan_files_.empty()) return;
  std::string month_ago = iso_utc(clock_.now() - std::chrono::hours(31 * 24));
  try {
    tx(Engine::write, [&](Conn& c) {
      for (const auto& [id, seq] : orphan_seqs_) c.run(Q::station_heartbeat_seq, {seq, id, seq});
      for (const auto& [id, e] : batch.stations) {
        // Guarded by the sequence: when another process wrote a newer heartbeat of this
        // station, it stays (the stored hb_seq only grows).
        if (c.run(Q::station_heartbeat_seq, {e.seq, id, e.seq}).empty()) continue;
        const Heartbeat& hb = e.hb;
        c.run(Q::station_heartbeat, {e.at, hb.backlog, hb.last_error.substr(0, 500), hb.version.substr(0, 40),
                                     std::int64_t(hb.protocol),
                                     hb.disk_free_bytes ? Value(*hb.disk_free_bytes) : Value(nullptr), hb.last_seq, id});
      }
      // History for the console's plots, kept 31 days (pruned once an hour per station).
      for (const auto& row : batch.log)
        c.run(Q::heartbeat_log, {row.station_id, row.at, row.backlog, std::int64_t(row.error ? 1 : 0)});
      for (const auto& [id, e] : batch.stations)
        if (e.prune) c.run(Q::heartbeats_prune, {id, month_ago});
    });
  } catch (...) {
    heartbeats_.settle(std::move(batch), false);
    throw;  // the orphans' sequences are written with the next batch
  }
  heartbeats_.settle(std::move(batch), true);
  if (journal_) journal_->retire(orphan_files_);
  orphan_files_.clear();
  orphan_seqs_.clear();
}

void CentralStore::start_heartbeat_flusher(std::chrono::milliseconds every, const std::string& journal_dir) {
  std::lock_guard lock(flusher_mu_);
  if (flusher_.joinable()) return;
  if (!journal_dir.empty()) {
    try {
      journal_ = std::make_unique<HeartbeatJournal>(journal_dir);
    } catch (const std::exception& e) {
      // Serving matters more: without it only a kill -9 within a flush interval can let one
      // replay in (docs/sync.md "Heartbeats").
      log::error("central", std::string(e.what()) + "; heartbeats are served without a journal");
    }
  }
  if (journal_) {
    heartbeats_.use_journal(journal_.get());
    // Before the first request: what a killed process accepted is refused from the start.
    try {
      flush_heartbeats();
    } catch (const std::exception& e) {
      log::error("central", std::string("cannot write heartbeats yet (kept in memory, retried): ") + e.what());
    }
  }
  write_through_ = false;
  flusher_ = std::thread([this, every] {
    std::unique_lock lock(flusher_mu_);
    bool failing = false;
    while (!flusher_stop_) {
      flusher_cv_.wait_for(lock, every, [&] { return flusher_stop_; });
      if (flusher_stop_) break;
      lock.unlock();
      try {
        flush_heartbeats();
        if (failing) log::info("central", "heartbeats written again");
        failing = false;
      } catch (const std::exception& e) {
        if (!failing) log::error("central", std::string("cannot write heartbeats (kept in memory, retried): ") + e.what());
        failing = true;
      }
      lock.lock();
    }
  });
}

CentralStore::~CentralStore() {
  {
    std::lock_guard lock(flusher_mu_);
    flusher_stop_ = true;
  }
  write_through_ = true;
  flusher_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  try {
    flush_heartbeats();
  } catch (const std::exception& e) {
    log::error("central", std::string("heartbeats not written at shutdown: ") + e.what());
  }
}

std::int64_t CentralStore::add_command(const std::string& station_id, const std::string& type,
                                       std::optional<std::int64_t> seq) {
  if (type != "sync_now" && type != "resend_from") throw ApiError("invalid_field", "type", "unknown");
  if (type == "resend_from" && (!seq || *seq < 1)) throw ApiError("invalid_field", "seq", "missing");
  if (!station(station_id)) throw ApiError("not_found");
  tx(Engine::write, [&](Conn& c) {
    c.run(Q::command_insert, {station_id, type, seq ? Value(*seq) : Value(nullptr), now()});
  });
  log::info("central", "command " + type + " queued for station " + station_id);
  return 1;
}

// -------------------------------------------------------------------- reference data

void CentralStore::add_ref_change(Conn& c, const std::optional<std::string>& station, const std::string& kind,
                                  const std::string& ref, const json& data) {
  c.run(Q::ref_insert, {station ? Value(*station) : Value(nullptr), kind, ref,
                        Blob{vault_.seal(data.dump(-1, ' ', false, json::error_handler_t::replace))}, now()});
}

std::vector<RefChange> CentralStore::pull(const std::string& station_id, std::int64_t cursor, int limit) {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::ref_pull, {cursor, station_id, std::int64_t(limit)}); });
  std::vector<RefChange> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    auto plain = vault_.open(r.text(i, 3));
    if (!plain) throw std::runtime_error("reference change cannot be opened with this vault key");
    out.push_back(RefChange{r.i64(i, 0), r.text(i, 1), r.text(i, 2), json::parse(*plain)});
  }
  return out;
}

json CentralStore::set_session(const SessionRequest& req) {
  auto date = Date::parse(req.date);
  if (!date) throw ApiError("invalid_date", "date", "format");
  auto kind = appointment_kind_from(req.kind);
  if (!kind) throw ApiError("invalid_kind", "kind");
  if (req.capacity < 0 || req.capacity > 100000) throw ApiError("invalid_field", "capacity", "range");
  for (const auto& [s, n] : req.shares)
    if (n < 0) throw ApiError("invalid_field", "shares", "negative");
  json data = {{"date", req.date}, {"kind", req.kind}, {"start", req.start}, {"end", req.end},
               {"institution", req.institution}, {"place", req.place}, {"categories", req.categories}};
  return tx(Engine::write, [&](Conn& c) {
    c.run(Q::ref_lock);
    auto id = c.run(Q::session_upsert, {req.date, req.kind, data.dump(), std::int64_t(req.capacity), now()}).i64(0, 0);
    std::map<std::string, std::int64_t> before, after;
    auto cur = c.run(Q::shares_of_session, {id});
    for (std::size_t i = 0; i < cur.size(); ++i) before[cur.text(i, 0)] = cur.i64(i, 1);
    if (req.shares.empty()) {
      // Split evenly between the active stations: the first ones get the remainder.
      auto ids = c.run(Q::station_ids);
      for (auto& [s, n] : before) after[s] = 0;
      if (!ids.empty()) {
        std::int64_t each = req.capacity / std::int64_t(ids.size()), rest = req.capacity % std::int64_t(ids.size());
        for (std::size_t i = 0; i < ids.size(); ++i) after[ids.text(i, 0)] = each + (std::int64_t(i) < rest ? 1 : 0);
      }
    } else {
      for (auto& [s, n] : before) after[s] = 0;
      for (const auto& [s, n] : req.shares) after[s] = n;
    }
    std::int64_t sum = 0;
    for (auto& [s, n] : after) sum += n;
    // The rule that lets stations book offline without overbooking: shares never add up to
    // more than the session holds.
    if (sum > req.capacity) throw ApiError("invalid_field", "shares", "exceed_capacity");
    json shares = json::object();
    for (auto& [s, n] : after) {
      try {
        c.run(Q::share_upsert, {id, s, n});
      } catch (const sql::ConstraintError&) {
        throw ApiError("invalid_field", "shares", "unknown_station");
      }
      shares[s] = n;
      auto it = before.find(s);
      json d = data;
      d["capacity"] = n;
      if (it == before.end() || it->second != n) add_ref_change(c, s, "session", req.date + "/" + req.kind, d);
    }
    return json{{"session", {{"id", id}, {"date", req.date}, {"kind", req.kind}, {"capacity", req.capacity},
                             {"shares", shares}}}};
  });
}

// ------------------------------------------------------------------------ CSV imports

namespace {

struct Importer {
  ImportReport report;
  std::map<std::string, std::size_t> col;  // header name → index
  const CsvRow* row = nullptr;
  std::string ref;
  bool row_ok = true;

  void reject(const std::string& field, const std::string& reason) {
    report.rejected.push_back({row ? row->line : 1, ref, field, reason});
    row_ok = false;
  }
  std::string cell(const std::string& name) const {
    auto it = col.find(name);
    if (it == col.end() || it->second >= row->cells.size()) return {};
    std::string v = row->cells[it->second];
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
    std::size_t b = 0;
    while (b < v.size() && (v[b] == ' ' || v[b] == '\t')) ++b;
    return v.substr(b);
  }
  std::string required(const std::string& name, std::size_t max_len = 200) {
    std::string v = cell(name);
    if (v.empty()) reject(name, "required");
    else if (v.size() > max_len) reject(name, "too long (at most " + std::to_string(max_len) + " bytes)");
    return v;
  }
  std::string optional(const std::string& name, std::size_t max_len = 2000) {
    std::string v = cell(name);
    if (v.size() > max_len) reject(name, "too long (at most " + std::to_string(max_len) + " bytes)");
    return v;
  }
  std::optional<std::int64_t> integer(const std::string& name, std::int64_t min, std::int64_t max, bool req) {
    std::string v = cell(name);
    if (v.empty()) {
      if (req) reject(name, "required");
      return std::nullopt;
    }
    std::int64_t n = 0;
    for (char ch : v) {
      if (ch < '0' || ch > '9' || n > 1000000000000LL) {
        reject(name, "not a whole number");
        return std::nullopt;
      }
      n = n * 10 + (ch - '0');
    }
    if (n < min || n > max) {
      reject(name, "must be between " + std::to_string(min) + " and " + std::to_string(max));
      return std::nullopt;
    }
    return n;
  }
  // money: "217" or "217.5" or "217.50" yuan → fen.
  std::optional<std::int64_t> money(const std::string& name, const std::string& v) {
    std::int64_t yuan = 0, fen = 0;
    int decimals = -1;
    for (char ch : v) {
      if (ch == '.' && decimals < 0) {
        decimals = 0;
      } else if (ch >= '0' && ch <= '9' && yuan < 100000000) {
        if (decimals < 0) yuan = yuan * 10 + (ch - '0');
        else if (decimals < 2) fen = fen * 10 + (ch - '0'), ++decimals;
        else return reject(name, "at most two decimals"), std::nullopt;
      } else {
        reject(name, "not an amount in yuan such as 217.50");
        return std::nullopt;
      }
    }
    if (v.empty() || decimals == 0) return reject(name, "not an amount in yuan such as 217.50"), std::nullopt;
    if (decimals == 1) fen *= 10;
    return yuan * 100 + fen;
  }
  std::vector<int> int_list(const std::string& name, int min, int max) {
    std::vector<int> out;
    std::string v = cell(name), part;
    v += ';';
    for (char ch : v) {
      if (ch == ';' || ch == ',' || ch == '|' || ch == ' ') {
        if (part.empty()) continue;
        if (part.size() > 3 || part.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(part) < min || std::stoi(part) > max) {
          reject(name, "a list of numbers " + std::to_string(min) + "-" + std::to_string(max) + " separated by ;");
          return {};
        }
        out.push_back(std::stoi(part));
        part.clear();
      } else {
        part += ch;
      }
    }
    return out;
  }
  std::vector<std::string> word_list(const std::string& name) {
    std::vector<std::string> out;
    std::string v = cell(name), part;
    v += ';';
    for (char ch : v) {
      if (ch == ';' || ch == ',' || ch == '|') {
        if (!part.empty()) out.push_back(part);
        part.clear();
      } else if (ch != ' ') {
        part += ch;
      }
    }
    return out;
  }
  std::string date(const std::string& name, bool req) {
    std::string v = cell(name);
    if (v.empty()) {
      if (req) reject(name, "required");
      return v;
    }
    if (!Date::parse(v)) reject(name, "not a date in the form YYYY-MM-DD");
    return v;
  }
  std::string one_of(const std::string& name, const std::string& fallback, const std::set<std::string>& allowed) {
    std::string v = cell(name);
    if (v.empty()) return fallback;
    if (!allowed.contains(v)) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      reject(name, "must be one of: " + list);
    }
    return v;
  }

  // header: checks the columns; unknown or missing required ones reject the whole file.
  bool header(const std::vector<CsvRow>& rows, const std::set<std::string>& known, const std::set<std::string>& req) {
    if (rows.empty()) {
      reject("", "the file is empty: the first line must name the columns");
      return false;
    }
    for (std::size_t i = 0; i < rows[0].cells.size(); ++i) {
      std::string name = rows[0].cells[i];
      if (!known.contains(name)) reject(name, "unknown column");
      else if (col.contains(name)) reject(name, "column given twice");
      col[name] = i;
    }
    for (const auto& r : req)
      if (!col.contains(r)) reject(r, "required column missing");
    return report.rejected.empty();
  }
  bool begin_row(const CsvRow& r, std::set<std::string>& refs) {
    row = &r;
    row_ok = true;
    ref = "";
    report.rows++;
    if (r.cells.size() != col.size()) {
      reject("", "has " + std::to_string(r.cells.size()) + " cells, the header has " + std::to_string(col.size()));
      return false;
    }
    ref = cell("ref");
    if (ref.empty()) reject("ref", "required");
    else if (ref.size() > 64) reject("ref", "too long (at most 64 bytes)");
    else if (!refs.insert(ref).second) reject("ref", "the same ref appears twice in the file");
    return row_ok;
  }
};

ImportReport csv_error(const std::string& error) {
  ImportReport r;
  r.rejected.push_back({1, "", "", "not a CSV file: " + error});
  return r;
}
}  // namespace

ImportReport CentralStore::import_jobs(const std::string& text, bool dry_run) {
  std::string error;
  auto rows = parse_csv(text, &error);
  if (!rows) return csv_error(error);
  static const std::set<std::string> known = {
      "ref", "title", "employer", "places", "salary_min", "salary_max", "hours", "education", "district",
      "address", "job_type", "categories", "levels", "accessibility", "physical_demands", "board_lodging",
      "training", "mode", "contact", "description", "deadline", "review_status"};
  Importer im;
  if (!im.header(*rows, known, {"ref", "title", "employer", "district", "deadline"})) return im.report;
  std::vector<std::pair<std::string, json>> jobs;
  std::set<std::string> refs;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    if (!im.begin_row((*rows)[i], refs)) continue;
    json j = {{"ref", im.ref},
              {"title", im.required("title")},
              {"employer", im.required("employer")},
              {"district", im.required("district", 100)},
              {"deadline", im.date("deadline", true)},
              {"places", im.integer("places", 1, 100000, false).value_or(1)},
              {"hours", im.optional("hours", 200)},
              {"education", im.optional("education", 200)},
              {"address", im.optional("address", 300)},
              {"job_type", im.optional("job_type", 40)},
              {"categories", im.int_list("categories", 1, 7)},
              {"levels", im.int_list("levels", 1, 4)},
              {"accessibility", im.word_list("accessibility")},
              {"physical_demands", im.optional("physical_demands")},
              {"board_lodging", im.optional("board_lodging")},
              {"training", im.optional("training")},
              {"mode", im.one_of("mode", "proportional",
                                 {"proportional", "centralised", "auxiliary", "self_employed", "public_welfare"})},
              {"contact", im.optional("contact", 200)},
              {"description", im.optional("description", 4000)},
              {"review_status", im.one_of("review_status", "approved", {"approved", "pending", "rejected"})}};
    auto smin = im.integer("salary_min", 0, 1000000, false), smax = im.integer("salary_max", 0, 1000000, false);
    if (smin && smax && *smax < *smin) im.reject("salary_max", "lower than salary_min");
    j["salary_min"] = smin ? json(*smin) : json(nullptr);
    j["salary_max"] = smax ? json(*smax) : json(nullptr);
    if (j["job_type"] == "") j["job_type"] = "other";
    if (im.row_ok) jobs.emplace_back(im.ref, std::move(j));
  }
  if (!im.report.rejected.empty()) return im.report;  // all or nothing
  if (dry_run) return im.report;
  tx(Engine::write, [&](Conn& c) {
    c.run(Q::ref_lock);
    for (const auto& [ref, j] : jobs) {
      c.run(Q::job_upsert, {ref, j.dump(), now()});
      add_ref_change(c, std::nullopt, "job", ref, j);
    }
  });
  im.report.imported = std::int64_t(jobs.size());
  log::info("central", "imported " + std::to_string(jobs.size()) + " job listings");
  return im.report;
}

ImportReport CentralStore::import_subsidies(const std::string& text, bool dry_run) {
  std::string error;
  auto rows = parse_csv(text, &error);
  if (!rows) return csv_error(error);
  static const std::set<std::string> known = {
      "ref", "station_id", "id_number", "name", "phone", "programme", "status", "stage_date", "office",
      "monthly_amount", "start_month", "payout_account_masked", "next_review", "reason", "applicant", "payments"};
  Importer im;
  if (!im.header(*rows, known, {"ref", "station_id", "id_number", "name", "programme", "status", "stage_date"}))
    return im.report;
  std::set<std::string> station_ids;
  for (const auto& s : stations())
    if (!s.revoked_at) station_ids.insert(s.station_id);
  std::set<std::string> programmes, statuses;
  for (auto p : all_programmes()) programmes.insert(std::string(to_string(p)));
  Date today = Date::today(clock_.now(), 8 * 60);
  struct Row {
    std::string ref, station, id_hash;
    json data;
  };
  std::vector<Row> out;
  std::set<std::string> refs;
  for (std::size_t i = 1; i < rows->size(); ++i) {
    if (!im.begin_row((*rows)[i], refs)) continue;
    std::string station = im.required("station_id", 40);
    if (!station.empty() && !station_ids.contains(station)) im.reject("station_id", "no active station with this id");
    // Messages name the field, never the value: the file holds personal data.
    auto id = check_id_number(im.cell("id_number"), today);
    if (!id) im.reject("id_number", "not a valid ID number (" + id.problem().reason + ")");
    auto name = check_name(im.cell("name"));
    if (!name) im.reject("name", "not a valid name (1 to 30 characters)");
    std::optional<std::string> phone;
    if (!im.cell("phone").empty()) {
      auto p = check_phone(im.cell("phone"));
      if (!p) im.reject("phone", "not a valid phone number");
      else phone = p.value();
    }
    auto programme = programme_from(im.cell("programme"));
    if (!programme) im.reject("programme", "unknown programme");
    auto status = application_status_from(im.cell("status"));
    if (!status) im.reject("status", "unknown status");
    std::string stage = im.date("stage_date", true);
    std::string reason = im.optional("reason", 200);
    if (status && needs_reason(*status) && reason.empty()) im.reject("reason", "required for this status");
    std::optional<std::int64_t> amount;
    if (!im.cell("monthly_amount").empty()) amount = im.money("monthly_amount", im.cell("monthly_amount"));
    std::string start_month = im.optional("start_month", 7);
    if (!start_month.empty() && !Date::parse(start_month + "-01")) im.reject("start_month", "not a month YYYY-MM");
    std::string account = im.optional("payout_account_masked", 40);
    if (!account.empty() && account.find('*') == std::string::npos)
      im.reject("payout_account_masked", "must be masked (e.g. 6222****1234): full account numbers are not accepted");
    std::string next_review = im.date("next_review", false);
    std::string applicant = im.one_of("applicant", "self", {"self", "guardian", "agent", "village_committee", "proactive"});
    json payments = json::array();
    std::string pay = im.cell("payments"), part;
    pay += ';';
    for (char ch : pay) {
      if (ch != ';') {
        part += ch;
        continue;
      }
      if (part.empty()) continue;
      auto a = part.find(':'), b = part.find(':', a == std::string::npos ? 0 : a + 1);
      if (a == std::string::npos || b == std::string::npos || !Date::parse(part.substr(0, a) + "-01") ||
          !Date::parse(part.substr(b + 1))) {
        im.reject("payments", "each payment is YYYY-MM:amount:YYYY-MM-DD, separated by ;");
        break;
      }
      auto fen = im.money("payments", part.substr(a + 1, b - a - 1));
      if (!fen) break;
      payments.push_back({{"period", part.substr(0, a)}, {"amount_fen", *fen}, {"paid_on", part.substr(b + 1)}});
      part.clear();
    }
    if (!im.row_ok) continue;
    json d = {{"ref", im.ref},
              {"id_number", id->value},
              {"name", name.value()},
              {"phone", phone ? json(*phone) : json(nullptr)},
              {"sex", id->male ? "M" : "F"},
              {"programme", im.cell("programme")},
              {"status", im.cell("status")},
              {"stage_date", stage},
              {"office", im.optional("office", 200)},
              {"monthly_amount_fen", amount ? json(*amount) : json(nullptr)},
              {"start_month", start_month.empty() ? json(nullptr) : json(start_month)},
              {"payout_account_masked", account.empty() ? json(nullptr) : json(account)},
              {"next_review", next_review.empty() ? json(nullptr) : json(next_review)},
              {"reason", reason.empty() ? json(nullptr) : json(reason)},
              {"applicant", applicant},
              {"payments", payments}};
    out.push_back(Row{im.ref, station, vault_.lookup_hash(id->value), std::move(d)});
  }
  if (!im.report.rejected.empty() || dry_run) return im.report;
  tx(Engine::write, [&](Conn& c) {
    c.run(Q::ref_lock);
    // The statistics: each application counted once per stage it reaches (a file imported again
    // adds nothing). The stations' rows are locked in id order as apply_batch and set_district
    // lock them, before any statistics row.
    std::map<std::string, std::map<stats::Tally::Key, std::int64_t>> stages;  // station -> counts
    for (const auto& r : out) stages[r.station];
    std::map<std::string, std::string> district;
    for (const auto& [station, _] : stages) district[station] = c.run(Q::station_district_lock, {station}).text(0, 0);
    for (const auto& r : out) {
      c.run(Q::subsidy_upsert, {r.ref, r.station, Blob{r.id_hash}, Blob{vault_.seal(r.data.dump())}, now()});
      add_ref_change(c, r.station, "subsidy", r.ref, r.data);
      const std::string status = r.data["status"], month = stats::month_of(r.data["stage_date"]);
      if (c.run(Q::subsidy_stage_put, {r.ref, status, r.station, month}).changes == 1)
        stages[r.station][{month, "subsidy_stage." + status}] += 1;
    }
    for (const auto& [station, counts] : stages) add_statistics(c, station, district[station], counts);
  });
  im.report.imported = std::int64_t(out.size());
  log::info("central", "imported " + std::to_string(out.size()) + " subsidy decisions");
  return im.report;
}

// -------------------------------------------------------------------------- admin views

std::vector<StoredEvent> CentralStore::events(const std::string& station_id, std::int64_t after, int limit) {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::events_of_station, {station_id, after, std::int64_t(limit)}); });
  std::vector<StoredEvent> out;
  out.reserve(r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    auto plain = vault_.open(r.text(i, 4));
    out.push_back(StoredEvent{r.i64(i, 0), to_hex(r.text(i, 1)), r.text(i, 2), r.text(i, 3), plain.value_or("")});
  }
  return out;
}

json CentralStore::totals() {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::totals); });
  return {{"stations", r.i64(0, 0)},
          {"events_received", r.i64(0, 1)},
          {"backlog", r.i64(0, 2)},
          {"stations_with_errors", r.i64(0, 3)}};
}

}  // namespace tx::central

// ----------------------------------------------------------------- administrators' console

namespace tx::central {

std::vector<HourPoint> CentralStore::station_history(const std::string& station_id, int days) {
  const auto t_now = clock_.now();
  const auto t0 = std::chrono::floor<std::chrono::hours>(t_now) - std::chrono::hours(24 * days - 1);
  const std::string since = iso_utc(t0);
  std::vector<HourPoint> out;
  std::map<std::string, std::size_t> at;
  for (auto t = t0; t <= t_now; t += std::chrono::hours(1)) {
    at[iso_utc(t).substr(0, 13)] = out.size();
    out.push_back(HourPoint{iso_utc(t).substr(0, 13)});
  }
  auto point = [&](const std::string& iso) -> HourPoint* {
    auto it = at.find(iso.substr(0, 13));
    return it == at.end() ? nullptr : &out[it->second];
  };
  tx(Engine::read, [&](Conn& c) {
    auto ev = c.run(Q::event_hours_since, {station_id, since.substr(0, 13)});
    for (std::size_t i = 0; i < ev.size(); ++i)
      if (auto* p = point(ev.text(i, 0))) p->events += ev.i64(i, 1);
    auto hb = c.run(Q::heartbeats_since, {station_id, since});
    std::optional<std::chrono::system_clock::time_point> prev;
    for (std::size_t i = 0; i < hb.size(); ++i) {
      auto* p = point(hb.text(i, 0));
      auto t = parse_iso_utc(hb.text(i, 0));
      if (!p || !t) continue;
      p->heartbeats++;
      p->errors += hb.i64(i, 2) ? 1 : 0;
      p->backlog = std::max(p->backlog.value_or(0), hb.i64(i, 1));
      if (prev) p->max_gap_s = std::max<std::int64_t>(p->max_gap_s, std::chrono::duration_cast<std::chrono::seconds>(*t - *prev).count());
      prev = t;
    }
    // The silence since the last heartbeat counts in the current hour.
    if (prev && !out.empty())
      out.back().max_gap_s = std::max<std::int64_t>(out.back().max_gap_s,
                                                    std::chrono::duration_cast<std::chrono::seconds>(t_now - *prev).count());
  });
  return out;
}

json CentralStore::station_commands(const std::string& station_id) {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::commands_of_station, {station_id}); });
  json arr = json::array();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const char* state = !r.is_null(i, 5) ? "done" : !r.is_null(i, 4) ? "delivered" : "queued";
    arr.push_back({{"id", r.i64(i, 0)}, {"type", r.text(i, 1)}, {"seq", opt(r.opt_i64(i, 2))},
                   {"created_at", r.text(i, 3)}, {"delivered_at", opt(r.opt_text(i, 4))},
                   {"done_at", opt(r.opt_text(i, 5))}, {"state", state}});
  }
  return arr;
}

json CentralStore::statistics(const std::string& by, const std::string& from, const std::string& to,
                              const std::string& scope) {
  Q q = by == "station" ? Q::stats_by_station : by == "district" ? Q::stats_by_district : Q::stats_by_month;
  if (by != "station" && by != "district" && by != "month") throw ApiError("invalid_query", "by");
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(q, {from, to, scope, scope}); });
  std::set<std::string> metrics;
  json rows = json::array();
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (rows.empty() || rows.back()["key"] != r.text(i, 0)) rows.push_back({{"key", r.text(i, 0)}, {"values", json::object()}});
    rows.back()["values"][r.text(i, 1)] = r.i64(i, 2);
    metrics.insert(r.text(i, 1));
  }
  return {{"by", by}, {"from", from}, {"to", to}, {"metrics", metrics}, {"rows", rows}};
}

StatTable CentralStore::stored_statistics() {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::stats_all); });
  StatTable out;
  // A zero is the same as no row (renewals due that moved to another month leave one behind).
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.i64(i, 3) != 0) out[{r.text(i, 0), r.text(i, 1), r.text(i, 2)}] = r.i64(i, 3);
  return out;
}

// The rollup per district and month (stats.h): what is stored, and what the per-station table
// adds up to under each station's district now. A zero is the same as no row (a station that
// moved away leaves none behind).
StatTable CentralStore::stored_district_statistics() {
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::stats_district_all); });
  StatTable out;
  for (std::size_t i = 0; i < r.size(); ++i)
    if (r.i64(i, 3) != 0) out[{r.text(i, 0), r.text(i, 1), r.text(i, 2)}] = r.i64(i, 3);
  return out;
}

StatTable CentralStore::district_rollup(const StatTable& by_station) {
  std::map<std::string, std::string> district;
  for (const auto& s : stations()) district[s.station_id] = s.district.value_or("");
  StatTable out;
  for (const auto& [key, n] : by_station) out[{district[std::get<0>(key)], std::get<1>(key), std::get<2>(key)}] += n;
  std::erase_if(out, [](const auto& kv) { return kv.second == 0; });
  return out;
}

StatTable CentralStore::recount_statistics() {
  StatTable out;
  for (const auto& s : stations()) {
    std::map<std::int64_t, std::string> open;
    std::map<std::int64_t, std::string> kinds;
    std::map<std::int64_t, std::string> expiry;
    stats::Tally tally({[&](std::int64_t id, const std::string& at) { open.emplace(id, at); },
                        [&](std::int64_t id) -> std::optional<std::string> {
                          auto it = open.find(id);
                          if (it == open.end()) return std::nullopt;
                          std::string at = it->second;
                          open.erase(it);
                          return at;
                        }},
                       {[&](std::int64_t id, const std::string& kind) { kinds[id] = kind; },
                        [&](std::int64_t id) -> std::optional<std::string> {
                          auto it = kinds.find(id);
                          if (it == kinds.end()) return std::nullopt;
                          return it->second;
                        }},
                       {[&](std::int64_t resident, const std::optional<std::string>& month) -> std::optional<std::string> {
                         std::optional<std::string> before;
                         if (auto it = expiry.find(resident); it != expiry.end()) before = it->second;
                         if (month) expiry[resident] = *month;
                         else expiry.erase(resident);
                         return before;
                       }});
    for (std::int64_t after = 0;;) {
      auto batch = events(s.station_id, after, 5000);
      for (const auto& e : batch) tally.add(e.type, e.created_at, e.payload);
      if (batch.size() < 5000) break;
      after = batch.back().seq;
    }
    for (const auto& [key, n] : tally.counts())
      if (n != 0) out[{s.station_id, key.first, key.second}] = n;
  }
  // The subsidy stages come from central's imports, one stored row per application and stage.
  auto r = tx(Engine::read, [&](Conn& c) { return c.run(Q::subsidy_stages_all); });
  for (std::size_t i = 0; i < r.size(); ++i) out[{r.text(i, 0), r.text(i, 1), "subsidy_stage." + r.text(i, 2)}] += 1;
  return out;
}

}  // namespace tx::central
