// The accessibility registry: every widget drawn in a frame, with what speech, navigation, the
// a11y log and the tests need (ACCESSIBILITY intro). Also the navigation model (keys, switch
// scanning) and the pointer model (act on release, cancel on slide-off, debounce; M3).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/i18n.h"

namespace tx {

enum class Role { button, option, toggle, key, input, text, title, caption, banner, image };
const char* role_name(Role r);
bool role_interactive(Role r);

enum class Group { content, pager, nav };

struct Widget {
  std::string id;
  Role role = Role::text;
  std::string label;   // what is shown
  std::string speak;   // what is spoken on focus ("" = label)
  std::string state;   // "selected" | "on" | "off" | "" (spoken and logged)
  std::optional<SpeechLang> voice;  // its label is said in this language whatever the screen's (S9)
  Rect rect;
  Color fg, bg;
  bool enabled = true;
  bool focused = false;
  Group group = Group::content;
  // A record card that shows and does nothing (Ui::card, not tappable: a payment, a programme's
  // detail, a job's particulars): focusable, to be read card by card, but no choice — not
  // counted in "共N项可以选择" and heard without "按钮" (round 13). Logged as "read_only".
  bool read_only = false;
  bool focusable() const { return role_interactive(role) && enabled; }
};

// Result of navigation: the id to focus, or nullopt to keep the current one.
enum class NavDir { up, down, left, right, next, prev };
// Spatial (arrows) or linear (next/prev, wrapping) move among focusable widgets.
std::optional<std::string> navigate(const std::vector<Widget>& ws, const std::string& focused,
                                    NavDir dir);
// Index (1-based) and count of `id` among focusable widgets of its group, fields and keypad keys
// left out (the choices the screen's announcement counts).
std::pair<int, int> position_in_group(const std::vector<Widget>& ws, const std::string& id);
const Widget* find_widget(const std::vector<Widget>& ws, const std::string& id);
// Topmost focusable widget containing the point.
const Widget* hit_test(const std::vector<Widget>& ws, float x, float y);

// Touch / mouse (M3): acts on release over the same widget it was pressed on; sliding off cancels;
// a second activation of the same widget within `debounce_s` counts once.
class PointerTracker {
 public:
  void set_debounce(double s) { debounce_s_ = s; }
  void down(const std::vector<Widget>& ws, float x, float y);
  void move(const std::vector<Widget>& ws, float x, float y);
  // Returns the activated widget id, or "" (released elsewhere, slid off, or debounced).
  std::string up(const std::vector<Widget>& ws, float x, float y, double now);
  // Id currently held down (drawn pressed), "" if none or slid off.
  const std::string& pressed() const { return pressed_; }

 private:
  std::string down_id_, pressed_, last_id_;
  double last_t_ = -1e9, debounce_s_ = 0.5;
};

// Single-switch scanning (M2): the highlight steps on a timer through the focusable widgets.
class Scanner {
 public:
  void set_interval(double s) { interval_ = s; }
  double interval() const { return interval_; }
  void restart(double now) { next_ = now + interval_; }
  // True when it is time to step the highlight; schedules the next step.
  bool due(double now);
  double next_deadline() const { return next_; }

 private:
  double interval_ = 2.0, next_ = 0;
};

}  // namespace tx
