#include "core/theme.h"

#include "core/json_file.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace tx {

static bool field(const nlohmann::json& j, const char* name, Color* out, std::string* error) {
  if (!j.contains(name) || !j[name].is_string() || !parse_hex(j[name].get<std::string>(), out)) {
    *error = std::string("theme field '") + name + "' missing or not #RRGGBB";
    return false;
  }
  return true;
}

static std::vector<Theme> parse(const nlohmann::json& doc, std::string* error) {
  std::vector<Theme> out;
  if (!doc.contains("themes") || !doc["themes"].is_array()) {
    *error = "no 'themes' array";
    return {};
  }
  for (const auto& j : doc["themes"]) {
    Theme t;
    t.id = j.value("id", "");
    bool ok = !t.id.empty() && field(j, "bg", &t.bg, error) && field(j, "fg", &t.fg, error) &&
              field(j, "panel_bg", &t.panel_bg, error) &&
              field(j, "button_bg", &t.button_bg, error) &&
              field(j, "button_fg", &t.button_fg, error) &&
              field(j, "button_border", &t.button_border, error) &&
              field(j, "focus_bg", &t.focus_bg, error) && field(j, "focus_fg", &t.focus_fg, error) &&
              field(j, "focus_ring", &t.focus_ring, error) &&
              field(j, "selected_bg", &t.selected_bg, error) &&
              field(j, "selected_fg", &t.selected_fg, error) &&
              field(j, "banner_bg", &t.banner_bg, error) &&
              field(j, "banner_fg", &t.banner_fg, error);
    if (!ok) return {};
    out.push_back(t);
  }
  return out;
}

std::vector<Theme> load_themes(const std::string& path, std::string* error) {
  nlohmann::json doc;
  if (!read_json_object(path, &doc, error)) return {};
  return parse(doc, error);
}

std::vector<Theme> builtin_themes() {
  // Mirrors assets/themes/themes.json (a test checks they agree).
  static const char* kJson = R"({"themes":[
    {"id":"yellow_on_black","bg":"#000000","fg":"#FFFF00","panel_bg":"#000000","button_bg":"#141414","button_fg":"#FFFF00","button_border":"#FFFF00","focus_bg":"#FFFF00","focus_fg":"#000000","focus_ring":"#FFFFFF","selected_bg":"#3D3A00","selected_fg":"#FFFF00","banner_bg":"#FFFF00","banner_fg":"#000000"},
    {"id":"white_on_black","bg":"#000000","fg":"#FFFFFF","panel_bg":"#000000","button_bg":"#1C1C1C","button_fg":"#FFFFFF","button_border":"#FFFFFF","focus_bg":"#FFFFFF","focus_fg":"#000000","focus_ring":"#FFFF00","selected_bg":"#3A3A3A","selected_fg":"#FFFFFF","banner_bg":"#FFFFFF","banner_fg":"#000000"},
    {"id":"black_on_white","bg":"#FFFFFF","fg":"#000000","panel_bg":"#FFFFFF","button_bg":"#EDEDED","button_fg":"#000000","button_border":"#000000","focus_bg":"#000000","focus_fg":"#FFFFFF","focus_ring":"#0047B3","selected_bg":"#D2D2D2","selected_fg":"#000000","banner_bg":"#000000","banner_fg":"#FFFFFF"}]})";
  std::string err;
  return parse(nlohmann::json::parse(kJson), &err);
}

}  // namespace tx
