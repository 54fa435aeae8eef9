// The console's administrator accounts, sessions and audit log (issue 15), over the central
// storage interface (both engines). Passwords are Argon2id like the stations' staff PINs
// (common/passwords.h). A session is a random token kept only as a hash, with a CSRF token
// the page sends back on every change, ended by sign-out or after `idle` without a request.
//
// Roles: admin (may change) and viewer (may only look), each for every station or for one
// district. Every sign-in (also refused ones) and every change is written to admin_audit.
// Like staff PINs, failed sign-ins are counted (before the password is checked, in the same
// transaction that reads the account) and the `max_failures`-th locks the account for `lock`;
// a locked account, a wrong password and an unknown name get the same answer.
#pragma once
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "central/storage.h"
#include "common/clock.h"
#include "common/passwords.h"

namespace tx::central {

struct AdminUser {
  std::string username, role;            // role: admin | viewer
  std::optional<std::string> district;   // nullopt: every station
  bool may_change() const { return role == "admin"; }
};

struct AdminSession {
  AdminUser user;
  std::string csrf;
};

struct LockPolicy {
  int max_failures = 5;                 // [console] max_failed_logins
  std::chrono::minutes lock{15};        // [console] lock_minutes
};

class AdminAccounts {
 public:
  AdminAccounts(Engine& engine, const Clock& clock, PinCost cost = PinCost::interactive(),
                std::chrono::seconds idle = std::chrono::minutes(10), LockPolicy lock = {});

  // add: a new account. Throws ApiError: invalid_field (username: 1–64 of [A-Za-z0-9._@-];
  // role; district), weak_pin (password: 8–64 characters, not trivial), conflict (name taken).
  void add(const std::string& username, const std::string& password, const std::string& role,
           const std::optional<std::string>& district);
  nlohmann::json list();

  struct Login {
    std::string token;  // the cookie's value (only its hash is stored)
    AdminSession session;
  };
  // login: checks the password (the same time for unknown names) and opens a session.
  // Audited either way. nullopt: wrong name or password, the account is disabled, or it is
  // locked after too many failures (a success resets the count).
  std::optional<Login> login(const std::string& username, const std::string& password, const std::string& remote);
  // session: the session of a cookie token, nullopt when unknown or idle too long (then it is
  // deleted). Each use moves its idle deadline.
  std::optional<AdminSession> session(const std::string& token);
  void logout(const std::string& token);

  // audit: one line of the audit log (actor: a user name, "token" for the bearer token).
  void audit(const std::string& actor, const std::string& action, const std::string& target, int status,
             const std::string& remote);
  nlohmann::json audit_log(int limit);

 private:
  void write(const std::function<void(Conn&)>& f) { engine_.transact(Engine::write, f); }
  Engine& engine_;
  const Clock& clock_;
  PinCost cost_;
  std::chrono::seconds idle_;
  LockPolicy lock_;
};

}  // namespace tx::central
