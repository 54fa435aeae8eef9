// The software path's own triangle filler (platform/sw_renderer.h fill_triangle): pixel centres
// as OpenGL samples them, each pixel of two triangles sharing an edge blended once, the clip
// respected, and no crash or stray pixels for slivers whose edges are nearly horizontal.
#include <gtest/gtest.h>

#include <SDL.h>

#include <cstdint>

#include "platform/sw_renderer.h"

using namespace tx;

namespace {
constexpr uint32_t rgba(uint32_t r, uint32_t g, uint32_t b, uint32_t a) { return r | g << 8 | b << 16 | a << 24; }

struct Surface {
  SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGB888);
  ~Surface() { SDL_FreeSurface(s); }
  uint8_t red(int x, int y) const {
    uint32_t p = static_cast<const uint32_t*>(s->pixels)[size_t(y) * s->pitch / 4 + x];
    return uint8_t((p & s->format->Rmask) >> s->format->Rshift);
  }
  int count_red() const {
    int n = 0;
    for (int y = 0; y < 64; ++y)
      for (int x = 0; x < 64; ++x) n += red(x, y) != 0;
    return n;
  }
};
const SDL_Rect kAll{0, 0, 64, 64};
}  // namespace

TEST(SoftwareFill, PixelCentresAsOpenGl) {
  Surface s;
  ASSERT_NE(s.s, nullptr) << SDL_GetError();
  // A rectangle from (2,2) to (5,5): the pixels whose centres are inside, 2..4 on each axis.
  const uint32_t red = rgba(255, 0, 0, 255);
  fill_triangle(s.s, kAll, {2, 2, red}, {5, 2, red}, {5, 5, red});
  fill_triangle(s.s, kAll, {2, 2, red}, {5, 5, red}, {2, 5, red});
  EXPECT_EQ(s.count_red(), 9);
  for (int y = 2; y <= 4; ++y)
    for (int x = 2; x <= 4; ++x) EXPECT_EQ(s.red(x, y), 255) << x << "," << y;
}

TEST(SoftwareFill, SharedEdgeBlendedOnceAndWindingIgnored) {
  Surface s;
  // Half-transparent red over black, as two triangles of opposite winding sharing a diagonal
  // with pixel centres on it: every pixel exactly 50 % (128), no darker or brighter seam.
  const uint32_t half = rgba(255, 0, 0, 128);
  fill_triangle(s.s, kAll, {0.5f, 0.5f, half}, {16.5f, 0.5f, half}, {16.5f, 16.5f, half});
  fill_triangle(s.s, kAll, {0.5f, 0.5f, half}, {0.5f, 16.5f, half}, {16.5f, 16.5f, half});
  for (int y = 1; y < 16; ++y)
    for (int x = 1; x < 16; ++x) ASSERT_EQ(s.red(x, y), 128) << x << "," << y;
}

TEST(SoftwareFill, ColoursInterpolatedClipRespectedSliversHarmless) {
  Surface s;
  // An anti-aliased fringe: opaque on one side, transparent on the other.
  fill_triangle(s.s, kAll, {0, 0, rgba(255, 0, 0, 255)}, {0, 32, rgba(255, 0, 0, 255)}, {32, 0, rgba(255, 0, 0, 0)});
  EXPECT_GT(s.red(0, 0), 230);
  EXPECT_LT(s.red(28, 1), 64);
  EXPECT_GT(s.red(14, 1), s.red(28, 1));
  // Clipped to a 4×4 square: nothing outside it.
  Surface c;
  const SDL_Rect clip{40, 40, 4, 4};
  fill_triangle(c.s, clip, {0, 0, rgba(255, 0, 0, 255)}, {64, 0, rgba(255, 0, 0, 255)}, {0, 64, rgba(255, 0, 0, 255)});
  fill_triangle(c.s, clip, {64, 0, rgba(255, 0, 0, 255)}, {64, 64, rgba(255, 0, 0, 255)}, {0, 64, rgba(255, 0, 0, 255)});
  EXPECT_EQ(c.count_red(), 16);
  // Slivers: edges a ten-thousandth of a pixel from horizontal, far outside, degenerate.
  Surface z;
  fill_triangle(z.s, kAll, {0, 10, rgba(255, 0, 0, 255)}, {1000, 10.0001f, rgba(255, 0, 0, 255)}, {0, 10.0002f, rgba(255, 0, 0, 255)});
  fill_triangle(z.s, kAll, {-1e9f, 5, rgba(255, 0, 0, 255)}, {1e9f, 5.00001f, rgba(255, 0, 0, 255)}, {0, 1e9f, rgba(255, 0, 0, 255)});
  fill_triangle(z.s, kAll, {3, 3, rgba(255, 0, 0, 255)}, {3, 3, rgba(255, 0, 0, 255)}, {9, 9, rgba(255, 0, 0, 255)});
  EXPECT_LE(z.count_red(), 64 * 64);  // (no crash; the huge one may cover the surface)
}
