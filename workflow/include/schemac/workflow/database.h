// What the database operations share: the database to open (already resolved by the caller
// from its flags, environment and config), opening it, and reading the migrations directory
// for applying it. Every failure is a workflow::Error.
#pragma once

#include <memory>
#include <string>

#include "schemac/ir.h"
#include "schemac/migrations/load.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct DatabaseTarget {
  std::string url;
  std::string authToken;  // remote databases
  int connectTimeoutMs = 10000;
  int timeoutMs = 60000;  // per request, remote databases
  bool verbose = false;   // every HTTP request of a remote database goes to the log (Info)
};

// Opens the database. With `mustExist`, a missing file database is an error instead of being
// created.
std::unique_ptr<rt::Connection> openDatabase(const DatabaseTarget& target, bool mustExist,
                                             bool readOnly = false, const Log& log = {});

// True when `url` names a local database file that does not exist yet.
bool databaseFileMissing(const std::string& url);

// Reads the migrations directory for applying it: a missing or corrupt directory, a journal
// for another dialect, or files edited since generation are Errors.
migrations::MigrationList loadMigrationsForApply(const std::string& migrationsDir);

// The live schema of a database, as introspection reads it (opened read-only).
ir::Schema inspectDatabase(const DatabaseTarget& target, const Log& log = {});

}  // namespace schemac::workflow
