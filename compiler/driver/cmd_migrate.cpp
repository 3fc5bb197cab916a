// schemac migrate: applies the pending migrations of the migrations directory (spec section 6).
#include <fmt/core.h>

#include <cstdio>

#include "commands.h"
#include "db_options.h"
#include "schemac/rt/lease.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {
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
  std::string outDir = resolveOutDir(flags.out, config);
  DatabaseTarget target = resolveDatabase(flags.db, config);
  // The directory is read and checked before the database is opened (or created), so a bad
  // directory leaves no trace.
  migrations::MigrationList dir = loadMigrationsForApply(outDir);

  // A dry run against a database that does not exist yet plans against an empty one.
  bool planOnEmpty = flags.dryRun && databaseFileMissing(target.url);
  std::unique_ptr<rt::Connection> db =
      planOnEmpty ? openDatabase({"file::memory:", ""}, false) : openDatabase(target, false);
  fmt::print("migrating {} with {} ({} migration{} in the directory)\n",
             planOnEmpty ? target.url : db->displayUrl(), outDir, dir.migrations.size(),
             dir.migrations.size() == 1 ? "" : "s");
  std::fflush(stdout);

  if (flags.unlock && !planOnEmpty) {
    try {
      std::optional<rt::LeaseInfo> cleared = rt::clearLease(*db);
      if (cleared) {
        std::int64_t left = cleared->expiresAt - cleared->now;
        fmt::print(stderr,
                   "schemac: warning: --unlock: cleared the migration lease held by {} pid {} "
                   "({}); if that migrator is still running, it stops at its next migration\n",
                   cleared->host, cleared->pid,
                   left > 0 ? fmt::format("it would have expired in {} s", (left + 999) / 1000)
                            : fmt::format("expired {} s ago", -left / 1000));
      } else {
        fmt::print(stderr, "schemac: warning: --unlock: no migration lease was held\n");
      }
    } catch (const rt::DbError& e) {
      throw CommandError(e.what());
    }
  }

  rt::MigrateOptions options;
  options.leaseTtlMs = static_cast<int>(flags.leaseTtl * 1000);
  options.lockTimeoutMs = static_cast<int>(flags.lockTimeout * 1000);
  options.to = flags.to;
  options.dryRun = flags.dryRun;
  options.backup = !flags.noBackup;
  options.log = printProgress;
  runDatabaseChange([&] { rt::migrate(*db, dir.migrations, options); });
  return kExitOk;
}

}  // namespace

void registerMigrate(CLI::App& app, Run& run) {
  auto flags = std::make_shared<MigrateFlags>();
  CLI::App* cmd = app.add_subcommand("migrate", "Apply pending migrations to the database");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
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

}  // namespace schemac::driver
