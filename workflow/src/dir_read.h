// A migrations directory read and checked with no logging, so that generate and check can do
// it on a second core while the schema compiles and report what it found afterwards.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/diff_touched.h"
#include "schemac/migrations/migrations.h"

namespace schemac::workflow {

struct DirRead {
  migrations::MigrationsDir dir;
  std::string error;                  // set: the directory could not be read
  std::vector<std::string> problems;  // migrations::checkIntegrity's, when it could
};

DirRead readAndCheckDir(const std::string& migrationsDir,
                        const migrations::ReadOptions& options = {});

// The newest snapshot of a directory read without error and with a journal entry. Its file is
// always read in full (only older ones are trusted to the sum), so these read it in place:
// - its text;
// - its schema as canonical JSON (readers with `schemas = false` got no copy of it);
// - its schema cut into tables, as views into the file's text (nullopt: not laid out
//   canonically; then diff the whole schema).
std::string_view newestSnapshotText(const migrations::MigrationsDir& dir);
std::string newestSchemaJson(const migrations::MigrationsDir& dir);
std::optional<diff::PreviousTables> newestSnapshotTables(const migrations::MigrationsDir& dir);

}  // namespace schemac::workflow
