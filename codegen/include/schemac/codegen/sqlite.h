// Lowering a whole schema to SQLite DDL. Deterministic: the same IR always gives the same
// bytes. Identifiers are always double-quoted (embedded quotes doubled).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/codegen/printer.h"
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
// (unix seconds), "timestamp_text" (CURRENT_TIMESTAMP) or "date".
std::string nowSql(std::string_view kind);
// One column definition as it appears in CREATE TABLE (and ALTER TABLE ADD COLUMN): name,
// type, inline key, NOT NULL, DEFAULT, GENERATED, implied CHECK. No doc comment (comments
// in ALTER TABLE ADD COLUMN corrupt the stored schema text).
std::string columnDefinition(const ir::Schema& schema, const ir::Table& table,
                             const ir::Column& column);
// True when the table's key is a single `int` column declared inline as
// `INTEGER PRIMARY KEY` (SQLite's rowid alias).
bool hasInlinePrimaryKey(const ir::Table& table);

// `CREATE TABLE "name" (...);` with columns, PK, UNIQUE constraints (Index::constraint),
// checks (explicit and type-implied), foreign keys and the table options (WITHOUT ROWID,
// STRICT). `asName` overrides the table name (used by table rebuilds).
std::string createTable(const ir::Schema& schema, const ir::Table& table,
                        std::string_view asName = {});
// CREATE [UNIQUE] INDEX; not for an Index::constraint, which createTable writes.
// One part of an index key as CREATE INDEX writes it: column or expression, COLLATE, DESC.
std::string indexPartSql(const ir::Schema& schema, const ir::Table& table,
                         const ir::IndexColumn& part);
std::string createIndex(const ir::Schema& schema, const ir::Table& table, const ir::Index& index);
// All CREATE statements of one table: the table, then its indexes (not its UNIQUE
// constraints, part of the table) by name.
std::vector<std::string> createTableAndIndexes(const ir::Schema& schema, const ir::Table& table);

// `CREATE VIEW "v" AS <sql>;`, `CREATE TRIGGER ...;`, `CREATE VIRTUAL TABLE "n" USING m(args);`
// `-- line` for each line of a doc comment, each prefixed by `indent`: how a table's,
// column's, view's or trigger's doc is kept next to its SQL.
void emitDocComment(Printer& p, const std::string& doc, std::string_view indent);
std::string createView(const ir::View& view);
std::string createTrigger(const ir::Trigger& trigger);
std::string createVirtualTable(const ir::VirtualTable& vt);

// The names a piece of raw SQL mentions (bare words and quoted identifiers, lower-cased,
// keywords included): what decides whether a view or trigger depends on a table or view.
std::vector<std::string> namesInSql(std::string_view sql);
// Whether the view's query mentions `name` (a table or view; case-insensitive).
bool viewReads(const ir::View& view, std::string_view name);
// Whether the trigger is on `name` or its WHEN / body mentions it.
bool triggerNames(const ir::Trigger& trigger, std::string_view name);
// Views in creation order: a view after the views it reads; ties and cycles by name.
std::vector<const ir::View*> viewOrder(const std::vector<ir::View>& views);

// Tables in creation order: referenced tables before the tables that reference them;
// ties and cycles broken by name (SQLite does not check FK targets at CREATE time).
std::vector<const ir::Table*> creationOrder(const ir::Schema& schema);

// The full CREATE script of a schema: statements separated by kBreakpoint lines.
std::string createSchemaScript(const ir::Schema& schema);
// The same with the tables' creationOrder(schema) computed already (generate's down script
// needs it too).
std::string createSchemaScript(const ir::Schema& schema,
                               const std::vector<const ir::Table*>& tableOrder);

}  // namespace schemac::codegen::sqlite
