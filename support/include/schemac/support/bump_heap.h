// A bump allocator for the compiler's helper thread. The schemac executable routes operator new
// through it (tools/schemac/heap.cpp): while a Scope is alive on a thread, that thread's
// allocations are carved from private 2 MiB chunks of one reserved region and are never given
// back (deleting them does nothing). Two threads then never meet on glibc's one arena lock
// (M_ARENA_MAX 1), and an allocation costs a few instructions. Everything the helper allocates
// (half an AST, half the IR) lives to the end of the command anyway.
//
// Without install() (library users, unit tests) a Scope is harmless: nothing reads it.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace schemac::support::bump {

// Reserves the region (address space only; pages become resident when touched). Returns false
// when the reservation fails; allocations then all come from malloc. Call once, before any
// thread starts.
bool install();

// Called by the executable whose operator new calls tryAllocate (after install()). Then memory
// allocated in a Scope is never reused, and a caller may skip destroying what it allocated there.
void markRouted();
// install() and markRouted() were called, and disable() was not.
bool routed();

// From now on no Scope takes effect: a long-lived process (the studio server compiles on every
// change) must free what a compile allocated. Memory handed out so far stays valid.
void disable();

// This thread allocates from the region while the scope lives (nested scopes are fine), unless
// disable() was called.
class Scope {
 public:
  Scope();
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  bool previous_;
};

// ---- for the operator new replacement ----

struct ThreadState {
  char* cur = nullptr;
  char* end = nullptr;
  bool active = false;
};
extern thread_local constinit ThreadState tState;
extern constinit std::atomic<std::uintptr_t> gRegionBegin;
extern constinit std::atomic<std::uintptr_t> gRegionSize;
extern constinit std::atomic<bool> gDisabled;

// A new chunk for this thread, then `n` bytes from it; nullptr when `n` is large or the region
// is used up (the caller then uses malloc).
void* refill(std::size_t n) noexcept;

// `n` bytes aligned to 16 from this thread's chunk, or nullptr (no scope, or see refill).
inline void* tryAllocate(std::size_t n) noexcept {
  ThreadState& s = tState;
  if (!s.active) return nullptr;
  n = (n + 15) & ~std::size_t{15};
  if (n == 0) n = 16;  // distinct pointers for operator new(0)
  if (n <= static_cast<std::size_t>(s.end - s.cur)) {
    void* p = s.cur;
    s.cur += n;
    return p;
  }
  return refill(n);
}

// True for memory that tryAllocate handed out (operator delete then does nothing).
inline bool owns(const void* p) noexcept {
  return reinterpret_cast<std::uintptr_t>(p) - gRegionBegin.load(std::memory_order_relaxed) <
         gRegionSize.load(std::memory_order_relaxed);
}

}  // namespace schemac::support::bump
