// Source text of AST pieces (names, types, expressions) as fmt writes them.
#pragma once

#include <string>
#include <string_view>

#include "schemac/ast.h"

namespace schemac::format {

// Where a name appears decides which words need backticks (see docs/grammar.md).
enum class NameContext {
  Name,       // a table, column, constraint or namespace name, or a name in an expression
  Column,     // a column's own name: every keyword is quoted so no item start is misread
  EnumValue,  // inside an enum body only `was` is reserved
};

std::string nameText(std::string_view name, NameContext ctx, bool backticked = false);
std::string identText(const ast::Ident& id, NameContext ctx = NameContext::Name);
std::string typeText(const ast::TypeRef& type);
std::string exprText(const ast::Expr& e);
std::string referencesText(const ast::References& ref);

}  // namespace schemac::format
