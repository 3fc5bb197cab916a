// Loading a migrations directory for the database commands (migrate, down, status, studio):
// the journal and the migration files it lists, as the runtime's rt::Migration values. Reads
// only what applying needs (no snapshots), through the same journal parser as
// readMigrationsDir (migrations.h).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "schemac/migrations/migrations.h"
#include "schemac/rt/migration.h"
#include "schemac/support/error.h"

namespace schemac::migrations {

// A missing, unreadable or malformed directory, journal or migration file. One line.
class MigrationsDirError : public support::Error {
 public:
  using support::Error::Error;
};

struct MigrationList {
  std::filesystem::path path;
  Journal journal;
  // In journal order. `checksum` is the SHA-256 of the file as it is on disk now.
  std::vector<rt::Migration> migrations;
  // Files whose content no longer matches the checksum the journal recorded at generation.
  std::vector<std::string> editedFiles;
};

// Reads the journal and every migration file it lists. Throws MigrationsDirError when the
// directory or journal is missing or corrupt, or a listed up file is missing.
MigrationList loadMigrations(const std::filesystem::path& dir);

// meta/NNNN_snapshot.json for a journal entry (NNNN: the tag's numeric prefix).
std::filesystem::path snapshotPath(const std::filesystem::path& dir, const JournalEntry& entry);

}  // namespace schemac::migrations
