// tongxing-ctl backup / verify / restore: the station's (or a SQLite central's) database file.
//
//   backup  — SQLite online backup: one consistent snapshot while the service keeps writing;
//             written beside the target as FILE.partial, checked, fsynced, then renamed, so a
//             crash or full disk never leaves a half backup under the final name.
//   verify  — integrity_check, foreign keys, schema version, and that the vault key opens the
//             sealed personal data (station/maintenance.h).
//   restore — verify first; refuse while a service holds the database; keep the current file
//             as <db>.before-restore-<time>; put the backup (and, if given, its key) in place
//             with the owner of the data directory.
// The vault key is never written into a backup: whoever holds both holds the personal data.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/secrets.h"
#include "common/sysinfo.h"
#include "ctl/ctl.h"
#include "station/maintenance.h"
#include "store/sqlite.h"

namespace tx::ctl {

namespace {

const char* kDefaultDb = "/var/lib/tongxing/station.db";

bool exists(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0;
}
bool is_dir(const std::string& p) {
  struct stat st;
  return ::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}
std::string dir_of(const std::string& p) {
  auto slash = p.rfind('/');
  return slash == std::string::npos ? "." : (slash == 0 ? "/" : p.substr(0, slash));
}
std::string base_of(const std::string& p) {
  auto slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// stamp: UTC time for file names, "20261125T021500Z".
std::string stamp() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

void fsync_path(const std::string& p, bool directory) {
  int fd = ::open(p.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open " + p + " to flush it: " + std::strerror(errno));
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw std::runtime_error("cannot flush " + p + " to disk: " + std::strerror(errno));
}

void rename_or_throw(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0)
    throw std::runtime_error("cannot rename " + from + " to " + to + ": " + std::strerror(errno));
}

// give_to_owner_of: when run as root (a technician with sudo), files we create must belong to
// the service's user, or the service cannot open them after a restore.
void give_to_owner_of(const std::string& file, const std::string& reference) {
  if (::geteuid() != 0) return;
  struct stat st;
  if (::stat(reference.c_str(), &st) != 0) return;
  if (::chown(file.c_str(), st.st_uid, st.st_gid) != 0)
    throw std::runtime_error("cannot give " + file + " to the service's user: " + std::strerror(errno));
}

// copy_db: a consistent copy of `from` at `to` (created), in the journal mode asked for.
// A backup being restored is opened read-only: it may sit on write-protected media, and opening
// it read-write would switch it to WAL mode and leave -wal/-shm files beside it.
void copy_db(const std::string& from, const std::string& to, const char* journal_mode, bool from_read_only) {
  {
    sql::Options o;
    o.create = false;
    o.read_only = from_read_only;
    auto src = sql::Db::open(from, o);
    sql::backup_to(*src, to);
  }
  auto dst = sql::Db::open(to, sql::Options{.create = false});
  dst->exec(std::string("PRAGMA journal_mode=") + journal_mode);
  auto problems = sql::integrity_problems(*dst, 5);
  if (!problems.empty()) throw std::runtime_error("the copy at " + to + " fails integrity_check: " + problems.front());
}

std::string default_key_for(const std::string& db) { return db + ".key"; }

nlohmann::json check_json(const station::DbCheck& c, const std::string& file) {
  nlohmann::json j = {{"file", file},
                      {"ok", c.ok},
                      {"kind", c.kind},
                      {"schema_version", c.schema_version},
                      {"latest_version", c.latest_version},
                      {"schema", c.schema},
                      {"key", c.key},
                      {"key_file", c.key_file},
                      {"stored_fingerprint", c.stored_fingerprint ? nlohmann::json(*c.stored_fingerprint) : nlohmann::json(nullptr)},
                      {"key_fingerprint", c.key_fingerprint ? nlohmann::json(*c.key_fingerprint) : nlohmann::json(nullptr)},
                      {"problems", c.problems}};
  if (c.residents >= 0)
    j["counts"] = {{"residents", c.residents}, {"appointments", c.appointments}, {"outbox", c.outbox}};
  return j;
}

void print_check(std::ostream& out, const station::DbCheck& c, const std::string& file) {
  out << file << "\n";
  out << "  integrity:      " << (std::none_of(c.problems.begin(), c.problems.end(),
                                               [](const std::string& p) { return p.rfind("integrity", 0) == 0 || p.rfind("foreign", 0) == 0 || p.rfind("cannot", 0) == 0; })
                                      ? "ok"
                                      : "FAILED")
      << "\n";
  out << "  kind:           " << c.kind << "\n";
  out << "  schema version: " << c.schema_version;
  if (c.latest_version) out << " (this program: " << c.latest_version << ", " << c.schema << ")";
  out << "\n";
  if (c.kind == "station") {
    out << "  vault key:      " << c.key;
    if (!c.key_file.empty()) out << " (" << c.key_file << ")";
    out << "\n  counts:         " << c.residents << " residents, " << c.appointments << " appointments, "
        << c.outbox << " outbox events\n";
  }
  for (const auto& p : c.problems) out << "  PROBLEM: " << p << "\n";
  out << (c.ok ? "  result: OK\n" : "  result: NOT OK\n");
}

// prune: keeps the newest `keep` backups named <stem>-<stamp>.db in `dir`; returns removed.
int prune(const std::string& dir, const std::string& stem, int keep) {
  std::vector<std::string> ours;
  if (DIR* d = ::opendir(dir.c_str())) {
    while (auto* e = ::readdir(d)) {
      std::string n = e->d_name;
      // <stem>-YYYYMMDDTHHMMSSZ.db: the stamp sorts by time as text.
      if (n.size() == stem.size() + 1 + 16 + 3 && n.rfind(stem + "-", 0) == 0 && n.ends_with("Z.db")) ours.push_back(n);
    }
    ::closedir(d);
  }
  std::sort(ours.begin(), ours.end());
  int removed = 0;
  for (std::size_t i = 0; i + std::size_t(keep) < ours.size(); ++i)
    if (::unlink((dir + "/" + ours[i]).c_str()) == 0) ++removed;
  return removed;
}

std::string db_arg(const Args& args) {
  std::string db = args.get_or("db", kDefaultDb);
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0)
    throw std::invalid_argument(
        "a PostgreSQL central database is backed up with PostgreSQL's own tools (pg_dump -Fc); "
        "see docs/operations.md");
  return db;
}

}  // namespace

int cmd_db_backup(const Args& args) {
  args.check({"db", "keep", "yes", "json", "out", "config", "key-file"});
  const auto& pos = args.positional();
  // DEST as a word (`backup FILE`, the documented form) or as --out FILE.
  if (pos.size() != 2 && !(pos.size() == 1 && args.get("out")))
    throw std::invalid_argument("usage: tongxing-ctl backup [--db FILE] [--key-file FILE] [--keep N] DEST");
  std::string db = db_arg(args);
  int keep = int(args.int_or("keep", 0));
  if (keep < 0) throw std::invalid_argument("--keep must be 0 (keep all) or more");
  if (!exists(db)) throw std::runtime_error("no database at " + db + " (give --db FILE)");

  std::string dest = pos.size() == 2 ? pos[1] : *args.get("out");
  std::string stem = base_of(db);
  if (stem.ends_with(".db")) stem.resize(stem.size() - 3);
  bool into_dir = is_dir(dest) || dest.ends_with("/");
  if (into_dir) {
    if (!is_dir(dest) && ::mkdir(dest.c_str(), 0750) != 0)
      throw std::runtime_error("cannot create " + dest + ": " + std::strerror(errno));
    while (dest.size() > 1 && dest.back() == '/') dest.pop_back();
    dest += "/" + stem + "-" + stamp() + ".db";
  }
  if (exists(dest) && !args.flag("yes"))
    throw std::runtime_error(dest + " exists; choose another name or add --yes to replace it");

  // A backup is an export of personal data (sealed, but still): audited before the copy.
  const std::string key = station_key_file(args, station_config(args), db);
  audit_cli_export(db, key, "backup", dest);
  auto started = std::chrono::steady_clock::now();
  std::string partial = dest + ".partial";
  ::unlink(partial.c_str());
  try {
    copy_db(db, partial, "DELETE", false);  // one self-contained file, no -wal beside it
    ::chmod(partial.c_str(), 0600);  // sealed personal data and masked names: not for everyone
    fsync_path(partial, false);
    rename_or_throw(partial, dest);
    fsync_path(dir_of(dest), true);
  } catch (...) {
    ::unlink(partial.c_str());
    throw;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto check = station::check_database(dest, exists(key) ? key : "");
  int removed = into_dir && keep > 0 ? prune(dir_of(dest), stem, keep) : 0;

  if (args.flag("json")) {
    auto j = check_json(check, dest);
    j["bytes"] = file_size(dest);
    j["seconds"] = secs;
    j["pruned"] = removed;
    std::cout << j.dump() << "\n";
  } else {
    std::cout << "backup written: " << dest << " (" << file_size(dest) << " bytes in " << secs << " s)\n";
    print_check(std::cout, check, dest);
    if (removed > 0) std::cout << "removed " << removed << " older backup(s), keeping " << keep << "\n";
    if (check.kind == "station")
      std::cout << "note: the vault key (" << key
                << ") is not in the backup; keep one copy of it apart from the backups (docs/operations.md)\n";
  }
  if (!check.ok) {
    std::cerr << "tongxing-ctl: the backup was written but does not verify; see the problems above\n";
    return 1;
  }
  return 0;
}

int cmd_db_verify(const Args& args) {
  args.check({"key", "db", "json"});
  const auto& pos = args.positional();
  if (pos.size() != 2) throw std::invalid_argument("usage: tongxing-ctl verify FILE [--key KEYFILE]");
  std::string file = pos[1];
  // The key: given, or beside the file, or the live station's (a nightly backup has none beside it).
  std::string key = args.get_or("key", "");
  if (key.empty() && exists(default_key_for(file))) key = default_key_for(file);
  if (key.empty()) {
    std::string live = default_key_for(args.get_or("db", kDefaultDb));
    if (exists(live)) key = live;
  }
  auto c = station::check_database(file, key);
  if (args.flag("json")) std::cout << check_json(c, file).dump() << "\n";
  else print_check(std::cout, c, file);
  return c.ok ? 0 : 1;
}

int cmd_db_restore(const Args& args) {
  args.check({"db", "key", "yes"});
  const auto& pos = args.positional();
  if (pos.size() != 2)
    throw std::invalid_argument("usage: tongxing-ctl restore BACKUP [--db FILE] [--key KEYFILE] --yes");
  std::string backup = pos[1];
  std::string db = db_arg(args);
  std::string live_key = default_key_for(db);
  std::string key = args.get_or("key", exists(live_key) ? live_key : "");

  auto c = station::check_database(backup, key);
  print_check(std::cout, c, backup);
  if (!c.ok) {
    std::cerr << "tongxing-ctl: not restoring a backup that does not verify\n";
    return 1;
  }
  if (InstanceLock::held_by_other(db + ".lock")) {
    std::cerr << "tongxing-ctl: a service is using " << db << "; stop it first (sudo systemctl stop "
              << (c.kind == "central" ? "tongxing-centrald" : "tongxing-stationd") << "), then restore\n";
    return 1;
  }
  if (!args.flag("yes")) {
    std::cout << "would replace " << db << " with " << backup
              << (exists(db) ? " (the current file is kept as " + db + ".before-restore-<time>)" : std::string())
              << "\nrun again with --yes to do it\n";
    return 2;
  }

  std::string data_dir = dir_of(db);
  if (!is_dir(data_dir) && ::mkdir(data_dir.c_str(), 0750) != 0)
    throw std::runtime_error("cannot create " + data_dir + ": " + std::strerror(errno));
  std::string ts = stamp();
  std::string tmp = db + ".restore-" + ts;
  ::unlink(tmp.c_str());
  try {
    copy_db(backup, tmp, "WAL", true);
    ::chmod(tmp.c_str(), 0600);
    give_to_owner_of(tmp, data_dir);
    fsync_path(tmp, false);
  } catch (...) {
    ::unlink(tmp.c_str());
    ::unlink((tmp + "-wal").c_str());
    ::unlink((tmp + "-shm").c_str());
    throw;
  }
  // The copy is WAL-mode but checkpointed and closed: only the main file matters.
  ::unlink((tmp + "-wal").c_str());
  ::unlink((tmp + "-shm").c_str());

  std::string aside;
  if (exists(db)) {
    aside = db + ".before-restore-" + ts;
    rename_or_throw(db, aside);
    if (exists(db + "-wal")) rename_or_throw(db + "-wal", aside + "-wal");
  }
  ::unlink((db + "-shm").c_str());
  ::unlink((db + "-wal").c_str());
  rename_or_throw(tmp, db);

  // The key: install the given one when it is not already the live key.
  if (!key.empty() && key != live_key) {
    std::string content;
    {
      std::ifstream in(key, std::ios::binary);
      content.assign(std::istreambuf_iterator<char>(in), {});
    }
    while (!content.empty() && (content.back() == '\n' || content.back() == '\r')) content.pop_back();
    if (exists(live_key)) rename_or_throw(live_key, live_key + ".before-restore-" + ts);
    write_secret_file(live_key, content);
    give_to_owner_of(live_key, data_dir);
  }
  fsync_path(data_dir, true);

  std::cout << "restored " << backup << " to " << db << "\n";
  if (!aside.empty()) std::cout << "the previous database is kept as " << aside << "\n";
  std::cout << "start the service again: sudo systemctl start "
            << (c.kind == "central" ? "tongxing-centrald" : "tongxing-stationd") << "\n";
  return 0;
}

}  // namespace tx::ctl
