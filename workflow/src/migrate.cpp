#include "schemac/workflow/migrate.h"

#include <fmt/core.h>

#include <optional>

#include "guard.h"
#include "schemac/rt/lease.h"
#include "schemac/rt/url.h"
#include "schemac/workflow/adopt.h"

namespace schemac::workflow {
namespace {

std::function<void(const std::string&)> progress(const Log& log) {
  if (!log) return {};
  return [log](const std::string& line) { log(LogLevel::Info, line); };
}

// Clears the migration lease of a migrator that died, saying what it cleared.
void unlock(rt::Connection& db, const Log& log) {
  std::optional<rt::LeaseInfo> cleared = guarded([&] { return rt::clearLease(db); });
  if (!cleared) {
    logTo(log, LogLevel::Warning, "schemac: warning: --unlock: no migration lease was held");
    return;
  }
  std::int64_t left = cleared->expiresAt - cleared->now;
  logTo(log, LogLevel::Warning,
        fmt::format("schemac: warning: --unlock: cleared the migration lease held by {} pid {} "
                    "({}); if that migrator is still running, it stops at its next migration",
                    cleared->host, cleared->pid,
                    left > 0 ? fmt::format("it would have expired in {} s", (left + 999) / 1000)
                             : fmt::format("expired {} s ago", -left / 1000)));
}

}  // namespace

rt::MigrateResult migrate(const MigrateOptions& options) {
  migrations::MigrationList dir =
      readDirectoryFor(options.database, options.ignore, options.log,
                       [&] { return loadMigrationsForApply(options.migrationsDir); });
  const DatabaseTarget& target = options.database;
  bool planOnEmpty = options.dryRun && databaseFileMissing(target.url);
  std::unique_ptr<rt::Connection> db = planOnEmpty
                                           ? openDatabase({"file::memory:", ""}, false)
                                           : openDatabase(target, false, false, options.log);
  if (!planOnEmpty) refuseUnmanaged(*db, options.ignore);  // before the lease creates a table
  logTo(
      options.log, LogLevel::Info,
      fmt::format("migrating {} with {} ({} migration{} in the directory)",
                  planOnEmpty ? rt::redactUrl(target.url) : db->displayUrl(), options.migrationsDir,
                  dir.migrations.size(), dir.migrations.size() == 1 ? "" : "s"));
  if (options.unlock && !planOnEmpty) unlock(*db, options.log);

  rt::MigrateOptions migrateOptions;
  migrateOptions.leaseTtlMs = options.leaseTtlMs;
  migrateOptions.lockTimeoutMs = options.lockTimeoutMs;
  migrateOptions.to = options.to;
  migrateOptions.dryRun = options.dryRun;
  migrateOptions.backup = options.backup;
  migrateOptions.log = progress(options.log);
  return guarded([&] { return rt::migrate(*db, dir.migrations, migrateOptions); });
}

rt::DownResult down(const DownOptions& options) {
  migrations::MigrationList dir = loadMigrationsForApply(options.migrationsDir);
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/false, options.log);
  logTo(options.log, LogLevel::Info,
        fmt::format("reverting {} with {}", db->displayUrl(), options.migrationsDir));

  rt::DownOptions downOptions;
  downOptions.steps = options.steps;
  downOptions.dryRun = options.dryRun;
  downOptions.backup = options.backup;
  downOptions.approveLoss = options.approveLoss;
  downOptions.log = progress(options.log);
  return guarded([&] { return rt::down(*db, dir.migrations, downOptions); });
}

}  // namespace schemac::workflow
