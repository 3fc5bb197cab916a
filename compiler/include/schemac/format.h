// `schemac fmt`: the canonical layout of a .schema file. Every comment is kept; columns of a
// table are aligned; 2-space indent; one blank line between declarations. Formatting is
// idempotent and keeps the meaning: parse(format(x)) has the AST of parse(x), ranges aside (so
// a doc comment that documents nothing keeps documenting nothing; docs/grammar.md).
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

// How fmt writes a name, for other writers of .schema text (pull): bare when the lexer reads it
// back as that name in every position, else in backticks.
std::string formatName(std::string_view name);
// How fmt writes a string literal: "..." with \" \\ \n \r \t escapes.
std::string formatString(std::string_view value);

}  // namespace schemac
