// `schemac fmt`: the canonical layout of a .schema file. Every comment is kept; columns of a
// table are aligned; 2-space indent; one blank line between declarations. Formatting is
// idempotent and keeps the meaning: parse(format(x)) has the AST of parse(x), ranges aside.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schemac/ast.h"
#include "schemac/diag.h"
#include "schemac/source.h"

namespace schemac {

// The canonical text of a file, given its source and the module parse() built from it
// without errors (its comments included).
std::string formatModule(const ast::Module& module, std::string_view source);

// Parses and formats one file. Returns nullopt when it has syntax errors (reported to diags).
std::optional<std::string> formatFile(const SourceManager& sm, FileId file, DiagEngine& diags);

}  // namespace schemac
