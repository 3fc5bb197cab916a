#include "schemac/workflow/status.h"

#include <algorithm>
#include <future>

#include "guard.h"
#include "schemac/rt/url.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

MigrationState migrationState(const std::string& migrationsDir,
                              const migrations::MigrationList& dir,
                              const std::vector<rt::AppliedMigration>& applied) {
  MigrationState state;
  state.migrationsDir = migrationsDir;
  state.inDirectory = dir.migrations.size();
  state.applied = applied.size();
  for (const rt::Migration& m : dir.migrations) {
    auto it = std::find_if(applied.begin(), applied.end(),
                           [&](const rt::AppliedMigration& a) { return a.id == m.idx; });
    MigrationRow row;
    row.tag = m.tag;
    if (it == applied.end()) {
      ++state.pending;
      state.rows.push_back(row);
      continue;
    }
    row.state = MigrationRow::State::Applied;
    row.recordedTag = it->tag;
    row.appliedAt = it->appliedAt;
    row.durationMs = it->durationMs;
    row.edited = it->checksum != m.checksum;
    if (row.renamed() || row.edited) state.problems = true;
    state.rows.push_back(row);
  }
  for (const rt::AppliedMigration& a : applied) {
    bool known = std::any_of(dir.migrations.begin(), dir.migrations.end(),
                             [&](const rt::Migration& m) { return m.idx == a.id; });
    if (known) continue;
    MigrationRow row;
    row.state = MigrationRow::State::AppliedNotInDirectory;
    row.tag = row.recordedTag = a.tag;
    row.appliedAt = a.appliedAt;
    state.rows.push_back(row);
    state.problems = true;
  }
  state.editedFiles = dir.editedFiles;
  if (!state.editedFiles.empty()) state.problems = true;
  if (!applied.empty()) {
    state.lastAppliedTag = applied.back().tag;
    for (const migrations::JournalEntry& e : dir.journal.entries) {
      if (e.idx == applied.back().id) state.lastApplied = e;
    }
  }
  return state;
}

MigrationState readMigrationState(rt::Connection& db, const std::string& migrationsDir) {
  migrations::MigrationList dir =
      guarded([&] { return migrations::loadMigrations(migrationsDir); });
  std::vector<rt::AppliedMigration> applied =
      guarded([&] { return rt::readAppliedMigrations(db); });
  return migrationState(migrationsDir, dir, applied);
}

StatusResult status(const StatusOptions& options) {
  const std::string& outDir = options.migrationsDir;
  migrations::MigrationList dir =
      readDirectoryFor(options.database, options.ignore, options.log,
                       [&] { return guarded([&] { return migrations::loadMigrations(outDir); }); });

  // The drift check will most likely need the newest snapshot: read it meanwhile.
  std::optional<std::future<ExpectedSchema>> newestSnapshot;
  const migrations::JournalEntry* newest =
      dir.journal.entries.empty() ? nullptr : &dir.journal.entries.back();
  if (newest) {
    newestSnapshot =
        loadExpectedSchemaAsync(migrations::snapshotPath(outDir, *newest), newest->tag);
  }

  StatusResult result;
  result.databaseMissing = databaseFileMissing(options.database.url);
  std::unique_ptr<rt::Connection> db;
  std::vector<rt::AppliedMigration> applied;
  if (!result.databaseMissing) {
    db = openDatabase(options.database, /*mustExist=*/true, /*readOnly=*/true, options.log);
    // An unmanaged database has nothing to compare with: no "0 applied" and no "no drift".
    refuseUnmanaged(*db, options.ignore);
    applied = guarded([&] { return rt::readAppliedMigrations(*db); });
  }
  result.database = db ? db->displayUrl() : rt::redactUrl(options.database.url);
  result.state = migrationState(outDir, dir, applied);

  const std::optional<migrations::JournalEntry>& last = result.state.lastApplied;
  if (db && last && !result.state.problems) {
    try {
      ExpectedSchema expected =
          last->idx == newest->idx
              ? newestSnapshot->get()
              : loadExpectedSchema(migrations::snapshotPath(outDir, *last), last->tag);
      result.drift = checkDrift(*db, expected, options.ignore);
    } catch (const std::exception& e) {
      result.driftError = e.what();
    }
  }
  return result;
}

}  // namespace schemac::workflow
