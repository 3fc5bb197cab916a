// The lexer's input for one file. ANTLR indexes characters by code point; the rest of the
// compiler uses byte offsets, so this stream decodes UTF-8 itself and keeps the mapping.
#pragma once

#include <antlr4-runtime.h>

#include <cstdint>
#include <string_view>
#include <vector>

namespace schemac::syntax {

class Utf8Input : public antlr4::ANTLRInputStream {
 public:
  // Returns false and sets *badOffset to the first byte that is not valid UTF-8.
  static bool validate(std::string_view text, std::uint32_t* badOffset);

  explicit Utf8Input(std::string_view text);  // text must be valid UTF-8

  // Byte offset of the code point with the given ANTLR index; indices past the end (and
  // ANTLR's "invalid index") map to the end of the text.
  std::uint32_t byteOffset(std::size_t index) const {
    return index < offsets_.size() ? offsets_[index] : offsets_.back();
  }

 private:
  std::vector<std::uint32_t> offsets_;  // one per code point, plus the end of the text
};

}  // namespace schemac::syntax
