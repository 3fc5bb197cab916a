// The fast path of parse(): a hand-written recursive-descent parser over fast_lexer's tokens
// that builds exactly the AST the ANTLR path builds (same ranges, docs and comments).
//
// grammar/*.g4 stays the definition of the language and the ANTLR parser its reference
// implementation, which also words every syntax error. This parser only has to be right
// on input the grammar accepts: wherever the input is invalid, or a decision is one it does
// not mirror with certainty, it declines (returns nullopt) and parse() runs the ANTLR path.
// tests/unit/compiler/fast_parse_test.cpp and the fuzzer check that both paths agree.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "schemac/ast.h"
#include "schemac/source.h"

namespace schemac::syntax {

struct FastParseResult {
  ast::Module module;
  std::vector<SourceRange> unusedDocs;  // `///` comments that document nothing (warnings)
};

// A big file is parsed in two halves on two threads (fastParseInHalves), else in one go.
std::optional<FastParseResult> fastParse(FileId file, std::string_view source);

// Sources from this size on are cut in two: about 64 tables of tests/bench/gen_schema.py's.
inline constexpr std::size_t kMinBytesInHalves = 36 * 1024;

// The file cut at the first line start after a lone `}` line at or after offset `cutFrom`:
// the part before is lexed and parsed on this thread, the part after on a helper thread,
// then the second module's declarations and comments are appended to the first's. The same
// result as fastParse's in one go; nullopt when there is no such cut, when the lexer's state
// at the cut is not a file's start (inside a block comment, an open parenthesis), or when
// either part declines (fastParse then parses the file in one go, which declines too).
std::optional<FastParseResult> fastParseInHalves(FileId file, std::string_view source,
                                                 std::size_t cutFrom);

// The whole file on this thread.
std::optional<FastParseResult> fastParseInOneGo(FileId file, std::string_view source);

}  // namespace schemac::syntax
