// The audit log's vocabulary and its hash chain (no SQL here: the rows are read and written by
// the store, audit_store.cpp).
//
// Every login, failure, view, search, reveal, change, print, export and sync of personal data
// is one row: who (actor + role), when, which terminal, what (action, object, outcome, detail)
// and which resident (subject: the keyed hash of the resident's ID number, the same hash the
// residents table is looked up by, so an auditor with the station key can list every access to
// one person without the log holding the number). `detail` is JSON of non-personal facts
// (field names, counts, event types); free text a staff member typed (a reveal's reason) goes
// to `note`, which is sealed at rest.
//
// Chain: hash(n) = BLAKE2b_k("audit-chain-v1", prev_hash || every column of row n), with k
// derived from the station vault key and hash(0) a fixed genesis value. Editing or deleting
// row n breaks the link at n; the last link is also kept in meta 'audit.head', so removing rows
// from the end is detected as well.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/secrets.h"

namespace tx::station {

// Actor: who is acting, from where.
struct Actor {
  std::string who = "resident";   // "resident", "staff:<username>", "admin-token", "cli:<user>", "system"
  std::string role = "resident";  // "resident", "staff", "station_admin", "admin", "cli", "system"
  std::string terminal;           // kiosk / staff PC id, or "cli@<host>"

  static Actor resident_at(std::string terminal) { return Actor{"resident", "resident", std::move(terminal)}; }
  static Actor system(std::string what) { return Actor{"system", "system", std::move(what)}; }
};

// AuditRecord: what happened (the row before the store adds time, sequence and links).
struct AuditRecord {
  // login | login_failed | logout | session_expired | lockout | verify | verify_failed | view |
  // search | reveal | change | print | export | sync | account | denied | verify_identity |
  // identity_flag
  std::string action;
  std::string object;                       // "appointment:17", "resident:5", "subsidies", …
  std::optional<std::string> subject_hash;  // 32-byte keyed hash of the resident's ID number
  nlohmann::json detail = nlohmann::json::object();  // non-personal facts only
  std::optional<std::string> note;          // free text typed by staff: sealed at rest
  std::string outcome = "ok";               // ok | denied | failed
};

// AuditRow: one stored row, exactly as in the table (note sealed, hashes binary).
struct AuditRow {
  std::int64_t seq = 0;
  std::string at, actor, role, terminal, action, outcome;
  std::optional<std::string> subject_hash;
  std::string object, detail;
  std::optional<std::string> note_sealed;
  std::string prev_hash, hash;
};

// audit_genesis: the "previous hash" of row 1.
std::string audit_genesis(const Vault& vault);
// audit_link: the hash row `r` must carry, given its own prev_hash.
std::string audit_link(const Vault& vault, const AuditRow& r);

// AuditCheck: the result of walking the chain.
struct AuditCheck {
  bool ok = true;
  std::int64_t entries = 0;       // rows present
  std::int64_t first_broken = 0;  // sequence number of the first broken link (0 when ok)
  std::string problem;            // "missing" | "edited" | "relinked" | "truncated" | "" (ok)
  std::string message;            // one sentence for people
  std::string head_hex;           // hash of the last good link (hex): write it down to anchor
};

}  // namespace tx::station
