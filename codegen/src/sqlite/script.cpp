// Whole-schema scripts (rt::splitScript splits them back into statements).
#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {

std::string createSchemaScript(const ir::Schema& schema) {
  Printer p;
  bool first = true;
  for (const ir::Table* t : creationOrder(schema)) {
    for (const std::string& stmt : createTableAndIndexes(schema, *t)) {
      if (!first) p.emitRaw("\n" + std::string(kBreakpoint) + "\n");
      first = false;
      p.emitRaw(stmt);
    }
  }
  if (!first) p.emitRaw("\n");
  return p.take();
}

}  // namespace schemac::codegen::sqlite
