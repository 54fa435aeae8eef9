// The SQLite engine: the embedded default (WAL, one file). Write transactions are serialised
// in-process by a mutex before BEGIN IMMEDIATE, so 200 concurrent stations queue in order
// instead of spinning in SQLite's busy handler; the file lock still excludes other processes.
#include <sqlite3.h>

#include <pthread.h>

#include <atomic>
#include <csignal>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <span>
#include <tuple>
#include <thread>

#include "central/migrations.h"
#include "central/storage.h"

namespace tx::central {

std::int64_t Rows::i64(std::size_t r, int c) const {
  const auto& v = rows.at(r).at(c);
  if (!v || v->empty()) return 0;
  return std::stoll(*v);
}

std::optional<std::int64_t> Rows::opt_i64(std::size_t r, int c) const {
  if (is_null(r, c)) return std::nullopt;
  return i64(r, c);
}

bool is_postgres_url(const std::string& db) {
  return db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Engine> open_engine(const std::string& db, const EngineOptions& opt) {
  return is_postgres_url(db) ? open_postgres_engine(db, opt) : open_sqlite_engine(db, opt);
}

namespace {

// bind_value: `v` as parameter i of `s`. With `no_copy` (the connection's Db, for its error
// message) text and blobs are bound without a copy (SQLITE_STATIC): the caller keeps `v` alive
// until the statement is reset (run_bulk's rows).
void bind_value(sql::Stmt& s, int i, const Value& v, const sql::Db* no_copy = nullptr) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::nullptr_t>) s.bind(i, nullptr);
        else if constexpr (std::is_same_v<T, std::int64_t>) s.bind(i, x);
        else if constexpr (std::is_same_v<T, std::string>) {
          if (no_copy) no_copy->check(sqlite3_bind_text(s.raw(), i, x.data(), int(x.size()), SQLITE_STATIC), "bind");
          else s.bind(i, std::string_view(x));
        } else {
          if (no_copy) no_copy->check(sqlite3_bind_blob(s.raw(), i, x.bytes.data(), int(x.bytes.size()), SQLITE_STATIC), "bind");
          else s.blob(i, x.bytes);
        }
      },
      v);
}

// bulk_text: statement q's text with k groups of `columns` placeholders (cached: built once).
const std::string& bulk_text(Q q, int columns, std::size_t k) {
  static std::mutex mu;
  static std::map<std::tuple<int, int, std::size_t>, std::string> texts;
  std::lock_guard lock(mu);
  auto [it, fresh] = texts.try_emplace({int(q), columns, k});
  if (fresh) {
    std::string group = "(";
    for (int c = 0; c < columns; ++c) group += c ? ", ?" : "?";
    group += ")";
    std::string rows;
    for (std::size_t r = 0; r < k; ++r) rows += (r ? ", " : "") + group;
    it->second = with_rows(sql_text(q, Dialect::sqlite), rows);
  }
  return it->second;
}

class SqliteConn final : public Conn {
 public:
  explicit SqliteConn(sql::Db& db) : db_(db) {}

  Rows run(Q q, const std::vector<Value>& params) override {
    return run_sql(sql_text(q, Dialect::sqlite), params);
  }

  Rows run_sql(const std::string& text, const std::vector<Value>& params) {
    auto& s = db_.prep(text);
    for (std::size_t i = 0; i < params.size(); ++i) bind_value(s, int(i + 1), params[i]);
    Rows out;
    const int cols = s.column_count();
    while (s.step()) {
      std::vector<std::optional<std::string>> row(cols);
      for (int c = 0; c < cols; ++c)
        if (!s.is_null(c)) row[c] = s.blob_at(c);
      out.rows.push_back(std::move(row));
    }
    out.changes = db_.changes();
    s.reset();
    return out;
  }

  // Prepared once per connection, like every statement (the statement cache keys on text).
  void savepoint(Savepoint op) override {
    auto& s = db_.prep(savepoint_sql(op));
    s.run();
    s.reset();
  }

