// The central server's storage interface: ONE interface, two engines (SQLite, the embedded
// default; PostgreSQL through libpq for cities that outgrow one file).
//
// The business rules (central/store.cpp) are written once against Conn; every SQL statement
// the server runs has a name (Q) and its text for each engine sits in ONE place,
// central/statements.cpp, as do both engines' numbered migrations (central/migrations.cpp).
//
//   engine->transact(Engine::write, [&](Conn& c) { auto rows = c.run(Q::station_lock, {id}); ... });
//
// Failures, the same for both engines:
//   StorageError     the database cannot do it now (disk full, connection lost, PostgreSQL
//                    restarting, read-only): nothing was changed; HTTP answers 503.
//   sql::ConstraintError  a constraint refused the change (callers turn it into an answer).
//   std::logic_error a bug in a statement.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "common/errors.h"
#include "store/sqlite.h"  // sql::ConstraintError

namespace tx::central {

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};
// A parameter or a copied cell: NULL, integer, text or bytes.
using Value = std::variant<std::nullptr_t, std::int64_t, std::string, Blob>;

// Rows: a materialised result (text form; integers parse on access; blobs are raw bytes).
struct Rows {
  std::vector<std::vector<std::optional<std::string>>> rows;
  std::int64_t changes = 0;  // rows changed by INSERT/UPDATE/DELETE

  std::size_t size() const { return rows.size(); }
  bool empty() const { return rows.empty(); }
  bool is_null(std::size_t r, int c) const { return !rows.at(r).at(c).has_value(); }
  std::string text(std::size_t r, int c) const { return rows.at(r).at(c).value_or(""); }
  std::optional<std::string> opt_text(std::size_t r, int c) const { return rows.at(r).at(c); }
  std::int64_t i64(std::size_t r, int c) const;
  std::optional<std::int64_t> opt_i64(std::size_t r, int c) const;
};

// Statement names. Texts: central/statements.cpp.
enum class Q : int {
  ping,
  meta_get,
  meta_put,
  meta_insert_ignore,
  token_add,
  token_check,
  station_insert,
  station_key,
  station_lock,
  station_advance,
  station_heartbeat,
  station_heartbeat_seq,
  station_heartbeat_seq_get,
  station_get,
  stations_list,
  station_revoke,
  station_rekey,
  station_ids,
  station_auth_failure,
  auth_failure_log,
  auth_failure_prune,
  events_ids_range,
  events_insert,  // bulk: VALUES groups appended by the engine
  events_of_station,
  events_count,
  command_insert,
  commands_pending,
  command_done,
  command_delivered,
  job_upsert,
  subsidy_upsert,
  session_upsert,
  session_get,
  share_upsert,
  shares_of_session,
  ref_lock,
  ref_insert,
  ref_pull,
  totals,
  // migration 2: the administrators' web console (issue 15)
  station_set_district,
  admin_user_insert,
  admin_user_get,
  admin_users_list,
  admin_session_insert,
  admin_session_get,
  admin_session_touch,
  admin_session_delete,
  admin_sessions_expire,
  admin_audit_insert,
  admin_audit_list,
  heartbeat_log,
  heartbeats_prune,
  heartbeats_since,
  event_hours_add,
  event_hours_since,
  stats_add,
  stats_by_station,
  stats_by_district,
  stats_by_month,
  stats_all,
  call_open,
  call_take,
  commands_of_station,
  stats_district_add,
  station_district_lock,
  stats_district_move_out,
  stats_district_move_in,
  stats_district_drop_zeros,
  stats_district_all,
  appointment_kind_get,
  subsidy_stage_put,
  subsidy_stages_all,
  admin_user_claim,
  admin_user_failures,
  certificate_expiry_get,
  certificate_expiry_put,
  certificate_expiry_drop,
  heartbeat_claim,
  heartbeat_claim_get,
  appointment_kinds_put,  // bulk: one batch's bookings, VALUES groups where the text says {rows}
  count_  // number of statements
};

enum class Dialect { sqlite, postgresql };
// sql_text: the statement's text for an engine ('?' placeholders; PostgreSQL gets $n).
const char* sql_text(Q q, Dialect d);
// with_rows: a bulk statement's text with its VALUES groups put where it says `{rows}`, or at
// its end (Conn::run_bulk).
std::string with_rows(const char* text, const std::string& rows);

