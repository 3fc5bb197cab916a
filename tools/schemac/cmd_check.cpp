// `schemac check [SCHEMA...] [--out DIR]`: for CI (workflow/check.h). Each problem is one line;
// any problem exits 1.
#include <fmt/core.h>

#include <memory>

#include "commands.h"
#include "config.h"
#include "schemac/workflow/check.h"

namespace schemac::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> files;
  std::string out;
};

int runCheck(const CheckFlags& flags) {
  Config config = loadConfig();
  const bool haveSchema = !flags.files.empty() || !config.schema.empty();
  // Without any schema, `check --out DIR` still verifies the directory alone.
  if (!haveSchema && flags.out.empty()) resolveSchemaFiles(flags.files, config);  // usage error
  workflow::CheckOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  if (haveSchema) options.schemaFiles = resolveSchemaFiles(flags.files, config);
  options.requireDirectory = !flags.out.empty();
  options.log = printLog;

  workflow::CheckResult result = workflow::check(options);
  const std::string& outDir = options.migrationsDir;
  if (!result.directoryExists) {
    fmt::print("ok: schema compiles ({} table{}); no migrations directory at {}\n", result.tables,
               result.tables == 1 ? "" : "s", outDir);
    return kExitOk;
  }
  if (!result.ok()) {
    for (const std::string& p : result.problems) fmt::print(stderr, "{}: error: {}\n", outDir, p);
    fmt::print(stderr, "schemac: check failed: {} problem{}\n", result.problems.size(),
               result.problems.size() == 1 ? "" : "s");
    return kExitFailure;
  }
  fmt::print("ok: {} migration{} in {}{}\n", result.migrations, result.migrations == 1 ? "" : "s",
             outDir, result.schemaChecked ? ", schema up to date" : "");
  return kExitOk;
}

}  // namespace

void registerCheck(CLI::App& app, Run& run) {
  auto flags = std::make_shared<CheckFlags>();
  auto* cmd =
      app.add_subcommand("check",
                         "Verify the schema and the migrations directory (edited files, branches, "
                         "un-generated changes)");
  cmd->add_option("schema", flags->files, "Schema files (default: `schema` in schemac.toml)");
  cmd->add_option("--out", flags->out, "Migrations directory (default: `out`, else migrations)");
  cmd->callback([&run, flags] { run.action = [flags] { return runCheck(*flags); }; });
}

}  // namespace schemac::cli
