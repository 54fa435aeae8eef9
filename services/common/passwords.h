// Staff PINs and passwords: Argon2id (libsodium crypto_pwhash) with a per-hash random salt, in
// libsodium's self-describing string form ("$argon2id$v=19$m=65536,t=2,p=1$…"), so the cost can
// be raised later and old hashes still verify (and are upgraded at the next login).
//
// Hashing costs 64 MiB and ~0.1–0.3 s by design: at most two run at once, so a burst of login
// attempts cannot exhaust the station's memory.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tx {

struct PinCost {
  unsigned long long ops;
  std::size_t mem;
  // interactive: libsodium's recommended cost for online logins (production).
  static PinCost interactive();
  // minimal: the cheapest Argon2id allowed; tests and fuzzers only (never for real accounts).
  static PinCost minimal();
};

// hash_pin: the Argon2id string for `pin`. Throws std::runtime_error when out of memory.
std::string hash_pin(std::string_view pin, PinCost cost = PinCost::interactive());
// verify_pin: true when `pin` matches `hash` (constant time within libsodium). A malformed hash
// never matches.
bool verify_pin(std::string_view pin, const std::string& hash);
// pin_needs_rehash: the hash was made with a different cost than `cost`.
bool pin_needs_rehash(const std::string& hash, PinCost cost = PinCost::interactive());
// burn_pin_check: spends the time of one verification at `cost` (for unknown user names, so the
// answer time does not tell which names exist).
void burn_pin_check(std::string_view pin, PinCost cost = PinCost::interactive());

// check_pin_strength: nullopt when acceptable, else a reason code for ApiError("weak_pin"):
// "length" (a PIN needs 6–12 digits, a password 8–64 characters), "repeated" (111111),
// "sequence" (123456, 987654), "username" (equal to the user name), "characters" (control
// characters).
std::optional<std::string> check_pin_strength(std::string_view pin, std::string_view username);

}  // namespace tx
