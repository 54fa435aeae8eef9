// Checks an administrator runs on a station database file that no service has open, or on a
// backup of one (`tongxing-ctl verify`, and `restore` before it swaps anything): the file is a
// healthy SQLite database, its schema version is one this program can run (or upgrade), and the
// vault key really opens its sealed personal data. Read-only: the file is never changed.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tx::station {

struct DbCheck {
  bool ok = false;              // every check passed
  std::string kind;             // "station", "central" or "unknown"
  int schema_version = 0;
  int latest_version = 0;       // of this program, for the kind found (0: unknown)
  std::string schema;           // "current" | "older (upgraded at next start)" | "newer than this program"
  std::optional<std::string> stored_fingerprint;  // meta.vault_fingerprint
  std::optional<std::string> key_fingerprint;     // of the key file checked
  std::string key_file;                           // the key file checked ("" = none)
  std::string key;              // "matches" | "does not match" | "not checked" | "no personal data"
  std::int64_t residents = -1, appointments = -1, outbox = -1;
  std::vector<std::string> problems;  // why ok is false, one line each
};

// check_database: runs every check on `path`. `key_file` may be empty (the key is then not
// checked, which counts as a problem when the database holds sealed data). Never throws for a
// bad file: what is wrong ends up in problems.
DbCheck check_database(const std::string& path, const std::string& key_file);

}  // namespace tx::station
