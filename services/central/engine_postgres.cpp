// The PostgreSQL engine (libpq). A pool of connections; statements are prepared once per
// connection by name; a broken connection is replaced on the next lease, and until PostgreSQL
// answers again every transaction fails with StorageError (HTTP 503) — nothing is kept in
// memory meanwhile, so several central processes on one database stay consistent.
#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "central/migrations.h"
#include "central/storage.h"
#include "common/log.h"

namespace tx::central {

std::string redact_url(const std::string& url) {
  // postgresql://user:password@host/db → postgresql://user:***@host/db
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

namespace {

constexpr std::int64_t kMigrationLock = 0x54584345;  // "TXCE": one lock id for all processes

// The error a failed libpq call means for the caller (see storage.h; RetryableError there).
[[noreturn]] void raise(PGconn* conn, PGresult* res, const std::string& what) {
  std::string state = res && PQresultErrorField(res, PG_DIAG_SQLSTATE) ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : "";
  std::string msg = res ? PQresultErrorMessage(res) : "";
  if (msg.empty()) msg = PQerrorMessage(conn);
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (res) PQclear(res);
  std::string full = what + ": " + msg + (state.empty() ? "" : " [" + state + "]");
  if (PQstatus(conn) == CONNECTION_BAD || state.empty() || state.rfind("08", 0) == 0 ||
      state.rfind("57P", 0) == 0 || state.rfind("53", 0) == 0 || state == "25006" || state == "55P03" ||
      state.rfind("58", 0) == 0 || (state == "XX000" && msg.find("could not") != std::string::npos))
    throw StorageError("PostgreSQL: " + full);
  if (state == "40001" || state == "40P01") throw RetryableError(full);
  if (state.rfind("23", 0) == 0) throw sql::ConstraintError(full);
  throw std::logic_error(full);
}

std::string unhex_bytea(const char* v, int len) {
  // Text-format bytea: "\x" followed by hex digits.
  if (len >= 2 && v[0] == '\\' && v[1] == 'x') {
    std::string out((len - 2) / 2, '\0');
    auto val = [](char c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; };
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = char(val(v[2 + 2 * i]) * 16 + val(v[3 + 2 * i]));
    return out;
  }
  std::size_t n = 0;
  unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
  std::string out(reinterpret_cast<char*>(raw), n);
  PQfreemem(raw);
  return out;
}

constexpr Oid kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23;

Rows collect(PGresult* res) {
  Rows out;
  int n = PQntuples(res), cols = PQnfields(res);
  out.rows.reserve(n);
  for (int r = 0; r < n; ++r) {
    std::vector<std::optional<std::string>> row(cols);
    for (int c = 0; c < cols; ++c) {
      if (PQgetisnull(res, r, c)) continue;
      const char* v = PQgetvalue(res, r, c);
      int len = PQgetlength(res, r, c);
      row[c] = PQftype(res, c) == kByteaOid ? unhex_bytea(v, len) : std::string(v, len);
    }
    out.rows.push_back(std::move(row));
  }
  const char* ct = PQcmdTuples(res);
  out.changes = ct && *ct ? std::stoll(ct) : 0;
  return out;
}

// Parameters in libpq's form: text for numbers and strings, binary for bytes.
struct Params {
  std::vector<std::string> text;
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  explicit Params(const std::vector<Value>& in) {
    text.resize(in.size());
    values.resize(in.size());
    lengths.resize(in.size());
    formats.resize(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      const Value& v = in[i];
      if (std::holds_alternative<std::nullptr_t>(v)) {
        values[i] = nullptr;
      } else if (auto* n = std::get_if<std::int64_t>(&v)) {
        text[i] = std::to_string(*n);
        values[i] = text[i].c_str();
      } else if (auto* s = std::get_if<std::string>(&v)) {
        values[i] = s->c_str();
        lengths[i] = int(s->size());
      } else {
        const auto& b = std::get<Blob>(v).bytes;
        values[i] = b.data();
        lengths[i] = int(b.size());
        formats[i] = 1;
      }
    }
  }
};

// '?' → $1, $2, … (the statement texts hold no '?' inside literals).
std::string to_dollars(const std::string& text, int first = 1) {
  std::string out;
  int n = first;
  for (char c : text) {
    if (c == '?') out += "$" + std::to_string(n++);
    else out += c;
  }
  return out;
}

struct PgConnection {
  PGconn* conn = nullptr;
  std::set<std::string> prepared;
  ~PgConnection() {
    if (conn) PQfinish(conn);
  }
};

class PgConn final : public Conn {
 public:
  explicit PgConn(PgConnection& c) : c_(c) {}

  Rows run(Q q, const std::vector<Value>& params) override {
    std::string name = "q" + std::to_string(int(q));
    return exec_prepared(name, [&] { return to_dollars(sql_text(q, Dialect::postgresql)); }, params);
  }

  void savepoint(Savepoint op) override { exec(savepoint_sql(op)); }

  std::int64_t run_bulk(Q q, int columns, std::span<const Value> values) override {
    const std::size_t rows = values.size() / columns;
    constexpr std::size_t kChunk = 500;  // ≤ 65535 parameters per statement
    std::int64_t n = 0;
    for (std::size_t at = 0; at < rows; at += kChunk) {
      std::size_t k = std::min(kChunk, rows - at);
      std::string name = "b" + std::to_string(int(q)) + "_" + std::to_string(k);
      std::vector<Value> part(values.begin() + at * columns, values.begin() + (at + k) * columns);
      n += exec_prepared(name, [&] {
             std::string rows;
             int p = 1;
             for (std::size_t r = 0; r < k; ++r) {
               rows += r ? ", (" : "(";
               for (int c = 0; c < columns; ++c) rows += (c ? ", $" : "$") + std::to_string(p++);
               rows += ")";
             }
             return with_rows(sql_text(q, Dialect::postgresql), rows);
           }, part).changes;
    }
    return n;
  }

  Rows exec(const std::string& text, const std::vector<Value>& params = {}) {
    Params p(params);
    // Without parameters: the simple protocol, which also runs several statements (migrations).
    PGresult* res = params.empty() ? PQexec(c_.conn, text.c_str()) : PQexecParams(c_.conn, text.c_str(), int(params.size()), nullptr, p.values.data(),
                                 p.lengths.data(), p.formats.data(), 0);
    check(res, text.substr(0, 60));
    Rows out = collect(res);
    PQclear(res);
    return out;
  }

 private:
  template <class MakeText>
  Rows exec_prepared(const std::string& name, MakeText make, const std::vector<Value>& params) {
    if (!c_.prepared.contains(name)) {
      std::string text = make();
      PGresult* res = PQprepare(c_.conn, name.c_str(), text.c_str(), 0, nullptr);
      check(res, "prepare " + name);
      PQclear(res);
      c_.prepared.insert(name);
    }
    Params p(params);
    PGresult* res = PQexecPrepared(c_.conn, name.c_str(), int(params.size()), p.values.data(),
                                   p.lengths.data(), p.formats.data(), 0);
    check(res, name);
    Rows out = collect(res);
    PQclear(res);
    return out;
  }

  void check(PGresult* res, const std::string& what) {
    auto st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) raise(c_.conn, res, what);
  }
  PgConnection& c_;
};

class PostgresEngine final : public Engine {
 public:
  PostgresEngine(const std::string& url, const EngineOptions& opt) : url_(url), opt_(opt) {
    conninfo_ = url;
    conninfo_ += url.find('?') == std::string::npos ? "?" : "&";
    conninfo_ += "connect_timeout=" + std::to_string(opt.connect_timeout_s) +
                 "&application_name=tongxing-centrald";
    // Fail now, with the reason, if the database cannot be reached at all.
    auto c = connect();
    give_back(std::move(c));
  }

  Dialect dialect() const override { return Dialect::postgresql; }
  std::string describe() const override { return redact_url(url_); }

  void transact(Mode mode, const std::function<void(Conn&)>& f) override {
    for (int attempt = 1;; ++attempt) {
      auto c = lease();
      PgConn pc(*c);
      bool began = false;
      try {
        pc.exec(mode == write ? "BEGIN" : "BEGIN READ ONLY");
        began = true;
        f(pc);
        pc.exec("COMMIT");
        give_back(std::move(c));
        return;
      } catch (const StorageError&) {
        // A pooled session that died with the server (restart, failover) fails at BEGIN:
        // nothing was sent, so a fresh session may take over at once.
        rollback(pc, began);
        give_back(std::move(c));
        if (began || attempt > int(opt_.pool_size) + 1) throw;
      } catch (const RetryableError& e) {
        rollback(pc, began);
        give_back(std::move(c));
        if (attempt >= 5) throw StorageError(std::string("PostgreSQL kept refusing the transaction: ") + e.what());
        std::this_thread::sleep_for(std::chrono::milliseconds(2 * attempt));
      } catch (...) {
        rollback(pc, began);
        give_back(std::move(c));
        throw;
      }
    }
  }

  int migrate() override {
    auto c = lease();
    PgConn pc(*c);
    int before = 0;
    try {
      pc.exec("SELECT pg_advisory_lock(" + std::to_string(kMigrationLock) + ")");
      pc.exec("CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      before = int(pc.exec("SELECT coalesce(max(version), 0) FROM schema_migrations").i64(0, 0));
      auto list = postgres_migrations();
      int latest = list.empty() ? 0 : list.back().version;
      if (before > latest)
        throw std::runtime_error(describe() + " has schema version " + std::to_string(before) +
                                 ", newer than this program (" + std::to_string(latest) +
                                 "): install the newer Tongxing version");
      for (const auto& m : list) {
        if (m.version <= before) continue;
        pc.exec("BEGIN");
        pc.exec(m.sql);
        pc.exec("INSERT INTO schema_migrations(version, name) VALUES ($1, $2)", {std::int64_t(m.version), std::string(m.name)});
        pc.exec("COMMIT");
        log::info("central", "postgresql schema migrated to v" + std::to_string(m.version) + " (" + m.name + ")");
      }
      pc.exec("SELECT pg_advisory_unlock(" + std::to_string(kMigrationLock) + ")");
    } catch (...) {
      PQexec(c->conn, "ROLLBACK");
      c.reset();  // closing the session releases the advisory lock
      throw;
    }
    give_back(std::move(c));
    return before;
  }

  bool claim_heartbeat(const std::string& station_id, std::int64_t seq, std::int64_t* claimed) override {
    // Its own row in heartbeat_claims: the upsert waits only for another claim of the same
    // station (row lock), never for a batch (which locks the stations row).
    // Without waiting for the WAL flush (synchronous_commit off for this transaction only): a
    // crash of the PostgreSQL server may lose the last few hundred ms of claims, as a power cut
    // loses SQLite's (synchronous=NORMAL); the stored hb_seq stays the floor either way.
    bool taken = false;
    transact(write, [&](Conn& c) {
      static_cast<PgConn&>(c).exec("SET LOCAL synchronous_commit TO OFF");
      taken = !c.run(Q::heartbeat_claim, {station_id, seq}).empty();
      if (!taken) {
        auto r = c.run(Q::heartbeat_claim_get, {station_id});
        *claimed = r.empty() ? 0 : r.i64(0, 0);
      }
    });
    return taken;
  }

  int schema_version() override {
    int v = 0;
    transact(read, [&](Conn& c) {
      v = int(static_cast<PgConn&>(c).exec("SELECT coalesce(max(version), 0) FROM schema_migrations").i64(0, 0));
    });
    return v;
  }

  TableDump dump_table(const std::string& table, const std::string& order_by) override {
    TableDump d;
    auto c = lease();
    std::string text = "SELECT * FROM " + table + " ORDER BY " + order_by;
    PGresult* res = PQexec(c->conn, text.c_str());
    if (PQresultStatus(res) != PGRES_TUPLES_OK) raise(c->conn, res, text);
    int cols = PQnfields(res);
    for (int i = 0; i < cols; ++i) d.columns.push_back(PQfname(res, i));
    for (int r = 0; r < PQntuples(res); ++r) {
      std::vector<Value> row;
      for (int i = 0; i < cols; ++i) {
        if (PQgetisnull(res, r, i)) {
          row.emplace_back(nullptr);
          continue;
        }
        const char* v = PQgetvalue(res, r, i);
        int len = PQgetlength(res, r, i);
        Oid t = PQftype(res, i);
        if (t == kByteaOid) row.emplace_back(Blob{unhex_bytea(v, len)});
        else if (t == kInt8Oid || t == kInt4Oid || t == kInt2Oid) row.emplace_back(std::int64_t(std::stoll(v)));
        else row.emplace_back(std::string(v, len));
      }
      d.rows.push_back(std::move(row));
    }
    PQclear(res);
    give_back(std::move(c));
    return d;
  }

  void load_table(Conn& c, const std::string& table, const TableDump& d) override {
    auto& pc = static_cast<PgConn&>(c);
    std::string text = "INSERT INTO " + table + "(";
    for (std::size_t i = 0; i < d.columns.size(); ++i) text += (i ? ", " : "") + d.columns[i];
    text += ") VALUES (";
    for (std::size_t i = 0; i < d.columns.size(); ++i) text += (i ? ", $" : "$") + std::to_string(i + 1);
    text += ")";
    for (const auto& row : d.rows) pc.exec(text, row);
  }

  void after_load(Conn& c) override {
    auto& pc = static_cast<PgConn&>(c);
    for (const char* t : {"commands", "sessions", "ref_changes", "auth_failures", "admin_audit"})
      pc.exec(std::string("SELECT setval(pg_get_serial_sequence('") + t + "', 'id'), coalesce(max(id), 0) + 1, false) FROM " + t);
  }

 private:
  std::unique_ptr<PgConnection> connect() {
    auto c = std::make_unique<PgConnection>();
    c->conn = PQconnectdb(conninfo_.c_str());
    if (PQstatus(c->conn) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(c->conn);
      while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
      for (char& ch : msg)
        if (ch == '\n') ch = ' ';
      throw StorageError("PostgreSQL at " + describe() + " is unreachable (reconnecting on the next request): " + msg);
    }
    PQsetNoticeProcessor(c->conn, [](void*, const char*) {}, nullptr);  // "already exists, skipping"
    PQclear(PQexec(c->conn, "SET synchronous_commit = on"));  // an acknowledgement means durable
    return c;
  }

  std::unique_ptr<PgConnection> lease() {
    std::unique_ptr<PgConnection> c;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return !free_.empty() || open_ < opt_.pool_size; });
      if (!free_.empty()) {
        c = std::move(free_.back());
        free_.pop_back();
      } else {
        ++open_;
      }
    }
    if (c && PQstatus(c->conn) == CONNECTION_OK) return c;
    c.reset();
    try {
      return connect();
    } catch (...) {
      std::lock_guard lock(mu_);
      --open_;
      cv_.notify_one();
      throw;
    }
  }

  void give_back(std::unique_ptr<PgConnection> c) {
    std::lock_guard lock(mu_);
    if (c && PQstatus(c->conn) == CONNECTION_OK && PQtransactionStatus(c->conn) == PQTRANS_IDLE) {
      free_.push_back(std::move(c));
    } else {
      --open_;  // a broken session is dropped; the next lease connects afresh
    }
    cv_.notify_one();
  }

  static void rollback(PgConn& pc, bool began) {
    if (!began) return;
    try {
      pc.exec("ROLLBACK");
    } catch (...) {
    }
  }

  std::string url_, conninfo_;
  EngineOptions opt_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> free_;
  std::size_t open_ = 1;  // the constructor's connection
};

}  // namespace

std::unique_ptr<Engine> open_postgres_engine(const std::string& url, const EngineOptions& opt) {
  return std::make_unique<PostgresEngine>(url, opt);
}

}  // namespace tx::central
