// A drizzle-kit snapshot (DIR/meta/NNNN_snapshot.json, SQLite dialect): the schema drizzle-kit
// believes the database has after that migration, as drizzle-kit wrote it. Plain data, in the
// file's order (the order drizzle-kit writes columns and foreign keys into CREATE TABLE).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "schemac/import/drizzle_journal.h"

namespace schemac::importer {

struct DrizzleColumn {
  std::string name;
  std::string type;  // declared SQL type as drizzle-kit writes it: "integer", "text(256)", ...
  bool primaryKey = false;
  bool notNull = false;
  bool autoincrement = false;
  std::optional<std::string> defaultSql;  // the DEFAULT clause's SQL text, as in the .sql file
};

struct DrizzleIndex {
  std::string name;
  std::vector<std::string> columns;
  bool unique = false;
  std::optional<std::string> where;  // SQL text
};

struct DrizzleForeignKey {
  std::string name;  // drizzle's name; SQLite never sees it (no CONSTRAINT clause)
  std::vector<std::string> columnsFrom;
  std::string tableTo;
  std::vector<std::string> columnsTo;
  std::string onDelete;  // "cascade", "no action", ...; empty when not given
  std::string onUpdate;
};

struct DrizzleNamedColumns {
  std::string name;
  std::vector<std::string> columns;
};

struct DrizzleCheck {
  std::string name;
  std::string sql;
};

struct DrizzleTable {
  std::string name;
  std::vector<DrizzleColumn> columns;
  std::vector<DrizzleIndex> indexes;
  std::vector<DrizzleForeignKey> foreignKeys;
  std::vector<DrizzleNamedColumns> compositePrimaryKeys;
  std::vector<DrizzleNamedColumns> uniqueConstraints;
  std::vector<DrizzleCheck> checks;
};

struct DrizzleSnapshot {
  std::filesystem::path file;  // where it was read from
  std::string version;         // "5" (drizzle-kit 0.20) or "6" (0.21 and later)
  std::vector<DrizzleTable> tables;
  std::vector<std::string> views;  // names only: views are not imported (a warning each)
};

// The snapshot versions this reader understands, e.g. {"5", "6"}.
const std::vector<std::string>& supportedDrizzleSnapshotVersions();

// Reads one snapshot file. Throws ImportError (one line naming the file) when it is missing,
// malformed, not SQLite, or of a version this reader does not know.
DrizzleSnapshot readDrizzleSnapshot(const std::filesystem::path& file);

// The snapshot of the journal's newest entry: DIR/meta/NNNN_snapshot.json, NNNN its idx.
// Throws ImportError when the journal is empty, not SQLite, or names a missing snapshot.
DrizzleSnapshot readNewestDrizzleSnapshot(const std::filesystem::path& dir,
                                          const DrizzleJournal& journal);

}  // namespace schemac::importer
