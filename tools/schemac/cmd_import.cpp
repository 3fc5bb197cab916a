// schemac import drizzle: a .schema file from a Drizzle project's migrations folder, and
// schemac.toml set up for it (workflow/import_drizzle.h, docs/import-drizzle.md).
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "commands.h"
#include "config.h"
#include "schemac/workflow/import_drizzle.h"

namespace schemac::cli {
namespace {

struct ImportDrizzleFlags {
  std::string dir;
  std::string output;
  std::string schemaTs;
  bool force = false;
};

int runImportDrizzle(const ImportDrizzleFlags& flags) {
  // The schemac.toml found (else a new one in the current directory): edited as text, so its
  // comments and layout stay.
  Config config = loadConfig();
  workflow::ImportDrizzleOptions options;
  options.dir = flags.dir;
  options.output = flags.output;
  options.schemaTs = flags.schemaTs;
  options.force = flags.force;
  options.configFile = config.found() ? config.file : std::filesystem::path(kConfigFileName);
  options.log = printLog;
  workflow::ImportDrizzleResult r = workflow::importDrizzle(options);
  fmt::print("read {} ({} warning{})\n", r.snapshot, r.warnings.size(),
             r.warnings.size() == 1 ? "" : "s");
  fmt::print("wrote {}\n", r.output);
  if (!r.configAction.empty()) {
    fmt::print("{} {}\n", r.configAction, options.configFile.generic_string());
  } else {
    fmt::print(stderr, "schemac: cannot edit {} safely; {}\n", options.configFile.generic_string(),
               r.configAdvice);
  }
  return kExitOk;
}

}  // namespace

void registerImport(CLI::App& app, Run& run) {
  CLI::App* cmd = app.add_subcommand("import", "Describe a database another tool manages");
  cmd->require_subcommand(1);
  auto flags = std::make_shared<ImportDrizzleFlags>();
  CLI::App* drizzle = cmd->add_subcommand(
      "drizzle", "Write a .schema file from a Drizzle migrations folder (reads files only)");
  drizzle->add_option("dir", flags->dir,
                      "drizzle-kit's migrations folder (default: the `out` of drizzle.config, "
                      "else ./drizzle)");
  drizzle->add_option("-o,--output", flags->output,
                      std::string("The .schema file to write (default: ") +
                          workflow::kDefaultImportOutput + " next to schemac.toml)");
  drizzle->add_option("--schema-ts", flags->schemaTs,
                      "The Drizzle schema.ts (default: the `schema` of drizzle.config)");
  drizzle->add_flag("--force", flags->force, "Overwrite the output file when it exists");
  drizzle->callback([&run, flags] { run.action = [flags] { return runImportDrizzle(*flags); }; });
}

}  // namespace schemac::cli
