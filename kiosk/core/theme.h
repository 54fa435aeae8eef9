// Colour themes (ACCESSIBILITY V2), loaded from assets/themes/themes.json.
#pragma once
#include <string>
#include <vector>

#include "core/geometry.h"

namespace tx {

struct Theme {
  std::string id;
  Color bg, fg, panel_bg;
  Color button_bg, button_fg, button_border;
  Color focus_bg, focus_fg, focus_ring;
  Color selected_bg, selected_fg;
  Color banner_bg, banner_fg;
};

// Loads every theme from a JSON file. Returns an empty vector and sets *error on failure.
std::vector<Theme> load_themes(const std::string& path, std::string* error);
// Built-in copy of the three shipped themes, used when the asset file is missing (never silently:
// the caller logs it).
std::vector<Theme> builtin_themes();

}  // namespace tx
