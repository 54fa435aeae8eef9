// Huge-page buffers for the kiosk's big pixel buffers (platform/big_alloc.h): only inside a scope
// and only from 1 MiB, contents kept across realloc either way, everything freed the way it was
// taken, and SDL's own surfaces take the path once the allocator is installed.
#include <gtest/gtest.h>

#include <SDL.h>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include "platform/big_alloc.h"

using namespace tx;

namespace {
// The VmFlags line of the mapping that contains p (empty if none).
std::string vm_flags(const void* p) {
  std::ifstream in("/proc/self/smaps");
  std::string line;
  bool inside = false;
  auto a = reinterpret_cast<uintptr_t>(p);
  while (std::getline(in, line)) {
    unsigned long lo = 0, hi = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx ", &lo, &hi) == 2 && line.find(':') > line.find(' ')) {
      inside = a >= lo && a < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

bool thp_available() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string s;
  std::getline(in, s);
  return !s.empty() && s.find("[never]") == std::string::npos;
}
}  // namespace

TEST(BigAlloc, OnlyInsideAScopeAndFromOneMebibyte) {
  size_t before = big_bytes_mapped();
  void* outside = big_malloc(4 << 20);
  ASSERT_NE(outside, nullptr);
  EXPECT_FALSE(big_owned(outside));
  {
    BigPagesScope scope;
    void* small = big_malloc(64 << 10);
    EXPECT_FALSE(big_owned(small));
    void* big = big_malloc(3 << 20);
    ASSERT_NE(big, nullptr);
    EXPECT_TRUE(big_owned(big));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(big) % (2 << 20), 0u);  // where a huge page can start
    EXPECT_EQ(big_bytes_mapped() - before, size_t(4) << 20);   // rounded up to whole huge pages
    std::memset(big, 0x5a, 3 << 20);
    if (thp_available()) EXPECT_NE(vm_flags(big).find(" hg"), std::string::npos) << vm_flags(big);
    big_free(small);
    big_free(big);
    EXPECT_FALSE(big_owned(big));
  }
  EXPECT_EQ(big_bytes_mapped(), before);
  big_free(outside);
  big_free(nullptr);
}

TEST(BigAlloc, CallocIsZeroAndReallocKeepsTheContentsBothWays) {
  BigPagesScope scope;
  auto* z = static_cast<unsigned char*>(big_calloc(1 << 10, 2 << 10));  // 2 MiB
  ASSERT_TRUE(big_owned(z));
  for (size_t i = 0; i < (2u << 20); i += 4093) ASSERT_EQ(z[i], 0) << i;
  EXPECT_EQ(big_calloc(SIZE_MAX / 2, 4), nullptr);  // overflow refused, not wrapped

  for (size_t i = 0; i < (2u << 20); ++i) z[i] = static_cast<unsigned char>(i * 7);
  auto* grown = static_cast<unsigned char*>(big_realloc(z, 5 << 20));  // ours → bigger mapping
  ASSERT_TRUE(big_owned(grown));
  for (size_t i = 0; i < (2u << 20); i += 997) ASSERT_EQ(grown[i], static_cast<unsigned char>(i * 7)) << i;
  auto* shrunk = static_cast<unsigned char*>(big_realloc(grown, 4096));  // → back to malloc
  EXPECT_FALSE(big_owned(shrunk));
  for (size_t i = 0; i < 4096; ++i) ASSERT_EQ(shrunk[i], static_cast<unsigned char>(i * 7)) << i;
  auto* again = static_cast<unsigned char*>(big_realloc(shrunk, 1 << 20));  // malloc → ours
  EXPECT_TRUE(big_owned(again));
  for (size_t i = 0; i < 4096; ++i) ASSERT_EQ(again[i], static_cast<unsigned char>(i * 7)) << i;
  big_free(again);
}

TEST(BigAlloc, SdlSurfacesTakeThePathAndAreFreedBySdl) {
  ASSERT_TRUE(install_big_alloc_for_sdl());
  size_t before = big_bytes_mapped();
  SDL_Surface* s = nullptr;
  {
    BigPagesScope scope;
    s = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
  }
  ASSERT_NE(s, nullptr) << SDL_GetError();
  EXPECT_GE(big_bytes_mapped() - before, size_t(1920) * 1080 * 4);
  std::memset(s->pixels, 0xff, size_t(s->pitch) * s->h);
  SDL_FreeSurface(s);
  EXPECT_EQ(big_bytes_mapped(), before);
  // Outside a scope SDL's allocations are the C library's as before.
  SDL_Surface* plain = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
  ASSERT_NE(plain, nullptr);
  EXPECT_EQ(big_bytes_mapped(), before);
  SDL_FreeSurface(plain);
}