  // run_bulk: the rows in statements of 64, 32, 16, … 1 rows (at most 7 texts per statement
  // name in the connection's cache), the cells bound without a copy (SQLITE_STATIC: `values`
  // outlives the statement's run). One statement per 64 rows instead of one per row: SQLite's
  // per-statement work (reset, bindings cleared, the statement's start and end) was a tenth of
  // the writer's time per event (docs/benchmarks.md, round 7).
  std::int64_t run_bulk(Q q, int columns, std::span<const Value> values) override {
    const std::size_t rows = values.size() / std::size_t(columns);
    std::int64_t n = 0;
    for (std::size_t at = 0; at < rows;) {
      std::size_t k = 64;
      while (k > rows - at) k /= 2;
      auto& s = db_.prep(bulk_text(q, columns, k));
      int i = 0;
      for (const Value& v : values.subspan(at * std::size_t(columns), k * std::size_t(columns)))
        bind_value(s, ++i, v, &db_);
      try {
        n += s.run();
      } catch (...) {
        s.reset();  // no binding left pointing into `values`
        throw;
      }
      s.reset();
      at += k;
    }
    return n;
  }

 private:
  sql::Db& db_;
};

class SqliteEngine final : public Engine {
 public:
  SqliteEngine(const std::string& path, const EngineOptions& opt)
      : path_(path), opt_(sql_options(opt)), pool_(prepare(path, opt_), opt.pool_size, opt_),
        checkpointer_(without_signals([this] { checkpoint(); })) {}

  ~SqliteEngine() override {
    {
      std::lock_guard lock(checkpoint_mu_);
      checkpoint_stop_ = true;
    }
    checkpoint_cv_.notify_all();
    if (checkpointer_.joinable()) checkpointer_.join();
  }

  Dialect dialect() const override { return Dialect::sqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

  void transact(Mode mode, const std::function<void(Conn&)>& f) override {
    std::unique_lock<std::mutex> writer(write_mu_, std::defer_lock);
    if (mode == write) writer.lock();
    auto db = pool_.lease();
    sql::Tx tx(*db, mode == write ? sql::Tx::Mode::immediate : sql::Tx::Mode::deferred);
    SqliteConn c(*db);
    f(c);
    tx.commit();
  }

  int migrate() override { return 0; }  // done when the file is opened (prepare)
  int schema_version() override {
    auto db = pool_.lease();
    return sql::user_version(*db);
  }

  TableDump dump_table(const std::string& table, const std::string& order_by) override {
    auto db = pool_.lease();
    sql::Tx tx(*db, sql::Tx::Mode::deferred);
    TableDump d;
    sqlite3_stmt* st = nullptr;
    std::string text = "SELECT * FROM " + table + " ORDER BY " + order_by;
    db->check(sqlite3_prepare_v2(db->raw(), text.c_str(), -1, &st, nullptr), text);
    int cols = sqlite3_column_count(st);
    for (int c = 0; c < cols; ++c) d.columns.push_back(sqlite3_column_name(st, c));
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<Value> row;
      for (int c = 0; c < cols; ++c) {
        switch (sqlite3_column_type(st, c)) {
          case SQLITE_NULL: row.emplace_back(nullptr); break;
          case SQLITE_INTEGER: row.emplace_back(std::int64_t(sqlite3_column_int64(st, c))); break;
          case SQLITE_BLOB: {
            auto* p = static_cast<const char*>(sqlite3_column_blob(st, c));
            row.emplace_back(Blob{std::string(p ? p : "", sqlite3_column_bytes(st, c))});
            break;
          }
          default: {
            auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row.emplace_back(std::string(p ? p : "", sqlite3_column_bytes(st, c)));
          }
        }
      }
      d.rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) db->check(rc, text);
    return d;
  }

  void load_table(Conn& c, const std::string& table, const TableDump& d) override {
    auto& sc = static_cast<SqliteConn&>(c);
    std::string text = "INSERT INTO " + table + "(";
    for (std::size_t i = 0; i < d.columns.size(); ++i) text += (i ? ", " : "") + d.columns[i];
    text += ") VALUES (";
    for (std::size_t i = 0; i < d.columns.size(); ++i) text += i ? ", ?" : "?";
    text += ")";
    for (const auto& row : d.rows) sc.run_sql(text, row);
  }
  void after_load(Conn&) override {}

