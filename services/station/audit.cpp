#include "station/audit.h"

#include <cstdint>

namespace tx::station {

namespace {
// Length-prefixed fields: no two different rows encode to the same bytes.
void put(std::string& out, std::string_view v) {
  std::uint32_t n = std::uint32_t(v.size());
  for (int i = 0; i < 4; ++i) out += char((n >> (8 * i)) & 0xff);
  out.append(v);
}
void put_opt(std::string& out, const std::optional<std::string>& v) {
  if (!v) return put(out, "-");
  out += '+';
  put(out, *v);
}
}  // namespace

std::string audit_genesis(const Vault& vault) { return vault.mac("audit-genesis-v1", "tongxing audit log"); }

std::string audit_link(const Vault& vault, const AuditRow& r) {
  std::string m;
  put(m, std::to_string(r.seq));
  put(m, r.at);
  put(m, r.actor);
  put(m, r.role);
  put(m, r.terminal);
  put(m, r.action);
  put(m, r.outcome);
  put_opt(m, r.subject_hash);
  put(m, r.object);
  put(m, r.detail);
  put_opt(m, r.note_sealed);
  put(m, r.prev_hash);
  return vault.mac("audit-chain-v1", m);
}

}  // namespace tx::station
