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
  std::string authTokenFile;   // --auth-token-file: keeps the token out of `ps` and shell history
  double connectTimeout = 10;  // seconds, remote databases
  double timeout = 60;         // seconds per HTTP request, remote databases
  bool verbose = false;        // print every HTTP request (remote databases)
  std::vector<std::string> ignore;  // --ignore GLOB, on the commands that take it
};

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags);
// --auth-token and --auth-token-file alone (erd takes them without the other database flags).
void addAuthTokenFlags(CLI::App* cmd, DatabaseFlags& flags);
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
// --auth-token-file > $DATABASE_AUTH_TOKEN > schemac.toml `auth_token_file`. A token file that
// cannot be read, is empty or larger than 64 KiB is a usage error naming the file only.
// The token in `path`: its whole content without trailing whitespace (a final newline).
std::string readAuthTokenFile(const std::string& path);
workflow::DatabaseTarget resolveDatabase(const DatabaseFlags& flags, const Config& config);

// schemac.toml's `ignore`, then the --ignore flags.
db::IgnoreList resolveIgnore(const DatabaseFlags& flags, const Config& config);

}  // namespace schemac::cli
