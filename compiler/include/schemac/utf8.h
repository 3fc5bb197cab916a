// UTF-8 well-formedness, shared by the canonical JSON reader/writer of the IR and the snapshot
// reader (each checks text it copies verbatim).
#pragma once

#include <cstddef>
#include <string_view>

namespace schemac {

// Length of the well-formed UTF-8 sequence at s[i] (Unicode table 3-7): 1 for ASCII, 2 to 4,
// or 0 when the bytes there are not well-formed (overlong, surrogate, truncated, > U+10FFFF).
inline std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
  auto b = [&](std::size_t k) -> unsigned {
    return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100u;
  };
  auto cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    unsigned x = b(k);
    return x >= lo && x <= hi;
  };
  unsigned c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

}  // namespace schemac
