// [SECTION] Every SQL text of the central server, for both engines, in one place.
//   1. numbered migrations (SQLite, PostgreSQL) — never edit one that has shipped: add one
//   2. named statements: one text where the engines agree, a PostgreSQL variant where not
#include <array>
#include <stdexcept>

#include "central/migrations.h"
#include "central/storage.h"

namespace tx::central {

// ------------------------------------------------------------------------ 1. migrations

static const sql::Migration kSqlite[] = {
    {1, "initial", R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE admin_tokens(token_hash BLOB PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE stations(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_sealed BLOB NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  acked_seq INTEGER NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  events_received INTEGER NOT NULL DEFAULT 0,
  last_batch_at TEXT,
  last_seen TEXT,
  backlog INTEGER,
  last_error TEXT,
  version TEXT,
  protocol INTEGER,
  disk_free_bytes INTEGER,
  station_last_seq INTEGER,
  auth_failures INTEGER NOT NULL DEFAULT 0,
  last_auth_failure TEXT
);
CREATE TABLE events(
  station_id TEXT NOT NULL REFERENCES stations(id),
  seq INTEGER NOT NULL CHECK (seq > 0),
  event_id BLOB NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload BLOB NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (station_id, seq)
);
CREATE TABLE commands(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id TEXT NOT NULL REFERENCES stations(id),
  type TEXT NOT NULL CHECK (type IN ('sync_now', 'resend_from')),
  seq INTEGER,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  done_at TEXT
);
CREATE INDEX commands_station ON commands(station_id, done_at);
CREATE TABLE jobs(ref TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE subsidies(
  ref TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id),
  id_hash BLOB NOT NULL,
  data_sealed BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  updated_at TEXT NOT NULL,
  UNIQUE (date, kind)
);
CREATE TABLE session_shares(
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  station_id TEXT NOT NULL REFERENCES stations(id),
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  PRIMARY KEY (session_id, station_id)
);
CREATE TABLE ref_changes(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id TEXT,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  payload BLOB NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ref_changes_station ON ref_changes(station_id, id);
CREATE TABLE auth_failures(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  station_id TEXT NOT NULL,
  remote TEXT NOT NULL,
  reason TEXT NOT NULL
);
)SQL"},
    {2, "console", R"SQL(
-- Issue 15, the administrators' web console: stations get a district; administrator accounts,
-- their sessions and the audit of every sign-in and change; heartbeat history and events per
-- hour for the station plots; the city statistics kept on ingest (stats_monthly) and the calls
-- for staff still waiting for an answer (to time the answer).
ALTER TABLE stations ADD COLUMN district TEXT;
CREATE TABLE admin_users(
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  district TEXT,
  created_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE TABLE admin_sessions(
  token_hash BLOB PRIMARY KEY,
  username TEXT NOT NULL REFERENCES admin_users(username),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used TEXT NOT NULL,
  remote TEXT NOT NULL
);
CREATE TABLE admin_audit(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  status INTEGER NOT NULL,
  remote TEXT NOT NULL
);
CREATE TABLE heartbeats(
  station_id TEXT NOT NULL REFERENCES stations(id),
  at TEXT NOT NULL,
  backlog INTEGER NOT NULL,
  error INTEGER NOT NULL,
  PRIMARY KEY (station_id, at)
);
CREATE TABLE event_hours(
  station_id TEXT NOT NULL REFERENCES stations(id),
  hour TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (station_id, hour)
);
CREATE TABLE stats_monthly(
  station_id TEXT NOT NULL REFERENCES stations(id),
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (station_id, month, metric)
);
CREATE INDEX stats_monthly_month ON stats_monthly(month);
CREATE TABLE stats_open_calls(
  station_id TEXT NOT NULL REFERENCES stations(id),
  call_id INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (station_id, call_id)
);
)SQL"},
    // Heartbeats carry a sequence (docs/sync.md): one that is not newer than the last accepted
    // is a replay and changes nothing.
    {3, "heartbeat_seq", R"SQL(
ALTER TABLE stations ADD COLUMN heartbeat_seq INTEGER NOT NULL DEFAULT 0;
)SQL"},
    // The statistics rolled up per district and month, kept on ingest with stats_monthly, so the
    // district and month views read districts x months x metrics rows, not stations x … (issue
    // 15: < 500 ms over 10 M events). Filled from stats_monthly for the events already held.
    // Also the kind each appointment was booked as (to count completed.<kind>: renewals done)
    // and each subsidy application's stages as imported (subsidy_stage.<status>), once each.
    // Administrators' failed sign-ins, counted to lock the account ([console] max_failed_logins).
    {4, "stats_district", R"SQL(
CREATE TABLE stats_district(
  district TEXT NOT NULL,
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (district, month, metric)
);
CREATE TABLE stats_appointment_kinds(
  station_id TEXT NOT NULL REFERENCES stations(id),
  appointment_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (station_id, appointment_id)
);
CREATE TABLE stats_subsidy_stages(
  ref TEXT NOT NULL,
  status TEXT NOT NULL,
  station_id TEXT NOT NULL REFERENCES stations(id),
  month TEXT NOT NULL,
  PRIMARY KEY (ref, status)
);
ALTER TABLE admin_users ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE admin_users ADD COLUMN locked_until TEXT;
INSERT INTO stats_district(district, month, metric, n)
  SELECT coalesce(st.district, ''), s.month, s.metric, sum(s.n) FROM stats_monthly s
  JOIN stations st ON st.id = s.station_id GROUP BY coalesce(st.district, ''), s.month, s.metric;
)SQL"},
    // Renewals due (docs/console.md): the month counted for each resident of a station, so a
    // later certificate.expiry event moves the count (stats.h); the station's pseudonymous
    // resident id only, no personal data. And (SQLite only) the statistics by station read from
    // a covering index in (station, metric) order: no table look-ups and no sort for the grouping.
    {5, "stats_certificates", R"SQL(
CREATE TABLE stats_certificates(
  station_id TEXT NOT NULL REFERENCES stations(id),
  resident_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  PRIMARY KEY (station_id, resident_id)
);
CREATE INDEX stats_monthly_station ON stats_monthly(station_id, metric, month, n);
)SQL"},
    // Heartbeat claims (issue 14, Engine::claim_heartbeat): SQLite keeps them in a file of its
    // own (kSqliteClaims below), so a claim never waits for this file's one writer; nothing
    // changes here. The version keeps both engines' numbering the same.
    {6, "heartbeat_claims", R"SQL(
-- heartbeat_claims: in <database>.hbclaims for SQLite (see kSqliteClaims)
)SQL"},
    // Issue 14, round 5: every appointment.booked event writes its kind here at ingest, in the
    // batch's transaction. WITHOUT ROWID keeps the rows in their primary key's B-tree: one
    // insert per booking instead of two (the rowid table and the key's index); docs/benchmarks.md.
    {7, "stats_appointment_kinds_without_rowid", R"SQL(
CREATE TABLE stats_appointment_kinds_v7(
  station_id TEXT NOT NULL REFERENCES stations(id),
  appointment_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (station_id, appointment_id)
) WITHOUT ROWID;
INSERT INTO stats_appointment_kinds_v7(station_id, appointment_id, kind)
  SELECT station_id, appointment_id, kind FROM stats_appointment_kinds;
DROP TABLE stats_appointment_kinds;
ALTER TABLE stats_appointment_kinds_v7 RENAME TO stats_appointment_kinds;
)SQL"},
};

// The SQLite engine's heartbeat-claims file: the last hb_seq claimed per station by any central
// process on the database (a compare-and-set per heartbeat; docs/sync.md "Heartbeats").
static const sql::Migration kSqliteClaims[] = {
    {1, "heartbeat_claims", R"SQL(
CREATE TABLE heartbeat_claims(
  station_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
) WITHOUT ROWID;
)SQL"},
};

// The same schema in PostgreSQL's types. Identity columns are BY DEFAULT so that
// migrate-to-postgres can copy ids, then move the sequences past them.
static const sql::Migration kPostgres[] = {
    {1, "initial", R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE admin_tokens(token_hash BYTEA PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE stations(
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  key_sealed BYTEA NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  acked_seq BIGINT NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
  events_received BIGINT NOT NULL DEFAULT 0,
  last_batch_at TEXT,
  last_seen TEXT,
  backlog BIGINT,
  last_error TEXT,
  version TEXT,
  protocol BIGINT,
  disk_free_bytes BIGINT,
  station_last_seq BIGINT,
  auth_failures BIGINT NOT NULL DEFAULT 0,
  last_auth_failure TEXT
);
CREATE TABLE events(
  station_id TEXT NOT NULL REFERENCES stations(id),
  seq BIGINT NOT NULL CHECK (seq > 0),
  event_id BYTEA NOT NULL,
  type TEXT NOT NULL,
  created_at TEXT NOT NULL,
  payload BYTEA NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (station_id, seq)
);
CREATE TABLE commands(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id),
  type TEXT NOT NULL CHECK (type IN ('sync_now', 'resend_from')),
  seq BIGINT,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  done_at TEXT
);
CREATE INDEX commands_station ON commands(station_id, done_at);
CREATE TABLE jobs(ref TEXT PRIMARY KEY, data TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE subsidies(
  ref TEXT PRIMARY KEY,
  station_id TEXT NOT NULL REFERENCES stations(id),
  id_hash BYTEA NOT NULL,
  data_sealed BYTEA NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE sessions(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  data TEXT NOT NULL,
  capacity BIGINT NOT NULL CHECK (capacity >= 0),
  updated_at TEXT NOT NULL,
  UNIQUE (date, kind)
);
CREATE TABLE session_shares(
  session_id BIGINT NOT NULL REFERENCES sessions(id),
  station_id TEXT NOT NULL REFERENCES stations(id),
  capacity BIGINT NOT NULL CHECK (capacity >= 0),
  PRIMARY KEY (session_id, station_id)
);
CREATE TABLE ref_changes(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  station_id TEXT,
  kind TEXT NOT NULL,
  ref TEXT NOT NULL,
  payload BYTEA NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX ref_changes_station ON ref_changes(station_id, id);
CREATE TABLE auth_failures(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  station_id TEXT NOT NULL,
  remote TEXT NOT NULL,
  reason TEXT NOT NULL
);
)SQL"},
    {2, "console", R"SQL(
-- Issue 15, the administrators' web console: stations get a district; administrator accounts,
-- their sessions and the audit of every sign-in and change; heartbeat history and events per
-- hour for the station plots; the city statistics kept on ingest (stats_monthly) and the calls
-- for staff still waiting for an answer (to time the answer).
ALTER TABLE stations ADD COLUMN district TEXT;
CREATE TABLE admin_users(
  username TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  district TEXT,
  created_at TEXT NOT NULL,
  disabled_at TEXT
);
CREATE TABLE admin_sessions(
  token_hash BYTEA PRIMARY KEY,
  username TEXT NOT NULL REFERENCES admin_users(username),
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used TEXT NOT NULL,
  remote TEXT NOT NULL
);
CREATE TABLE admin_audit(
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  status BIGINT NOT NULL,
  remote TEXT NOT NULL
);
CREATE TABLE heartbeats(
  station_id TEXT NOT NULL REFERENCES stations(id),
  at TEXT NOT NULL,
  backlog BIGINT NOT NULL,
  error BIGINT NOT NULL,
  PRIMARY KEY (station_id, at)
);
CREATE TABLE event_hours(
  station_id TEXT NOT NULL REFERENCES stations(id),
  hour TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (station_id, hour)
);
CREATE TABLE stats_monthly(
  station_id TEXT NOT NULL REFERENCES stations(id),
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (station_id, month, metric)
);
CREATE INDEX stats_monthly_month ON stats_monthly(month);
CREATE TABLE stats_open_calls(
  station_id TEXT NOT NULL REFERENCES stations(id),
  call_id BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (station_id, call_id)
);
)SQL"},
    {3, "heartbeat_seq", R"SQL(
ALTER TABLE stations ADD COLUMN heartbeat_seq BIGINT NOT NULL DEFAULT 0;
)SQL"},
    {4, "stats_district", R"SQL(
CREATE TABLE stats_district(
  district TEXT NOT NULL,
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (district, month, metric)
);
CREATE TABLE stats_appointment_kinds(
  station_id TEXT NOT NULL REFERENCES stations(id),
  appointment_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  PRIMARY KEY (station_id, appointment_id)
);
CREATE TABLE stats_subsidy_stages(
  ref TEXT NOT NULL,
  status TEXT NOT NULL,
  station_id TEXT NOT NULL REFERENCES stations(id),
  month TEXT NOT NULL,
  PRIMARY KEY (ref, status)
);
ALTER TABLE admin_users ADD COLUMN failures BIGINT NOT NULL DEFAULT 0;
ALTER TABLE admin_users ADD COLUMN locked_until TEXT;
INSERT INTO stats_district(district, month, metric, n)
  SELECT coalesce(st.district, ''), s.month, s.metric, sum(s.n) FROM stats_monthly s
  JOIN stations st ON st.id = s.station_id GROUP BY coalesce(st.district, ''), s.month, s.metric;
)SQL"},
    // Renewals due (docs/console.md): the month counted for each resident of a station, so a
    // later certificate.expiry event moves the count (stats.h); the station's pseudonymous
    // resident id only, no personal data. No covering index here (SQLite's has one): PostgreSQL
    // answers by station with a hash aggregate over the table in about the same time with or
    // without it (297 vs 332 ms, 400,000 events, load ~10; docs/benchmarks.md), and `n` in an
    // index would cost every statistics update its HOT update.
    {5, "stats_certificates", R"SQL(
CREATE TABLE stats_certificates(
  station_id TEXT NOT NULL REFERENCES stations(id),
  resident_id BIGINT NOT NULL,
  month TEXT NOT NULL,
  PRIMARY KEY (station_id, resident_id)
);
)SQL"},
    // The last hb_seq claimed per station by any central process (Engine::claim_heartbeat): a
    // row of its own per station, so a claim never waits for the stations row a batch holds.
    // Not copied by migrate-to-postgres: stations.heartbeat_seq is the floor as well.
    {6, "heartbeat_claims", R"SQL(
CREATE TABLE heartbeat_claims(
  station_id TEXT PRIMARY KEY,
  seq BIGINT NOT NULL
);
)SQL"},
    // SQLite's stats_appointment_kinds becomes WITHOUT ROWID; a PostgreSQL table has no rowid
    // (its primary key is an index beside the heap either way). The version keeps both engines'
    // numbering the same.
    {7, "stats_appointment_kinds_without_rowid", R"SQL(
-- stats_appointment_kinds: nothing to change for PostgreSQL (a statement, not an empty query)
SELECT 1;
)SQL"},
};

std::span<const sql::Migration> sqlite_migrations() { return kSqlite; }
std::span<const sql::Migration> postgres_migrations() { return kPostgres; }
std::span<const sql::Migration> sqlite_claims_migrations() { return kSqliteClaims; }

const std::vector<TableInfo>& central_tables() {
  static const std::vector<TableInfo> t = {
      {"meta", "key"},          {"admin_tokens", "token_hash"}, {"stations", "id"},
      {"events", "station_id, seq"}, {"commands", "id"},       {"jobs", "ref"},
      {"subsidies", "ref"},     {"sessions", "id"},           {"session_shares", "session_id, station_id"},
      {"ref_changes", "id"},    {"auth_failures", "id"},
      // migration 2 (console)
      {"admin_users", "username"}, {"admin_sessions", "token_hash"}, {"admin_audit", "id"},
      {"heartbeats", "station_id, at"}, {"event_hours", "station_id, hour"},
      {"stats_monthly", "station_id, month, metric"}, {"stats_open_calls", "station_id, call_id"},
      // migration 4
      {"stats_district", "district, month, metric"}, {"stats_appointment_kinds", "station_id, appointment_id"},
      {"stats_subsidy_stages", "ref, status"},
      // migration 5
      {"stats_certificates", "station_id, resident_id"},
  };
  return t;
}

// -------------------------------------------------------------------- 2. statements

namespace {
struct Text {
  Q q;
  const char* both;
  const char* pg = nullptr;  // PostgreSQL's variant where the engines differ
};

constexpr const char* kStationCols =
    "id, name, created_at, revoked_at, acked_seq, events_received, last_batch_at, last_seen, "
    "backlog, last_error, version, protocol, disk_free_bytes, station_last_seq, auth_failures, "
    "last_auth_failure, district";

const std::array<Text, std::size_t(Q::count_)>& texts() {
  static const std::array<Text, std::size_t(Q::count_)> t = [] {
    std::array<Text, std::size_t(Q::count_)> a{};
    auto set = [&](Q q, const char* both, const char* pg = nullptr) { a[std::size_t(q)] = {q, both, pg}; };
    static const std::string station_get = std::string("SELECT ") + kStationCols + " FROM stations WHERE id = ?";
    static const std::string stations_list = std::string("SELECT ") + kStationCols + " FROM stations ORDER BY created_at, id";
    set(Q::ping, "SELECT 1");
    set(Q::meta_get, "SELECT value FROM meta WHERE key = ?");
    set(Q::meta_put, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    set(Q::meta_insert_ignore, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING");
    set(Q::token_add, "INSERT INTO admin_tokens(token_hash, created_at) VALUES (?, ?) ON CONFLICT(token_hash) DO NOTHING");
    set(Q::token_check, "SELECT 1 FROM admin_tokens WHERE token_hash = ?");
    set(Q::station_insert, "INSERT INTO stations(id, name, key_sealed, created_at) VALUES (?, ?, ?, ?)");
    set(Q::station_key, "SELECT key_sealed, revoked_at FROM stations WHERE id = ?");
    // The per-station row lock that makes batch apply exactly-once across processes. SQLite's
    // write transaction (BEGIN IMMEDIATE) already excludes every other writer.
    set(Q::station_lock, "SELECT acked_seq, revoked_at, coalesce(district, '') FROM stations WHERE id = ?",
        "SELECT acked_seq, revoked_at, coalesce(district, '') FROM stations WHERE id = ? FOR UPDATE");
    set(Q::station_advance,
        "UPDATE stations SET acked_seq = ?, events_received = events_received + ?, last_batch_at = ?, "
        "last_seen = ? WHERE id = ? AND acked_seq = ?");
    set(Q::station_heartbeat,
        "UPDATE stations SET last_seen = ?, backlog = ?, last_error = ?, version = ?, protocol = ?, "
        "disk_free_bytes = ?, station_last_seq = ? WHERE id = ?");
    set(Q::station_heartbeat_seq,
        "UPDATE stations SET heartbeat_seq = ? WHERE id = ? AND heartbeat_seq < ? RETURNING heartbeat_seq");
    set(Q::station_heartbeat_seq_get, "SELECT heartbeat_seq FROM stations WHERE id = ?");
    set(Q::station_get, station_get.c_str());
    set(Q::stations_list, stations_list.c_str());
    set(Q::station_revoke, "UPDATE stations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
    set(Q::station_rekey, "UPDATE stations SET key_sealed = ?, revoked_at = NULL WHERE id = ?");
    set(Q::station_ids, "SELECT id FROM stations WHERE revoked_at IS NULL ORDER BY id");
    set(Q::station_auth_failure,
        "UPDATE stations SET auth_failures = auth_failures + 1, last_auth_failure = ? WHERE id = ?");
    set(Q::auth_failure_log, "INSERT INTO auth_failures(at, station_id, remote, reason) VALUES (?, ?, ?, ?)");
    // The log keeps the newest rows only ([central] auth_failures_kept): refused requests cost
    // no one disk space without bound.
    set(Q::auth_failure_prune, "DELETE FROM auth_failures WHERE id <= (SELECT max(id) FROM auth_failures) - ?");
    set(Q::events_ids_range,
        "SELECT seq, event_id FROM events WHERE station_id = ? AND seq BETWEEN ? AND ? ORDER BY seq");
    set(Q::events_insert,
        "INSERT INTO events(station_id, seq, event_id, type, created_at, payload, received_at) VALUES ");
    set(Q::events_of_station,
        "SELECT seq, event_id, type, created_at, payload FROM events WHERE station_id = ? AND seq > ? "
        "ORDER BY seq LIMIT ?");
    set(Q::events_count, "SELECT count(*) FROM events WHERE station_id = ?");
    set(Q::command_insert, "INSERT INTO commands(station_id, type, seq, created_at) VALUES (?, ?, ?, ?)");
    set(Q::commands_pending,
        "SELECT id, type, seq FROM commands WHERE station_id = ? AND done_at IS NULL ORDER BY id LIMIT 20");
    set(Q::command_done, "UPDATE commands SET done_at = ? WHERE id = ? AND station_id = ? AND done_at IS NULL");
    set(Q::command_delivered,
        "UPDATE commands SET delivered_at = ? WHERE station_id = ? AND done_at IS NULL AND delivered_at IS NULL");
    set(Q::job_upsert,
        "INSERT INTO jobs(ref, data, updated_at) VALUES (?, ?, ?) ON CONFLICT(ref) DO UPDATE SET "
        "data = excluded.data, updated_at = excluded.updated_at");
    set(Q::subsidy_upsert,
        "INSERT INTO subsidies(ref, station_id, id_hash, data_sealed, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(ref) DO UPDATE SET station_id = excluded.station_id, id_hash = excluded.id_hash, "
        "data_sealed = excluded.data_sealed, updated_at = excluded.updated_at");
    set(Q::session_upsert,
        "INSERT INTO sessions(date, kind, data, capacity, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(date, kind) DO UPDATE SET data = excluded.data, capacity = excluded.capacity, "
        "updated_at = excluded.updated_at RETURNING id");
    set(Q::session_get, "SELECT id, data, capacity FROM sessions WHERE date = ? AND kind = ?");
    set(Q::share_upsert,
        "INSERT INTO session_shares(session_id, station_id, capacity) VALUES (?, ?, ?) "
        "ON CONFLICT(session_id, station_id) DO UPDATE SET capacity = excluded.capacity");
    set(Q::shares_of_session, "SELECT station_id, capacity FROM session_shares WHERE session_id = ? ORDER BY station_id");
    // Reference changes must become visible in cursor order: PostgreSQL hands out identities
    // before commit, so writers take this lock and commit one after another (imports are rare).
    // SQLite writers are serialised already.
    set(Q::ref_lock, "SELECT 1", "LOCK TABLE ref_changes IN EXCLUSIVE MODE");
    set(Q::ref_insert, "INSERT INTO ref_changes(station_id, kind, ref, payload, created_at) VALUES (?, ?, ?, ?, ?)");
    set(Q::ref_pull,
        "SELECT id, kind, ref, payload FROM ref_changes WHERE id > ? AND (station_id IS NULL OR station_id = ?) "
        "ORDER BY id LIMIT ?");
    set(Q::totals,
        "SELECT count(*), coalesce(sum(events_received), 0), coalesce(sum(backlog), 0), "
        "coalesce(sum(CASE WHEN last_error IS NOT NULL AND last_error <> '' THEN 1 ELSE 0 END), 0) FROM stations");
    // ---- migration 2: the administrators' web console
    set(Q::station_set_district, "UPDATE stations SET district = ? WHERE id = ?");
    set(Q::admin_user_insert,
        "INSERT INTO admin_users(username, password_hash, role, district, created_at) VALUES (?, ?, ?, ?, ?)");
    set(Q::admin_user_get, "SELECT password_hash, role, district, disabled_at FROM admin_users WHERE username = ?");
    // migration 4: the failed sign-ins counted before the password is checked (the row is locked
    // so that racing guesses are each counted).
    set(Q::admin_user_claim, "SELECT password_hash, role, district, disabled_at, failures, locked_until FROM admin_users "
        "WHERE username = ?", "SELECT password_hash, role, district, disabled_at, failures, locked_until FROM admin_users "
        "WHERE username = ? FOR UPDATE");
    set(Q::admin_user_failures, "UPDATE admin_users SET failures = ?, locked_until = ? WHERE username = ?");
    set(Q::admin_users_list, "SELECT username, role, district, created_at, disabled_at FROM admin_users ORDER BY username");
    set(Q::admin_session_insert,
        "INSERT INTO admin_sessions(token_hash, username, csrf, created_at, last_used, remote) VALUES (?, ?, ?, ?, ?, ?)");
    set(Q::admin_session_get,
        "SELECT s.username, s.csrf, s.last_used, u.role, u.district, u.disabled_at FROM admin_sessions s "
        "JOIN admin_users u ON u.username = s.username WHERE s.token_hash = ?");
    set(Q::admin_session_touch, "UPDATE admin_sessions SET last_used = ? WHERE token_hash = ?");
    set(Q::admin_session_delete, "DELETE FROM admin_sessions WHERE token_hash = ?");
    set(Q::admin_sessions_expire, "DELETE FROM admin_sessions WHERE last_used < ?");
    set(Q::admin_audit_insert,
        "INSERT INTO admin_audit(at, actor, action, target, status, remote) VALUES (?, ?, ?, ?, ?, ?)");
    set(Q::admin_audit_list, "SELECT id, at, actor, action, target, status, remote FROM admin_audit ORDER BY id DESC LIMIT ?");
    set(Q::heartbeat_log,
        "INSERT INTO heartbeats(station_id, at, backlog, error) VALUES (?, ?, ?, ?) ON CONFLICT(station_id, at) "
        "DO UPDATE SET backlog = excluded.backlog, error = excluded.error");
    set(Q::heartbeats_prune, "DELETE FROM heartbeats WHERE station_id = ? AND at < ?");
    set(Q::heartbeats_since, "SELECT at, backlog, error FROM heartbeats WHERE station_id = ? AND at >= ? ORDER BY at");
    set(Q::event_hours_add,
        "INSERT INTO event_hours(station_id, hour, n) VALUES (?, ?, ?) ON CONFLICT(station_id, hour) "
        "DO UPDATE SET n = event_hours.n + excluded.n");
    set(Q::event_hours_since, "SELECT hour, n FROM event_hours WHERE station_id = ? AND hour >= ? ORDER BY hour");
    // The statistics: one row per station, month and metric, added to in the batch's transaction.
    set(Q::stats_add,
        "INSERT INTO stats_monthly(station_id, month, metric, n) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(station_id, month, metric) DO UPDATE SET n = stats_monthly.n + excluded.n");
    // Grouped three ways; `scope` is '*' (every station) or one district ('' = no district).
    // By station reads stats_monthly (looking the district's stations up once, not at all for
    // '*'); by district and by month read the rollup stats_district (migration 4).
    // SQLite is told to scan the covering index stats_monthly_station (migration 5): left to
    // itself it takes the month index for the range, then looks every row up and sorts them
    // (1.6 s over a year of 2,000 stations; docs/benchmarks.md).
    set(Q::stats_by_station,
        "SELECT s.station_id, s.metric, sum(s.n) FROM stats_monthly s INDEXED BY stats_monthly_station "
        "WHERE s.month >= ? AND s.month <= ? AND "
        "(? = '*' OR s.station_id IN (SELECT id FROM stations WHERE coalesce(district, '') = ?)) "
        "GROUP BY s.station_id, s.metric ORDER BY 1, 2",
        "SELECT s.station_id, s.metric, sum(s.n) FROM stats_monthly s WHERE s.month >= ? AND s.month <= ? AND "
        "(? = '*' OR s.station_id IN (SELECT id FROM stations WHERE coalesce(district, '') = ?)) "
        "GROUP BY s.station_id, s.metric ORDER BY 1, 2");
#define TX_ROLLUP_WHERE "WHERE month >= ? AND month <= ? AND (? = '*' OR district = ?) "
    set(Q::stats_by_district,
        "SELECT district, metric, sum(n) FROM stats_district " TX_ROLLUP_WHERE "GROUP BY district, metric ORDER BY 1, 2");
    set(Q::stats_by_month,
        "SELECT month, metric, sum(n) FROM stats_district " TX_ROLLUP_WHERE "GROUP BY month, metric ORDER BY 1, 2");
#undef TX_ROLLUP_WHERE
    set(Q::stats_all, "SELECT station_id, month, metric, n FROM stats_monthly ORDER BY station_id, month, metric");
    // ---- migration 4: the rollup per district and month, added to with stats_monthly; a station
    // that changes district takes its counts along (move_out, move_in, then drop the zeros).
    set(Q::stats_district_add,
        "INSERT INTO stats_district(district, month, metric, n) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(district, month, metric) DO UPDATE SET n = stats_district.n + excluded.n");
    set(Q::station_district_lock, "SELECT coalesce(district, '') FROM stations WHERE id = ?",
        "SELECT coalesce(district, '') FROM stations WHERE id = ? FOR UPDATE");
    set(Q::stats_district_move_out,
        "UPDATE stats_district SET n = stats_district.n - m.n FROM stats_monthly m WHERE m.station_id = ? AND "
        "stats_district.district = ? AND stats_district.month = m.month AND stats_district.metric = m.metric");
    set(Q::stats_district_move_in,
        "INSERT INTO stats_district(district, month, metric, n) SELECT ?, month, metric, n FROM stats_monthly "
        "WHERE station_id = ? ORDER BY month, metric "
        "ON CONFLICT(district, month, metric) DO UPDATE SET n = stats_district.n + excluded.n");
    set(Q::stats_district_drop_zeros, "DELETE FROM stats_district WHERE district = ? AND n = 0");
    // Bulk (issue 14, round 7): a batch's bookings, one row per appointment (the last kind
    // booked in the batch), written once at the end of the batch (store.cpp db_tally).
    set(Q::appointment_kinds_put,
        "INSERT INTO stats_appointment_kinds(station_id, appointment_id, kind) VALUES {rows} "
        "ON CONFLICT(station_id, appointment_id) DO UPDATE SET kind = excluded.kind");
    set(Q::appointment_kind_get, "SELECT kind FROM stats_appointment_kinds WHERE station_id = ? AND appointment_id = ?");
    set(Q::subsidy_stage_put,
        "INSERT INTO stats_subsidy_stages(ref, status, station_id, month) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(ref, status) DO NOTHING");
    set(Q::subsidy_stages_all, "SELECT station_id, month, status FROM stats_subsidy_stages");
    set(Q::certificate_expiry_get, "SELECT month FROM stats_certificates WHERE station_id = ? AND resident_id = ?");
    set(Q::certificate_expiry_put,
        "INSERT INTO stats_certificates(station_id, resident_id, month) VALUES (?, ?, ?) "
        "ON CONFLICT(station_id, resident_id) DO UPDATE SET month = excluded.month");
    set(Q::certificate_expiry_drop, "DELETE FROM stats_certificates WHERE station_id = ? AND resident_id = ?");
    // A row comes back only when the claim was taken (inserted, or raised from a lower seq).
    set(Q::heartbeat_claim,
        "INSERT INTO heartbeat_claims(station_id, seq) VALUES (?, ?) ON CONFLICT(station_id) DO UPDATE "
        "SET seq = excluded.seq WHERE heartbeat_claims.seq < excluded.seq RETURNING seq");
    set(Q::heartbeat_claim_get, "SELECT seq FROM heartbeat_claims WHERE station_id = ?");
    set(Q::stats_district_all, "SELECT district, month, metric, n FROM stats_district ORDER BY district, month, metric");
    set(Q::call_open,
        "INSERT INTO stats_open_calls(station_id, call_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT(station_id, call_id) DO NOTHING");
    set(Q::call_take, "DELETE FROM stats_open_calls WHERE station_id = ? AND call_id = ? RETURNING created_at");
    set(Q::commands_of_station,
        "SELECT id, type, seq, created_at, delivered_at, done_at FROM commands WHERE station_id = ? "
        "ORDER BY id DESC LIMIT 50");
    for (std::size_t i = 0; i < a.size(); ++i)
      if (!a[i].both) throw std::logic_error("central statement " + std::to_string(i) + " has no SQL text");
    return a;
  }();
  return t;
}
}  // namespace

const char* sql_text(Q q, Dialect d) {
  const auto& t = texts()[std::size_t(q)];
  return d == Dialect::postgresql && t.pg ? t.pg : t.both;
}

std::string with_rows(const char* text, const std::string& rows) {
  std::string s = text;
  if (auto at = s.find("{rows}"); at != std::string::npos) return s.replace(at, 6, rows);
  return s + rows;
}

}  // namespace tx::central
