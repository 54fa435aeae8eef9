// The central server's business rules, written once over the storage interface (storage.h):
// enrolment, batch apply keyed by (station, sequence) with gaps refused, heartbeats and
// commands, reference data served by cursor, capacity shares, admin views, CSV import
// all-or-nothing. No state lives only in this process: several central processes on one
// PostgreSQL database agree because every decision is taken inside a database transaction.
#pragma once
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <map>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "central/heartbeats.h"
#include "central/storage.h"
#include "common/clock.h"
#include "common/secrets.h"
#include "sync/protocol.h"

namespace tx::central {

// token_hash: how bearer and session tokens are kept (BLAKE2b-256; only the hash is stored).
std::string token_hash(const std::string& token);

struct StationRow {
  std::string station_id, name, created_at;
  std::optional<std::string> revoked_at, last_batch_at, last_seen, last_error, version, last_auth_failure;
  std::optional<std::string> district;
  std::int64_t acked_seq = 0, events_received = 0, auth_failures = 0;
  std::optional<std::int64_t> backlog, protocol, disk_free_bytes, station_last_seq;
};
nlohmann::json station_json(const StationRow& s);

struct BatchOutcome {
  enum Kind { applied, gap, conflict, unknown_station, revoked } kind = applied;
  std::int64_t acked_seq = 0;     // after the batch (applied) or as stored (gap/conflict)
  std::int64_t applied_count = 0;  // new events stored
  std::int64_t duplicates = 0;     // events already stored (same id), acknowledged again
};

struct Command {
  std::int64_t id = 0;
  std::string type;  // sync_now | resend_from
  std::optional<std::int64_t> seq;
};

struct RefChange {
  std::int64_t cursor = 0;
  std::string kind, ref;
  nlohmann::json data;
};

struct StoredEvent {
  std::int64_t seq = 0;
  std::string event_id, type, created_at, payload;
};

// A CSV import's report: row numbers are the file's line numbers (header = 1). Messages never
// repeat personal data from the file.
struct ImportReport {
  std::int64_t rows = 0, imported = 0;
  struct Rejected {
    std::int64_t line = 0;
    std::string ref, field, reason;
  };
  std::vector<Rejected> rejected;
  nlohmann::json to_json() const;
};

// One hour of a station's history for the console's plots (hour: "YYYY-MM-DDTHH", UTC).
struct HourPoint {
  std::string hour;
  std::int64_t events = 0;      // events received in the hour
  std::optional<std::int64_t> backlog;  // the highest backlog reported in the hour
  std::int64_t heartbeats = 0, errors = 0;  // heartbeats, and those reporting an error
  std::int64_t max_gap_s = 0;   // the longest silence between heartbeats ending in the hour
};

// The city statistics keyed by station, month and metric (stats.h lists the metrics).
using StatKey = std::tuple<std::string, std::string, std::string>;
using StatTable = std::map<StatKey, std::int64_t>;

struct SessionRequest {
  std::string date, kind, start = "09:00", end = "11:30", institution, place;
  std::vector<int> categories;
  int capacity = 0;
  // Explicit shares per station; empty: split evenly between the active stations.
  std::vector<std::pair<std::string, int>> shares;
};

class CentralStore {
 public:
  // The vault seals personal data at rest (event payloads, station keys, subsidy rows).
  // Checks the vault against the database's fingerprint (a second process with another key
  // file is refused) and registers `admin_token` as valid.
  CentralStore(std::unique_ptr<Engine> engine, Vault vault, const Clock& clock);
  // Writes the heartbeats still pending (flush_heartbeats) before it goes.
  ~CentralStore();

  Engine& engine() { return *engine_; }
  std::string now() const;

  // Admin tokens live in the database (hashed): every process accepts every registered token.
  void add_admin_token(const std::string& token);
  bool admin_token_ok(const std::string& token);

  struct Enrolled {
    std::string station_id, secret;
  };
  // add_station: a new station with a fresh secret (shown once; only derived keys are kept).
  Enrolled add_station(const std::string& name, const std::optional<std::string>& district = std::nullopt);
  // set_district: the district a station belongs to (console scoping and statistics).
  bool set_district(const std::string& station_id, const std::string& district);
  // rotate_secret: a new secret for a station (also un-revokes it). nullopt: no such station.
  std::optional<std::string> rotate_secret(const std::string& station_id);
  bool revoke_station(const std::string& station_id);
  std::optional<StationRow> station(const std::string& station_id);
  std::vector<StationRow> stations();

