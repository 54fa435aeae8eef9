#include "station/staff_auth.h"

#include <sodium.h>

#include "common/errors.h"
#include "common/log.h"
#include "domain/identity.h"

namespace tx::station {

std::optional<Role> role_from(std::string_view s) {
  if (s == "staff") return Role::staff;
  if (s == "station_admin") return Role::station_admin;
  return std::nullopt;
}

static Actor staff_actor(const StaffAccount& a, const std::string& terminal) {
  return Actor{"staff:" + a.username, a.role, terminal};
}

Actor StaffSession::actor(const std::string& terminal_now) const { return staff_actor(account, terminal_now); }

namespace {
std::string lower(const std::string& s) {
  std::string out;
  for (char c : s) out += char(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

bool valid_username(const std::string& u) {
  if (u.size() < 2 || u.size() > 32) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
  return true;
}


std::string token_hash(const Store& store, const std::string& token) {
  return store.vault().mac("staff-session", token);
}

StaffAccount scrub(StaffAccount a) {
  a.pin_hash.clear();
  return a;
}

std::string random_digits(int n) {
  std::string s;
  while (int(s.size()) < n) s += char('0' + randombytes_uniform(10));
  return s;
}
}  // namespace

std::string one_time_pin(const std::string& username) {
  std::string pin;
  do pin = random_digits(8);
  while (check_pin_strength(pin, username));
  return pin;
}

StaffAuth::StaffAuth(const StationConfig& cfg, Store& store, PinCost cost)
    : cfg_(cfg), store_(store), cost_(cost),
      caller_failures_(20, std::chrono::seconds(15 * 60), store.clock()) {}

StaffAccount StaffAuth::require_account(const std::string& username) {
  auto a = store_.read([&](Reader& r) { return r.staff_by_username(username); });
  if (!a) throw ApiError("not_found");
  return *a;
}

StaffAccount StaffAuth::add_account(const std::string& username_in, const std::string& display_name,
                                    const std::string& role, const std::string& pin, bool must_change,
                                    const Actor& by) {
  std::string username = lower(username_in);
  if (!valid_username(username)) throw ApiError("invalid_field", "username", "format");
  auto name = check_name(display_name);
  if (!name) throw ApiError("invalid_field", "display_name", "format");
  if (!role_from(role)) throw ApiError("invalid_field", "role", "unknown");
  if (auto weak = check_pin_strength(pin, username)) throw ApiError("weak_pin", "pin", *weak);
  std::string hash = hash_pin(pin, cost_);
  auto id = store_.write([&](Writer& w) {
    if (w.staff_by_username(username)) throw ApiError("conflict", "username", "taken");
    auto id = w.add_staff(username, name.value(), role, hash, must_change);
    w.append_audit(by, {.action = "account", .object = "staff:" + username,
                        .detail = {{"change", "created"}, {"role", role}}});
    return id;
  });
  return scrub(*store_.read([&](Reader& r) { return r.staff_by_id(id); }));
}

StaffAccount StaffAuth::set_status(const std::string& username, const std::string& status, const Actor& by) {
  if (status != "active" && status != "disabled") throw ApiError("invalid_field", "status", "unknown");
  auto a = require_account(username);
  store_.write([&](Writer& w) {
    w.set_staff_status(a.id, status);
    int ended = status == "disabled" ? w.end_sessions_of(a.id, "disabled") : 0;
    w.append_audit(by, {.action = "account", .object = "staff:" + a.username,
                        .detail = {{"change", status == "disabled" ? "disabled" : "enabled"}, {"sessions_ended", ended}}});
  });
  return scrub(*store_.read([&](Reader& r) { return r.staff_by_id(a.id); }));
}

std::string StaffAuth::reset_pin(const std::string& username, const std::string& pin_in, const Actor& by) {
  auto a = require_account(username);
  std::string pin = pin_in.empty() ? one_time_pin(username) : pin_in;
  if (auto weak = check_pin_strength(pin, username)) throw ApiError("weak_pin", "pin", *weak);
  std::string hash = hash_pin(pin, cost_);
  store_.write([&](Writer& w) {
    w.set_staff_pin(a.id, hash, true);
    int ended = w.end_sessions_of(a.id, "pin_reset");
    w.append_audit(by, {.action = "account", .object = "staff:" + a.username,
                        .detail = {{"change", "pin_reset"}, {"sessions_ended", ended}}});
  });
  return pin;
}

StaffAccount StaffAuth::unlock(std::int64_t staff_id, const Actor& by) {
  auto a = store_.write([&](Writer& w) {
    auto a = w.staff_by_id(staff_id);
    if (!a) throw ApiError("not_found");
    w.set_staff_failures(a->id, 0, std::nullopt);
    w.append_audit(by, {.action = "account", .object = "staff:" + a->username, .detail = {{"change", "unlocked"}}});
    return *w.staff_by_id(staff_id);
  });
  return scrub(a);
}

std::vector<StaffAccount> StaffAuth::accounts() {
  auto list = store_.read([](Reader& r) { return r.staff_accounts(); });
  for (auto& a : list) a = scrub(std::move(a));
  return list;
}

LoginResult StaffAuth::login(const std::string& username_in, const std::string& pin, const std::string& terminal,
                             const std::string& limit_key) {
  std::string username = lower(username_in);
  const bool well_formed = valid_username(username);
  // The audit names the account tried only when it is a possible name (never arbitrary input).
  Actor by{well_formed ? "staff:" + username : "staff:?", "", terminal};
  auto fail_terminal = [&] {
    if (!caller_failures_.allow(limit_key)) {
      log::warn("staff", "too many failed staff logins from " + limit_key + " (terminal " + terminal + ")");
      throw ApiError("rate_limited");
    }
  };
  const auto now = store_.clock().now();
  std::optional<StaffAccount> a;
  if (well_formed) a = store_.read([&](Reader& r) { return r.staff_by_username(username); });
  if (a) by.role = a->role;

  if (!a || a->status != "active") {
    burn_pin_check(pin, cost_);
    store_.write([&](Writer& w) {
      w.append_audit(by, {.action = "login_failed", .object = "staff", .detail = {{"account", a ? "disabled" : "unknown"}},
                          .outcome = "failed"});
    });
    log::info("staff", "staff login failed (no such active account) from terminal " + terminal);
    fail_terminal();
    throw ApiError("login_failed");
  }
  const Claim claim = claim_attempt(a->id);
  if (claim.refused) {
    store_.write([&](Writer& w) {
      w.append_audit(by, {.action = "login_failed", .object = "staff", .detail = {{"locked", true}}, .outcome = "denied"});
    });
    throw ApiError("account_locked");
  }
  if (!verify_pin(pin, claim.pin_hash)) {
    // The failure was counted by the claim; this row says so.
    const bool locked = claim.after.locked_until.has_value();
    store_.write([&](Writer& w) {
      w.append_audit(by, {.action = locked ? "lockout" : "login_failed", .object = "staff",
                          .detail = {{"failures", claim.after.failures}}, .outcome = locked ? "denied" : "failed"});
    });
    log::info("staff", "staff login failed for " + username + " from terminal " + terminal + (locked ? ": account locked" : ""));
    if (locked) throw ApiError("account_locked");
    fail_terminal();
    throw ApiError("login_failed");
  }
  std::optional<std::string> rehash;
  if (pin_needs_rehash(claim.pin_hash, cost_)) rehash = hash_pin(pin, cost_);

  LoginResult out;
  out.token = random_hex(32);
  store_.write([&](Writer& w) {
    if (rehash) w.set_staff_pin(a->id, *rehash, a->must_change_pin);
    w.staff_logged_in(a->id);
    w.purge_sessions(iso_utc(now - std::chrono::hours(24 * 30)));
    auto sid = w.add_session(token_hash(store_, out.token), a->id, terminal);
    w.append_audit(by, {.action = "login", .object = "staff", .detail = {{"session", sid}}});
  });
  log::info("staff", "staff " + username + " signed in at terminal " + terminal);
  out.session = authenticate(out.token, terminal, Use::passive);
  return out;
}

StaffSession StaffAuth::authenticate(const std::string& token, const std::string& terminal, Use use) {
  if (token.size() != 64) throw ApiError("unauthorized");
  const std::string hash = token_hash(store_, token);
  const auto now = store_.clock().now();
  struct Found {
    std::optional<StaffSessionRow> s;
    std::optional<StaffAccount> a;
  };
  Found f = store_.read([&](Reader& r) {
    Found f;
    f.s = r.session_by_token_hash(hash);
    if (f.s) f.a = r.staff_by_id(f.s->staff_id);
    return f;
  });
  if (!f.s || !f.a) throw ApiError("unauthorized");
  if (f.s->ended_at) {
    const auto& why = f.s->end_reason.value_or("");
    throw ApiError(why == "idle" || why == "expired" ? "session_expired" : "unauthorized");
  }
  if (f.a->status != "active") throw ApiError("unauthorized");
  auto last = parse_iso_utc(f.s->last_seen).value_or(now);
  auto created = parse_iso_utc(f.s->created_at).value_or(now);
  const char* end = nullptr;
  if (now - last >= std::chrono::minutes(cfg_.session_idle_minutes)) end = "idle";
  else if (now - created >= std::chrono::hours(cfg_.session_max_hours)) end = "expired";
  if (end) {
    store_.write([&](Writer& w) {
      w.end_session(f.s->id, end);
      w.append_audit(staff_actor(*f.a, terminal),
                     {.action = "session_expired", .object = "staff", .detail = {{"session", f.s->id}, {"reason", end}}});
    });
    throw ApiError("session_expired");
  }
  if (use == Use::active) store_.write([&](Writer& w) { w.touch_session(f.s->id); });
  StaffSession s;
  s.session_id = f.s->id;
  s.account = scrub(*f.a);
  s.terminal = f.s->terminal;
  s.created_at = f.s->created_at;
  s.last_seen = use == Use::active ? store_.now_iso() : f.s->last_seen;
  return s;
}

void StaffAuth::logout(const StaffSession& s, const std::string& terminal) {
  store_.write([&](Writer& w) {
    w.end_session(s.session_id, "logout");
    w.append_audit(s.actor(terminal), {.action = "logout", .object = "staff", .detail = {{"session", s.session_id}}});
  });
}

void StaffAuth::change_pin(const StaffSession& s, const std::string& old_pin, const std::string& new_pin,
                           const std::string& terminal) {
  const Claim claim = claim_attempt(s.account.id);
  auto audit_failed = [&](Writer& w, const nlohmann::json& detail, const char* outcome) {
    w.append_audit(s.actor(terminal), {.action = "account", .object = "staff:" + s.account.username,
                                       .detail = detail, .outcome = outcome});
  };
  if (claim.refused) {
    store_.write([&](Writer& w) { audit_failed(w, {{"change", "pin_change"}, {"locked", true}}, "denied"); });
    throw ApiError("account_locked");
  }
  if (!verify_pin(old_pin, claim.pin_hash)) {
    const bool locked = claim.after.locked_until.has_value();
    store_.write([&](Writer& w) {
      int ended = locked ? w.end_sessions_of(s.account.id, "locked") : 0;
      audit_failed(w, {{"change", "pin_change"}, {"failures", claim.after.failures}, {"sessions_ended", ended}},
                   locked ? "denied" : "failed");
    });
    if (locked) throw ApiError("account_locked");
    throw ApiError("login_failed", "old_pin");
  }
  // The right PIN: the attempt is not a failure after all.
  store_.write([&](Writer& w) { w.set_staff_failures(s.account.id, 0, std::nullopt); });
  if (auto weak = check_pin_strength(new_pin, s.account.username)) throw ApiError("weak_pin", "new_pin", *weak);
  if (new_pin == old_pin) throw ApiError("weak_pin", "new_pin", "unchanged");
  std::string hash = hash_pin(new_pin, cost_);
  store_.write([&](Writer& w) {
    w.set_staff_pin(s.account.id, hash, false);
    w.append_audit(s.actor(terminal), {.action = "account", .object = "staff:" + s.account.username,
                                       .detail = {{"change", "pin_changed"}}});
  });
}

StaffAuth::Claim StaffAuth::claim_attempt(std::int64_t staff_id) {
  const auto now = store_.clock().now();
  return store_.write([&](Writer& w) {
    Claim c;
    auto cur = w.staff_by_id(staff_id);
    LockState st = cur ? LockState{cur->failures, cur->locked_until} : LockState{};
    if (!cur || st.locked_at(now)) return c.refused = true, c;
    c.after = st.after_failure(now, cfg_.max_failed_logins, cfg_.login_lock_minutes);
    w.set_staff_failures(staff_id, c.after.failures, c.after.locked_until);
    c.pin_hash = cur->pin_hash;
    return c;
  });
}

}  // namespace tx::station
