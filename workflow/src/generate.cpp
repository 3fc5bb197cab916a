#include "schemac/workflow/generate.h"

#include <fmt/core.h>

#include <atomic>
#include <exception>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "dir_read.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/diff_touched.h"
#include "schemac/ir_json.h"
#include "schemac/support/sha256.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/generate_diff.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {
namespace {

// The first migration of a directory: the whole CREATE script; its down migration drops every
// table, referencing tables first.
migrations::NewMigration initialMigration(const ir::Schema& next,
                                          std::vector<std::string>* summary) {
  migrations::NewMigration m;
  const std::vector<const ir::Table*> order = codegen::sqlite::creationOrder(next);
  m.upSql = codegen::sqlite::createSchemaScript(next, order);
  std::string down;
  const std::string separator = fmt::format("\n{}\n", codegen::sqlite::kBreakpoint);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (!down.empty()) down += separator;
    down += "DROP TABLE ";
    down += codegen::sqlite::quoteIdent((*it)->name);
    down += ';';
  }
  m.downSql = std::move(down);
  for (const ir::Table& t : next.tables) summary->push_back(fmt::format("+ table {}", t.name));
  for (const ir::Enum& e : next.enums) summary->push_back(fmt::format("+ enum {}", e.name));
  // `create_users` for a one-table schema, as a later `create_*` migration would be named.
  m.name = next.tables.size() == 1 ? "create_" + next.tables[0].name : "init";
  return m;
}

// The schema of the directory's newest snapshot, for the diff.
ir::Schema newestSchema(const migrations::MigrationsDir& dir) {
  ir::Schema previous;
  std::string error;
  if (!ir::fromJson(newestSchemaJson(dir), &previous, &error)) {
    throw Error(fmt::format(
        "{}: cannot read the schema of the newest snapshot: {}",
        (dir.root / migrations::snapshotFileName(dir.journal->entries.back().idx)).string(),
        error));
  }
  return previous;
}

// The directory as generate reads it, and the newest snapshot's schema for the diff (or why it
// cannot be read: thrown only when a diff needs it).
struct GenerateDirRead : DirRead {
  std::optional<ir::Schema> newest;
  std::exception_ptr newestUnreadable;
  // The newest snapshot's schema cut into tables in place (views into its file's text, which
  // stays where it is: a std::map node does not move).
  std::optional<diff::PreviousTables> newestTables;
};

GenerateDirRead readDir(const std::string& migrationsDir) {
  // Only the newest snapshot is diffed against: the older ones are trusted to match schemac.sum
  // (`check` and `migrate` verify every file; docs/migrations-format.md).
  migrations::ReadOptions read;
  read.trustOlderSnapshots = true;
  read.schemas = false;
  GenerateDirRead r{readAndCheckDir(migrationsDir, read), std::nullopt, nullptr, std::nullopt};
  // Cut up here, beside compile: a scan of the whole text (22 MB for 5,000 tables).
  if (r.error.empty() && r.dir.newestSnapshot()) r.newestTables = newestSnapshotTables(r.dir);
  return r;
}

// Parsed on the main thread once the schema is compiled: parsed on the directory thread during
// compile, both threads' allocations contended for the heap and an incremental generate took
// more CPU time and 8 MiB more memory (docs/performance.md).
void parseNewest(GenerateDirRead& r) {
  if (!r.dir.newestSnapshot()) return;
  try {
    r.newest = newestSchema(r.dir);
  } catch (const Error&) {
    r.newestUnreadable = std::current_exception();
  }
}

// The plan of an incremental generate, or why there is none, and the schemas it was made from.
struct Planning {
  std::optional<codegen::sqlite::Migration> migration;
  std::exception_ptr error;
  std::optional<diff::TouchedSchemas> touched;  // set: planned from these cut-down schemas
};

