// schemac down: reverts the newest applied migrations with their .down.sql files.
#include <fmt/core.h>

#include <cstdio>

#include "commands.h"
#include "db_options.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {
namespace {

struct DownFlags {
  std::string out;
  DatabaseFlags db;
  int steps = 1;
  bool dryRun = false;
};

int runDown(const DownFlags& flags) {
  Config config = loadConfig();
  std::string outDir = resolveOutDir(flags.out, config);
  DatabaseTarget target = resolveDatabase(flags.db, config);
  migrations::MigrationList dir = loadMigrationsForApply(outDir);
  std::unique_ptr<rt::Connection> db = openDatabase(target, /*mustExist=*/true);
  fmt::print("reverting {} with {}\n", db->displayUrl(), outDir);
  std::fflush(stdout);

  rt::DownOptions options;
  options.steps = flags.steps;
  options.dryRun = flags.dryRun;
  options.log = printProgress;
  runDatabaseChange([&] { rt::down(*db, dir.migrations, options); });
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

}  // namespace schemac::driver
