// Drift: the live schema (introspected) against the snapshot of the last applied migration.
#pragma once

#include <filesystem>
#include <future>
#include <string>

#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::driver {

// What the applied migrations should have produced: a snapshot's schema, and that schema as
// introspection reads it back from SQLite.
struct ExpectedSchema {
  std::filesystem::path snapshotFile;
  ir::Schema schema;
  ir::Schema normalized;
};

// Reads and checks a snapshot; an unreadable or corrupt one is a CommandError naming `tag`.
ExpectedSchema loadExpectedSchema(const std::filesystem::path& snapshotFile,
                                  const std::string& tag);

// The same on another thread, so that a command can read the snapshot it will most likely
// need while it opens the database (a 1,000-table snapshot takes about as long to read as
// SQLite takes to load that database's schema). Errors arrive through get().
std::future<ExpectedSchema> loadExpectedSchemaAsync(const std::filesystem::path& snapshotFile,
                                                    const std::string& tag);

// Prints "drift: none ..." or the differences as the change summary `generate` prints, and
// returns true when the live schema differs.
bool reportDrift(rt::Connection& db, const ExpectedSchema& expected, const std::string& tag);

}  // namespace schemac::driver
