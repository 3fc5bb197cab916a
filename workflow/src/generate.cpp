#include "schemac/workflow/generate.h"

#include <fmt/core.h>

#include "schemac/codegen/sqlite.h"
#include "schemac/ir_json.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/generate_diff.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {
namespace {

// The first migration of a directory: the whole CREATE script; its down migration drops every
// table, referencing tables first.
migrations::NewMigration initialMigration(const ir::Schema& next,
                                          std::vector<std::string>* summary) {
  migrations::NewMigration m;
  m.upSql = codegen::sqlite::createSchemaScript(next);
  std::vector<const ir::Table*> order = codegen::sqlite::creationOrder(next);
  std::string down;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (!down.empty()) down += fmt::format("\n{}\n", codegen::sqlite::kBreakpoint);
    down += fmt::format("DROP TABLE {};", codegen::sqlite::quoteIdent((*it)->name));
  }
  m.downSql = std::move(down);
  for (const ir::Table& t : next.tables) summary->push_back(fmt::format("+ table {}", t.name));
  for (const ir::Enum& e : next.enums) summary->push_back(fmt::format("+ enum {}", e.name));
  // `create_users` for a one-table schema, as a later `create_*` migration would be named.
  m.name = next.tables.size() == 1 ? "create_" + next.tables[0].name : "init";
  return m;
}

// The migration from the directory's newest schema to `next`; nullopt when nothing changed.
std::optional<migrations::NewMigration> nextMigration(const migrations::MigrationsDir& dir,
                                                      const ir::Schema& next,
                                                      const std::string& fingerprint,
                                                      const GenerateDiffOptions& options,
                                                      std::vector<std::string>* summary) {
  const migrations::Snapshot* newest = dir.newestSnapshot();
  if (!newest) return initialMigration(next, summary);
  if (newest->fingerprint == fingerprint) return std::nullopt;
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newest->schemaJson, &previous, &error)) {
    throw Error(fmt::format(
        "{}: cannot read the schema of the newest snapshot: {}",
        (dir.root / migrations::snapshotFileName(dir.journal->entries.back().idx)).string(),
        error));
  }
  return diffMigration(previous, next, options, summary);
}

// The directory as generate needs it: readable, and consistent (each problem logged first).
migrations::MigrationsDir readConsistentDir(const std::string& migrationsDir, const Log& log) {
  migrations::MigrationsDir dir;
  std::string error;
  // Only the newest snapshot is diffed against: the older ones are trusted to match schemac.sum
  // (`check` and `migrate` verify every file; docs/migrations-format.md).
  migrations::ReadOptions read;
  read.trustOlderSnapshots = true;
  if (!migrations::readMigrationsDir(migrationsDir, &dir, &error, read)) throw Error(error);
  if (auto problems = migrations::checkIntegrity(dir); !problems.empty()) {
    for (const std::string& p : problems) {
      logTo(log, LogLevel::Error, fmt::format("{}: error: {}", migrationsDir, p));
    }
    throw Error(
        fmt::format("{} is not consistent (see above); fix it before generating a new migration",
                    migrationsDir));
  }
  return dir;
}

}  // namespace

GenerateResult generate(const GenerateOptions& options) {
  std::string givenName = options.name.empty() ? "" : sanitizeMigrationName(options.name);
  ir::Schema schema = compileSchema(options.schemaFiles, options.log);
  refuseIgnoredTables(schema, {options.ignore});
  migrations::MigrationsDir dir = readConsistentDir(options.migrationsDir, options.log);

  const ir::Schema stored = ir::withoutHints(schema);
  // ir::fingerprint(stored) is the hash of this text; serialise the 4.5 MB of a 1,000-table
  // schema once for both.
  std::string storedJson = ir::toCanonicalJson(stored);
  const std::string fingerprint = migrations::sha256Hex(storedJson);
  GenerateResult result;
  std::optional<migrations::NewMigration> migration;
  if (options.custom) {
    // A hand-written migration: empty files recorded in the journal with the schema of its
    // parent (docs/migrations-format.md), so the next generate diffs from the same place.
    if (givenName.empty()) throw Error("--custom needs --name", Error::Kind::BadOptions);
    const migrations::Snapshot* newest = dir.newestSnapshot();
    if (!newest) throw Error("--custom needs an earlier migration to follow");
    migration.emplace();
    migration->fingerprint = newest->fingerprint;
    migration->schemaJson = newest->schemaJson;
    result.summary.push_back("custom migration: write its SQL by hand");
  } else {
    GenerateDiffOptions diffOptions;
    diffOptions.strict = options.strict;
    diffOptions.verify = options.verify;
    diffOptions.confirmRename = options.confirmRename;
    diffOptions.approveLoss = options.approveLoss;
    diffOptions.rebuildAutoincrement = options.rebuildAutoincrement;
    diffOptions.log = options.log;
    migration = nextMigration(dir, schema, fingerprint, diffOptions, &result.summary);
  }
  if (!migration) return result;
  if (!givenName.empty()) migration->name = givenName;
  migration->dialect = options.dialect;
  if (!options.custom) {
    migration->fingerprint = fingerprint;
    migration->schemaJson = std::move(storedJson);
  }

  migrations::OutputSet output =
      migrations::appendMigration(dir, *migration, migrations::journalTimestampMs());
  auto written = output.writeAll(options.migrationsDir);
  if (!written.ok) throw Error(written.error);

  const std::string tag =
      migrations::migrationTag(migrations::nextMigrationIndex(dir), migration->name);
  result.written = true;
  result.upFile = options.migrationsDir + "/" + migrations::upFileName(tag);
  return result;
}

GeneratePreview previewGenerate(const std::string& migrationsDir, const ir::Schema& schema,
                                const Log& log) {
  migrations::MigrationsDir dir = readConsistentDir(migrationsDir, log);
  GeneratePreview preview;
  preview.from = dir.empty() ? "an empty schema" : "snapshot of " + dir.journal->entries.back().tag;
  GenerateDiffOptions diffOptions;
  diffOptions.verify = false;  // a preview proves nothing and writes nothing
  diffOptions.log = log;
  preview.migration = nextMigration(dir, schema, ir::fingerprint(ir::withoutHints(schema)),
                                    diffOptions, &preview.summary);
  return preview;
}

}  // namespace schemac::workflow
