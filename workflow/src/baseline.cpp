#include "schemac/workflow/baseline.h"

#include <fmt/core.h>

#include <algorithm>

#include "guard.h"
#include "schemac/import/drizzle_journal.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/drift.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

constexpr const char* kDrizzleTable = "__drizzle_migrations";

const migrations::JournalEntry& entryOf(const migrations::MigrationList& dir,
                                        const rt::Migration& m) {
  for (const migrations::JournalEntry& e : dir.journal.entries) {
    if (e.idx == m.idx) return e;
  }
  throw Error("migration " + m.tag + " is not in the journal of '" + dir.path.string() + "'");
}

bool hasTable(rt::Connection& db, const std::string& name) {
  std::vector<rt::Value> params = {name};
  return !db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", params)
              .rows.empty();
}

// drizzle-kit applies the journal entries whose `when` is later than the newest created_at of
// __drizzle_migrations; any such entry means the database is not at the Drizzle history's end,
// which the schema imported from its newest snapshot describes.
void refusePendingDrizzle(rt::Connection& db, const BaselineOptions& options) {
  // Without the table, drizzle-kit never migrated it (`drizzle-kit push` keeps no history).
  if (!guarded([&] { return hasTable(db, kDrizzleTable); })) return;
  if (options.drizzleDir.empty()) {
    logTo(options.log, LogLevel::Info,
          "note: the database has __drizzle_migrations but no drizzle folder is known "
          "(--drizzle DIR or `drizzle` in schemac.toml); pending drizzle-kit migrations were "
          "not checked");
    return;
  }
  importer::DrizzleJournal journal;
  try {
    journal = importer::readDrizzleJournal(options.drizzleDir);
  } catch (const importer::ImportError& e) {
    throw Error(e.what());
  }
  std::int64_t newest = -1;  // none applied
  rt::ResultSet rs = guarded([&] {
    return db.query("SELECT max(CAST(created_at AS INTEGER)) FROM \"__drizzle_migrations\"");
  });
  if (const auto* v = std::get_if<std::int64_t>(&rs.rows.at(0).at(0))) newest = *v;
  std::vector<std::string> pending;
  for (const importer::DrizzleMigration& m : journal.entries) {
    if (m.when > newest) pending.push_back(m.tag);
  }
  if (pending.empty()) return;
  std::string names;
  for (std::size_t i = 0; i < pending.size() && i < 5; ++i) names += (i ? ", " : "") + pending[i];
  if (pending.size() > 5) names += fmt::format(" and {} more", pending.size() - 5);
  throw Error(fmt::format(
      "baseline refused: {} drizzle-kit migration{} of '{}' {} not applied to {}: {}; run "
      "`drizzle-kit migrate` first",
      pending.size(), pending.size() == 1 ? "" : "s", options.drizzleDir,
      pending.size() == 1 ? "is" : "are", db.displayUrl(), names));
}

// Refuses unless the live schema is the snapshot of `target`; logs the differences.
void proveAt(rt::Connection& db, const migrations::MigrationList& dir, const rt::Migration& target,
             const BaselineOptions& options) {
  ExpectedSchema expected =
      loadExpectedSchema(migrations::snapshotPath(dir.path, entryOf(dir, target)), target.tag);
  refuseIgnoredTables(expected.schema, options.ignore);
  Drift drift = checkDrift(db, expected, options.ignore);
  if (!drift.any()) return;
  const auto& changes = drift.plan.changes;
  std::size_t shown = std::min(changes.size(), kMaxDifferences);
  for (std::size_t i = 0; i < shown; ++i) {
    logTo(options.log, LogLevel::Error, "  " + diff::summaryLine(changes[i]));
  }
  if (changes.size() > shown) {
    logTo(options.log, LogLevel::Error, fmt::format("  ... and {} more", changes.size() - shown));
  }
  throw Error(fmt::format(
      "baseline refused: {} differs from the schema after {} ({} difference{}, listed above; "
      "'+' is in the database only, '-' in the schema only); nothing was recorded",
      db.displayUrl(), target.tag, changes.size(), changes.size() == 1 ? "" : "s"));
}

}  // namespace

BaselineResult baseline(const BaselineOptions& options) {
  migrations::MigrationList dir = loadMigrationsForApply(options.migrationsDir);
  if (dir.migrations.empty()) {
    throw Error("migrations directory '" + options.migrationsDir +
                "' has no migration to baseline at; run `schemac generate` first");
  }
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/false, options.log);
  BaselineResult result;
  result.database = db->displayUrl();

  rt::BaselineOptions record;
  record.to = options.to;
  record.leaseTtlMs = options.leaseTtlMs;
  record.lockTimeoutMs = options.lockTimeoutMs;
  record.prove = [&](const rt::Migration& target) {
    logTo(options.log, LogLevel::Info,
          fmt::format("comparing {} with the schema after {}", result.database, target.tag));
    refusePendingDrizzle(*db, options);
    proveAt(*db, dir, target, options);
  };
  if (options.log) {
    record.log = [&](const std::string& line) { options.log(LogLevel::Info, line); };
  }
  result.record = guarded([&] { return rt::baseline(*db, dir.migrations, record); });
  return result;
}

}  // namespace schemac::workflow
