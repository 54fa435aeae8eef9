// The audit log's SQL: appending a chained row and walking the chain (station/audit.h).
#include "common/secrets.h"
#include "station/store.h"

namespace tx::station {

using nlohmann::json;

namespace {
constexpr const char* kAuditCols =
    "seq, at, actor, role, terminal, action, outcome, subject_hash, object, detail, note_sealed, "
    "prev_hash, hash";

AuditRow read_row(const sql::Stmt& s) {
  AuditRow r;
  r.seq = s.i64(0);
  r.at = s.text(1);
  r.actor = s.text(2);
  r.role = s.text(3);
  r.terminal = s.text(4);
  r.action = s.text(5);
  r.outcome = s.text(6);
  if (!s.is_null(7)) r.subject_hash = s.blob_at(7);
  r.object = s.text(8);
  r.detail = s.text(9);
  if (!s.is_null(10)) r.note_sealed = s.blob_at(10);
  r.prev_hash = s.blob_at(11);
  r.hash = s.blob_at(12);
  return r;
}

// "seq:hexhash" in meta 'audit.head'.
std::optional<std::pair<std::int64_t, std::string>> read_head(sql::Db& db) {
  auto& s = db.prep("SELECT value FROM meta WHERE key = 'audit.head'");
  if (!s.step()) return std::nullopt;
  std::string v = s.text(0);
  s.reset();
  auto colon = v.find(':');
  if (colon == std::string::npos) return std::pair<std::int64_t, std::string>{-1, ""};
  auto hash = from_hex(v.substr(colon + 1));
  std::int64_t seq = -1;
  try {
    seq = std::stoll(v.substr(0, colon));
  } catch (const std::exception&) {
  }
  return std::pair<std::int64_t, std::string>{seq, hash.value_or("")};
}
}  // namespace

std::int64_t Writer::append_audit(const Actor& by, const AuditRecord& rec) {
  const Vault& v = store_.vault();
  AuditRow r;
  auto& last = db_.prep("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
  if (last.step()) {
    r.seq = last.i64(0) + 1;
    r.prev_hash = last.blob_at(1);
  } else {
    r.seq = 1;
    r.prev_hash = audit_genesis(v);
  }
  last.reset();
  r.at = store_.now_iso();
  r.actor = by.who;
  r.role = by.role;
  r.terminal = by.terminal;
  r.action = rec.action;
  r.outcome = rec.outcome;
  r.subject_hash = rec.subject_hash;
  r.object = rec.object;
  r.detail = rec.detail.is_object() ? rec.detail.dump(-1, ' ', false, json::error_handler_t::replace) : "{}";
  if (rec.note) r.note_sealed = v.seal(*rec.note);
  r.hash = audit_link(v, r);
  auto& ins = db_.prep(std::string("INSERT INTO audit_log(") + kAuditCols +
                       ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, r.seq).bind(2, r.at).bind(3, r.actor).bind(4, r.role).bind(5, r.terminal);
  ins.bind(6, r.action).bind(7, r.outcome);
  if (r.subject_hash) ins.blob(8, *r.subject_hash);
  else ins.bind(8, nullptr);
  ins.bind(9, r.object).bind(10, r.detail);
  if (r.note_sealed) ins.blob(11, *r.note_sealed);
  else ins.bind(11, nullptr);
  ins.blob(12, r.prev_hash).blob(13, r.hash);
  ins.run();
  set_meta("audit.head", std::to_string(r.seq) + ":" + to_hex(r.hash));
  return r.seq;
}

std::vector<AuditRow> Reader::audit_rows(const AuditFilter& f) {
  auto& s = db_.prep(std::string("SELECT ") + kAuditCols +
                     " FROM audit_log WHERE (?1 = 0 OR seq < ?1) AND (?2 = '' OR action = ?2) "
                     "AND (?3 IS NULL OR subject_hash = ?3) ORDER BY seq DESC LIMIT ?4");
  s.bind(1, f.before_seq).bind(2, f.action);
  if (f.subject_hash) s.blob(3, *f.subject_hash);
  else s.bind(3, nullptr);
  s.bind(4, f.limit);
  std::vector<AuditRow> out;
  while (s.step()) out.push_back(read_row(s));
  return out;
}

AuditCheck Reader::verify_audit() { return verify_audit_chain(db_, store_.vault()); }

AuditCheck verify_audit_chain(sql::Db& db, const Vault& vault) {
  AuditCheck c;
  std::string prev = audit_genesis(vault);
  std::int64_t expect = 1;
  auto broken = [&](std::int64_t at, const char* problem, std::string message) {
    c.ok = false;
    c.first_broken = at;
    c.problem = problem;
    c.message = std::move(message);
  };
  auto& s = db.prep(std::string("SELECT ") + kAuditCols + " FROM audit_log ORDER BY seq");
  while (s.step()) {
    AuditRow r = read_row(s);
    ++c.entries;
    if (!c.ok) continue;  // keep counting rows after the first break
    const std::string n = std::to_string(expect);
    if (r.seq != expect) {
      broken(expect, "missing",
             "entry " + n + " is missing: the entries before and after it do not link (deleted)");
    } else if (r.prev_hash != prev) {
      broken(r.seq, "relinked", "entry " + n + " does not link to the entry before it (entries removed or reordered)");
    } else if (audit_link(vault, r) != r.hash) {
      broken(r.seq, "edited", "entry " + n + " was changed after it was written (its contents do not match its hash)");
    } else {
      prev = r.hash;
      ++expect;
    }
  }
  s.reset();
  if (!c.ok) return c;
  c.head_hex = to_hex(prev);
  auto head = read_head(db);
  const std::int64_t last = expect - 1;
  if (head && head->first != last) {
    broken(last + 1, "truncated",
           "entries after " + std::to_string(last) + " are missing (the log ended at entry " +
               std::to_string(head->first) + ")");
  } else if (head && head->second != prev) {
    broken(last, "edited", "entry " + std::to_string(last) + " does not match the recorded end of the log");
  } else if (!head && last > 0) {
    broken(last + 1, "truncated", "the record of the log's last entry is missing");
  }
  if (!c.ok) c.head_hex.clear();
  else c.message = "audit log intact: " + std::to_string(c.entries) + " entries";
  return c;
}

}  // namespace tx::station
