#include "schemac/workflow/baseline.h"

#include <fmt/core.h>

#include <algorithm>

#include "guard.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/drift.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

const migrations::JournalEntry& entryOf(const migrations::MigrationList& dir,
                                        const rt::Migration& m) {
  for (const migrations::JournalEntry& e : dir.journal.entries) {
    if (e.idx == m.idx) return e;
  }
  throw Error("migration " + m.tag + " is not in the journal of '" + dir.path.string() + "'");
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
    proveAt(*db, dir, target, options);
  };
  if (options.log) {
    record.log = [&](const std::string& line) { options.log(LogLevel::Info, line); };
  }
  result.record = guarded([&] { return rt::baseline(*db, dir.migrations, record); });
  return result;
}

}  // namespace schemac::workflow
