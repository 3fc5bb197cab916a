// Lowering a diff::Plan to SQLite migration SQL. The up migration of prev -> next is
// lowerPlan(prev, next, diff(prev, next)); the down migration is the lowering of
// diff(next, prev) with the up plan's renames reversed, so every migration is reversible as
// far as the data allows.
//
// What ALTER TABLE can do in place (ADD/RENAME/DROP COLUMN, RENAME TO) is done in place;
// everything else rebuilds the table (SQLite's 12-step procedure, see docs/differ.md). A
// migration that rebuilds a table must be applied with foreign keys switched off before
// BEGIN and `PRAGMA foreign_key_check` run before COMMIT (docs/migrations-format.md): the
// SQL itself never relies on PRAGMA foreign_keys, which is a no-op inside a transaction.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/diff.h"
#include "schemac/ir.h"

namespace schemac::codegen::sqlite {

struct MigrationSql {
  std::vector<std::string> statements;     // each a complete statement ending in ';'
  std::vector<std::string> rebuiltTables;  // sorted; non-empty => apply with foreign keys off

  bool rebuildsTables() const { return !rebuiltTables.empty(); }
  // The statements separated by `--> statement-breakpoint` lines, ending in '\n' (empty
  // when there are no statements).
  std::string body() const;
};

struct LowerOptions {
  // Rebuild a table with an AUTOINCREMENT column instead of ALTER TABLE ADD/DROP COLUMN. For
  // tursodb, which drops AUTOINCREMENT when it re-prints an altered table (docs/remote.md);
  // SQLite and libSQL keep it, and ALTER TABLE ADD COLUMN is instant there.
  bool rebuildAutoincrement = false;
};

// `from` and `to` are the schemas the plan was computed between.
MigrationSql lowerPlan(const ir::Schema& from, const ir::Schema& to, const diff::Plan& plan,
                       const LowerOptions& options = {});

// Up and down of one migration, with the plans they lower.
struct Migration {
  diff::Plan upPlan, downPlan;
  MigrationSql up, down;
};
Migration buildMigration(const ir::Schema& prev, const ir::Schema& next,
                         const diff::DiffOptions& options = {},
                         const LowerOptions& lowerOptions = {});

// The header notes of a migration file (migrations::renderMigrationFile writes them as
// `-- ` comments, docs/migrations-format.md): "rebuilds-tables: t1, t2" when it rebuilds
// tables, then "warning: TEXT" per warning.
std::vector<std::string> headerNotes(const MigrationSql& sql,
                                     const std::vector<std::string>& warnings);

}  // namespace schemac::codegen::sqlite
