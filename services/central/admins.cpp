#include "central/admins.h"

#include "central/store.h"
#include "common/errors.h"
#include "common/log.h"
#include "common/secrets.h"
#include "domain/date.h"

namespace tx::central {

using nlohmann::json;

namespace {
bool valid_username(const std::string& u) {
  if (u.empty() || u.size() > 64) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
          c == '@' || c == '-'))
      return false;
  return true;
}
json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
}  // namespace

AdminAccounts::AdminAccounts(Engine& engine, const Clock& clock, PinCost cost, std::chrono::seconds idle,
                             LockPolicy lock)
    : engine_(engine), clock_(clock), cost_(cost), idle_(idle), lock_(lock) {}

void AdminAccounts::add(const std::string& username, const std::string& password, const std::string& role,
                        const std::optional<std::string>& district) {
  if (!valid_username(username)) throw ApiError("invalid_field", "username", "format");
  if (role != "admin" && role != "viewer") throw ApiError("invalid_field", "role", "unknown");
  if (district && (district->empty() || district->size() > 100)) throw ApiError("invalid_field", "district", "length");
  if (password.size() < 8) throw ApiError("weak_pin", "password", "length");
  if (auto weak = check_pin_strength(password, username)) throw ApiError("weak_pin", "password", *weak);
  std::string hash = hash_pin(password, cost_);
  try {
    write([&](Conn& c) {
      c.run(Q::admin_user_insert, {username, hash, role, district ? Value(*district) : Value(nullptr),
                                   iso_utc(clock_.now())});
      c.run(Q::admin_audit_insert, {iso_utc(clock_.now()), std::string("tongxing-ctl"), std::string("admin.add"),
                                    username + " (" + role + (district ? ", " + *district : std::string()) + ")",
                                    std::int64_t(201), std::string("local")});
    });
  } catch (const sql::ConstraintError&) {
    throw ApiError("conflict", "username", "taken");
  }
}

json AdminAccounts::list() {
  Rows r;
  engine_.transact(Engine::read, [&](Conn& c) { r = c.run(Q::admin_users_list); });
  json arr = json::array();
  for (std::size_t i = 0; i < r.size(); ++i)
    arr.push_back({{"username", r.text(i, 0)}, {"role", r.text(i, 1)}, {"district", opt(r.opt_text(i, 2))},
                   {"created_at", r.text(i, 3)}, {"disabled", !r.is_null(i, 4)}});
  return arr;
}

std::optional<AdminAccounts::Login> AdminAccounts::login(const std::string& username, const std::string& password,
                                                         const std::string& remote) {
  Rows r;
  bool locked = false, locks_now = false;
  // The failure is counted before the password is checked, with the account's row locked: N
  // guesses at once are N failures. A success below resets the count.
  if (valid_username(username))
    write([&](Conn& c) {
      r = c.run(Q::admin_user_claim, {username});
      if (r.empty()) return;
      const auto now = clock_.now();
      auto until = r.opt_text(0, 5);
      auto until_t = until ? parse_iso_utc(*until) : std::nullopt;
      if (until_t && now < *until_t) {
        locked = true;
        return;
      }
      const std::int64_t failures = (until ? 0 : r.i64(0, 4)) + 1;  // a lock that ran out starts afresh
      locks_now = failures >= lock_.max_failures;
      c.run(Q::admin_user_failures,
            {failures, locks_now ? Value(iso_utc(now + lock_.lock)) : Value(nullptr), username});
    });
  bool ok = false;
  if (r.empty() || locked) {
    burn_pin_check(password, cost_);  // an unknown name or a locked account takes as long as a wrong password
  } else {
    ok = verify_pin(password, r.text(0, 0)) && r.is_null(0, 3);
  }
  const std::string who = valid_username(username) ? username : "(invalid name)";
  if (!ok) {
    // One answer for every refusal (the caller sends 401 login_failed); the audit says which.
    audit(who, locked ? "login (locked)" : locks_now ? "lockout" : "login", "console", 401, remote);
    log::warn("central", "console sign-in refused for " + who + " from " + remote +
                             (locked ? ": account locked" : locks_now ? ": too many failures, account locked" : ""));
    return std::nullopt;
  }
  Login out{random_hex(32), {{username, r.text(0, 1), r.opt_text(0, 2)}, random_hex(32)}};
  std::string now = iso_utc(clock_.now());
  write([&](Conn& c) {
    c.run(Q::admin_user_failures, {std::int64_t(0), Value(nullptr), username});
    c.run(Q::admin_sessions_expire, {iso_utc(clock_.now() - idle_)});
    c.run(Q::admin_session_insert, {Blob{token_hash(out.token)}, username, out.session.csrf, now, now, remote});
    c.run(Q::admin_audit_insert, {now, username, std::string("login"), std::string("console"), std::int64_t(200), remote});
  });
  log::info("central", "console sign-in: " + username + " from " + remote);
  return out;
}

std::optional<AdminSession> AdminAccounts::session(const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const auto now = clock_.now();
  std::optional<AdminSession> out;
  write([&](Conn& c) {
    auto r = c.run(Q::admin_session_get, {Blob{token_hash(token)}});
    if (r.empty()) return;
    auto last = parse_iso_utc(r.text(0, 2));
    if (!last || now - *last > idle_ || !r.is_null(0, 5)) {
      c.run(Q::admin_session_delete, {Blob{token_hash(token)}});
      return;
    }
    c.run(Q::admin_session_touch, {iso_utc(now), Blob{token_hash(token)}});
    out = AdminSession{{r.text(0, 0), r.text(0, 3), r.opt_text(0, 4)}, r.text(0, 1)};
  });
  return out;
}

void AdminAccounts::logout(const std::string& token) {
  write([&](Conn& c) { c.run(Q::admin_session_delete, {Blob{token_hash(token)}}); });
}

void AdminAccounts::audit(const std::string& actor, const std::string& action, const std::string& target, int status,
                          const std::string& remote) {
  write([&](Conn& c) {
    c.run(Q::admin_audit_insert, {iso_utc(clock_.now()), actor.substr(0, 64), action.substr(0, 100),
                                  target.substr(0, 300), std::int64_t(status), remote.substr(0, 64)});
  });
}

json AdminAccounts::audit_log(int limit) {
  Rows r;
  engine_.transact(Engine::read, [&](Conn& c) { r = c.run(Q::admin_audit_list, {std::int64_t(limit)}); });
  json arr = json::array();
  for (std::size_t i = 0; i < r.size(); ++i)
    arr.push_back({{"id", r.i64(i, 0)}, {"at", r.text(i, 1)}, {"actor", r.text(i, 2)}, {"action", r.text(i, 3)},
                   {"target", r.text(i, 4)}, {"status", r.i64(i, 5)}, {"remote", r.text(i, 6)}});
  return arr;
}

}  // namespace tx::central
