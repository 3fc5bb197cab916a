#include "db_options.h"

#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "commands.h"
#include "schemac/migrations/migrations.h"
#include "schemac/rt/url.h"

namespace schemac::driver {

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags) {
  cmd->add_option("--url", flags.url,
                  "Database URL (default: $DATABASE_URL, schemac.toml, file:./local.db)");
  cmd->add_option("--auth-token", flags.authToken,
                  "Auth token for a remote database (default: $DATABASE_AUTH_TOKEN)");
  cmd->add_option("--connect-timeout", flags.connectTimeout,
                  "Seconds to wait for a remote database to accept the connection (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout", flags.timeout,
                  "Seconds to wait for each answer of a remote database (default 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-v,--verbose", flags.verbose,
                "Print every HTTP request sent to a remote database (never the token)");
}

DatabaseTarget resolveDatabase(const DatabaseFlags& flags, const Config& config) {
  DatabaseTarget t;
  t.url = resolveUrl(flags.url, config);
  t.connectTimeoutMs = static_cast<int>(flags.connectTimeout * 1000);
  t.timeoutMs = static_cast<int>(flags.timeout * 1000);
  t.verbose = flags.verbose;
  if (!flags.authToken.empty()) {
    t.authToken = flags.authToken;
  } else if (const char* env = std::getenv("DATABASE_AUTH_TOKEN")) {
    t.authToken = env;
  }
  return t;
}

bool databaseFileMissing(const std::string& url) {
  try {
    rt::DatabaseUrl parsed = rt::parseDatabaseUrl(url);
    return parsed.kind == rt::UrlKind::SqliteFile && !std::filesystem::exists(parsed.path);
  } catch (const rt::DbError&) {
    return false;  // reported by openDatabase
  }
}

std::unique_ptr<rt::Connection> openDatabase(const DatabaseTarget& target, bool mustExist,
                                             bool readOnly) {
  rt::OpenOptions options;
  options.authToken = target.authToken;
  options.create = !mustExist;
  options.readOnly = readOnly;
  options.connectTimeoutMs = target.connectTimeoutMs;
  options.requestTimeoutMs = target.timeoutMs;
  if (target.verbose) {
    options.httpLog = [](const std::string& line) {
      std::fputs((line + "\n").c_str(), stdout);
      std::fflush(stdout);
    };
  }
  try {
    return rt::open(target.url, options);
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
}

migrations::MigrationList loadMigrationsForApply(const std::string& outDir) {
  migrations::MigrationList dir;
  try {
    dir = migrations::loadMigrations(outDir);
  } catch (const migrations::MigrationsDirError& e) {
    throw CommandError(e.what());
  }
  if (dir.journal.dialect != "sqlite") {
    throw CommandError("migrations directory '" + outDir + "' is for the " + dir.journal.dialect +
                       " dialect, but the database is SQLite");
  }
  // The same integrity rules as `schemac check`: schemac.sum, journal checksums, the snapshot
  // chain, two migrations with one number.
  migrations::MigrationsDir full;
  std::string error;
  if (!migrations::readMigrationsDir(outDir, &full, &error)) throw CommandError(error);
  std::vector<std::string> problems = migrations::checkIntegrity(full);
  if (!problems.empty()) {
    std::string more = problems.size() > 1
                           ? " (and " + std::to_string(problems.size() - 1) + " more problem" +
                                 (problems.size() > 2 ? "s" : "") + ")"
                           : "";
    throw CommandError("migrations directory '" + outDir + "' fails its integrity check: " +
                       problems.front() + more + "; see `schemac check`");
  }
  if (!dir.editedFiles.empty()) {
    throw CommandError("migrations directory '" + outDir +
                       "' fails its integrity check: " + dir.editedFiles.front() +
                       " was edited after it was generated (see `schemac check`)");
  }
  return dir;
}

void printProgress(const std::string& line) {
  fmt::print("{}\n", line);
  std::fflush(stdout);
}

}  // namespace schemac::driver
