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
  double leaseTtl = 30;
  double lockTimeout = 60;
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
  options.leaseTtlMs = static_cast<int>(flags.leaseTtl * 1000);
  options.lockTimeoutMs = static_cast<int>(flags.lockTimeout * 1000);
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
  cmd->add_option("--lease-ttl", flags->leaseTtl,
                  "Seconds the migration lease lasts without renewal (default 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--lock-timeout", flags->lockTimeout,
                  "Seconds to wait for another migrator's lease or lock (default 60)")
      ->check(CLI::PositiveNumber);
  cmd->callback([&run, flags] { run.action = [flags] { return runMigrate(*flags); }; });
}

}  // namespace schemac::cli