// Plans from the tables the change concerns when the newest snapshot's text allows it
// (schemac/diff_touched.h: the same plan and verification as from the whole schemas), else from
// the whole snapshot, parsed. A planning error is always the one the whole schemas give.
Planning planIncremental(GenerateDirRead& read, const ir::Schema& schema,
                         const GenerateDiffOptions& options) {
  Planning p;
  GenerateDiffOptions o = options;
  if (options.confirmRename) {
    // Answers are replayed if the whole schemas are planned after all: no question twice.
    using Question = std::tuple<std::string, std::string, std::string>;
    auto answers = std::make_shared<std::map<Question, bool>>();
    o.confirmRename = [answers, ask = options.confirmRename](const std::string& table,
                                                             const std::string& dropped,
                                                             const std::string& added) {
      Question q{table, dropped, added};
      auto it = answers->find(q);
      if (it == answers->end()) it = answers->emplace(q, ask(table, dropped, added)).first;
      return it->second;
    };
  }
  if (read.newestTables) p.touched = diff::touchedSchemas(*read.newestTables, schema);
  if (p.touched) {
    try {
      p.migration = planMigration(p.touched->previous, p.touched->next, o);
      return p;
    } catch (...) {
      p.touched.reset();
    }
  }
  parseNewest(read);
  p.error = read.newestUnreadable;
  if (!p.error) {
    try {
      p.migration = planMigration(*read.newest, schema, o);
    } catch (...) {
      p.error = std::current_exception();
    }
  }
  return p;
}

// The directory as generate needs it: readable, and consistent (each problem logged first).
void requireConsistent(const DirRead& r, const std::string& migrationsDir, const Log& log) {
  if (!r.error.empty()) throw Error(r.error);
  if (!r.problems.empty()) {
    for (const std::string& p : r.problems) {
      logTo(log, LogLevel::Error, fmt::format("{}: error: {}", migrationsDir, p));
    }
    throw Error(
        fmt::format("{} is not consistent (see above); fix it before generating a new migration",
                    migrationsDir));
  }
}

// The new snapshot file and the schema's fingerprint.
struct SnapshotFile {
  std::string text;
  std::string fingerprint;
  std::string hash;  // of text, when asked for; else taken while the files are written
};

// Writes the snapshot in one pass (the fingerprint is hashed as the schema text is written).
// The fingerprint is also handed over as soon as it is known: a diff needs it before the rest
// is done. The file's own hash, for the sum: here when the main thread has a diff to plan and
// verify meanwhile (incremental); from scratch the main thread waits for the text, so the hash
// is taken while the files are written (appendMigration without snapshotHash).
SnapshotFile writeSnapshot(const ir::Schema& schema, const std::string& dialect,
                           const std::string& prevId, std::promise<std::string>& fingerprint,
                           bool hashFile, const std::atomic<bool>& unneeded) {
  bool handed = false;
  try {
    SnapshotFile f;
    f.text = migrations::snapshotTextStart(dialect, prevId);
    f.fingerprint = ir::appendNestedCanonicalJson(schema, 2, &f.text);
    fingerprint.set_value(f.fingerprint);
    handed = true;
    migrations::finishSnapshotText(&f.text, prevId, f.fingerprint);
    if (hashFile) {
      // In pieces: an unchanged schema needs no file, and generate returns once this ends.
      constexpr std::size_t kPiece = std::size_t{1} << 20;
      support::Sha256 hasher;
      for (std::size_t at = 0; at < f.text.size(); at += kPiece) {
        if (unneeded.load(std::memory_order_relaxed)) return f;
        hasher.update(std::string_view(f.text).substr(at, kPiece));
      }
      f.hash = hasher.finishHex();
    }
    return f;
  } catch (...) {
    if (!handed) fingerprint.set_exception(std::current_exception());
    throw;
  }
}

}  // namespace

