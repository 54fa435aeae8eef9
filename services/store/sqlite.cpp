#include "store/sqlite.h"

#include <sqlite3.h>

#include <chrono>
#include <thread>

namespace tx::sql {

void Db::check(int rc, std::string_view what) const {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return;
  std::string msg = std::string(what) + ": " + sqlite3_errstr(rc);
  if (db_) msg += std::string(" (") + sqlite3_errmsg(db_) + ")";
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      throw ConstraintError(msg);
    case SQLITE_FULL: case SQLITE_IOERR: case SQLITE_BUSY: case SQLITE_LOCKED:
    case SQLITE_READONLY: case SQLITE_CANTOPEN: case SQLITE_NOMEM: case SQLITE_CORRUPT:
    case SQLITE_NOTADB: case SQLITE_PROTOCOL:
      throw StorageError(msg);
    default:
      throw std::logic_error(msg);
  }
}

Stmt::~Stmt() { sqlite3_finalize(s_); }

Stmt& Stmt::bind(int i, std::int64_t v) {
  db_.check(sqlite3_bind_int64(s_, i, v), "bind");
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  db_.check(sqlite3_bind_double(s_, i, v), "bind");
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  db_.check(sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}
Stmt& Stmt::bind(int i, const std::optional<std::string>& v) {
  return v ? bind(i, std::string_view(*v)) : bind(i, nullptr);
}
Stmt& Stmt::bind(int i, std::nullptr_t) {
  db_.check(sqlite3_bind_null(s_, i), "bind");
  return *this;
}
Stmt& Stmt::blob(int i, std::string_view v) {
  db_.check(sqlite3_bind_blob(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT), "bind");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(s_);
  db_.check(rc, sqlite3_sql(s_));
  return false;
}

int Stmt::run() {
  while (step()) {
  }
  return sqlite3_changes(sqlite3_db_handle(s_));
}

std::int64_t Stmt::i64(int c) const { return sqlite3_column_int64(s_, c); }
double Stmt::dbl(int c) const { return sqlite3_column_double(s_, c); }
std::string Stmt::text(int c) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, c));
  return p ? std::string(p, sqlite3_column_bytes(s_, c)) : std::string();
}
std::string Stmt::blob_at(int c) const {
  auto* p = static_cast<const char*>(sqlite3_column_blob(s_, c));
  return p ? std::string(p, sqlite3_column_bytes(s_, c)) : std::string();
}
std::optional<std::string> Stmt::opt_text(int c) const {
  if (is_null(c)) return std::nullopt;
  return text(c);
}
bool Stmt::is_null(int c) const { return sqlite3_column_type(s_, c) == SQLITE_NULL; }
int Stmt::column_count() const { return sqlite3_column_count(s_); }
void Stmt::reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

std::unique_ptr<Db> Db::open(const std::string& path, const Options& opt) {
  std::unique_ptr<Db> db(new Db());
  db->path_ = path;
  int flags = opt.read_only ? SQLITE_OPEN_READONLY
                            : SQLITE_OPEN_READWRITE | (opt.create ? SQLITE_OPEN_CREATE : 0);
  flags |= SQLITE_OPEN_NOMUTEX;  // one connection is used by one thread at a time (Pool)
  int rc = sqlite3_open_v2(path.c_str(), &db->db_, flags, nullptr);
  if (rc != SQLITE_OK) throw StorageError("cannot open database " + path + ": " + sqlite3_errstr(rc));
  sqlite3_extended_result_codes(db->db_, 1);
  sqlite3_busy_timeout(db->db_, opt.busy_timeout_ms);
  if (!opt.read_only) {
    // WAL is a property of the file, set once. Switching a new file to it needs an exclusive
    // lock, and SQLite answers SQLITE_BUSY at once there instead of calling the busy handler:
    // two processes opening a brand-new file together (two central servers, a service and
    // tongxing-ctl) would fail. Retry within the busy timeout.
    for (int waited_ms = 0;; waited_ms += 10) {
      try {
        db->exec("PRAGMA journal_mode=WAL");
        break;
      } catch (const StorageError&) {
        if (waited_ms >= opt.busy_timeout_ms) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    // NORMAL in WAL mode: a power cut may lose the last commits but never corrupts the file.
    db->exec("PRAGMA synchronous=NORMAL");
  }
  db->exec("PRAGMA foreign_keys=ON");
  if (opt.max_page_count) db->set_max_page_count(*opt.max_page_count);
  if (!opt.auto_checkpoint && !opt.read_only) db->exec("PRAGMA wal_autocheckpoint=0");
  return db;
}

Db::~Db() {
  cache_.clear();  // finalize statements before closing
  if (db_) sqlite3_close_v2(db_);
}

void Db::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);  // check() adds sqlite3_errmsg, the same text
  check(rc, s.substr(0, 80));  // name the statement that failed
}

