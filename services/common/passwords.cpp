#include "common/passwords.h"

#include <sodium.h>

#include <condition_variable>
#include <mutex>
#include <stdexcept>

namespace tx {

namespace {
void init() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) throw std::runtime_error("libsodium failed to initialise");
}

// At most two Argon2id computations at once (2 × 64 MiB); the rest wait their turn.
class Gate {
 public:
  void enter() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return busy_ < 2; });
    ++busy_;
  }
  void leave() {
    {
      std::lock_guard lock(mu_);
      --busy_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int busy_ = 0;
};
Gate& gate() {
  static Gate g;
  return g;
}
struct Pass {
  Pass() { gate().enter(); }
  ~Pass() { gate().leave(); }
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

PinCost PinCost::interactive() {
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}
PinCost PinCost::minimal() {
  return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
}

std::string hash_pin(std::string_view pin, PinCost cost) {
  init();
  char out[crypto_pwhash_argon2id_STRBYTES];
  Pass pass;
  if (crypto_pwhash_argon2id_str(out, pin.data(), pin.size(), cost.ops, cost.mem) != 0)
    throw std::runtime_error("not enough memory to hash a PIN");
  return out;
}

bool verify_pin(std::string_view pin, const std::string& hash) {
  init();
  if (hash.rfind("$argon2id$", 0) != 0) return false;
  Pass pass;
  return crypto_pwhash_argon2id_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool pin_needs_rehash(const std::string& hash, PinCost cost) {
  init();
  return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), cost.ops, cost.mem) != 0;
}

void burn_pin_check(std::string_view pin, PinCost cost) {
  // A fixed hash of the same cost: verifying against it costs what a real check costs.
  static std::mutex mu;
  static std::string interactive, other;
  static PinCost other_cost{0, 0};
  std::string dummy;
  {
    std::lock_guard lock(mu);
    bool prod = cost.ops == PinCost::interactive().ops && cost.mem == PinCost::interactive().mem;
    std::string& slot = prod ? interactive : other;
    if (!prod && (other_cost.ops != cost.ops || other_cost.mem != cost.mem)) other.clear(), other_cost = cost;
    if (slot.empty()) slot = hash_pin("tongxing-no-such-user", cost);
    dummy = slot;
  }
  (void)verify_pin(pin, dummy);
}

std::optional<std::string> check_pin_strength(std::string_view pin, std::string_view username) {
  for (unsigned char c : pin)
    if (c < 0x20 || c == 0x7F) return "characters";
  bool digits = !pin.empty();
  for (char c : pin) digits = digits && is_digit(c);
  if (digits ? (pin.size() < 6 || pin.size() > 12) : (pin.size() < 8 || pin.size() > 64))
    return "length";
  bool repeated = true, up = true, down = true;
  for (std::size_t i = 1; i < pin.size(); ++i) {
    repeated = repeated && pin[i] == pin[0];
    up = up && pin[i] == pin[i - 1] + 1;
    down = down && pin[i] == pin[i - 1] - 1;
  }
  if (repeated) return "repeated";
  if (up || down) return "sequence";
  if (!username.empty() && pin == username) return "username";
  return std::nullopt;
}

}  // namespace tx
