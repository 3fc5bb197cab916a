// `schemac check [SCHEMA...] [--out DIR]`: for CI. Compiles the schema, and when the
// migrations directory exists verifies it: no edited file (schemac.sum), journal and files
// agree, one unbroken snapshot chain (no concurrent branches), and no schema change that was
// not generated yet. Each problem is one line; any problem exits 1.
#include <fmt/core.h>

#include <filesystem>
#include <memory>

#include "commands.h"
#include "config.h"
#include "schema_input.h"
#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac::driver {
namespace {

struct CheckOptions {
  std::vector<std::string> files;
  std::string out;
};

// Whether generate would write a migration: the fingerprint also covers docs, which are not
// changes (docs/differ.md), so a differing fingerprint alone is not enough.
bool hasPlannedChanges(const migrations::Snapshot& newest, const ir::Schema& schema) {
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newest.schemaJson, &previous, &error)) return true;
  return !diff::diff(previous, schema).empty();
}

int runCheck(const CheckOptions& opts) {
  Config config = loadConfig();
  const bool haveSchema = !opts.files.empty() || !config.schema.empty();
  // Without any schema, `check --out DIR` still verifies the directory alone.
  if (!haveSchema && opts.out.empty()) resolveSchemaFiles(opts.files, config);  // usage error
  std::string outDir = resolveOutDir(opts.out, config);

  std::optional<ir::Schema> schema;
  if (haveSchema) {
    schema = compileSchema(resolveSchemaFiles(opts.files, config));
    if (!schema) return kExitFailure;
  }

  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(outDir, &dir, &error)) throw CommandError(error);
  if (!dir.exists) {
    if (!opts.out.empty()) throw CommandError(fmt::format("{} does not exist", outDir));
    std::size_t n = schema ? schema->tables.size() : 0;
    fmt::print("ok: schema compiles ({} table{}); no migrations directory at {}\n", n,
               n == 1 ? "" : "s", outDir);
    return kExitOk;
  }

  std::vector<std::string> problems = migrations::checkIntegrity(dir);
  if (schema) {
    const std::string fingerprint = ir::fingerprint(ir::withoutHints(*schema));
    const migrations::Snapshot* newest = dir.newestSnapshot();
    if (!newest) {
      problems.push_back(
          "the schema has no migration yet: run `schemac generate` to write the first one");
    } else if (newest->fingerprint != fingerprint && hasPlannedChanges(*newest, *schema)) {
      problems.push_back(fmt::format(
          "the schema has changes that are not in a migration yet (newest: {}): run `schemac "
          "generate`",
          dir.journal->entries.back().tag));
    }
  }
  if (!problems.empty()) {
    for (const std::string& p : problems) fmt::print(stderr, "{}: error: {}\n", outDir, p);
    fmt::print(stderr, "schemac: check failed: {} problem{}\n", problems.size(),
               problems.size() == 1 ? "" : "s");
    return kExitFailure;
  }
  std::size_t n = dir.journal ? dir.journal->entries.size() : 0;
  fmt::print("ok: {} migration{} in {}{}\n", n, n == 1 ? "" : "s", outDir,
             schema ? ", schema up to date" : "");
  return kExitOk;
}

}  // namespace

void registerCheck(CLI::App& app, Run& run) {
  auto opts = std::make_shared<CheckOptions>();
  auto* cmd =
      app.add_subcommand("check",
                         "Verify the schema and the migrations directory (edited files, branches, "
                         "un-generated changes)");
  cmd->add_option("schema", opts->files, "Schema files (default: `schema` in schemac.toml)");
  cmd->add_option("--out", opts->out, "Migrations directory (default: `out`, else migrations)");
  cmd->callback([&run, opts] { run.action = [opts] { return runCheck(*opts); }; });
}

}  // namespace schemac::driver
