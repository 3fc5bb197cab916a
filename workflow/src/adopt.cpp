#include "schemac/workflow/adopt.h"

#include <filesystem>

#include "guard.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

// "local.db" for a file, the display URL otherwise.
std::string shortName(rt::Connection& db) {
  if (!db.localFile().empty()) return std::filesystem::path(db.localFile()).filename().string();
  return db.displayUrl();
}

}  // namespace

namespace {

// What one read of sqlite_schema shows: one statement, so a migrator committing its first
// migration in between (user table and history appear together) cannot be half seen.
struct TableCensus {
  bool hasHistory = false;
  std::size_t userTables = 0;
};

TableCensus takeCensus(rt::Connection& db, const db::IgnoreList& ignore) {
  rt::ResultSet rs = guarded([&] {
    return db.query(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND coalesce(sql, '') NOT LIKE "
        "'CREATE VIRTUAL%'");
  });
  TableCensus census;
  for (const auto& row : rs.rows) {
    const std::string& name = std::get<std::string>(row.at(0));
    if (name == rt::kMigrationsTable) census.hasHistory = true;
    if (!db::isInternalTable(name) && !ignore.matches(name)) ++census.userTables;
  }
  return census;
}

}  // namespace

std::size_t countUserTables(rt::Connection& db, const db::IgnoreList& ignore) {
  return takeCensus(db, ignore).userTables;
}

void refuseUnmanaged(rt::Connection& db, const db::IgnoreList& ignore) {
  TableCensus census = takeCensus(db, ignore);
  if (census.hasHistory || census.userTables == 0) return;
  std::size_t n = census.userTables;
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
