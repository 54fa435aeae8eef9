// The a11y log (ARCHITECTURE.md "Kiosk automation", docs/a11y-log.md): one JSON line per frame in
// which anything changed — screen id, every widget, utterances started in that frame.
#pragma once
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/a11y.h"
#include "core/speech.h"

namespace tx {

struct FocusRing {
  Color color;
  float width = 0;
  float mm_per_px = 0;  // the panel's pitch the layout was drawn for (logged when > 0)
};

// One log line (without the trailing newline).
nlohmann::json a11y_frame_json(long frame, const std::string& screen,
                               const std::vector<Widget>& widgets,
                               const std::vector<UtteranceLog>& speech, const FocusRing& ring,
                               const Color& screen_bg);

class A11yLog {
 public:
  // Opens (truncates) the file; false on failure.
  bool open(const std::string& path);
  // Writes a line when the widgets/screen differ from the previous line or speech or input (a
  // card read, a scan: App::take_input_log) is not empty.
  void frame(long frame, const std::string& screen, const std::vector<Widget>& widgets,
             const std::vector<UtteranceLog>& speech, const FocusRing& ring, const Color& bg,
             const std::vector<nlohmann::json>& input = {});
  ~A11yLog();

 private:
  FILE* f_ = nullptr;
  std::string last_;
};

}  // namespace tx
