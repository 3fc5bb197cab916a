// What the database commands (migrate, down, status, push, pull, dump, restore, studio, erd)
// share: the --url and --auth-token flags, and their resolution into the database to open.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "commands.h"
#include "config.h"
#include "schemac/db/inspect.h"
#include "schemac/workflow/database.h"

namespace schemac::cli {

struct DatabaseFlags {
  std::string url;
  std::string authToken;
  double connectTimeout = 10;       // seconds, remote databases
  double timeout = 60;              // seconds per HTTP request, remote databases
  bool verbose = false;             // print every HTTP request (remote databases)
  std::vector<std::string> ignore;  // --ignore GLOB, on the commands that take it
};

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags);
// --ignore GLOB (repeatable): tables to leave alone, added to schemac.toml's `ignore`.
void addIgnoreFlag(CLI::App* cmd, DatabaseFlags& flags);

// --lease-ttl and --lock-timeout, on the commands that take the migration lease (migrate,
// baseline).
struct LeaseFlags {
  double leaseTtl = 30;     // seconds
  double lockTimeout = 60;  // seconds
};
void addLeaseFlags(CLI::App* cmd, LeaseFlags& flags);

// Seconds given on the command line as milliseconds, capped at one day so that a huge value
// still fits the int every timeout is kept in.
int secondsToMs(double seconds);

// --url > $DATABASE_URL > schemac.toml `url` > file:./local.db; --auth-token >
// $DATABASE_AUTH_TOKEN.
workflow::DatabaseTarget resolveDatabase(const DatabaseFlags& flags, const Config& config);

// schemac.toml's `ignore`, then the --ignore flags.
db::IgnoreList resolveIgnore(const DatabaseFlags& flags, const Config& config);

}  // namespace schemac::cli