GenerateResult generate(const GenerateOptions& options) {
  std::string givenName = options.name.empty() ? "" : sanitizeMigrationName(options.name);
  // The directory is read and hashed on a second core while the schema compiles; what it found
  // is reported after the compiler's diagnostics, as before.
  std::future<GenerateDirRead> reading =
      std::async(std::launch::async, readDir, std::cref(options.migrationsDir));
  ir::Schema schema = compileSchema(options.schemaFiles, options.log);
  refuseIgnoredTables(schema, {options.ignore});
  GenerateDirRead read = reading.get();
  requireConsistent(read, options.migrationsDir, options.log);
  const migrations::MigrationsDir& dir = read.dir;
  const migrations::Snapshot* newest = dir.newestSnapshot();

  GenerateResult result;
  std::optional<migrations::NewMigration> migration;
  if (options.custom) {
    // A hand-written migration: empty files recorded in the journal with the schema of its
    // parent (docs/migrations-format.md), so the next generate diffs from the same place.
    if (givenName.empty()) throw Error("--custom needs --name", Error::Kind::BadOptions);
    if (!newest) throw Error("--custom needs an earlier migration to follow");
    migration.emplace();
    migration->fingerprint = newest->fingerprint;
    migration->schemaJson = newestSchemaJson(dir);
    result.summary.push_back("custom migration: write its SQL by hand");
  } else {
    // The snapshot is written on a second core while this one works out the SQL. Output stays
    // deterministic: each thread builds its own texts, and only this one logs.
    const std::string prevId = newest ? newest->id : migrations::kRootSnapshotId;
    std::promise<std::string> fingerprintPromise;
    std::atomic<bool> unneeded{false};
    std::future<std::string> fingerprint = fingerprintPromise.get_future();
    std::future<SnapshotFile> snapshot = std::async(
        std::launch::async, writeSnapshot, std::cref(schema), std::cref(options.dialect),
        std::cref(prevId), std::ref(fingerprintPromise), newest != nullptr, std::cref(unneeded));
    if (!newest) {
      migration = initialMigration(schema, &result.summary);
    } else {
      GenerateDiffOptions diffOptions;
      diffOptions.strict = options.strict;
      diffOptions.verify = options.verify;
      diffOptions.confirmRename = options.confirmRename;
      diffOptions.approveLoss = options.approveLoss;
      diffOptions.rebuildAutoincrement = options.rebuildAutoincrement;
      diffOptions.log = options.log;
      // Planned while the fingerprint is still being computed: identical schemas plan nothing
      // and ask nothing, and a planning error counts only if the schema changed.
      Planning planned = planIncremental(read, schema, diffOptions);
      if (newest->fingerprint == fingerprint.get()) {
        unneeded = true;  // the snapshot thread stops hashing a file that is not written
        return result;
      }
      if (planned.error) std::rethrow_exception(planned.error);
      // Verified on the schemas it was planned from (the same tables verifyMigration builds).
      const ir::Schema& previous = planned.touched ? planned.touched->previous : *read.newest;
      const ir::Schema& next = planned.touched ? planned.touched->next : schema;
      migration = finishMigration(previous, next, std::move(*planned.migration), diffOptions,
                                  &result.summary);
    }
    if (!migration) return result;
    SnapshotFile file = snapshot.get();
    migration->fingerprint = std::move(file.fingerprint);
    migration->snapshotText = std::move(file.text);
    migration->snapshotHash = std::move(file.hash);
  }
  if (!givenName.empty()) migration->name = givenName;
  migration->dialect = options.dialect;
  const std::string tag =
      migrations::migrationTag(migrations::nextMigrationIndex(dir), migration->name);

  migrations::OutputSet output =
      migrations::appendMigration(dir, std::move(*migration), migrations::journalTimestampMs());
  auto written = output.writeAll(options.migrationsDir);
  if (!written.ok) throw Error(written.error);

  result.written = true;
  result.upFile = options.migrationsDir + "/" + migrations::upFileName(tag);
  return result;
}

GeneratePreview previewGenerate(const std::string& migrationsDir, const ir::Schema& schema,
                                const Log& log) {
  GenerateDirRead read = readDir(migrationsDir);
  requireConsistent(read, migrationsDir, log);
  parseNewest(read);
  const migrations::MigrationsDir& dir = read.dir;
  GeneratePreview preview;
  preview.from = dir.empty() ? "an empty schema" : "snapshot of " + dir.journal->entries.back().tag;
  GenerateDiffOptions diffOptions;
  diffOptions.verify = false;  // a preview proves nothing and writes nothing
  diffOptions.log = log;
  const migrations::Snapshot* newest = dir.newestSnapshot();
  if (!newest) {
    preview.migration = initialMigration(schema, &preview.summary);
  } else if (newest->fingerprint != ir::fingerprint(schema)) {
    if (read.newestUnreadable) std::rethrow_exception(read.newestUnreadable);
    preview.migration = diffMigration(*read.newest, schema, diffOptions, &preview.summary);
  }
  return preview;
}

}  // namespace schemac::workflow
