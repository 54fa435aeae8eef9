// The one key table (ACCESSIBILITY M1): keyboard and 12-key tactile keypad (USB keypads arrive as
// SDL key events named "Keypad 8", ...). Keys are SDL key names (SDL_GetKeyName) so this file
// needs no SDL header and the automation script's {"key": "..."} uses the same names.
#pragma once
#include <string>
#include <vector>

namespace tx {

enum class Action {
  none,
  up, down, left, right,
  next, prev,            // linear order (Tab / Shift+Tab)
  select,
  back, home, call_staff,
  repeat, stop_speech, help,
  volume_up, volume_down, rate_up, rate_down,
  page_next, page_prev,
  erase,                 // delete the last typed character (in an input field)
};

const char* action_name(Action a);

struct KeyBinding {
  const char* key;       // SDL key name
  Action nav;            // meaning while focus is not on a text field
  Action in_input;       // meaning while a text field has focus (digits then type instead)
  const char* doc;       // for docs/kiosk.md and the help screen
};

// The table itself (for documentation and tests).
const std::vector<KeyBinding>& key_table();

// Maps a key name to an action. `typing` is true when a text field has focus: then keypad digits
// are characters (returns Action::none and sets *typed), and Backspace erases.
Action map_key(const std::string& key, bool typing, char* typed);

}  // namespace tx
