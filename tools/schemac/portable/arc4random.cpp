// Linked into a portable schemac only (SCHEMAC_PORTABLE). The static libstdc++ of GCC 12 calls
// arc4random (std::random_device, pulled in with the COW-string instantiations whether schemac
// uses it or not), which glibc has only since 2.36 (versioned GLIBC_2.36). Defining it here
// satisfies that reference inside the executable, so schemac runs on glibc 2.35 (e.g. Ubuntu
// 22.04); docs/building.md, "The portable binary". Same contract: kernel randomness.
#include <sys/random.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>

extern "C" std::uint32_t arc4random() {
  std::uint32_t value;
  unsigned char* p = reinterpret_cast<unsigned char*>(&value);
  std::size_t left = sizeof value;
  while (left > 0) {
    ssize_t n = getrandom(p, left, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::abort();  // glibc's arc4random also aborts when the kernel has no randomness
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return value;
}
