// Semantic analysis: checked AST modules (one per file) -> IR. Every error is reported;
// returns nullopt when there was any error.
#pragma once

#include <optional>
#include <vector>

#include "schemac/ast.h"
#include "schemac/diag.h"
#include "schemac/ir.h"

namespace schemac::sema {

std::optional<ir::Schema> analyze(const std::vector<ast::Module>& modules, DiagEngine& diags);

}  // namespace schemac::sema
