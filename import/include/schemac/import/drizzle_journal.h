// A Drizzle migrations folder's journal (DIR/meta/_journal.json): which migrations drizzle-kit
// generated, in order. The snapshots and the SQL files are named after each entry's tag.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "schemac/support/error.h"

namespace schemac::importer {

// Reading another tool's files failed; the message is one line naming the file.
class ImportError : public support::Error {
 public:
  using support::Error::Error;
};

struct DrizzleMigration {
  int idx = 0;
  std::string tag;        // e.g. "0000_clumsy_hulk": names NNNN_snapshot.json and tag.sql
  std::int64_t when = 0;  // unix milliseconds, as drizzle-kit writes it
};

struct DrizzleJournal {
  std::string version;  // the journal format's version, e.g. "5", "7"
  std::string dialect;  // "sqlite", "postgresql", "mysql", "turso", ...
  std::vector<DrizzleMigration> entries;
};

// Reads DIR/meta/_journal.json. Throws ImportError naming the file when missing or malformed.
DrizzleJournal readDrizzleJournal(const std::filesystem::path& dir);

}  // namespace schemac::importer
