// Large pixel buffers in transparent huge pages (docs/benchmarks.md "Kiosk", first frame).
// The software path's biggest buffers — the window surface SDL draws into (1920×1080×4 = 8 MB),
// the font atlas's RGBA copy and its texture (2 MB each) — are touched in full before the first
// frame. In 4 KiB pages that is ~3,000 page faults; measured on the 2-core benchmark machine
// (a virtual machine, where a fault is expensive) they were ~28 ms of the main thread's CPU
// before the first frame. Here such buffers are anonymous mappings aligned to 2 MiB and advised
// MADV_HUGEPAGE (honoured when /sys/kernel/mm/transparent_hugepage/enabled is "always" or
// "madvise"; elsewhere they are plain pages, as before).
//
// Only allocations made inside a BigPagesScope and of at least kBigAllocMin bytes take this
// path; every free/realloc looks its pointer up first, so memory allocated either way is
// always handed back the way it was taken. SDL's allocator is replaced (install before any other
// SDL call), ImGui's is in font_atlas.cpp. A scope is opened only around calls whose big
// buffers SDL or ImGui also free themselves (never one a third library frees with free()).
#pragma once
#include <cstddef>

namespace tx {

inline constexpr size_t kBigAllocMin = size_t(1) << 20;  // 1 MiB

void* big_malloc(size_t n);
void* big_calloc(size_t count, size_t size);
void* big_realloc(void* p, size_t n);
void big_free(void* p);
// True when p came from the huge-page path (still allocated).
bool big_owned(const void* p);
// Bytes currently held in huge-page mappings (tests, benchmark).
size_t big_bytes_mapped();

// While one exists (on any thread), big allocations through big_* take the huge-page path.
class BigPagesScope {
 public:
  BigPagesScope();
  ~BigPagesScope();
  BigPagesScope(const BigPagesScope&) = delete;
  BigPagesScope& operator=(const BigPagesScope&) = delete;
};

// SDL_SetMemoryFunctions(big_*): must be the first SDL call of the process.
bool install_big_alloc_for_sdl();

}  // namespace tx
