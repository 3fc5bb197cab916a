// What the database commands (migrate, down, status, push, pull) share: the --url and
// --auth-token flags, opening the database, and reading the migrations directory, each
// failure turned into one CommandError line.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "commands.h"
#include "config.h"
#include "schemac/migrations/load.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {

struct DatabaseFlags {
  std::string url;
  std::string authToken;
  double connectTimeout = 10;  // seconds, remote databases
  double timeout = 60;         // seconds per HTTP request, remote databases
  bool verbose = false;        // print every HTTP request (remote databases)
};

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags);

// --url > $DATABASE_URL > schemac.toml `url` > file:./local.db; --auth-token >
// $DATABASE_AUTH_TOKEN.
struct DatabaseTarget {
  std::string url;
  std::string authToken;
  int connectTimeoutMs = 10000;
  int timeoutMs = 60000;
  bool verbose = false;
};
DatabaseTarget resolveDatabase(const DatabaseFlags& flags, const Config& config);

// Opens the database; a DbError becomes a CommandError. With `mustExist`, a missing file
// database is an error instead of being created.
std::unique_ptr<rt::Connection> openDatabase(const DatabaseTarget& target, bool mustExist,
                                             bool readOnly = false);

// True when `url` names a local database file that does not exist yet.
bool databaseFileMissing(const std::string& url);

// Reads the migrations directory for applying it: a missing or corrupt directory, a journal
// for another dialect, or files edited since generation are CommandErrors.
migrations::MigrationList loadMigrationsForApply(const std::string& outDir);

// A progress line of migrate and down: printed and flushed at once, so that progress stays
// visible (and in CI logs) when the process is killed.
void printProgress(const std::string& line);

// Runs `change` (a call that changes the database: migrate, down, push, restore), turning the
// runtime's MigrateError and DbError into a one-line CommandError.
template <class F>
void runDatabaseChange(F&& change) {
  try {
    change();
  } catch (const rt::MigrateError& e) {
    throw CommandError(e.what());
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
}

}  // namespace schemac::driver
