// `schemac generate [SCHEMA...] [--out DIR] [--name NAME] [--dialect sqlite]`: compiles the
// schema, compares it with the newest snapshot of the migrations directory, and writes the
// next migration (up + down SQL, snapshot, journal entry, schemac.sum) all at once.
//
// Shape: nextMigration() decides the migration in memory (a migrations::NewMigration), then
// migrations::appendMigration() derives every file from it and OutputSet::writeAll() puts them on
// disk atomically. Nothing is written when compilation, the directory check, or planning fails.
#include <fmt/core.h>

#include <memory>
#include <optional>

#include "commands.h"
#include "config.h"
#include "generate_diff.h"
#include "schema_input.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac::driver {
namespace {

struct GenerateOptions {
  std::vector<std::string> files;
  std::string out;
  std::string name;
  std::string dialect;
  bool strict = false;                // a data-losing change is an error
  bool noVerify = false;              // skip the in-memory proof of up and down
  bool custom = false;                // an empty migration for hand-written SQL
  bool rebuildAutoincrement = false;  // --rebuild-autoincrement (else schemac.toml's key)
};

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
std::optional<migrations::NewMigration> nextMigration(
    const migrations::MigrationsDir& dir, const ir::Schema& next, const std::string& fingerprint,
    const GenerateOptions& opts, const Config& config, std::vector<std::string>* summary) {
  const migrations::Snapshot* newest = dir.newestSnapshot();
  if (!newest) return initialMigration(next, summary);
  if (newest->fingerprint == fingerprint) return std::nullopt;
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newest->schemaJson, &previous, &error)) {
    throw CommandError(fmt::format(
        "{}: cannot read the schema of the newest snapshot: {}",
        (dir.root / migrations::snapshotFileName(dir.journal->entries.back().idx)).string(),
        error));
  }
  GenerateDiffOptions diffOptions;
  diffOptions.strict = opts.strict;
  diffOptions.verify = !opts.noVerify;
  diffOptions.interactive = interactiveTerminal();
  diffOptions.rebuildAutoincrement =
      opts.rebuildAutoincrement || config.rebuildAutoincrement.value_or(false);
  return diffMigration(previous, next, diffOptions, summary);
}

int runGenerate(const GenerateOptions& opts) {
  Config config = loadConfig();
  std::vector<std::string> files = resolveSchemaFiles(opts.files, config);
  std::string dialect = resolveDialect(opts.dialect, config);
  std::string outDir = resolveOutDir(opts.out, config);
  std::string givenName = opts.name.empty() ? "" : sanitizeMigrationName(opts.name);

  auto schema = compileSchema(files);
  if (!schema) return kExitFailure;

  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(outDir, &dir, &error)) throw CommandError(error);
  if (auto problems = migrations::checkIntegrity(dir); !problems.empty()) {
    for (const std::string& p : problems) fmt::print(stderr, "{}: error: {}\n", outDir, p);
    throw CommandError(fmt::format(
        "{} is not consistent (see above); fix it before generating a new migration", outDir));
  }

  const ir::Schema stored = ir::withoutHints(*schema);
  // ir::fingerprint(stored) is the hash of this text; serialise the 4.5 MB of a 1,000-table
  // schema once for both.
  std::string storedJson = ir::toCanonicalJson(stored);
  const std::string fingerprint = migrations::sha256Hex(storedJson);
  std::vector<std::string> summary;
  std::optional<migrations::NewMigration> migration;
  if (opts.custom) {
    // A hand-written migration: empty files recorded in the journal with the schema of its
    // parent (docs/migrations-format.md), so the next generate diffs from the same place.
    if (givenName.empty()) throw CommandError("--custom needs --name", kExitUsage);
    const migrations::Snapshot* newest = dir.newestSnapshot();
    if (!newest) throw CommandError("--custom needs an earlier migration to follow");
    migration.emplace();
    migration->fingerprint = newest->fingerprint;
    migration->schemaJson = newest->schemaJson;
    summary.push_back("custom migration: write its SQL by hand");
  } else {
    migration = nextMigration(dir, *schema, fingerprint, opts, config, &summary);
  }
  if (!migration) {
    fmt::print("No schema changes, nothing to generate\n");
    return kExitOk;
  }
  if (!givenName.empty()) migration->name = givenName;
  migration->dialect = dialect;
  if (!opts.custom) {
    migration->fingerprint = fingerprint;
    migration->schemaJson = std::move(storedJson);
  }

  migrations::OutputSet output =
      migrations::appendMigration(dir, *migration, migrations::journalTimestampMs());
  auto result = output.writeAll(outDir);
  if (!result.ok) throw CommandError(result.error);

  const std::string tag =
      migrations::migrationTag(migrations::nextMigrationIndex(dir), migration->name);
  fmt::print("Generated {}/{}\n", outDir, migrations::upFileName(tag));
  for (const std::string& line : summary) fmt::print("  {}\n", line);
  return kExitOk;
}

}  // namespace

void registerGenerate(CLI::App& app, Run& run) {
  auto opts = std::make_shared<GenerateOptions>();
  auto* cmd = app.add_subcommand(
      "generate", "Write the next migration: the schema's changes since the newest snapshot");
  cmd->add_option("schema", opts->files, "Schema files (default: `schema` in schemac.toml)");
  cmd->add_option("--out", opts->out, "Migrations directory (default: `out`, else migrations)");
  cmd->add_option("--name", opts->name,
                  "Migration name (default: derived from the changes, `init` for the first)");
  cmd->add_option("--dialect", opts->dialect, "SQL dialect (default: sqlite)");
  cmd->add_flag("--strict", opts->strict, "Refuse a migration that loses data (for CI)");
  cmd->add_flag("--no-verify", opts->noVerify,
                "Skip proving the migration (up, then down) in an in-memory database");
  cmd->add_flag("--rebuild-autoincrement", opts->rebuildAutoincrement,
                "Rebuild AUTOINCREMENT tables instead of ALTER TABLE ADD/DROP COLUMN (for "
                "tursodb; default: `rebuild_autoincrement` in schemac.toml, else false)");
  cmd->add_flag("--custom", opts->custom,
                "Write an empty migration for hand-written SQL (requires --name)");
  cmd->callback([&run, opts] { run.action = [opts] { return runGenerate(*opts); }; });
}

}  // namespace schemac::driver
