// Semantic analysis: runs the passes in order over every module, then lowers to IR when no
// error was reported. Every pass runs even after errors so that all of them are reported.
#include "schemac/sema.h"
#include "sema/context.h"

namespace schemac::sema {

std::optional<ir::Schema> analyze(const std::vector<ast::Module>& modules, DiagEngine& diags) {
  std::size_t errorsBefore = diags.errorCount();
  Context ctx(diags);
  collectSymbols(ctx, modules);
  resolveTypes(ctx);
  checkModifiers(ctx);
  checkKeys(ctx);
  checkSqliteOptions(ctx);
  planConstraints(ctx);
  checkConstraintNames(ctx);
  checkObjects(ctx);
  checkNames(ctx);
  checkForeignKeys(ctx);
  checkExpressions(ctx);
  checkGeneratedCycles(ctx);
  if (diags.errorCount() != errorsBefore) return std::nullopt;
  return lowerToIr(ctx);
}

}  // namespace schemac::sema
