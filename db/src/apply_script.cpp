#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"

namespace schemac::db {

void applyScript(rt::Connection& conn, std::string_view script) {
  // One statement at a time, so a failure names the statement that failed (DbError::sql).
  for (const std::string& stmt : codegen::sqlite::splitStatements(script)) conn.execute(stmt);
}

}  // namespace schemac::db
