// `baseline`: starts the schemac history of a database another tool created (or `push` did):
// proves that the live schema is the schema after a migration, then records that migration and
// every one before it as applied, without running them (docs/adopting.md).
#pragma once

#include <string>

#include "schemac/db/inspect.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct BaselineOptions {
  std::string migrationsDir;
  DatabaseTarget database;  // must exist
  std::string to;           // idx or tag, as `migrate --to`; empty: the newest
  db::IgnoreList ignore;    // tables left to other tools: not compared
  // A drizzle-kit folder (with meta/_journal.json) whose migrations must all be applied to the
  // database (its __drizzle_migrations table) before schemac takes over; empty: none.
  std::string drizzleDir;
  int leaseTtlMs = 30000;
  int lockTimeoutMs = 60000;
  Log log;  // progress (Info); each difference that refuses it (Error)
};

struct BaselineResult {
  std::string database;  // display URL
  rt::BaselineResult record;
};

// The same comparison as `status` (checkDrift against the target's snapshot). A database that
// differs is refused with its differences logged, one per line (at most kMaxDifferences), and
// nothing is written; so is one that already has a history elsewhere, or pending drizzle-kit
// migrations. Idempotent: a database whose history already ends at the target is left alone.
BaselineResult baseline(const BaselineOptions& options);

inline constexpr std::size_t kMaxDifferences = 20;

}  // namespace schemac::workflow
