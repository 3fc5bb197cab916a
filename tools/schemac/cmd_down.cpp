// schemac down: reverts the newest applied migrations with their .down.sql files; a revert that
// loses data needs a terminal or --force, and is backed up first (like migrate).
#include <memory>

#include "commands.h"
#include "consent.h"
#include "db_options.h"
#include "schemac/workflow/migrate.h"

namespace schemac::cli {
namespace {

struct DownFlags {
  std::string out;
  DatabaseFlags db;
  int steps = 1;
  bool dryRun = false;
  bool force = false;
  bool noBackup = false;
};

int runDown(const DownFlags& flags) {
  Config config = loadConfig();
  workflow::DownOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.steps = flags.steps;
  options.dryRun = flags.dryRun;
  options.backup = !flags.noBackup;
  options.approveLoss = [&flags](const std::vector<std::string>& losses) {
    return consentToLoss({"down", losses, "Reverting loses data. Revert?",
                          "rerun with --force to revert it (a backup is taken first unless "
                          "--no-backup)",
                          flags.force});
  };
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
  cmd->add_flag("--force", flags->force,
                "Revert migrations whose down file drops tables or columns without asking");
  cmd->add_flag("--no-backup", flags->noBackup,
                "Do not back up the database before a data-losing revert");
  cmd->callback([&run, flags] { run.action = [flags] { return runDown(*flags); }; });
}

}  // namespace schemac::cli
