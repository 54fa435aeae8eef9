// Injected clock: every timeout in the kiosk (idle reset, switch scanning, debounce, staff-call
// polling) reads this, so tests and the automation script's {"advance_s":N} move time at will.
#pragma once

namespace tx {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since an arbitrary origin; never goes backwards.
  virtual double now() const = 0;
};

// A clock the test (or the script runner) moves by hand, optionally on top of real time.
class ManualClock : public Clock {
 public:
  double now() const override { return t_; }
  void advance(double s) { t_ += s; }
  void set(double t) { t_ = t; }

 private:
  double t_ = 1000.0;
};

}  // namespace tx
