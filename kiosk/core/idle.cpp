#include "core/idle.h"

#include <cmath>

namespace tx {

void IdleTimer::touch(double now) {
  last_input_ = now;
  if (state_ != State::reset) state_ = State::active;
}

IdleTimer::State IdleTimer::update(double now, bool speech_mode, bool armed) {
  double f = speech_mode ? p_.speech_factor : 1.0;
  if (!armed) {
    state_ = State::active;
    last_input_ = now;
    return state_;
  }
  double quiet = now - last_input_;
  if (quiet >= (p_.idle_s + p_.warning_s) * f) state_ = State::reset;
  else if (quiet >= p_.idle_s * f) state_ = State::warning;
  else state_ = State::active;
  return state_;
}

int IdleTimer::seconds_left(double now, bool speech_mode) const {
  if (state_ != State::warning) return 0;
  double f = speech_mode ? p_.speech_factor : 1.0;
  double left = (p_.idle_s + p_.warning_s) * f - (now - last_input_);
  return left < 0 ? 0 : int(std::ceil(left));
}

void IdleTimer::acknowledge_reset(double now) {
  state_ = State::active;
  last_input_ = now;
}

}  // namespace tx
