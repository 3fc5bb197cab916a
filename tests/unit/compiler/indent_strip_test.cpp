// stripIndent: the nested snapshot text back to the plain one for the fingerprint, in pieces
// of any length, against a plain reference.
#include "ir/indent_strip.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

using namespace schemac::ir::detail;

// Text as the writer makes it: lines of printable bytes, `base` spaces after each newline
// (and sometimes more, as nested indentation), newlines sometimes back to back.
std::string nested(std::mt19937& rng, int base, std::size_t size) {
  std::string s;
  while (s.size() < size) {
    std::size_t line = rng() % 90;
    for (std::size_t i = 0; i < line; ++i)
      s += static_cast<char>(rng() % 3 == 0 ? ' ' : 'a' + rng() % 26);
    s += '\n';
    s.append(static_cast<std::size_t>(base) + rng() % 7, ' ');
  }
  return s;
}

std::string reference(const std::string& s, int base) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '\n') i += static_cast<std::size_t>(base);
  }
  return out;
}

void expectSameInPieces(const std::string& text, int base, std::mt19937& rng) {
  std::string out(text.size(), '\0');
  std::size_t skip = 0, written = 0;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t n = std::min<std::size_t>(text.size() - at, 1 + rng() % 300);
    written += stripIndent(text.data() + at, n, base, &skip, out.data() + written);
    at += n;
  }
  out.resize(written);
  EXPECT_EQ(out, reference(text, base)) << "base " << base;
}

TEST(IndentStrip, EqualsTheReferenceInPiecesOfAnyLength) {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    int base = 1 + static_cast<int>(rng() % (round % 5 == 0 ? 63 : 4));
    std::string text = nested(rng, base, rng() % 5000);
    expectSameInPieces(text, base, rng);
  }
}

TEST(IndentStrip, ANewlineAtTheEndOfAPieceSkipsIntoTheNext) {
  const std::string text = "{\n    \"a\": 1\n  }\n  ";
  std::string out(text.size(), '\0');
  std::size_t skip = 0, n = 0;
  n += stripIndent(text.data(), 2, 2, &skip, out.data());  // "{\n"
  EXPECT_EQ(skip, 2u);
  n += stripIndent(text.data() + 2, 1, 2, &skip, out.data() + n);  // one of the two spaces
  EXPECT_EQ(skip, 1u);
  n += stripIndent(text.data() + 3, text.size() - 3, 2, &skip, out.data() + n);
  out.resize(n);
  EXPECT_EQ(out, "{\n  \"a\": 1\n}\n");
  EXPECT_EQ(skip, 0u);
}

}  // namespace
