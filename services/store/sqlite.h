// A thin SQLite layer: connections with WAL, foreign keys and a busy timeout; cached prepared
// statements; RAII transactions; a small connection pool; numbered migrations.
// Failures: disk full / I/O / busy too long → tx::StorageError (nothing changed, retry later);
// constraint violations → sql::ConstraintError (callers turn them into business answers);
// SQL mistakes → std::logic_error (a bug: fix the statement).
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/errors.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tx::sql {

class ConstraintError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Db;

class Stmt {
 public:
  Stmt(Db& db, sqlite3_stmt* s) : db_(db), s_(s) {}
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  // Binding is 1-based like SQLite's. Text is bound as text, blob() as a BLOB.
  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, int v) { return bind(i, std::int64_t(v)); }
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);
  Stmt& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Stmt& bind(int i, const std::optional<std::string>& v);
  Stmt& bind(int i, std::nullptr_t);
  Stmt& blob(int i, std::string_view v);
  template <class... A>
  Stmt& bind_all(A&&... a) {
    int i = 0;
    (bind(++i, std::forward<A>(a)), ...);
    return *this;
  }

  // step: true while there is a row. Throws as described above.
  bool step();
  // run: steps to completion (for INSERT/UPDATE/DELETE); returns changes().
  int run();
  std::int64_t i64(int col) const;
  double dbl(int col) const;
  std::string text(int col) const;
  std::string blob_at(int col) const;
  std::optional<std::string> opt_text(int col) const;
  bool is_null(int col) const;
  int column_count() const;
  void reset();
  sqlite3_stmt* raw() { return s_; }  // for binds the caller keeps alive until reset (SQLITE_STATIC)

 private:
  Db& db_;
  sqlite3_stmt* s_;
};

struct Options {
  bool create = true;
  int busy_timeout_ms = 5000;
  // Fault injection for tests: limits the file size so writes fail with SQLITE_FULL.
  std::optional<std::int64_t> max_page_count;
  bool read_only = false;
  // false: the connection never checkpoints the WAL when it commits (PRAGMA
  // wal_autocheckpoint=0): a thread of the owner's does it instead, so that no commit waits for
  // a checkpoint's copy and fsync (central's one writer: docs/benchmarks.md).
  bool auto_checkpoint = true;
};

class Db {
 public:
  // open: opens (creating when allowed) with WAL, foreign keys and a busy timeout.
  // Throws StorageError naming the file when it cannot be opened.
  static std::unique_ptr<Db> open(const std::string& path, const Options& opt = {});
  ~Db();

  void exec(std::string_view sql);
  // prep: the cached statement for this SQL, reset and with bindings cleared. Finish with one
  // statement before preparing the same SQL again on the same connection.
  Stmt& prep(std::string_view sql);
  std::int64_t last_id() const;
  int changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }
  // set_max_page_count: fault injection (see Options); 0 restores the default.
  void set_max_page_count(std::int64_t pages);
  // reset_all: resets every cached statement, so none keeps a read snapshot open (the pool
  // does this when a connection is returned).
  void reset_all();

  // check: throws the right exception for a SQLite result code (used by Stmt too).
  void check(int rc, std::string_view what) const;

 private:
  Db() = default;
  sqlite3* db_ = nullptr;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<Stmt>> cache_;
};

// Tx: BEGIN IMMEDIATE (default: takes the write lock now, so a read-then-write cannot deadlock)
// or DEFERRED; rolls back unless commit() was called.
class Tx {
 public:
  enum class Mode { deferred, immediate };
  explicit Tx(Db& db, Mode mode = Mode::immediate);
  ~Tx();
  void commit();
  Tx(const Tx&) = delete;
  Tx& operator=(const Tx&) = delete;

 private:
  Db& db_;
  bool done_ = false;
};

// Pool: N connections to one file; lease() blocks until one is free.
class Pool {
 public:
  Pool(const std::string& path, std::size_t size, const Options& opt = {});
  class Lease {
   public:
    Lease(Pool& p, std::unique_ptr<Db> db) : pool_(&p), db_(std::move(db)) {}
    Lease(Lease&& o) noexcept : pool_(o.pool_), db_(std::move(o.db_)) {}
    ~Lease();
    Db& operator*() { return *db_; }
    Db* operator->() { return db_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Db> db_;
  };
  Lease lease();
  // each: runs f on every connection (waits for all to be free): e.g. fault injection.
  void each(const std::function<void(Db&)>& f);
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Db>> free_;
  std::size_t size_;
};

struct Migration {
  int version;  // 1, 2, 3 … with no gaps
  const char* name;
  const char* sql;
};

// migrate: applies every migration above PRAGMA user_version, each in its own transaction.
// `before_upgrade(from, to)` runs first when an existing database (from > 0) will change, e.g.
// to take a backup. Throws std::runtime_error if the file is newer than this program.
// Returns the version before migrating.
int migrate(Db& db, std::span<const Migration> migrations,
            const std::function<void(int from, int to)>& before_upgrade = {});
int user_version(Db& db);

// backup_to: a consistent copy of a live database (SQLite online backup API): one snapshot,
// whatever other connections and processes write meanwhile. Throws StorageError.
void backup_to(Db& db, const std::string& dest_path);

// integrity_problems: PRAGMA integrity_check's complaints (empty when "ok"), at most `max`.
std::vector<std::string> integrity_problems(Db& db, int max = 20);
// foreign_key_problems: rows that break a foreign key, as "table rowid → parent" (at most `max`).
std::vector<std::string> foreign_key_problems(Db& db, int max = 20);
bool table_exists(Db& db, const std::string& name);

}  // namespace tx::sql
