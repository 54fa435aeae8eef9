// Idle / session time-out state machine (ACCESSIBILITY T1, T2) on an injected clock.
//   active --(idle_s without input)--> warning --(warning_s)--> reset (caller wipes the session)
// Any input in `warning` goes back to `active`. In speech mode both spans are longer because a
// blind resident needs time to hear the prompt and find the keys.
#pragma once

namespace tx {

struct IdlePolicy {
  double idle_s = 90;          // quiet time before the warning
  double warning_s = 30;       // warning shown and spoken at least this long (>= 20 s, T1)
  double speech_factor = 2.0;  // multiplier on both in speech mode
};

class IdleTimer {
 public:
  enum class State { active, warning, reset };
  explicit IdleTimer(IdlePolicy p = {}) : p_(p) {}

  // Records resident input at time `now`.
  void touch(double now);
  // Advances the state; returns the state after `now`. `speech_mode` stretches the spans;
  // `armed` false (nothing to reset: home screen, default settings, no data) never warns.
  State update(double now, bool speech_mode, bool armed);
  // Seconds left before the reset while warning (rounded up), else 0.
  int seconds_left(double now, bool speech_mode) const;
  State state() const { return state_; }
  // After the caller has performed the reset.
  void acknowledge_reset(double now);
  const IdlePolicy& policy() const { return p_; }

 private:
  IdlePolicy p_;
  State state_ = State::active;
  double last_input_ = 0;
};

}  // namespace tx
