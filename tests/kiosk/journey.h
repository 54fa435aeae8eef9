// Shared by the headless journeys (journey_test.cpp: residents; staff_journey_test.cpp: staff):
// running the real tongxing-kiosk on a script against a real station, and the rules every frame
// of every a11y log must keep (screen announced, targets ≥ 96 px and ≥ 16 px apart, contrast
// ≥ 7:1, a visible focus ring).
#pragma once
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/geometry.h"
#include "domain/identity.h"
#include "process.h"

namespace tx::journey {

// new_id: a valid 18-character ID number (GB 11643 check character) for someone not in the
// demo data.
inline std::string new_id(const std::string& first17) { return first17 + id_check_character(first17); }

using nlohmann::json;
using namespace tx::test;

struct Kit {
  // Writes a script (one JSON action a line, a quit at the end); two taps on the same target
  // within 0.5 s count once (M3), so a wait is put between them, as a person would.
  static void write_script(const std::string& path, const std::vector<json>& script) {
    std::ofstream s(path);
    std::string last_tap;
    for (const auto& a : script) {
      if (a.contains("tap") && a["tap"] == last_tap) s << json{{"wait_ms", 550}}.dump() << "\n";
      if (a.contains("tap")) last_tap = a["tap"];
      else if (a.contains("wait_ms") && a["wait_ms"].get<int>() >= 500) last_tap.clear();
      s << a.dump() << "\n";
    }
    s << json{{"quit", true}}.dump() << "\n";
  }
  static std::vector<json> read_log(const std::string& path) {
    std::vector<json> log;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      // A last line without its newline is still being written by a running kiosk: not yet.
      if (in.eof()) break;
      log.push_back(json::parse(line));
    }
    return log;
  }

  // Rules that hold in every frame of every run.
  static void check_log(const std::string& name, const std::vector<json>& log) {
    std::string prev_screen;
    for (const auto& f : log) {
      std::string where = name + " frame " + std::to_string(f["frame"].get<long>()) + " " +
                          f["screen"].get<std::string>();
      Color sbg;
      ASSERT_TRUE(parse_hex(f["screen_bg"], &sbg));
      std::vector<std::pair<std::string, Rect>> targets;
      std::string title;
      // Sizes are physical (V3/V4 in mm): the log says the panel pitch the frame was drawn for.
      const float unit = f.contains("mm_per_px") ? 0.248f / f["mm_per_px"].get<float>() : 1.f;
      for (const auto& w : f["widgets"]) {
        std::string role = w["role"], id = w["id"];
        Rect r{w["rect"][0].get<float>(), w["rect"][1].get<float>(), w["rect"][2].get<float>(),
               w["rect"][3].get<float>()};
        Color fg, bg;
        ASSERT_TRUE(parse_hex(w["fg"], &fg) && parse_hex(w["bg"], &bg));
        if (!w["label"].get<std::string>().empty()) {
          EXPECT_GE(contrast_ratio(fg, bg), 7.0) << where << " " << id;
        }
        if (role == "title") title = w["label"];
        bool interactive = role == "button" || role == "option" || role == "toggle" || role == "key" || role == "input";
        if (interactive) {
          float min = (role == "key" ? 120 : 96) * unit - 0.6f;
          EXPECT_GE(r.w, min) << where << " " << id;
          EXPECT_GE(r.h, min) << where << " " << id;
          targets.push_back({id, r});
        }
        if (w["focused"].get<bool>()) {
          ASSERT_TRUE(w.contains("focus_ring")) << where << " " << id;
          Color ring;
          ASSERT_TRUE(parse_hex(w["focus_ring"], &ring));
          EXPECT_GE(w["focus_ring_px"].get<double>(), 6 * unit) << where;
          EXPECT_GE(contrast_ratio(ring, sbg), 3.0) << where;
        }
      }
      for (size_t i = 0; i < targets.size(); ++i)
        for (size_t j = i + 1; j < targets.size(); ++j)
          EXPECT_GE(rect_gap(targets[i].second, targets[j].second), 16 * unit - 1)
              << where << " " << targets[i].first << " / " << targets[j].first;
      // S2: entering a screen speaks its title (in the frame it appears).
      if (f["screen"] != prev_screen) {
        ASSERT_FALSE(f["speech"].empty()) << where << ": screen not announced";
        bool announced = false;
        for (const auto& u : f["speech"])
          announced |= u["text"].get<std::string>().find(title) != std::string::npos;
        EXPECT_TRUE(announced) << where << ": no utterance with the title '" << title << "'";
      }
      prev_screen = f["screen"];
    }
  }


 public:
  static std::set<std::string> screens(const std::vector<json>& log) {
    std::set<std::string> s;
    for (const auto& f : log) s.insert(f["screen"]);
    return s;
  }
  static bool spoke(const std::vector<json>& log, const std::string& needle, const char* lang = nullptr) {
    for (const auto& f : log)
      for (const auto& u : f["speech"])
        if (u["text"].get<std::string>().find(needle) != std::string::npos && (!lang || u["lang"] == lang))
          return true;
    return false;
  }
  static bool shown(const json& frame, const std::string& needle) {
    for (const auto& w : frame["widgets"])
      if (w["label"].get<std::string>().find(needle) != std::string::npos) return true;
    return false;
  }
  static bool ever_shown(const std::vector<json>& log, const std::string& needle) {
    for (const auto& f : log)
      if (shown(f, needle)) return true;
    return false;
  }



 public:
  static json tap(const std::string& id) { return {{"tap", id}}; }
  static json key(const std::string& k) { return {{"key", k}}; }
  static json type(const std::string& t) { return {{"type", t}}; }
  static void add(std::vector<json>* s, std::vector<json> more) { s->insert(s->end(), more.begin(), more.end()); }

};

}  // namespace tx::journey