// One database session inside a transaction.
class Conn {
 public:
  virtual ~Conn() = default;
  virtual Rows run(Q q, const std::vector<Value>& params = {}) = 0;
  // run_bulk: a multi-row INSERT: `values` holds rows × columns cells, row after row. The
  // rows' VALUES groups go where the text says `{rows}`, or at its end. Each statement takes
  // many rows (SQLite: chunks of 64, 32, … 1; PostgreSQL: up to 500), so the per-statement cost
  // is paid per chunk, not per row. An upsert's rows must have distinct keys (PostgreSQL
  // refuses to update one row twice in a statement). Returns the number of rows changed.
  virtual std::int64_t run_bulk(Q q, int columns, std::span<const Value> values) = 0;
  // savepoint: one savepoint inside the transaction (group commit: each station batch of a
  // group runs under its own, so a batch that fails is rolled back alone). Not nested.
  enum class Savepoint { begin, release, rollback };
  virtual void savepoint(Savepoint op) = 0;

 protected:
  // The same text on both engines.
  static const char* savepoint_sql(Savepoint op) {
    return op == Savepoint::begin     ? "SAVEPOINT batch"
           : op == Savepoint::release ? "RELEASE SAVEPOINT batch"
                                      : "ROLLBACK TO SAVEPOINT batch";
  }
};

// RetryableError: PostgreSQL refused the transaction (serialization failure, deadlock); the
// whole transaction is run again by Engine::transact. Never caught by a batch's savepoint.
class RetryableError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Migration / copy helpers work on whole tables by name.
struct TableDump {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

struct EngineOptions {
  std::size_t pool_size = 8;
  int connect_timeout_s = 3;
  // Fault injection (SQLite): limit the file so writes fail with SQLITE_FULL.
  std::optional<std::int64_t> sqlite_max_pages;
};

class Engine {
 public:
  enum Mode { read, write };
  virtual ~Engine() = default;
  virtual Dialect dialect() const = 0;
  const char* name() const { return dialect() == Dialect::sqlite ? "sqlite" : "postgresql"; }
  // describe: where the data lives, for logs (no password).
  virtual std::string describe() const = 0;

  // transact: runs f in one transaction and commits; rolls back and rethrows if f throws.
  // PostgreSQL serialization failures and deadlocks are retried a few times.
  virtual void transact(Mode mode, const std::function<void(Conn&)>& f) = 0;

  // migrate: applies this program's numbered migrations (PostgreSQL: under an advisory lock,
  // so processes starting together do not race). Returns the version before.
  virtual int migrate() = 0;
  virtual int schema_version() = 0;

  // Whole-table access for `tongxing-ctl central migrate-to-postgres` and its test.
  virtual TableDump dump_table(const std::string& table, const std::string& order_by) = 0;
  virtual void load_table(Conn& c, const std::string& table, const TableDump& d) = 0;
  // after_load: fixes identity sequences after rows were copied with their ids.
  virtual void after_load(Conn& c) = 0;

  // claim_heartbeat: compare-and-set of a station's heartbeat sequence, shared by every central
  // process on this database and never queued behind the writer (station batches): true when
  // `seq` is above the last claimed one (and is now the claimed one); otherwise false, with the
  // claimed one in *claimed. So a heartbeat replayed to a second process within the flush
  // interval is refused there too (docs/sync.md "Heartbeats"). PostgreSQL: table
  // heartbeat_claims (migration 6), one short transaction on its own row. SQLite: the same table
  // in a file of its own beside the database ("<file>.hbclaims", WAL) with its own write lock,
  // since the database's one writer is what heartbeats must not wait for.
  virtual bool claim_heartbeat(const std::string& station_id, std::int64_t seq, std::int64_t* claimed) = 0;
};

// The tables in dependency order (copying and comparing walk this list).
struct TableInfo {
  const char* name;
  const char* order_by;
};
const std::vector<TableInfo>& central_tables();

// is_postgres_url: "postgresql://..." or "postgres://...".
bool is_postgres_url(const std::string& db);
// open_engine: SQLite for a file path, PostgreSQL for a URL. Throws StorageError when the
// database cannot be reached (PostgreSQL: after connect_timeout_s).
std::unique_ptr<Engine> open_engine(const std::string& db, const EngineOptions& opt = {});
std::unique_ptr<Engine> open_sqlite_engine(const std::string& path, const EngineOptions& opt);
std::unique_ptr<Engine> open_postgres_engine(const std::string& url, const EngineOptions& opt);

// redact_url: the URL without its password, for logs and errors.
std::string redact_url(const std::string& url);

}  // namespace tx::central
