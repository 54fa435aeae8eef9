#include "platform/big_alloc.h"

#include <SDL.h>
#include <malloc.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

namespace tx {

namespace {
constexpr size_t kHuge = size_t(2) << 20;  // 2 MiB: x86-64's transparent huge page
std::atomic<int> g_scopes{0};
std::mutex g_mu;
std::map<const void*, size_t>& mappings() {  // start of each mapping → its length
  static auto* m = new std::map<const void*, size_t>;  // never destroyed: SDL may free late
  return *m;
}

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

// An anonymous mapping of at least n bytes starting on a 2 MiB boundary (zero-filled).
void* map_huge(size_t n) {
  size_t len = round_up(n, kHuge);
  void* raw = mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  auto base = reinterpret_cast<uintptr_t>(raw);
  uintptr_t start = round_up(base, kHuge);
  if (start > base) munmap(raw, start - base);
  uintptr_t end = start + len, raw_end = base + len + kHuge;
  if (raw_end > end) munmap(reinterpret_cast<void*>(end), raw_end - end);
  void* p = reinterpret_cast<void*>(start);
  madvise(p, len, MADV_HUGEPAGE);  // a kernel without THP says EINVAL: plain pages, still correct
  std::lock_guard<std::mutex> lk(g_mu);
  mappings()[p] = len;
  return p;
}

// The mapping's length if p is one of ours (0 otherwise).
size_t owned_len(const void* p) {
  if (!p) return 0;
  std::lock_guard<std::mutex> lk(g_mu);
  auto it = mappings().find(p);
  return it == mappings().end() ? 0 : it->second;
}

bool wanted(size_t n) { return n >= kBigAllocMin && g_scopes.load(std::memory_order_relaxed) > 0; }
}  // namespace

BigPagesScope::BigPagesScope() { g_scopes.fetch_add(1); }
BigPagesScope::~BigPagesScope() { g_scopes.fetch_sub(1); }

void* big_malloc(size_t n) {
  if (wanted(n))
    if (void* p = map_huge(n)) return p;
  return std::malloc(n);
}

void* big_calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) return nullptr;
  size_t n = count * size;
  if (wanted(n))
    if (void* p = map_huge(n)) return p;  // fresh anonymous pages are already zero
  return std::calloc(count, size);
}

void big_free(void* p) {
  if (!p) return;
  size_t len = 0;
  {
    std::lock_guard<std::mutex> lk(g_mu);
    auto it = mappings().find(p);
    if (it != mappings().end()) {
      len = it->second;
      mappings().erase(it);
    }
  }
  if (len) munmap(p, len);
  else std::free(p);
}

void* big_realloc(void* p, size_t n) {
  if (!p) return big_malloc(n);
  size_t len = owned_len(p);
  if (!len) {
    if (!wanted(n)) return std::realloc(p, n);
    void* q = map_huge(n);
    if (!q) return std::realloc(p, n);
    std::memcpy(q, p, std::min(malloc_usable_size(p), n));
    std::free(p);
    return q;
  }
  if (n <= len && n >= kBigAllocMin) return p;  // still fits its mapping
  void* q = n >= kBigAllocMin ? map_huge(n) : std::malloc(n);
  if (!q && n) return nullptr;  // p stays valid, as realloc's contract says
  std::memcpy(q, p, std::min(len, n));
  big_free(p);
  return q;
}

bool big_owned(const void* p) { return owned_len(p) != 0; }

size_t big_bytes_mapped() {
  std::lock_guard<std::mutex> lk(g_mu);
  size_t n = 0;
  for (const auto& [p, len] : mappings()) n += len;
  return n;
}

bool install_big_alloc_for_sdl() {
  return SDL_SetMemoryFunctions(big_malloc, big_calloc, big_realloc, big_free) == 0;
}

}  // namespace tx
