// schemac migrate: applies the pending migrations of the migrations directory (spec section 6).
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/migrate.h"

namespace schemac::cli {
namespace {

struct MigrateFlags {
  std::string out;
  DatabaseFlags db;
  std::string to;
  bool dryRun = false;
  bool noBackup = false;
  bool unlock = false;
  LeaseFlags lease;
};

int runMigrate(const MigrateFlags& flags) {
  Config config = loadConfig();
  workflow::MigrateOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.to = flags.to;
  options.dryRun = flags.dryRun;
  options.backup = !flags.noBackup;
  options.unlock = flags.unlock;
  options.leaseTtlMs = secondsToMs(flags.lease.leaseTtl);
  options.lockTimeoutMs = secondsToMs(flags.lease.lockTimeout);
  options.log = printLog;  // the progress is the output
  workflow::migrate(options);
  return kExitOk;
}

}  // namespace

void registerMigrate(CLI::App& app, Run& run) {
  auto flags = std::make_shared<MigrateFlags>();
  CLI::App* cmd = app.add_subcommand("migrate", "Apply pending migrations to the database");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_option("--to", flags->to, "Stop after this migration (idx or tag)");
  cmd->add_flag("--dry-run", flags->dryRun, "Print what would run; change nothing");
  cmd->add_flag("--no-backup", flags->noBackup,
                "Do not back up the database before a data-losing migration");
  cmd->add_flag("--unlock", flags->unlock,
                "Clear the migration lease left by a migrator that died, then migrate");
  addLeaseFlags(cmd, flags->lease);
  cmd->callback([&run, flags] { run.action = [flags] { return runMigrate(*flags); }; });
}

}  // namespace schemac::cli
