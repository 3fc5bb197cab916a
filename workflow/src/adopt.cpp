#include "schemac/workflow/adopt.h"

#include <filesystem>

#include "guard.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

bool hasMigrationsTable(rt::Connection& db) {
  std::vector<rt::Value> name = {std::string(rt::kMigrationsTable)};
  return !db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", name)
              .rows.empty();
}

// "local.db" for a file, the display URL otherwise.
std::string shortName(rt::Connection& db) {
  if (!db.localFile().empty()) return std::filesystem::path(db.localFile()).filename().string();
  return db.displayUrl();
}

}  // namespace

std::size_t countUserTables(rt::Connection& db, const db::IgnoreList& ignore) {
  rt::ResultSet rs = guarded([&] {
    return db.query(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND coalesce(sql, '') NOT LIKE "
        "'CREATE VIRTUAL%'");
  });
  std::size_t n = 0;
  for (const auto& row : rs.rows) {
    const std::string& name = std::get<std::string>(row.at(0));
    if (!db::isInternalTable(name) && !ignore.matches(name)) ++n;
  }
  return n;
}

void refuseUnmanaged(rt::Connection& db, const db::IgnoreList& ignore) {
  if (guarded([&] { return hasMigrationsTable(db); })) return;
  std::size_t n = countUserTables(db, ignore);
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
