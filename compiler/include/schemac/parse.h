// Parsing: source text -> AST. Syntax errors are reported to the DiagEngine in words a user
// understands ("expected a column type"), never as ANTLR token names.
#pragma once

#include "schemac/ast.h"
#include "schemac/diag.h"
#include "schemac/source.h"

namespace schemac {

// Always returns a module (possibly partial); check diags.hadErrors().
ast::Module parse(const SourceManager& sm, FileId file, DiagEngine& diags);

}  // namespace schemac
