// The automation script (ARCHITECTURE.md): JSON lines, one action per line, run in order.
#pragma once
#include <string>
#include <vector>

namespace tx {

struct ScriptAction {
  // Additions to the contract's actions:
  //  - tap_find: turns the screen's pages until the widget is shown, then taps it (for scripts
  //    that run at every text size);
  //  - wait_for: waits (up to kWaitForSeconds) until a widget with that id or label is on screen,
  //    for something another process causes (a call from another kiosk), however slow it is.
  //  - card: as if the ID-card reader had read that card (s: ID number, name, valid_to);
  //  - scan: as if a scanner had sent the text s (alphanumeric text goes through the keyboard-
  //    wedge classifier as key events, anything else straight to the App as a scan).
  enum Kind { key, tap, type, wait_ms, advance_s, screenshot, quit, tap_find, wait_for, card, scan } kind;
  std::string s;   // key name, tap target, text, screenshot file, a card's ID number, scanned text
  std::string name, valid_to;  // card
  double n = 0;    // wait_ms / advance_s
  int line = 0;
};

inline constexpr double kWaitForSeconds = 30;

// Parses the whole script. Returns false with *error naming the line on a bad action.
bool parse_script(const std::string& text, std::vector<ScriptAction>* out, std::string* error);

}  // namespace tx
