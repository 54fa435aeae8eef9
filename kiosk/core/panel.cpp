#include "core/panel.h"

#include <algorithm>
#include <cmath>

namespace tx {

namespace {
struct Typical {
  int long_side, short_side;
  float diagonal_in;
};
// What district tenders deliver at each resolution (KIOSK_UI.md): desk all-in-ones, old square
// monitors, standing portrait terminals (21.5"), 4K panels (27").
constexpr Typical kTypical[] = {
    {1024, 600, 10.1f},  {1024, 768, 15.0f},  {1280, 720, 15.6f}, {1280, 800, 15.4f},
    {1280, 1024, 17.0f}, {1366, 768, 15.6f},  {1440, 900, 19.0f}, {1600, 900, 19.5f},
    {1680, 1050, 22.0f}, {1920, 1080, 21.5f}, {1920, 1200, 24.0f}, {2560, 1440, 27.0f},
    {3840, 2160, 27.0f},
};
// Height and width (reference px) that one step needs: the margins, the 3×4 keypad of 120 px
// keys with 20 px gaps beside the text column, and the bottom bar (ui.cpp).
constexpr float kStepHeightRef = 744.f, kStepWidthRef = 600.f;
}  // namespace

float typical_diagonal_in(int w, int h) {
  for (const auto& t : kTypical)
    if (t.long_side == std::max(w, h) && t.short_side == std::min(w, h)) return t.diagonal_in;
  return 0;
}

float pitch_of(int w, int h, float diagonal_in) {
  return diagonal_in * 25.4f / std::sqrt(float(w) * w + float(h) * h);
}

float default_mm_per_px(int w, int h) {
  float d = typical_diagonal_in(w, h);
  float pitch = d > 0 ? pitch_of(w, h, d) : kReferenceMmPerPx;
  // A landscape panel too short for one step at the physical minimums (1024×600 on 10.1"
  // cannot show 30 mm keys under a title and above a bottom bar) is taken to be one on which
  // it fits; a smaller real panel must say its pitch and then draws below V3 (docs/kiosk.md).
  float fit = kReferenceMmPerPx * std::max(kStepHeightRef / float(h), kStepWidthRef / float(w));
  return std::max(pitch, std::min(fit, kReferenceMmPerPx * 2));
}

}  // namespace tx
