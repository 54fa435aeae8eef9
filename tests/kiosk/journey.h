// Shared by the headless journeys (journey_test.cpp: residents; staff_journey_test.cpp: staff):
// running the real tongxing-kiosk on a script against a real station, and the rules every frame
// of every a11y log must keep (screen announced, targets ≥ 96 px and ≥ 16 px apart, contrast
// ≥ 7:1, a visible focus ring).
#pragma once
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/geometry.h"
#include "domain/identity.h"
#include "process.h"

namespace tx::journey {

// new_id: a valid 18-character ID number (GB 11643 check character) for someone not in the
// demo data.
inline std::string new_id(const std::string& first17) { return first17 + id_check_character(first17); }

// The station's date (UTC+8, its default offset), plus n days.
inline std::string station_day(int n = 0) {
  std::time_t t = std::time(nullptr) + 8 * 3600 + n * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// A station config with sessions every day, today included (a weekend is made a working day), so
// that an appointment for today exists to check in.
inline std::string every_day_station_toml() {
  return "[calendar]\nextra_workdays = [\"" + station_day() + "\", \"" + station_day(1) + "\"]\n"
         "[[calendar.session]]\nkinds = [\"first_assessment\", \"renewal\", \"reassessment\", \"replacement\"]\n"
         "weekdays = [1, 2, 3, 4, 5, 6, 7]\nstart = \"09:00\"\nend = \"11:30\"\nplace = \"服务站一楼评定室\"\n"
         "institution = \"区残疾评定定点医院\"\n"
         "capacity = { first_assessment = 20, renewal = 15, reassessment = 8, replacement = 10 }\n"
         "[[calendar.session]]\nkinds = [\"home_assessment\"]\nweekdays = [1, 2, 3, 4, 5, 6, 7]\n"
         "start = \"14:00\"\nend = \"17:00\"\nplace = \"上门评定（申请人家中）\"\ncapacity = { home_assessment = 4 }\n";
}

using nlohmann::json;
using namespace tx::test;

struct Kit {
  // A real station with the demo data in `dir` (the suites' shared fixture).
  static Service* start_demo_station(TempDir& dir) {
    std::string out;
    if (run({bin("tongxing-ctl"), "demo-data", "--db", dir.file("station.db")}, &out) != 0)
      throw std::runtime_error("tongxing-ctl demo-data failed: " + out);
    return new Service(start_service(bin("tongxing-stationd"), {"--db", dir.file("station.db")}, dir.path(),
                                     "stationd"));
  }
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
    bool visit_announced = false;
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
      // S2: entering a screen speaks its title — in the frame it appears, or, while its data is
      // on the way, in the frame the data arrives (announced once, with it) — before it is left.
      if (f["screen"] != prev_screen) {
        EXPECT_TRUE(prev_screen.empty() || visit_announced) << where << ": " << prev_screen << " left unannounced";
        visit_announced = false;
      }
      for (const auto& u : f["speech"])
        visit_announced |= !title.empty() && u["text"].get<std::string>().find(title) != std::string::npos;
      prev_screen = f["screen"];
    }
  }


 public:
  // The speech rules of issue 12 (docs/kiosk.md "Speech and captions"), on a keys-only run:
  // a screen that loads its data is announced once per visit; "共N项可以选择" is never said on a
  // keypad screen (keys are not choices); a journey's step total never changes mid-way.
  static void check_speech_rules(const std::string& name, const std::vector<json>& log) {
    static const std::set<std::string> keypad = {"identity.id_number", "identity.phone", "identity.phone_full"};
    static const std::set<std::string> loading = {"appointment.day", "appointments.list", "subsidy.status",
                                                  "jobs.list", "jobs.interest_done"};
    std::string screen, title;
    int announcements = 0;
    std::set<std::string> totals;
    auto visit_done = [&] {
      if (loading.count(screen)) {
        EXPECT_EQ(announcements, 1) << name << ": " << screen << " announced " << announcements << " times";
      }
    };
    for (const auto& f : log) {
      std::string step;
      std::string t;
      for (const auto& w : f["widgets"]) {
        if (w["role"] == "title") t = w["label"];
        if (w["id"] == "screen.step") step = w["label"];
      }
      if (f["screen"] != screen) {
        visit_done();
        screen = f["screen"];
        announcements = 0;
        if (screen == "home") totals.clear();  // a new journey
      }
      title = t;
      for (const auto& u : f["speech"]) {
        std::string text = u["text"];
        if (!title.empty() && text.rfind(title, 0) == 0) {
          ++announcements;
          if (keypad.count(screen)) {
            EXPECT_EQ(text.find("可以选择"), std::string::npos) << name << ": keys counted as choices: " << text;
          }
        }
      }
      if (auto at = step.find("共"); at != std::string::npos) totals.insert(step.substr(at));
      EXPECT_LE(totals.size(), 1u) << name << ": step total changed on " << screen << " (" << step << ")";
    }
    visit_done();
  }

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