  // station_keys: the keys of an active station; sets *why to "unknown" or "revoked" otherwise.
  std::optional<sync::StationKeys> station_keys(const std::string& station_id, std::string* why);
  // record_auth_failure: a log line and a row in auth_failures (only the newest
  // auth_failures_kept rows are kept) and the station's counter.
  void set_auth_failures_kept(std::int64_t n) { auth_failures_kept_ = n; }
  void record_auth_failure(const std::string& station_id, const std::string& remote, const std::string& reason);

  // apply_batch: in one transaction: refuse a gap (answer the expected sequence), acknowledge
  // repeats without storing them twice, store the new events, advance the station's sequence.
  // Group commit (issue 14): batches that arrive while a transaction is applying others wait,
  // and the next transaction applies up to group_batches of them (at most group_events events)
  // together, each under its own savepoint: each keeps its own outcome (sequence check,
  // statistics, answer), a batch that throws is rolled back alone, and none returns before
  // the group's commit. A batch that finds no transaction running starts one at once.
  BatchOutcome apply_batch(const std::string& station_id, const std::vector<sync::Event>& events);
  // set_group_limits: the largest group (batches, events); 1 batch: one transaction each.
  // concurrent: how many groups may be applied at once (SQLite: 1, its one writer;
  // PostgreSQL: batches of different stations run side by side).
  void set_group_limits(std::size_t batches, std::size_t events, std::size_t concurrent);
  struct GroupCounts {
    std::uint64_t transactions = 0;  // group transactions run (committed or not)
    std::uint64_t batches = 0;       // batches applied through them
    std::uint64_t grouped = 0;       // batches that shared their transaction with another
    std::uint64_t largest = 0;       // the most batches in one transaction
  };
  GroupCounts group_counts() const;
  // set_batch_fault (tests only): called inside each batch's savepoint after its events are
  // inserted, with the station and the batch's first sequence; whatever it throws fails that
  // batch as a bug would. Set before batches arrive.
  void set_batch_fault(std::function<void(const std::string&, std::int64_t)> f) { batch_fault_ = std::move(f); }
  // batches_waiting: batches queued for the next group (tests).
  std::size_t batches_waiting();

  // heartbeat: records what the station reports, marks done commands, returns pending ones.
  // A heartbeat whose seq is not above the last accepted one changes nothing and returns
  // nullopt, with the last accepted seq in *last_seq. Off the writer's queue (issue 14): the
  // report is kept in memory (HeartbeatBook) and written by flush_heartbeats, unless no flusher
  // runs (then it is written before this returns); only a heartbeat that carries done commands
  // or is answered with pending ones takes a write transaction, for the commands.
  std::optional<std::vector<Command>> heartbeat(const std::string& station_id, const Heartbeat& hb,
                                                std::int64_t* last_seq = nullptr);
  // start_heartbeat_flusher: from now on heartbeats are written by a thread every `every`, in
  // one transaction (and at shutdown), instead of each before it is answered. With a
  // journal_dir, accepted sequences are also journaled there (HeartbeatJournal), and journals
  // left by processes that died are written first.
  void start_heartbeat_flusher(std::chrono::milliseconds every, const std::string& journal_dir = {});
  // flush_heartbeats: writes the pending heartbeats (stations' last_seen, hb_seq and reported
  // fields, the history rows) in one transaction. Throws StorageError (they stay pending).
  void flush_heartbeats();
  std::int64_t add_command(const std::string& station_id, const std::string& type,
                           std::optional<std::int64_t> seq);

  // pull: reference changes for a station after `cursor`, oldest first.
  std::vector<RefChange> pull(const std::string& station_id, std::int64_t cursor, int limit);

  // dry_run: check every row and report, store nothing (the console's preview).
  ImportReport import_jobs(const std::string& csv, bool dry_run = false);
  ImportReport import_subsidies(const std::string& csv, bool dry_run = false);
  // set_session: creates or changes a session and its shares; refuses shares adding up to more
  // than the capacity (ApiError invalid_field "shares").
  nlohmann::json set_session(const SessionRequest& r);

