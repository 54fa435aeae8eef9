#include "core/geometry.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tx {

float rect_gap(const Rect& a, const Rect& b) {
  float dx = std::max({0.f, b.x - a.right(), a.x - b.right()});
  float dy = std::max({0.f, b.y - a.bottom(), a.y - b.bottom()});
  return std::max(dx, dy);
}

bool rects_overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

std::string to_hex(Color c) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
  return buf;
}

bool parse_hex(const std::string& s, Color* out) {
  if (s.size() != 7 || s[0] != '#') return false;
  unsigned v = 0;
  for (size_t i = 1; i < 7; ++i) {
    char ch = s[i];
    unsigned d;
    if (ch >= '0' && ch <= '9') d = ch - '0';
    else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
    else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
    else return false;
    v = v * 16 + d;
  }
  *out = Color{uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v), 255};
  return true;
}

static double channel(uint8_t v) {
  double c = v / 255.0;
  return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double relative_luminance(Color c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Color a, Color b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

}  // namespace tx
