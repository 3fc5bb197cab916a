#include "schemac/workflow/generate_undo.h"

#include <fmt/core.h>

#include "guard.h"
#include "schemac/migrations/migrations.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

// Refuses when the database has `entry` (or a later migration) applied; returns what it checked.
std::string requireNotApplied(const DatabaseTarget& target, const migrations::JournalEntry& entry,
                              const Log& log) {
  if (databaseFileMissing(target.url)) return "";
  std::unique_ptr<rt::Connection> db =
      openDatabase(target, /*mustExist=*/true, /*readOnly=*/true, log);
  std::vector<rt::AppliedMigration> applied =
      guarded([&] { return rt::readAppliedMigrations(*db); });
  for (const rt::AppliedMigration& a : applied) {
    if (a.id >= entry.idx) {
      throw Error(fmt::format(
          "cannot undo {}: {} has it applied; revert it there first (`schemac down`), or leave "
          "it and generate a new migration on top",
          entry.tag, db->displayUrl()));
    }
  }
  return db->displayUrl();
}

}  // namespace

UndoResult undoNewestMigration(const UndoOptions& options) {
  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(options.migrationsDir, &dir, &error)) throw Error(error);
  if (dir.empty()) {
    throw Error(fmt::format("nothing to undo: {} has no migration", options.migrationsDir));
  }
  if (auto problems = migrations::checkIntegrity(dir); !problems.empty()) {
    for (const std::string& p : problems) {
      logTo(options.log, LogLevel::Error, fmt::format("{}: error: {}", options.migrationsDir, p));
    }
    throw Error(fmt::format("{} is not consistent (see above); fix it before undoing a migration",
                            options.migrationsDir));
  }
  migrations::Journal journal = *dir.journal;
  const migrations::JournalEntry newest = journal.entries.back();
  UndoResult result;
  result.tag = newest.tag;
  if (options.database) result.checked = requireNotApplied(*options.database, newest, options.log);

  journal.entries.pop_back();
  migrations::OutputSet out;
  std::vector<std::string> gone = {migrations::upFileName(newest.tag),
                                   migrations::downFileName(newest.tag),
                                   migrations::snapshotFileName(newest.idx)};
  for (const std::string& path : gone) out.remove(path);
  out.add(migrations::kJournalFile, migrations::journalToJson(journal));
  // The sum covers the directory as it will be after the change.
  std::map<std::string, std::string> after;
  for (const auto& [path, content] : dir.files) {
    if (std::find(gone.begin(), gone.end(), path) == gone.end()) {
      after.emplace(path, dir.fileHash(path));
    }
  }
  after[migrations::kJournalFile] = migrations::sha256Hex(out.files().at(migrations::kJournalFile));
  out.add(migrations::kSumFile, migrations::renderSumOfHashes(after));
  out.writeLast({migrations::kJournalFile, migrations::kSumFile});
  auto written = out.writeAll(options.migrationsDir);
  if (!written.ok) throw Error(written.error);
  result.removed = written.removed;
  return result;
}

}  // namespace schemac::workflow
