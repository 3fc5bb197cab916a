// `migrate` and `down`: apply the pending migrations of a migrations directory to a database,
// or revert the newest applied ones with their .down.sql files (docs/runtime.md).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "schemac/db/inspect.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct MigrateOptions {
  std::string migrationsDir;
  DatabaseTarget database;
  std::string to;       // stop after this migration (idx or tag); empty: all
  bool dryRun = false;  // print what would run; change nothing
  bool backup = true;   // back up the database before a data-losing migration
  bool unlock = false;  // clear the lease left by a migrator that died first
  int leaseTtlMs = 30000;
  int lockTimeoutMs = 60000;
  db::IgnoreList ignore;  // tables left to other tools (they do not make a database unmanaged)
  Log log;  // what is migrated, then one line per event (Info); what --unlock cleared (Warning)
};

// The directory is read and checked before the database is opened (or created), so a bad
// directory leaves no trace. A dry run against a database file that does not exist yet plans
// against an empty one. A database with tables but no schemac history is refused before
// anything is written (adopt.h).
rt::MigrateResult migrate(const MigrateOptions& options);

struct DownOptions {
  std::string migrationsDir;
  DatabaseTarget database;
  int steps = 1;
  bool dryRun = false;
  bool backup = true;  // back up first when reverting loses data
  // Asked with what reverting loses (rt::DownOptions::approveLoss); false: nothing changes.
  std::function<bool(const std::vector<std::string>&)> approveLoss;
  Log log;  // what is reverted, then one line per event (Info)
};

rt::DownResult down(const DownOptions& options);

}  // namespace schemac::workflow
