// Reads a migrations directory written by `schemac generate` (docs/migrations-format.md):
// meta/_journal.json, the NNNN_tag.sql / .down.sql files and their checksums.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "schemac/rt/migration.h"

namespace schemac::rt {

// A missing, unreadable or malformed directory, journal or migration file. One line.
class MigrationsDirError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JournalEntry {
  int idx = 0;
  std::string tag;
  std::int64_t created = 0;
  bool breakpoints = true;
  std::string checksum;      // of NNNN_tag.sql, as generated
  std::string downChecksum;  // of NNNN_tag.down.sql, as generated (may be empty)
  bool dataLoss = false;
  bool rebuildsTables = false;
  std::string fingerprint;
  std::string snapshot;
};

struct Journal {
  int version = 1;
  std::string dialect;
  std::vector<JournalEntry> entries;  // in idx order
};

// Parses meta/_journal.json text; `where` names it in errors.
Journal parseJournal(const std::string& text, const std::string& where);

struct MigrationsDir {
  std::filesystem::path path;
  Journal journal;
  // In journal order. `checksum` is the SHA-256 of the file as it is on disk now.
  std::vector<Migration> migrations;
  // Files whose content no longer matches the checksum the journal recorded at generation.
  std::vector<std::string> editedFiles;
};

// Reads the journal and every migration file it lists. Throws MigrationsDirError when the
// directory or journal is missing or corrupt, or a listed up file is missing.
MigrationsDir readMigrationsDir(const std::filesystem::path& dir);

// meta/NNNN_snapshot.json for a journal entry (NNNN: the tag's numeric prefix).
std::filesystem::path snapshotPath(const std::filesystem::path& dir, const JournalEntry& entry);

}  // namespace schemac::rt
