// schemac push: the live database brought to a schema directly, without a migration
// (development only).
#pragma once

#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/inspect.h"
#include "schemac/diff.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::db {

struct PushPlan {
  ir::Schema live;    // introspected from the database
  ir::Schema target;  // the desired schema as SQLite keeps it (normalizeForSqlite)
  diff::Plan plan;    // live -> target
  codegen::sqlite::MigrationSql sql;
};

// Introspects `conn` (without the tables `ignore` matches: push never touches them) and plans
// the change to `desired`. Throws rt::DbError, InspectError.
PushPlan planPush(rt::Connection& conn, const ir::Schema& desired, const IgnoreList& ignore = {});

// Applies the plan's SQL in one BEGIN IMMEDIATE transaction, with foreign keys off around it
// and foreign_key_check before COMMIT when it rebuilds tables. Throws rt::MigrateError.
void applyPush(rt::Connection& conn, const PushPlan& plan);

}  // namespace schemac::db
