// Lowering a whole schema to SQLite DDL. Deterministic: the same IR always gives the same
// bytes. Identifiers are always double-quoted (embedded quotes doubled).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"
#include "schemac/support/quote.h"

namespace schemac::codegen::sqlite {

// Separates statements in a migration file, as drizzle-kit does.
inline constexpr std::string_view kBreakpoint = "--> statement-breakpoint";

// SQLite quotes as every dialect does: support's quoteIdent / quoteString.
using support::quoteIdent;
using support::quoteString;
// SQL for an expression in the context of `table` (column types decide how `now` and
// enum values lower).
std::string renderExpr(const ir::Schema& schema, const ir::Table& table, const ir::Expr& e);
// SQLite declared type for a logical type, chosen so that the column gets the right affinity
// and introspection can recover the logical type (docs/sqlite-lowering.md): INTEGER, INT, REAL,
// DECIMAL(p, s), TEXT, VARCHAR(n), BOOLEAN, TIMESTAMP, TIMESTAMP_S, DATE, UUID, BLOB.
std::string typeName(const ir::Type& t);
// The declared type of a column in CREATE TABLE: its `sqltype` when it has one, else
// typeName(column.type).
std::string declaredType(const ir::Column& column);
// Whether two declared types are the same ignoring ASCII case and whitespace (`integer` and
// `INTEGER`, `DECIMAL (12,2)` and `DECIMAL(12, 2)`): SQLite derives the same affinity from
// both, and servers re-print them (tursodb).
bool sameDeclaredType(std::string_view a, std::string_view b);
// The CHECK a type implies on column `column` (bool, varchar, json, enum), without the
// CHECK keyword and parentheses; empty when the type implies none or the column is
// `unchecked`.
std::string impliedCheck(const ir::Schema& schema, const ir::Column& column);
// The SQL of `now` for a column of the given kind: "timestamp" (unix ms), "timestamp_s"
// (unix seconds) or "date".
std::string nowSql(std::string_view kind);
// One column definition as it appears in CREATE TABLE (and ALTER TABLE ADD COLUMN): name,
// type, inline key, NOT NULL, DEFAULT, GENERATED, implied CHECK. No doc comment (comments
// in ALTER TABLE ADD COLUMN corrupt the stored schema text).
std::string columnDefinition(const ir::Schema& schema, const ir::Table& table,
                             const ir::Column& column);
// True when the table's key is a single `int` column declared inline as
// `INTEGER PRIMARY KEY` (SQLite's rowid alias).
bool hasInlinePrimaryKey(const ir::Table& table);

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
