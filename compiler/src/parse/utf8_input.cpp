#include "parse/utf8_input.h"

#include <cstring>

namespace schemac::syntax {
namespace {

// Length of the UTF-8 sequence starting at text[i] and its code point, or 0 if invalid
// (overlong forms, surrogates and values above U+10FFFF are invalid too).
std::size_t decodeOne(std::string_view text, std::size_t i, char32_t* cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  unsigned char b0 = byte(i);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t len;
  char32_t value;
  char32_t min;
  if ((b0 & 0xe0) == 0xc0) {
    len = 2, value = b0 & 0x1f, min = 0x80;
  } else if ((b0 & 0xf0) == 0xe0) {
    len = 3, value = b0 & 0x0f, min = 0x800;
  } else if ((b0 & 0xf8) == 0xf0) {
    len = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + len > text.size()) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xc0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3f);
  }
  if (value < min || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0;
  *cp = value;
  return len;
}

}  // namespace

bool Utf8Input::validate(std::string_view text, std::uint32_t* badOffset) {
  char32_t cp;
  for (std::size_t i = 0; i < text.size();) {
    // Schemas are nearly all ASCII: skip 8 such bytes at a time.
    std::uint64_t word;
    if (i + sizeof word <= text.size()) {
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080ull) == 0) {
        i += sizeof word;
        continue;
      }
    }
    std::size_t n = decodeOne(text, i, &cp);
    if (n == 0) {
      *badOffset = static_cast<std::uint32_t>(i);
      return false;
    }
    i += n;
  }
  return true;
}

Utf8Input::Utf8Input(std::string_view text) : antlr4::ANTLRInputStream(std::string()) {
  _data.reserve(text.size());
  offsets_.reserve(text.size() + 1);
  char32_t cp = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = decodeOne(text, i, &cp);
    if (n == 0) n = 1, cp = 0xfffd;  // callers validate first; stay safe anyway
    _data.push_back(cp);
    offsets_.push_back(static_cast<std::uint32_t>(i));
    i += n;
  }
  offsets_.push_back(static_cast<std::uint32_t>(text.size()));
}

}  // namespace schemac::syntax
