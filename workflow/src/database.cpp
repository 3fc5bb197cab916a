#include "schemac/workflow/database.h"

#include <filesystem>

#include "guard.h"
#include "schemac/db/inspect.h"
#include "schemac/migrations/migrations.h"
#include "schemac/rt/url.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

bool databaseFileMissing(const std::string& url) {
  try {
    rt::DatabaseUrl parsed = rt::parseDatabaseUrl(url);
    // Without throwing (a path too long to stat): opening it then reports it in one short line.
    std::error_code ec;
    return parsed.kind == rt::UrlKind::SqliteFile && !std::filesystem::exists(parsed.path, ec);
  } catch (const rt::DbError&) {
    return false;  // reported by openDatabase
  }
}

std::unique_ptr<rt::Connection> openDatabase(const DatabaseTarget& target, bool mustExist,
                                             bool readOnly, const Log& log) {
  rt::OpenOptions options;
  options.authToken = target.authToken;
  options.create = !mustExist;
  options.readOnly = readOnly;
  options.connectTimeoutMs = target.connectTimeoutMs;
  options.requestTimeoutMs = target.timeoutMs;
  if (target.verbose && log) {
    options.httpLog = [log](const std::string& line) { log(LogLevel::Info, line); };
  }
  return guarded([&] { return rt::open(target.url, options); });
}

migrations::MigrationList loadMigrationsForApply(const std::string& migrationsDir) {
  migrations::MigrationList dir =
      guarded([&] { return migrations::loadMigrations(migrationsDir); });
  if (dir.journal.dialect != "sqlite") {
    throw Error("migrations directory '" + migrationsDir + "' is for the " + dir.journal.dialect +
                " dialect, but the database is SQLite");
  }
  // The same integrity rules as `schemac check`: schemac.sum, journal checksums, the snapshot
  // chain, two migrations with one number.
  migrations::MigrationsDir full;
  std::string error;
  if (!migrations::readMigrationsDir(migrationsDir, &full, &error)) throw Error(error);
  std::vector<std::string> problems = migrations::checkIntegrity(full);
  if (!problems.empty()) {
    std::string more = problems.size() > 1
                           ? " (and " + std::to_string(problems.size() - 1) + " more problem" +
                                 (problems.size() > 2 ? "s" : "") + ")"
                           : "";
    throw Error("migrations directory '" + migrationsDir + "' fails its integrity check: " +
                problems.front() + more + "; see `schemac check`");
  }
  if (!dir.editedFiles.empty()) {
    throw Error("migrations directory '" + migrationsDir +
                "' fails its integrity check: " + dir.editedFiles.front() +
                " was edited after it was generated (see `schemac check`)");
  }
  return dir;
}

ir::Schema inspectDatabase(const DatabaseTarget& target, const Log& log) {
  std::unique_ptr<rt::Connection> db =
      openDatabase(target, /*mustExist=*/true, /*readOnly=*/true, log);
  return guarded([&] { return db::inspect(*db); });
}

}  // namespace schemac::workflow