Stmt& Db::prep(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end()) {
    it->second->reset();
    return *it->second;
  }
  sqlite3_stmt* s = nullptr;
  check(sqlite3_prepare_v3(db_, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr),
        sql);
  auto& slot = cache_[std::string(sql)];
  slot = std::make_unique<Stmt>(*this, s);
  return *slot;
}

void Db::reset_all() {
  for (auto& [sql, stmt] : cache_) stmt->reset();
}

std::int64_t Db::last_id() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

void Db::set_max_page_count(std::int64_t pages) {
  exec("PRAGMA max_page_count=" + std::to_string(pages > 0 ? pages : 1073741823));
}

Tx::Tx(Db& db, Mode mode) : db_(db) {
  db_.exec(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}
Tx::~Tx() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // The transaction may already be rolled back by SQLite (e.g. after SQLITE_FULL).
    }
  }
}
void Tx::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

Pool::Pool(const std::string& path, std::size_t size, const Options& opt) : path_(path), size_(size) {
  for (std::size_t i = 0; i < size; ++i) free_.push_back(Db::open(path, opt));
}

Pool::Lease Pool::lease() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  auto db = std::move(free_.back());
  free_.pop_back();
  return Lease(*this, std::move(db));
}

Pool::Lease::~Lease() {
  if (!db_) return;
  db_->reset_all();
  {
    std::lock_guard lock(pool_->mu_);
    pool_->free_.push_back(std::move(db_));
  }
  pool_->cv_.notify_one();
}

void Pool::each(const std::function<void(Db&)>& f) {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return free_.size() == size_; });
  for (auto& db : free_) f(*db);
}

int user_version(Db& db) {
  auto& s = db.prep("PRAGMA user_version");
  s.step();
  int v = int(s.i64(0));
  s.reset();
  return v;
}

int migrate(Db& db, std::span<const Migration> migrations,
            const std::function<void(int, int)>& before_upgrade) {
  int latest = migrations.empty() ? 0 : migrations.back().version;
  int current = user_version(db);
  if (current > latest)
    throw std::runtime_error(db.path() + " has schema version " + std::to_string(current) +
                             ", newer than this program (" + std::to_string(latest) +
                             "): install the newer Tongxing version");
  if (current == latest) return current;
  if (current > 0 && before_upgrade) before_upgrade(current, latest);
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    Tx tx(db);
    // Re-check under the write lock: another process may have migrated meanwhile.
    if (user_version(db) >= m.version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version=" + std::to_string(m.version));
    tx.commit();
  }
  return current;
}

void backup_to(Db& db, const std::string& dest_path) {
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(dest_path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_close(dest);
    throw StorageError("cannot create backup " + dest_path + ": " + sqlite3_errstr(rc));
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", db.raw(), "main");
  if (!b) {
    std::string err = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw StorageError("cannot start backup to " + dest_path + ": " + err);
  }
  // Copy everything in one step, i.e. inside one read transaction: in WAL mode that snapshot
  // does not block writers, and it is consistent. Copying in small steps instead restarts the
  // copy whenever another connection commits, which under steady bookings may never finish.
  int waits = 0;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && ++waits < 2000));
  sqlite3_backup_finish(b);
  int err = sqlite3_errcode(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE) throw StorageError("backup to " + dest_path + " failed: " + sqlite3_errstr(err));
}

std::vector<std::string> integrity_problems(Db& db, int max) {
  std::vector<std::string> out;
  auto& s = db.prep("PRAGMA integrity_check(" + std::to_string(max) + ")");
  while (s.step()) {
    std::string line = s.text(0);
    if (line != "ok") out.push_back(line);
  }
  return out;
}

std::vector<std::string> foreign_key_problems(Db& db, int max) {
  std::vector<std::string> out;
  auto& s = db.prep("PRAGMA foreign_key_check");
  while (s.step() && int(out.size()) < max)
    out.push_back(s.text(0) + " row " + std::to_string(s.i64(1)) + " -> " + s.text(2));
  s.reset();
  return out;
}

bool table_exists(Db& db, const std::string& name) {
  auto& s = db.prep("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  s.bind_all(name);
  bool yes = s.step();
  s.reset();
  return yes;
}

}  // namespace tx::sql
