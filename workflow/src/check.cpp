#include "schemac/workflow/check.h"

#include <fmt/core.h>

#include <optional>

#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {
namespace {

// Whether generate would write a migration: the fingerprint also covers docs, which are not
// changes (docs/differ.md), so a differing fingerprint alone is not enough.
bool hasPlannedChanges(const migrations::Snapshot& newest, const ir::Schema& schema) {
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newest.schemaJson, &previous, &error)) return true;
  return !diff::diff(previous, schema).empty();
}

}  // namespace

CheckResult check(const CheckOptions& options) {
  CheckResult result;
  std::optional<ir::Schema> schema;
  if (!options.schemaFiles.empty()) {
    schema = compileSchema(options.schemaFiles, options.log);
    result.schemaChecked = true;
    result.tables = schema->tables.size();
  }

  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(options.migrationsDir, &dir, &error)) throw Error(error);
  if (!dir.exists) {
    if (options.requireDirectory) {
      throw Error(fmt::format("{} does not exist", options.migrationsDir));
    }
    return result;
  }
  result.directoryExists = true;
  result.migrations = dir.journal ? dir.journal->entries.size() : 0;

  result.problems = migrations::checkIntegrity(dir);
  if (schema) {
    const std::string fingerprint = ir::fingerprint(ir::withoutHints(*schema));
    const migrations::Snapshot* newest = dir.newestSnapshot();
    if (!newest) {
      result.problems.push_back(
          "the schema has no migration yet: run `schemac generate` to write the first one");
    } else if (newest->fingerprint != fingerprint && hasPlannedChanges(*newest, *schema)) {
      result.problems.push_back(fmt::format(
          "the schema has changes that are not in a migration yet (newest: {}): run `schemac "
          "generate`",
          dir.journal->entries.back().tag));
    }
  }
  return result;
}

}  // namespace schemac::workflow
