// A 1,000-table `generate` allocates ~40 MB in small pieces. Each 4 KiB page faults on first
// touch: 8,000 faults, a third of the run's time on a virtual machine. With the heap's address
// space marked MADV_HUGEPAGE a fault maps 2 MiB, and the run takes half the CPU time for ~2 MB
// more peak RSS (docs/performance.md). glibc's `glibc.malloc.hugetlb=1` tunable does the same,
// but only from the environment.
#include "heap.h"

#include <malloc.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <new>

#include "schemac/support/bump_heap.h"

// The sanitizers bring their own allocator: nothing to tune.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SCHEMAC_OWN_ALLOCATOR 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
#define SCHEMAC_OWN_ALLOCATOR 1
#endif
#endif

namespace schemac::cli {

#if defined(__GLIBC__) && !defined(SCHEMAC_OWN_ALLOCATOR)
namespace {

// The soft limit `resource` has (ulimit -d, -v) is below `bytes`.
bool limitedBelow(int resource, std::uint64_t bytes) {
  rlimit r{};
  return getrlimit(resource, &r) == 0 && r.rlim_cur != RLIM_INFINITY && r.rlim_cur < bytes;
}

}  // namespace
#endif

void tuneHeap() {
#if defined(__GLIBC__) && !defined(SCHEMAC_OWN_ALLOCATOR)
  constexpr std::size_t kHugePage = std::size_t{2} << 20;
  constexpr int kPad = 256 << 20;  // address space; only the touched pages become resident
  // Both the pad and the compiler's 1 GiB bump region count against a data or address-space
  // limit (ulimit -d, -v), and glibc grows the heap by request + pad or not at all: under a
  // limit below ~270 MB every allocation past the first failed. Below 2 GiB the heap is left as
  // glibc sets it up, and the compiler allocates from it too.
  constexpr std::uint64_t kRoomNeeded = std::uint64_t{2} << 30;
  if (limitedBelow(RLIMIT_DATA, kRoomNeeded) || limitedBelow(RLIMIT_AS, kRoomNeeded)) return;
  // Everything up to 64 MiB (a 5,000-table snapshot is 22 MB) from the heap, never from an mmap
  // of its own, and freed memory is kept rather than returned and faulted in again.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, kPad);
  // The helper threads of generate and check allocate megabytes too: from this heap, not from
  // arenas of their own in 4 KiB pages (3,000 more page faults for an incremental generate).
  mallopt(M_ARENA_MAX, 1);
  // One allocation past the heap's current top grows it by the pad now, then mark the new part.
  // malloc writes the new top's header just past the probe, before the advice: the 2 MiB page
  // holding that header is mapped in small pages for good, so the huge part starts at the next
  // boundary, and a small probe keeps that boundary close to the heap's start. (With a 2 MiB
  // probe, the next 2-4 MiB stayed in small pages: the snapshot's buffer and the lexer's tokens
  // landed there, ~1,200 faults of a 1,000-table `generate`.)
  std::size_t probeSize = std::size_t{256} << 10;
  void* probe = std::malloc(probeSize);
  // A probe that fit in the top the heap already had did not grow it: a larger one.
  while (probe && reinterpret_cast<std::uintptr_t>(sbrk(0)) <
                      reinterpret_cast<std::uintptr_t>(probe) + probeSize + kPad / 2) {
    std::free(probe);
    probeSize *= 2;
    probe = probeSize <= kHugePage * 8 ? std::malloc(probeSize) : nullptr;
  }
  if (probe) {
    auto start = (reinterpret_cast<std::uintptr_t>(probe) + probeSize + 64 + kHugePage - 1) &
                 ~(kHugePage - 1);
    auto end = reinterpret_cast<std::uintptr_t>(sbrk(0)) & ~(kHugePage - 1);
    // Advice only: on a kernel without transparent huge pages this fails and nothing changes.
    if (end > start) madvise(reinterpret_cast<void*>(start), end - start, MADV_HUGEPAGE);
    std::free(probe);
  }
  // The compiler's helper thread allocates from its own chunks (support/bump_heap.h).
  if (support::bump::install()) support::bump::markRouted();
#endif
}

}  // namespace schemac::cli

#if defined(__GLIBC__) && !defined(SCHEMAC_OWN_ALLOCATOR)
// operator new and delete as libstdc++ has them (malloc, the new-handler loop, free), plus the
// bump chunks of a thread inside a support::bump::Scope. The aligned forms are left as they are:
// they never come from the chunks.
namespace {

void* allocate(std::size_t n) {
  if (void* p = schemac::support::bump::tryAllocate(n)) return p;
  if (n == 0) n = 1;
  for (;;) {
    if (void* p = std::malloc(n)) return p;
    std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void deallocate(void* p) noexcept {
  if (!schemac::support::bump::owns(p)) std::free(p);
}

}  // namespace

void* operator new(std::size_t n) { return allocate(n); }
void* operator new[](std::size_t n) { return allocate(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  try {
    return allocate(n);
  } catch (...) {
    return nullptr;
  }
}
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }
#endif
