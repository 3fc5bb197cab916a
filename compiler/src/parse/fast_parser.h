// The fast path of parse(): a hand-written recursive-descent parser over fast_lexer's tokens
// that builds exactly the AST the ANTLR path builds (same ranges, docs and comments).
//
// grammar/*.g4 stays the definition of the language and the ANTLR parser its reference
// implementation, which also words every syntax error. This parser only has to be right
// on input the grammar accepts: wherever the input is invalid, or a decision is one it does
// not mirror with certainty, it declines (returns nullopt) and parse() runs the ANTLR path.
// tests/unit/compiler/fast_parse_test.cpp and the fuzzer check that both paths agree.
#pragma once

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

std::optional<FastParseResult> fastParse(FileId file, std::string_view source);

}  // namespace schemac::syntax
