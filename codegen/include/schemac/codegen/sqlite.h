// Lowering a whole schema to SQLite DDL. Deterministic: the same IR always gives the same
// bytes. Identifiers are always double-quoted (embedded quotes doubled).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"

namespace schemac::codegen::sqlite {

// Separates statements in a migration file, as drizzle-kit does.
inline constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

std::string quoteIdent(std::string_view name);
std::string quoteString(std::string_view s);
// SQL for an expression in the context of `table` (column types decide how `now` and
// enum values lower).
std::string renderExpr(const ir::Schema& schema, const ir::Table& table, const ir::Expr& e);
// SQLite declared type for a logical type: INTEGER, REAL, NUMERIC, TEXT, BLOB.
std::string typeName(const ir::Type& t);

// `CREATE TABLE "name" (...);` with columns, PK, checks (explicit and type-implied) and
// foreign keys. `asName` overrides the table name (used by table rebuilds).
std::string createTable(const ir::Schema& schema, const ir::Table& table,
                        std::string_view asName = {});
std::string createIndex(const ir::Schema& schema, const ir::Table& table, const ir::Index& index);
// All CREATE statements of one table: the table, then its indexes by name.
std::vector<std::string> createTableAndIndexes(const ir::Schema& schema, const ir::Table& table);

// Tables in creation order: referenced tables before the tables that reference them;
// ties and cycles broken by name (SQLite does not check FK targets at CREATE time).
std::vector<const ir::Table*> creationOrder(const ir::Schema& schema);

// The full CREATE script of a schema: statements separated by kBreakpoint lines.
std::string createSchemaScript(const ir::Schema& schema);

}  // namespace schemac::codegen::sqlite
