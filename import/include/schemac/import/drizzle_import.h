// A Drizzle snapshot (plus, when available, the column modes of its schema.ts) as the IR of the
// database drizzle-kit created from it: names as the database has them (foreign keys, which
// drizzle-kit writes without a CONSTRAINT name, get schemac's `<table>_<cols>_fkey`; inline
// UNIQUE constraints `<table>_<cols>_key`), composite keys in order, actions, autoincrement.
// Declared types the logical type would not lower to are kept as the column's sqlType.
#pragma once

#include <string>
#include <vector>

#include "schemac/import/drizzle_schema_ts.h"
#include "schemac/import/drizzle_snapshot.h"
#include "schemac/ir.h"

namespace schemac::importer {

struct DrizzleImport {
  // Defaults, checks and index predicates are ir::ExprKind::Raw holding drizzle-kit's SQL text
  // (db::recoverExpressions turns the ones the language can say into expressions).
  ir::Schema schema;
  std::vector<std::string> warnings;  // one line each, naming table and column
};

// `modes` may be null: then every column has the plain type of its declared SQL type.
DrizzleImport importDrizzleSnapshot(const DrizzleSnapshot& snapshot, const TsSchema* modes);

}  // namespace schemac::importer
