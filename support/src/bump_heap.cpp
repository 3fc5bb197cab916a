#include "schemac/support/bump_heap.h"

#include <sys/mman.h>

#include <mutex>
#include <utility>
#include <vector>

namespace schemac::support::bump {

thread_local constinit ThreadState tState;
constinit std::atomic<std::uintptr_t> gRegionBegin{0};
constinit std::atomic<std::uintptr_t> gRegionSize{0};
constinit std::atomic<bool> gDisabled{false};

namespace {

constexpr std::size_t kChunk = std::size_t{2} << 20;  // one huge page
// Address space only (MAP_NORESERVE): a 5,000-table compile takes a few dozen chunks.
constexpr std::size_t kRegion = std::size_t{1} << 30;
// Larger requests go to malloc, so that a chunk wastes at most this much at its end.
constexpr std::size_t kMaxBump = kChunk / 8;

constinit std::atomic<std::size_t> gNextChunk{0};

// The unused ends of chunks whose thread left its last Scope, for the next thread that needs
// room: each pass of the compiler starts a new helper thread, and a fresh chunk each time would
// mean a fresh huge page to fault in and clear (measured: more time than the pass itself).
std::mutex gSpareMutex;
std::vector<std::pair<char*, char*>> gSpare;  // NOLINT: guarded by gSpareMutex

}  // namespace

bool install() {
  if (gRegionSize.load(std::memory_order_relaxed) != 0) return true;
  void* p = mmap(nullptr, kRegion + kChunk, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) return false;
  auto begin = (reinterpret_cast<std::uintptr_t>(p) + kChunk - 1) & ~(kChunk - 1);
  // Advice only, as for the main heap (tools/schemac/heap.cpp): one fault maps 2 MiB.
  madvise(reinterpret_cast<void*>(begin), kRegion, MADV_HUGEPAGE);
  gSpare.reserve(16);
  gRegionBegin.store(begin, std::memory_order_relaxed);
  gRegionSize.store(kRegion, std::memory_order_relaxed);
  return true;
}

void* refill(std::size_t n) noexcept {
  std::size_t size = gRegionSize.load(std::memory_order_relaxed);
  if (n > kMaxBump || size == 0) return nullptr;
  {
    std::lock_guard<std::mutex> lock(gSpareMutex);
    while (!gSpare.empty()) {
      auto [cur, end] = gSpare.back();
      gSpare.pop_back();
      if (static_cast<std::size_t>(end - cur) >= n) {
        tState.cur = cur + n;
        tState.end = end;
        return cur;
      }
    }
  }
  std::size_t offset = gNextChunk.fetch_add(kChunk, std::memory_order_relaxed);
  if (offset + kChunk > size) return nullptr;
  char* chunk = reinterpret_cast<char*>(gRegionBegin.load(std::memory_order_relaxed) + offset);
  tState.cur = chunk + n;
  tState.end = chunk + kChunk;
  return chunk;
}

namespace {
constinit std::atomic<bool> gRouted{false};
}  // namespace

void markRouted() { gRouted.store(true, std::memory_order_relaxed); }

bool routed() {
  return gRouted.load(std::memory_order_relaxed) &&
         gRegionSize.load(std::memory_order_relaxed) != 0 &&
         !gDisabled.load(std::memory_order_relaxed);
}

void disable() { gDisabled.store(true, std::memory_order_relaxed); }

Scope::Scope() : previous_(tState.active) {
  if (!gDisabled.load(std::memory_order_relaxed)) tState.active = true;
}
Scope::~Scope() {
  tState.active = previous_;
  if (previous_ || tState.cur == tState.end) return;
  // Allocation-free: gSpare has room reserved (at most a few threads hold chunks at once).
  std::lock_guard<std::mutex> lock(gSpareMutex);
  if (gSpare.size() < gSpare.capacity()) gSpare.emplace_back(tState.cur, tState.end);
  tState.cur = tState.end = nullptr;
}

}  // namespace schemac::support::bump
