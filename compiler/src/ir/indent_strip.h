// The snapshot's schema is written nested (`base` more spaces after every newline) but its
// fingerprint is the hash of the plain text: this copies the nested text back to the plain one,
// piece by piece, so that the hasher gets whole blocks.
#pragma once

#include <cstddef>

namespace schemac::ir::detail {

// Copies text[0, n) to out without the `base` bytes after each newline (spaces the writer put
// there) and returns how many bytes it wrote. *skip carries from one piece to the next: how
// many bytes at the start of this piece still belong to the previous piece's last newline.
// out needs room for n bytes.
std::size_t stripIndent(const char* text, std::size_t n, int base, std::size_t* skip, char* out);

}  // namespace schemac::ir::detail
