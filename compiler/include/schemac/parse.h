// Parsing: source text -> AST. Syntax errors are reported to the DiagEngine in words a user
// understands ("expected a column type"), never as ANTLR token names.
#pragma once

#include <optional>

#include "schemac/ast.h"
#include "schemac/diag.h"
#include "schemac/source.h"

namespace schemac {

// Always returns a module (possibly partial); check diags.hadErrors().
ast::Module parse(const SourceManager& sm, FileId file, DiagEngine& diags);

// The two paths parse() chooses between, for the tests and the fuzzer that check they agree.
// parseFast: a hand-written parser; returns nullopt (reporting nothing) whenever the input
// is invalid or outside what it mirrors with certainty. parseReference: the ANTLR parser
// generated from grammar/*.g4, the definition of the language and the source of every
// syntax error message.
std::optional<ast::Module> parseFast(const SourceManager& sm, FileId file, DiagEngine& diags);
ast::Module parseReference(const SourceManager& sm, FileId file, DiagEngine& diags);

}  // namespace schemac
