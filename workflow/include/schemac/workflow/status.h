// `status`: which migrations are applied and pending, and whether the live schema drifted from
// what the applied migrations should have produced.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "schemac/migrations/load.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/drift.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct MigrationRow {
  enum class State {
    Pending,
    Applied,
    AppliedNotInDirectory,  // recorded in the database, missing from the directory
  };
  State state = State::Pending;
  std::string tag;              // as in the directory (or as recorded, when not in it)
  std::string recordedTag;      // as recorded in the database (applied rows)
  std::int64_t appliedAt = 0;   // unix ms
  std::int64_t durationMs = 0;  // applied rows in the directory
  bool edited = false;          // applied, then its file changed (checksum differs)
  bool renamed() const { return state == State::Applied && recordedTag != tag; }
};

// The migrations directory against the database's record of applied migrations.
struct MigrationState {
  std::string migrationsDir;
  std::size_t inDirectory = 0;
  std::vector<MigrationRow> rows;  // the directory's in order, then those missing from it
  std::size_t applied = 0;
  std::size_t pending = 0;
  std::vector<std::string> editedFiles;  // edited after they were generated (schemac.sum)
  bool problems = false;  // a renamed, edited or missing applied migration, or an edited file
  // The journal entry of the newest applied migration; nullopt when none was applied, or when
  // it is missing from the directory (then lastAppliedTag still names it).
  std::optional<migrations::JournalEntry> lastApplied;
  std::string lastAppliedTag;
};

MigrationState migrationState(const std::string& migrationsDir,
                              const migrations::MigrationList& dir,
                              const std::vector<rt::AppliedMigration>& applied);
// Reads the directory and the database's record (for a caller with an open connection).
MigrationState readMigrationState(rt::Connection& db, const std::string& migrationsDir);

struct StatusOptions {
  std::string migrationsDir;
  DatabaseTarget database;
  db::IgnoreList ignore;  // tables left to other tools: never reported
  Log log;
};

struct StatusResult {
  std::string database;          // as shown: the display URL, or the URL of a missing file
  bool databaseMissing = false;  // a database file that does not exist yet
  MigrationState state;
  // Checked when migrations were applied and there is no problem above.
  std::optional<Drift> drift;
  // Why drift could not be checked (an unreadable snapshot, an unrepresentable live schema);
  // the listing above is still valid.
  std::string driftError;
};

StatusResult status(const StatusOptions& options);

}  // namespace schemac::workflow
