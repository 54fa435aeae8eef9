#include "station/maintenance.h"

#include <fstream>

#include "common/secrets.h"
#include "station/store.h"
#include "store/sqlite.h"

namespace tx::station {

namespace {
std::int64_t count_rows(sql::Db& db, const char* table) {
  auto& s = db.prep(std::string("SELECT count(*) FROM ") + table);
  s.step();
  auto n = s.i64(0);
  s.reset();
  return n;
}

std::optional<std::string> meta_value(sql::Db& db, const char* key) {
  auto& s = db.prep("SELECT value FROM meta WHERE key = ?");
  s.bind_all(key);
  if (!s.step()) return std::nullopt;
  auto v = s.text(0);
  s.reset();
  return v;
}

// A sealed value to try the key on: proof beyond the fingerprint that the key opens the data.
std::optional<std::string> sample_sealed(sql::Db& db) {
  auto& s = db.prep("SELECT id_sealed FROM residents ORDER BY id LIMIT 1");
  if (!s.step()) return std::nullopt;
  auto v = s.blob_at(0);
  s.reset();
  return v;
}
}  // namespace

DbCheck check_database(const std::string& path, const std::string& key_file) {
  DbCheck c;
  c.key = "not checked";
  if (!std::ifstream(path).good()) {
    c.problems.push_back("cannot read " + path);
    return c;
  }
  try {
    sql::Options o;
    o.create = false;
    o.read_only = true;
    auto db = sql::Db::open(path, o);
    for (const auto& p : sql::integrity_problems(*db)) c.problems.push_back("integrity: " + p);
    for (const auto& p : sql::foreign_key_problems(*db)) c.problems.push_back("foreign key: " + p);
    c.schema_version = sql::user_version(*db);

    if (sql::table_exists(*db, "residents") && sql::table_exists(*db, "outbox")) {
      c.kind = "station";
      c.latest_version = station_migrations().back().version;
    } else if (sql::table_exists(*db, "stations")) {
      c.kind = "central";  // integrity and schema version only; the central server checks the rest
    } else {
      c.kind = "unknown";
      c.problems.push_back("not a Tongxing database (no station or central tables)");
    }
    if (c.latest_version > 0) {
      if (c.schema_version == c.latest_version) c.schema = "current";
      else if (c.schema_version < c.latest_version) c.schema = "older (upgraded at next start)";
      else {
        c.schema = "newer than this program";
        c.problems.push_back("schema version " + std::to_string(c.schema_version) + " is newer than this program's " +
                             std::to_string(c.latest_version) + ": install the newer Tongxing version first");
      }
    }

    if (c.kind == "station") {
      c.residents = count_rows(*db, "residents");
      c.appointments = count_rows(*db, "appointments");
      c.outbox = count_rows(*db, "outbox");
      c.stored_fingerprint = meta_value(*db, "vault_fingerprint");
      if (!key_file.empty()) {
        c.key_file = key_file;
        try {
          Vault v = Vault::open_or_create(key_file, false);
          c.key_fingerprint = v.fingerprint();
          bool match = c.stored_fingerprint && *c.stored_fingerprint == *c.key_fingerprint;
          if (match) {
            auto sample = sample_sealed(*db);
            if (sample && !v.open(*sample)) match = false;  // fingerprint agrees but data does not open
          }
          c.key = match ? "matches" : "does not match";
          if (!match)
            c.problems.push_back("the key " + key_file + " (fingerprint " + *c.key_fingerprint +
                                 ") does not open this database (it was sealed with " +
                                 c.stored_fingerprint.value_or("no recorded key") + ")");
        } catch (const std::exception& e) {
          c.key = "unreadable";
          c.problems.push_back(std::string("key: ") + e.what());
        }
      } else if (c.residents == 0 && c.outbox == 0) {
        c.key = "no personal data";
      } else {
        c.problems.push_back("the vault key was not checked: give --key FILE (the database's .key file); "
                             "without the right key the personal data in it cannot be read");
      }
    }
  } catch (const std::exception& e) {
    c.problems.push_back(std::string("cannot open as a database: ") + e.what());
  }
  c.ok = c.problems.empty();
  return c;
}

}  // namespace tx::station
