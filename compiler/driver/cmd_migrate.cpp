// schemac migrate: applies the pending migrations of the migrations directory (spec section 6).
#include <fmt/core.h>

#include <cstdio>

#include "commands.h"
#include "db_options.h"
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
};

int runMigrate(const MigrateFlags& flags) {
  Config config = loadConfig();
  std::string outDir = resolveOutDir(flags.out, config);
  DatabaseTarget target = resolveDatabase(flags.db, config);
  // The directory is read and checked before the database is opened (or created), so a bad
  // directory leaves no trace.
  rt::MigrationsDir dir = loadMigrationsForApply(outDir);

  if (flags.unlock) {
    fmt::print(stderr,
               "schemac: warning: --unlock: nothing to clear; SQLite migrations are serialised "
               "by BEGIN IMMEDIATE transactions, which end with their process\n");
  }
  // A dry run against a database that does not exist yet plans against an empty one.
  bool planOnEmpty = flags.dryRun && databaseFileMissing(target.url);
  std::unique_ptr<rt::Connection> db =
      planOnEmpty ? openDatabase({"file::memory:", ""}, false) : openDatabase(target, false);
  fmt::print("migrating {} with {} ({} migration{} in the directory)\n",
             planOnEmpty ? target.url : db->displayUrl(), outDir, dir.migrations.size(),
             dir.migrations.size() == 1 ? "" : "s");
  std::fflush(stdout);

  rt::MigrateOptions options;
  options.to = flags.to;
  options.dryRun = flags.dryRun;
  options.backup = !flags.noBackup;
  options.log = [](const std::string& line) {
    fmt::print("{}\n", line);
    std::fflush(stdout);  // progress stays visible (and in logs) if the process is killed
  };
  try {
    rt::migrate(*db, dir.migrations, options);
  } catch (const rt::MigrateError& e) {
    throw CommandError(e.what());
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
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
  cmd->add_flag("--unlock", flags->unlock, "Clear a stale migration lock (remote databases)");
  cmd->callback([&run, flags] { run.action = [flags] { return runMigrate(*flags); }; });
}

}  // namespace schemac::driver
