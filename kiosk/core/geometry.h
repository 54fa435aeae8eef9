// Rectangles and colours shared by the pure core and the platform layer (no SDL/ImGui here).
#pragma once
#include <cstdint>
#include <string>

namespace tx {

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  float right() const { return x + w; }
  float bottom() const { return y + h; }
  float cx() const { return x + w / 2; }
  float cy() const { return y + h / 2; }
  bool contains(float px, float py) const { return px >= x && px < x + w && py >= y && py < y + h; }
  Rect inset(float d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
};

// Gap between two rectangles (0 when they touch or overlap): the larger of the horizontal and
// vertical gaps, which is the free space a finger has between them.
float rect_gap(const Rect& a, const Rect& b);
bool rects_overlap(const Rect& a, const Rect& b);

struct Color {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  bool operator==(const Color&) const = default;
};

// "#RRGGBB" (alpha ignored).
std::string to_hex(Color c);
// Parses "#RRGGBB"; returns false on anything else.
bool parse_hex(const std::string& s, Color* out);
// WCAG 2.x relative luminance and contrast ratio (1..21).
double relative_luminance(Color c);
double contrast_ratio(Color a, Color b);

}  // namespace tx
