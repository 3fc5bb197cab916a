#include "schemac/workflow/adopt.h"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "guard.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

// The names of every table, in one query: one consistent view of the schema, so that another
// migrator committing its first migration (tables and __schemac_migrations in one transaction)
// between two reads cannot make a managed database look unmanaged.
std::vector<std::string> tableNames(rt::Connection& db) {
  rt::ResultSet rs = guarded([&] {
    return db.query(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND coalesce(sql, '') NOT LIKE "
        "'CREATE VIRTUAL%'");
  });
  std::vector<std::string> names;
  for (const auto& row : rs.rows) names.push_back(std::get<std::string>(row.at(0)));
  return names;
}

// The tables schemac would manage: not sqlite_*, not __schemac_*, not ignored.
std::size_t countUserTables(const std::vector<std::string>& names, const db::IgnoreList& ignore) {
  std::size_t n = 0;
  for (const std::string& name : names) {
    if (!db::isInternalTable(name) && !ignore.matches(name)) ++n;
  }
  return n;
}

// "local.db" for a file, the display URL otherwise.
std::string shortName(rt::Connection& db) {
  if (!db.localFile().empty()) return std::filesystem::path(db.localFile()).filename().string();
  return db.displayUrl();
}

}  // namespace

void refuseUnmanaged(rt::Connection& db, const db::IgnoreList& ignore) {
  std::vector<std::string> names = tableNames(db);
  if (std::find(names.begin(), names.end(), rt::kMigrationsTable) != names.end()) return;
  std::size_t n = countUserTables(names, ignore);
  if (n == 0) return;
  throw Error(shortName(db) + " has " + std::to_string(n) + " table" + (n == 1 ? "" : "s") +
              " but no schemac history; run `schemac pull` (or `schemac import drizzle`) then "
              "`schemac baseline`, see docs/adopting.md");
}

void refuseUnmanagedTarget(const DatabaseTarget& target, const db::IgnoreList& ignore,
                           const Log& log) {
  if (databaseFileMissing(target.url)) return;
  std::unique_ptr<rt::Connection> db;
  try {
    db = openDatabase(target, /*mustExist=*/true, /*readOnly=*/true, log);
  } catch (const Error&) {
    return;  // the caller's own error stands
  }
  refuseUnmanaged(*db, ignore);
}

void refuseIgnoredTables(const ir::Schema& schema, const db::IgnoreList& ignore) {
  for (const ir::Table& t : schema.tables) {
    if (ignore.matches(t.name)) {
      throw Error("the schema declares table '" + t.name +
                  "', which schemac.toml's `ignore` leaves to other tools; remove one or the "
                  "other");
    }
  }
}

}  // namespace schemac::workflow
