// Drift: the live schema (introspected) against the snapshot of the last applied migration.
#pragma once

#include <filesystem>
#include <future>
#include <string>

#include "schemac/db/inspect.h"
#include "schemac/diff.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::workflow {

// What the applied migrations should have produced: a snapshot's schema, and that schema as
// introspection reads it back from SQLite.
struct ExpectedSchema {
  std::string tag;  // the migration whose snapshot it is
  std::filesystem::path snapshotFile;
  ir::Schema schema;
  ir::Schema normalized;
};

// Reads and checks a snapshot; an unreadable or corrupt one is an Error naming `tag`.
ExpectedSchema loadExpectedSchema(const std::filesystem::path& snapshotFile,
                                  const std::string& tag);

// The same on another thread, so that a command can read the snapshot it will most likely
// need while it opens the database (a 1,000-table snapshot takes about as long to read as
// SQLite takes to load that database's schema). Errors arrive through get().
std::future<ExpectedSchema> loadExpectedSchemaAsync(const std::filesystem::path& snapshotFile,
                                                    const std::string& tag);

// From what the migrations should have produced to what is there: "+ column t.c" means the
// database has a column the migrations never created. An empty plan: no drift.
struct Drift {
  std::string tag;  // of the expected schema
  diff::Plan plan;
  bool any() const { return !plan.empty(); }
};

// Introspects `db` (without the tables `ignore` matches) against `expected`; Error when the live
// schema cannot be read.
Drift checkDrift(rt::Connection& db, const ExpectedSchema& expected,
                 const db::IgnoreList& ignore = {});

}  // namespace schemac::workflow
