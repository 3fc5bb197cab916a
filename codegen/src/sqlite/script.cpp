// Whole-schema scripts (rt::splitScript splits them back into statements): tables with their
// indexes (referenced tables first), virtual tables, views (a view after the views it reads),
// then triggers, which may name any of them.
#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {

std::string createSchemaScript(const ir::Schema& schema) {
  return createSchemaScript(schema, creationOrder(schema));
}

std::string createSchemaScript(const ir::Schema& schema,
                               const std::vector<const ir::Table*>& tableOrder) {
  Printer p;
  p.reserve(1100 * schema.tables.size());  // about what a table with its indexes takes
  const std::string separator = "\n" + std::string(kBreakpoint) + "\n";
  bool first = true;
  auto put = [&](const std::string& stmt) {
    if (!first) p.emitRaw(separator);
    first = false;
    p.emitRaw(stmt);
  };
  for (const ir::Table* t : tableOrder) {
    for (const std::string& stmt : createTableAndIndexes(schema, *t)) put(stmt);
  }
  for (const ir::VirtualTable& vt : schema.virtualTables) put(createVirtualTable(vt));
  for (const ir::View* v : viewOrder(schema.views)) put(createView(*v));
  for (const ir::Trigger& t : schema.triggers) put(createTrigger(t));
  if (!first) p.emitRaw("\n");
  return p.take();
}

}  // namespace schemac::codegen::sqlite
