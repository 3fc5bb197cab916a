// schemac down: reverts the newest applied migrations with their .down.sql files.
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/migrate.h"

namespace schemac::cli {
namespace {

struct DownFlags {
  std::string out;
  DatabaseFlags db;
  int steps = 1;
  bool dryRun = false;
};

int runDown(const DownFlags& flags) {
  Config config = loadConfig();
  workflow::DownOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.steps = flags.steps;
  options.dryRun = flags.dryRun;
  options.log = printLog;  // the progress is the output
  workflow::down(options);
  return kExitOk;
}

}  // namespace

void registerDown(CLI::App& app, Run& run) {
  auto flags = std::make_shared<DownFlags>();
  CLI::App* cmd = app.add_subcommand("down", "Revert the newest applied migrations");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
  cmd->add_option("--steps", flags->steps, "How many migrations to revert (default 1)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--dry-run", flags->dryRun, "Print what would run; change nothing");
  cmd->callback([&run, flags] { run.action = [flags] { return runDown(*flags); }; });
}

}  // namespace schemac::cli