  bool claim_heartbeat(const std::string& station_id, std::int64_t seq, std::int64_t* claimed) override {
    std::lock_guard lock(claims_mu_);
    if (!claims_) {
      // Opened on the first heartbeat (tongxing-ctl never creates it); its own WAL file and write
      // lock, shared with every central process on this database through the file lock.
      claims_ = sql::Db::open(path_ + ".hbclaims");  // not opt_: fault injection is for the database
      sql::migrate(*claims_, sqlite_claims_migrations());
      // No checkpoint inside a heartbeat's commit (it fsyncs, under claims_mu_, while every
      // other heartbeat waits): the checkpointer thread does it (SqliteEngine::checkpoint).
      claims_->exec("PRAGMA wal_autocheckpoint=0");
      claims_open_ = true;
    }
    sql::Tx tx(*claims_, sql::Tx::Mode::immediate);
    SqliteConn c(*claims_);
    bool taken = !c.run(Q::heartbeat_claim, {station_id, seq}).empty();
    if (!taken) {
      auto r = c.run(Q::heartbeat_claim_get, {station_id});
      *claimed = r.empty() ? 0 : r.i64(0, 0);
    }
    tx.commit();
    return taken;
  }

 private:
  static sql::Options sql_options(const EngineOptions& o) {
    sql::Options s;
    s.max_page_count = o.sqlite_max_pages;
    // No checkpoint inside a commit: the one writer would copy the WAL into the file and fsync
    // it while every batch waits (SqliteEngine::checkpoint does it beside the writer).
    s.auto_checkpoint = false;
    return s;
  }
  static const std::string& prepare(const std::string& path, const sql::Options& opt) {
    auto db = sql::Db::open(path, opt);
    sql::migrate(*db, sqlite_migrations(), [&](int from, int to) {
      sql::backup_to(*db, path + ".pre-v" + std::to_string(to) + "-from-v" + std::to_string(from) + ".bak");
    });
    return path;
  }

  std::string path_;
  sql::Options opt_;
  sql::Pool pool_;
  std::mutex write_mu_;
  std::mutex claims_mu_;
  std::unique_ptr<sql::Db> claims_;  // <path>.hbclaims, under claims_mu_

  // without_signals: a thread that never takes the process's signals. The engine is built before
  // the service blocks SIGTERM for its signal-waiting thread; a thread started here with SIGTERM
  // open took it, and the default action ended the process before the clean stop's flush.
  template <class F>
  static std::thread without_signals(F f) {
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    std::thread t(std::move(f));
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    return t;
  }

  // checkpoint: a PASSIVE checkpoint of the database every second and of the claims file every
  // 2 s, each on a connection of its own, beside the writer (never waits for a commit, nor a
  // commit for it: the writer's connections have wal_autocheckpoint=0). Inside the one writer's
  // commits the checkpoints cost a fifth of the ingest rate (76,567 -> ~97,000 events/s with
  // 10,000 stations connected: docs/benchmarks.md). A failure is tried again next time.
  void checkpoint() {
    std::unique_ptr<sql::Db> main, claims;
    std::unique_lock lock(checkpoint_mu_);
    for (int tick = 0; !checkpoint_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return checkpoint_stop_; });
         ++tick) {
      lock.unlock();
      try {
        if (!main) main = sql::Db::open(path_, sql::Options{.create = false});
        main->exec("PRAGMA wal_checkpoint(PASSIVE)");
      } catch (const std::exception&) {
        main.reset();
      }
      try {
        if (claims_open_ && tick % 2 == 1) {
          if (!claims) claims = sql::Db::open(path_ + ".hbclaims");
          claims->exec("PRAGMA wal_checkpoint(PASSIVE)");
        }
      } catch (const std::exception&) {
        claims.reset();
      }
      lock.lock();
    }
  }
  std::atomic<bool> claims_open_{false};
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_stop_ = false;
  std::thread checkpointer_;  // last: started when everything above is built
};

}  // namespace

std::unique_ptr<Engine> open_sqlite_engine(const std::string& path, const EngineOptions& opt) {
  // No memory statistics: with them every sqlite3_malloc and sqlite3_free takes one global
  // mutex, which the writer's inserts and the readers' queries took ~5 % of central's CPU
  // contending for (docs/benchmarks.md, round 7). Only possible before SQLite's first use in
  // the process (centrald opens its engine first); afterwards SQLite refuses and nothing changes.
  static const int memstatus_off = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)memstatus_off;
  return std::make_unique<SqliteEngine>(path, opt);
}

}  // namespace tx::central
