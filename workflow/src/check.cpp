#include "schemac/workflow/check.h"

#include <fmt/core.h>

#include <future>
#include <optional>
#include <string>
#include <vector>

#include "dir_read.h"
#include "schemac/diff.h"
#include "schemac/diff_touched.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {
namespace {

// Whether generate would write a migration: the fingerprint also covers docs, which are not
// changes (docs/differ.md), so a differing fingerprint alone is not enough.
// Only the tables that differ are read and diffed when the newest snapshot's text allows it (the
// same plan as from the whole schemas, schemac/diff_touched.h).
bool hasPlannedChanges(const migrations::MigrationsDir& dir, const ir::Schema& schema) {
  if (std::optional<diff::PreviousTables> tables = newestSnapshotTables(dir)) {
    if (std::optional<diff::TouchedSchemas> t = diff::touchedSchemas(*tables, schema)) {
      return !diff::diff(t->previous, t->next).empty();
    }
  }
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newestSchemaJson(dir), &previous, &error)) return true;
  return !diff::diff(previous, schema).empty();
}

}  // namespace

CheckResult check(const CheckOptions& options) {
  CheckResult result;
  // The directory on a second core while the schema compiles; reported after the compiler's
  // diagnostics, as when it was read afterwards.
  // Every file is read, hashed and checked, the snapshots without copying their schemas out
  // (3 x 22 MB for 5,000 tables): only a schema that changed needs the newest one.
  std::future<DirRead> reading = std::async(std::launch::async, [&] {
    migrations::ReadOptions read;
    read.schemas = false;
    return readAndCheckDir(options.migrationsDir, read);
  });
  std::optional<ir::Schema> schema;
  if (!options.schemaFiles.empty()) {
    schema = compileSchema(options.schemaFiles, options.log);
    result.schemaChecked = true;
    result.tables = schema->tables.size();
  }

  DirRead read = reading.get();
  if (!read.error.empty()) throw Error(read.error);
  const migrations::MigrationsDir& dir = read.dir;
  if (!dir.exists) {
    if (options.requireDirectory) {
      throw Error(fmt::format("{} does not exist", options.migrationsDir));
    }
    return result;
  }
  result.directoryExists = true;
  result.migrations = dir.journal ? dir.journal->entries.size() : 0;

  result.problems = std::move(read.problems);
  if (schema) {
    const std::string fingerprint = ir::fingerprint(*schema);  // leaves the hints out itself
    const migrations::Snapshot* newest = dir.newestSnapshot();
    if (!newest) {
      result.problems.push_back(
          "the schema has no migration yet: run `schemac generate` to write the first one");
    } else if (newest->fingerprint != fingerprint && hasPlannedChanges(dir, *schema)) {
      result.problems.push_back(fmt::format(
          "the schema has changes that are not in a migration yet (newest: {}): run `schemac "
          "generate`",
          dir.journal->entries.back().tag));
    }
  }
  return result;
}

}  // namespace schemac::workflow
