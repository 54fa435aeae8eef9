// Staff accounts and sessions (issue 5): roles `staff` and `station_admin`, PINs hashed with
// Argon2id, 5 wrong PINs lock an account for 15 minutes, sessions end after 10 idle minutes
// (and after 12 hours in any case). Session tokens are 32 random bytes shown once to the
// client; the database keeps only a keyed hash of each. Every login, failure, lock-out, logout,
// expiry and account change is audited.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/passwords.h"
#include "common/rate_limit.h"
#include "station/config.h"
#include "station/store.h"

namespace tx::station {

enum class Role { staff, station_admin };
std::optional<Role> role_from(std::string_view s);

struct StaffSession {
  std::int64_t session_id = 0;
  StaffAccount account;  // pin_hash cleared
  std::string terminal, created_at, last_seen;
  Role role() const { return account.role == "station_admin" ? Role::station_admin : Role::staff; }
  // actor: this session as it appears in the audit log ("staff:<username>").
  Actor actor(const std::string& terminal_now) const;
};

struct LoginResult {
  std::string token;  // give to the client once; never stored or logged
  StaffSession session;
};

// one_time_pin: 8 random digits that pass the PIN rules for `username`, to hand over in person.
std::string one_time_pin(const std::string& username);

class StaffAuth {
 public:
  // cost: Argon2id cost for new hashes (PinCost::minimal() only in tests and fuzzers).
  StaffAuth(const StationConfig& cfg, Store& store, PinCost cost = PinCost::interactive());

  // -- accounts (tongxing-ctl staff …, station admin API)
  // add_account: throws invalid_field (username, display_name, role), weak_pin, conflict (name taken).
  StaffAccount add_account(const std::string& username, const std::string& display_name,
                           const std::string& role, const std::string& pin, bool must_change,
                           const Actor& by);
  // set_status: "active" | "disabled"; disabling ends the account's sessions at once.
  StaffAccount set_status(const std::string& username, const std::string& status, const Actor& by);
  // reset_pin: a new PIN (the given one, or 8 random digits when empty) that must be changed at
  // the next login; unlocks the account and ends its sessions. Returns the PIN to hand over.
  std::string reset_pin(const std::string& username, const std::string& pin, const Actor& by);
  // unlock: clears failures and lock.
  StaffAccount unlock(std::int64_t staff_id, const Actor& by);
  std::vector<StaffAccount> accounts();

  // -- sessions
  // login: throws login_failed (unknown name, wrong PIN, disabled: one answer), account_locked,
  // rate_limited (too many failures from one caller, counted by `limit_key`: see api.h).
  LoginResult login(const std::string& username, const std::string& pin, const std::string& terminal,
                    const std::string& limit_key);
  enum class Use { active, passive };
  // authenticate: the live session behind a token. `active` use moves the idle deadline;
  // `passive` use (polling for staff calls, sync status) does not, so an unattended staff screen
  // still signs out. Throws unauthorized or session_expired.
  StaffSession authenticate(const std::string& token, const std::string& terminal, Use use);
  void logout(const StaffSession& s, const std::string& terminal);
  // change_pin: needs the current PIN; clears must_change_pin. Throws login_failed, weak_pin,
  // account_locked. Wrong old PINs count towards the account's lock like wrong sign-in PINs; the
  // lock also ends the account's sessions.
  void change_pin(const StaffSession& s, const std::string& old_pin, const std::string& new_pin,
                  const std::string& terminal);

  int idle_timeout_s() const { return cfg_.session_idle_minutes * 60; }

 private:
  // claim_attempt: in ONE write transaction, refuses a locked account or counts this attempt as
  // a failure BEFORE the PIN is compared (Argon2id is too slow to hold the write lock for).
  // Concurrent guesses each take a place in turn and the max-th place locks the account, so no
  // more than max_failed_logins PINs are compared per lock; a right PIN gives its place back.
  struct Claim {
    bool refused = false;  // locked (or gone)
    LockState after;       // the count with this attempt taken as a failure
    std::string pin_hash;  // read in the same transaction
  };
  Claim claim_attempt(std::int64_t staff_id);
  StaffAccount require_account(const std::string& username);
  const StationConfig& cfg_;
  Store& store_;
  PinCost cost_;
  RateLimiter caller_failures_;
};

}  // namespace tx::station
