// Generate-time verification of a migration (spec section 4 of issue 4): in an in-memory
// SQLite database, build the previous schema, apply up, compare with a fresh build of the
// next schema; apply down, compare with the previous schema. A mismatch is a bug in schemac,
// reported as the difference in text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::db {

// A canonical text description of a live SQLite schema, one fact per line: columns (from
// table_xinfo), foreign keys, indexes with their columns and predicate, table constraints and
// column definitions normalised from the stored CREATE text. Two databases have the same
// schema iff their descriptions are equal. Internal tables (sqlite_*, __schemac_*) are left out.
std::string describeSchema(rt::Connection& db);

// Lines only in `expected` ("- ") and only in `actual` ("+ "); empty when equal.
std::string describeDifference(const std::string& expected, const std::string& actual);

// How `db` differs from a fresh build of `schema` (codegen::sqlite::createSchemaScript):
// describeSchema() lines ("- expected" / "+ actual") and, after "* ", db::inspect()
// differences (docs ignored: they are not changes). Empty when equal.
std::string compareWithFreshBuild(rt::Connection& db, const ir::Schema& schema);

struct VerifyResult {
  bool ok = true;
  std::string stage;       // "up", "down", "apply up", "apply down", "build"
  std::string difference;  // the schema difference, or the database's error
};

// Proves `m` (built by codegen::sqlite::buildMigration(prev, next)) in an in-memory
// database. Only the tables the migration concerns are built: those its up or down plan
// names (created, dropped, renamed, altered, using a changed enum), plus the tables they
// reference or are referenced by. Every statement of the migration names only such tables,
// so the others cannot change, and SQLite's DDL costs grow with the size of the schema.
VerifyResult verifyMigration(const ir::Schema& prev, const ir::Schema& next,
                             const codegen::sqlite::Migration& m);

}  // namespace schemac::db
