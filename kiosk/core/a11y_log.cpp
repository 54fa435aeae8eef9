#include "core/a11y_log.h"

#include <chrono>

namespace tx {

nlohmann::json a11y_frame_json(long frame, const std::string& screen,
                               const std::vector<Widget>& widgets,
                               const std::vector<UtteranceLog>& speech, const FocusRing& ring,
                               const Color& screen_bg) {
  nlohmann::json ws = nlohmann::json::array();
  for (const auto& w : widgets) {
    nlohmann::json j = {{"id", w.id},
                        {"role", role_name(w.role)},
                        {"label", w.label},
                        {"rect", {std::lround(w.rect.x), std::lround(w.rect.y),
                                  std::lround(w.rect.w), std::lround(w.rect.h)}},
                        {"fg", to_hex(w.fg)},
                        {"bg", to_hex(w.bg)},
                        {"focused", w.focused},
                        {"enabled", w.enabled}};
    if (!w.state.empty()) j["state"] = w.state;
    if (w.read_only) j["read_only"] = true;
    if (w.focused) {
      j["focus_ring"] = to_hex(ring.color);
      j["focus_ring_px"] = ring.width;
    }
    ws.push_back(std::move(j));
  }
  nlohmann::json sp = nlohmann::json::array();
  for (const auto& u : speech)
    sp.push_back({{"text", u.text}, {"lang", speech_lang_code(u.lang)}, {"interrupted", u.interrupted}});
  return {{"frame", frame}, {"screen", screen}, {"screen_bg", to_hex(screen_bg)},
          {"widgets", ws}, {"speech", sp}};
}

bool A11yLog::open(const std::string& path) {
  f_ = std::fopen(path.c_str(), "w");
  return f_ != nullptr;
}

void A11yLog::frame(long frame, const std::string& screen, const std::vector<Widget>& widgets,
                    const std::vector<UtteranceLog>& speech, const FocusRing& ring,
                    const Color& bg, const std::vector<nlohmann::json>& input) {
  if (!f_) return;
  auto j = a11y_frame_json(frame, screen, widgets, {}, ring, bg);
  j.erase("frame");
  std::string sig = j.dump();
  if (sig == last_ && speech.empty() && input.empty()) return;
  last_ = sig;
  auto j2 = a11y_frame_json(frame, screen, widgets, speech, ring, bg);
  if (!input.empty()) j2["input"] = input;
  // Wall-clock independent time of the frame (CLOCK_MONOTONIC, ms): lines of two kiosk
  // processes on one machine can be compared (a call raised on one, seen on the other).
  j2["t_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::steady_clock::now().time_since_epoch()).count();
  // The pitch the sizes were drawn for: outside checks turn rects into millimetres with it.
  if (ring.mm_per_px > 0) j2["mm_per_px"] = ring.mm_per_px;
  auto line = j2.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::fputs(line.c_str(), f_);
  std::fputc('\n', f_);
  std::fflush(f_);
}

A11yLog::~A11yLog() {
  if (f_) std::fclose(f_);
}

}  // namespace tx
