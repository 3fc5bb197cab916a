#include "dir_read.h"

namespace schemac::workflow {

DirRead readAndCheckDir(const std::string& migrationsDir, const migrations::ReadOptions& options) {
  DirRead r;
  if (migrations::readMigrationsDir(migrationsDir, &r.dir, &r.error, options)) {
    r.problems = migrations::checkIntegrity(r.dir);
  }
  return r;
}

std::string_view newestSnapshotText(const migrations::MigrationsDir& dir) {
  return dir.files.at(migrations::snapshotFileName(dir.journal->entries.back().idx));
}

std::string newestSchemaJson(const migrations::MigrationsDir& dir) {
  migrations::Snapshot s;
  std::string why;
  migrations::parseSnapshot(newestSnapshotText(dir), &s, &why);  // checked when read: it parses
  return std::move(s.schemaJson);
}

std::optional<diff::PreviousTables> newestSnapshotTables(const migrations::MigrationsDir& dir) {
  std::string_view schema = migrations::snapshotSchemaText(newestSnapshotText(dir));
  if (schema.empty()) return std::nullopt;
  return diff::previousTables(schema, 2);  // nested two spaces deep in the snapshot
}

}  // namespace schemac::workflow