  std::vector<StoredEvent> events(const std::string& station_id, std::int64_t after, int limit);
  nlohmann::json totals();
  bool healthy();

  // ---- the administrators' console (issue 15)
  // station_history: one point per hour for the last `days` days, oldest first, zero-filled.
  std::vector<HourPoint> station_history(const std::string& station_id, int days);
  // station_commands: the last 50 commands sent to a station, newest first, with their state.
  nlohmann::json station_commands(const std::string& station_id);
  // statistics: the metrics summed by "station", "district" or "month" over months
  // [from, to] ("YYYY-MM"); scope "*" for every station or one district.
  // {"by":…, "metrics":[…], "rows":[{"key":…, "values":{metric: n}}]}
  nlohmann::json statistics(const std::string& by, const std::string& from, const std::string& to,
                            const std::string& scope);
  // stored_statistics / recount_statistics: the table kept on ingest, and the same counted
  // again from every stored event: equal unless an event was counted twice or not at all.
  StatTable stored_statistics();
  StatTable recount_statistics();
  // stored_district_statistics: the rollup keyed by district, month and metric (migration 4);
  // district_rollup: a per-station table summed under each station's district now. The tests
  // check stored_district_statistics() == district_rollup(recount_statistics()).
  StatTable stored_district_statistics();
  StatTable district_rollup(const StatTable& by_station);

  // add_demo_history (./run.sh only, central/demo_history.cpp): `extra` synthetic stations in
  // several districts with months of events (through apply_batch, so they are counted like
  // real ones) and, for them and `backfill` (the demo's real station), 30 days of heartbeats
  // and events per hour, so the console's plots are not empty. Returns the new stations' ids.
  std::vector<std::string> add_demo_history(int extra, const std::optional<std::string>& backfill, unsigned seed);

 private:
  template <class F>
  auto tx(Engine::Mode mode, F&& f) {
    using R = decltype(f(std::declval<Conn&>()));
    if constexpr (std::is_void_v<R>) {
      engine_->transact(mode, [&](Conn& c) { f(c); });
    } else {
      std::optional<R> out;
      engine_->transact(mode, [&](Conn& c) { out.emplace(f(c)); });
      return std::move(*out);
    }
  }
  void add_ref_change(Conn& c, const std::optional<std::string>& station, const std::string& kind,
                      const std::string& ref, const nlohmann::json& data);

  struct PendingBatch;  // store.cpp
  BatchOutcome apply_one(Conn& c, PendingBatch& p);
  void apply_group(const std::vector<PendingBatch*>& group);

  // overlay: a station row with this process's heartbeat not yet written (newer by design).
  void overlay(StationRow& s) const;

  std::unique_ptr<Engine> engine_;
  std::int64_t auth_failures_kept_ = 10000;
  HeartbeatBook heartbeats_;
  std::unique_ptr<HeartbeatJournal> journal_;  // with a flusher and a journal directory
  std::vector<std::string> orphan_files_;  // dead processes' journals read, not yet written (flush_mu_)
  std::unordered_map<std::string, std::int64_t> orphan_seqs_;
  std::mutex flush_mu_;  // one flush at a time
  std::mutex flusher_mu_;
  std::condition_variable flusher_cv_;
  bool flusher_stop_ = false;
  std::atomic<bool> write_through_{true};  // no flusher: each heartbeat written before its answer
  std::thread flusher_;
  Vault vault_;
  const Clock& clock_;

  // Group commit: the batches waiting for a group, and how many groups run now (group_mu_).
  std::mutex group_mu_;
  std::condition_variable group_cv_;
  std::deque<PendingBatch*> group_queue_;
  std::size_t groups_running_ = 0;
  std::size_t group_batches_ = 32, group_events_ = 20000, group_concurrent_ = 1;
  std::atomic<std::uint64_t> group_tx_{0}, group_batches_done_{0}, group_grouped_{0}, group_largest_{0};
  std::function<void(const std::string&, std::int64_t)> batch_fault_;
};

}  // namespace tx::central
