#include "core/keymap.h"

namespace tx {

const char* action_name(Action a) {
  switch (a) {
    case Action::none: return "none";
    case Action::up: return "up";
    case Action::down: return "down";
    case Action::left: return "left";
    case Action::right: return "right";
    case Action::next: return "next";
    case Action::prev: return "prev";
    case Action::select: return "select";
    case Action::back: return "back";
    case Action::home: return "home";
    case Action::call_staff: return "call_staff";
    case Action::repeat: return "repeat";
    case Action::stop_speech: return "stop_speech";
    case Action::help: return "help";
    case Action::volume_up: return "volume_up";
    case Action::volume_down: return "volume_down";
    case Action::rate_up: return "rate_up";
    case Action::rate_down: return "rate_down";
    case Action::page_next: return "page_next";
    case Action::page_prev: return "page_prev";
    case Action::erase: return "erase";
  }
  return "none";
}

const std::vector<KeyBinding>& key_table() {
  using A = Action;
  static const std::vector<KeyBinding> table = {
      {"Up", A::up, A::up, "move up"},
      {"Down", A::down, A::down, "move down"},
      {"Left", A::left, A::left, "move left"},
      {"Right", A::right, A::right, "move right"},
      {"Tab", A::next, A::next, "next item"},
      {"Shift+Tab", A::prev, A::prev, "previous item"},
      {"Keypad 8", A::up, A::none, "keypad: move up"},
      {"Keypad 2", A::down, A::none, "keypad: move down"},
      {"Keypad 4", A::left, A::none, "keypad: move left"},
      {"Keypad 6", A::right, A::none, "keypad: move right"},
      {"Return", A::select, A::select, "select / confirm"},
      {"Keypad Enter", A::select, A::select, "keypad: select / confirm"},
      {"Space", A::select, A::select, "select (also the switch in scanning mode)"},
      {"Keypad 5", A::select, A::none, "keypad: select"},
      {"Escape", A::back, A::back, "back"},
      {"Backspace", A::back, A::erase, "back; in a field: delete last character"},
      {"Keypad 0", A::back, A::none, "keypad: back"},
      {"Home", A::home, A::home, "home"},
      {"F2", A::home, A::home, "home"},
      {"Keypad 7", A::home, A::none, "keypad: home"},
      {"F12", A::call_staff, A::call_staff, "call staff"},
      {"Keypad 9", A::call_staff, A::none, "keypad: call staff"},
      {"F5", A::repeat, A::repeat, "repeat the last prompt"},
      {"Keypad *", A::repeat, A::repeat, "keypad: repeat the last prompt"},
      {"F4", A::stop_speech, A::stop_speech, "stop speech"},
      {"Keypad 1", A::stop_speech, A::none, "keypad: stop speech"},
      {"F1", A::help, A::help, "help"},
      {"Keypad #", A::help, A::help, "keypad: help"},
      {"Keypad /", A::help, A::help, "keypad: help"},
      {"Keypad +", A::volume_up, A::volume_up, "louder"},
      {"=", A::volume_up, A::volume_up, "louder"},
      {"Keypad -", A::volume_down, A::volume_down, "quieter"},
      {"-", A::volume_down, A::volume_down, "quieter"},
      {"]", A::rate_up, A::rate_up, "speak faster"},
      {"[", A::rate_down, A::rate_down, "speak slower"},
      {"PageDown", A::page_next, A::page_next, "next page"},
      {"Keypad 3", A::page_next, A::none, "keypad: next page"},
      {"PageUp", A::page_prev, A::page_prev, "previous page"},
  };
  return table;
}

Action map_key(const std::string& key, bool typing, char* typed) {
  *typed = 0;
  if (typing && key.rfind("Keypad ", 0) == 0 && key.size() == 8 && key[7] >= '0' && key[7] <= '9') {
    *typed = key[7];
    return Action::none;
  }
  for (const auto& b : key_table()) {
    if (key == b.key) return typing ? b.in_input : b.nav;
  }
  return Action::none;
}

}  // namespace tx
