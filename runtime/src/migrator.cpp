// The migrator (spec section 6): pending migrations in journal order, one transaction each
// through the one apply path (apply.h), recorded in __schemac_migrations; refusals before
// anything runs.
#include "schemac/rt/migrator.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "schemac/rt/apply.h"
#include "schemac/rt/checksum.h"
#include "schemac/rt/lease.h"
#include "schemac/rt/sql_script.h"

namespace schemac::rt {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t msSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

void say(const std::function<void(const std::string&)>& log, const std::string& line) {
  if (log) log(line);
}

std::string checksumOf(const Migration& m) {
  return m.checksum.empty() ? sha256Hex(m.upSql) : m.checksum;
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

bool migrationsTableExists(Connection& db) {
  std::vector<Value> params = {std::string(kMigrationsTable)};
  return !db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", params)
              .rows.empty();
}

// The checksum recorded for migration `idx`; nullopt when it is not recorded (the table must
// exist).
std::optional<std::string> recordedChecksum(Connection& db, std::int64_t idx) {
  std::vector<Value> params = {idx};
  auto rs = db.query("SELECT checksum FROM \"__schemac_migrations\" WHERE id = ?1", params);
  if (rs.rows.empty()) return std::nullopt;
  return std::get<std::string>(rs.rows[0][0]);
}

// Whether migration `idx` is recorded: checked before a backup, because a migrator that waited
// for the lease may find the migration applied meanwhile and need no backup for it.
bool recorded(Connection& db, std::int64_t idx) {
  return migrationsTableExists(db) && recordedChecksum(db, idx).has_value();
}

// Another migrator applied `m` while this one waited: skipped when its checksum is this one's,
// else an error (the two migrators have different directories).
void skipAppliedMeanwhile(const std::string& found, const std::string& checksum, const Migration& m,
                          MigrateResult& result, const MigrateOptions& options) {
  if (found != checksum) {
    throw MigrateError(
        "migration " + m.tag + " was applied by another migrator with a different checksum", m.tag);
  }
  ++result.alreadyApplied;
  say(options.log, m.tag + " was applied meanwhile by another migrator; skipped");
}

}  // namespace

const char* const kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS \"__schemac_migrations\" (\n"
    "  \"id\" INTEGER PRIMARY KEY,\n"
    "  \"tag\" TEXT NOT NULL,\n"
    "  \"checksum\" TEXT NOT NULL,\n"
    "  \"applied_at\" INTEGER NOT NULL,\n"
    "  \"duration_ms\" INTEGER NOT NULL\n"
    ")";

namespace {

const Migration* findById(const std::vector<Migration>& migrations, int id) {
  auto it = std::lower_bound(migrations.begin(), migrations.end(), id,
                             [](const Migration& m, int v) { return m.idx < v; });
  return it != migrations.end() && it->idx == id ? &*it : nullptr;
}

void requireSorted(const std::vector<Migration>& migrations) {
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].idx <= migrations[i - 1].idx) {
      throw MigrateError("migrations are not in increasing idx order at " + migrations[i].tag);
    }
  }
}

// Bootstrapping a database that was empty when the run started: commits are not synced one by
// one (PRAGMA synchronous=OFF) and the file and its directory are fsync'ed once at the end.
// Each migration keeps its own transaction, so a killed process still leaves a migration
// boundary (the OS keeps the rollback journal); only an OS crash or power cut during the run
// could damage the file, and the file held nothing before the run. Per-commit syncs cost tens
// of milliseconds each on ordinary disks, which dominates applying hundreds of migrations.
class BootstrapSync {
 public:
  BootstrapSync(Connection& db, bool enable) : db_(db) {
    if (!enable || db.localFile().empty()) return;
    auto rs = db.query("SELECT count(*) FROM sqlite_schema");
    if (std::get<std::int64_t>(rs.rows.at(0).at(0)) != 0) return;
    auto level = db.query("PRAGMA synchronous");
    previous_ = std::get<std::int64_t>(level.rows.at(0).at(0));
    path_ = db.localFile();
    db.execute("PRAGMA synchronous=OFF");
    active_ = true;
  }
  ~BootstrapSync() {
    if (!active_) return;
    try {
      db_.execute("PRAGMA synchronous=" + std::to_string(previous_));
    } catch (const DbError&) {
    }
    syncPath(path_);
    syncPath(std::filesystem::path(path_).parent_path().string());
  }
  BootstrapSync(const BootstrapSync&) = delete;
  BootstrapSync& operator=(const BootstrapSync&) = delete;

 private:
  static void syncPath(const std::string& path) {
    int fd = ::open(path.empty() ? "." : path.c_str(), O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
  }

  Connection& db_;
  bool active_ = false;
  std::int64_t previous_ = 2;
  std::string path_;
};

// The database's clock in unix ms: applied_at and duration_ms of a migration are measured where
// it runs, inside its one transaction.
const char* kServerNowMs = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

// ", 2 HTTP requests" for a remote database (--verbose reads requests per migration).
std::string requestsSince(Connection& db, std::int64_t before) {
  if (!db.isRemote()) return "";
  return ", " + plural(static_cast<std::size_t>(db.requestCount() - before), "HTTP request");
}

// The first steps of a migration's transaction: the lease is still ours (else nothing runs),
// and renewed, atomically with the migration.
void addLeaseGuards(ApplyStep& step, const Lease& lease, Connection& db) {
  for (BatchStep& g : lease.guardSteps()) {
    step.guards.push_back(std::move(g));
    step.guardMeaning.push_back("this migrator lost the migration lease of " + db.displayUrl() +
                                " (it expired and another migrator took it over)");
  }
}

}  // namespace

std::vector<AppliedMigration> readAppliedMigrations(Connection& db) {
  std::vector<AppliedMigration> out;
  if (!migrationsTableExists(db)) return out;
  auto st = db.prepare(
      "SELECT id, tag, checksum, applied_at, duration_ms FROM \"__schemac_migrations\" "
      "ORDER BY id");
  while (st->step()) {
    AppliedMigration a;
    a.id = st->get<int>(0);
    a.tag = st->get<std::string>(1);
    a.checksum = st->get<std::string>(2);
    a.appliedAt = st->get<std::int64_t>(3);
    a.durationMs = st->get<std::int64_t>(4);
    out.push_back(std::move(a));
  }
  return out;
}

const Migration& findMigration(const std::vector<Migration>& migrations, const std::string& to,
                               const std::string& flag) {
  bool numeric =
      !to.empty() && std::all_of(to.begin(), to.end(), [](char c) { return c >= '0' && c <= '9'; });
  for (const Migration& m : migrations) {
    if (m.tag == to || (numeric && to.size() < 10 && m.idx == std::stoi(to))) return m;
  }
  throw MigrateError(flag + " " + to + ": no such migration in the directory");
}

void verifyApplied(const std::vector<AppliedMigration>& applied,
                   const std::vector<Migration>& migrations) {
  for (const AppliedMigration& a : applied) {
    const Migration* m = findById(migrations, a.id);
    if (!m) {
      throw MigrateError("the database has migration " + a.tag + " (id " + std::to_string(a.id) +
                             ") applied, but the migrations directory does not contain it",
                         a.tag);
    }
    if (m->tag != a.tag) {
      throw MigrateError("migration id " + std::to_string(a.id) + " is " + a.tag +
                             " in the database but " + m->tag + " in the migrations directory",
                         a.tag);
    }
    if (checksumOf(*m) != a.checksum) {
      throw MigrateError("migration " + a.tag +
                             " was edited after it was applied (the checksum of " + a.tag +
                             ".sql differs from the one recorded in the database)",
                         a.tag);
    }
  }
}

MigrateResult migrate(Connection& db, const std::vector<Migration>& migrations,
                      const MigrateOptions& options) {
  auto runStart = Clock::now();
  requireSorted(migrations);
  MigrateResult result;
  std::vector<AppliedMigration> applied = readAppliedMigrations(db);
  verifyApplied(applied, migrations);
  result.alreadyApplied = applied.size();
  int lastApplied = applied.empty() ? -1 : applied.back().id;

  // Where to stop.
  int target = migrations.empty() ? -1 : migrations.back().idx;
  if (!options.to.empty()) target = findMigration(migrations, options.to).idx;

  std::vector<const Migration*> pending;
  for (const Migration& m : migrations) {
    bool isApplied = std::any_of(applied.begin(), applied.end(),
                                 [&](const AppliedMigration& a) { return a.id == m.idx; });
    if (isApplied) continue;
    if (m.idx < lastApplied) {
      throw MigrateError("migration " + m.tag + " is not applied but the later migration " +
                             applied.back().tag +
                             " is: the database and the directory have diverged",
                         m.tag);
    }
    if (m.idx <= target) pending.push_back(&m);
  }

  if (pending.empty()) {
    std::string at = applied.empty() ? "empty" : "at " + applied.back().tag;
    say(options.log, "nothing to apply: the database is up to date (" + at + ", " +
                         plural(applied.size(), "migration") + " applied)");
    result.totalMs = msSince(runStart);
    return result;
  }

  if (options.dryRun) {
    for (const Migration* m : pending) {
      auto stmts = splitScript(m->upSql, m->breakpoints);
      std::string notes;
      if (m->rebuildsTables) notes += ", rebuilds tables (foreign keys off)";
      if (m->dataLoss) notes += options.backup ? ", loses data (backup first)" : ", loses data";
      say(options.log,
          "would apply " + m->tag + " (" + plural(stmts.size(), "statement") + notes + ")");
      for (const std::string& s : stmts) say(options.log, "    " + detail::oneLine(s));
      result.applied.push_back(AppliedMigration{m->idx, m->tag, checksumOf(*m), 0, 0});
    }
    say(options.log, "dry run: " + plural(pending.size(), "migration") +
                         " would be applied; nothing was changed");
    result.totalMs = msSince(runStart);
    return result;
  }

  ScriptApplier applier(db);
  BootstrapSync bootstrap(db, pending.size() > 1);
  std::unique_ptr<Lease> lease =
      Lease::acquire(db, LeaseOptions{options.leaseTtlMs, options.lockTimeoutMs, options.log});
  const bool canBackup = db.capabilities().backup;
  for (const Migration* m : pending) {
    std::string checksum = checksumOf(*m);
    if (m->dataLoss && options.backup && canBackup && !recorded(db, m->idx)) {
      std::string path;
      try {
        path = db.backup(m->tag);
      } catch (const DbError& e) {
        throw MigrateError(
            e.dbMessage() + " before " + m->tag + " (use --no-backup to migrate without one)",
            m->tag);
      }
      result.backups.push_back(path);
      say(options.log, (db.isRemote() ? "dumped the database to " : "backed up the database to ") +
                           path + " (" + m->tag + " loses data)");
    }
    auto start = Clock::now();
    std::int64_t before = db.requestCount();
    ApplyStep step;
    step.subject = "migration " + m->tag;
    step.tag = m->tag;
    step.statements = splitScript(m->upSql, m->breakpoints);
    step.rebuildsTables = m->rebuildsTables;
    step.lockWaitMs = options.lockTimeoutMs;
    addLeaseGuards(step, *lease, db);
    step.guards.push_back(BatchStep{kCreateMigrationsTable, {}});
    step.guardMeaning.push_back("cannot create the __schemac_migrations table");
    // The record goes in first: if another migrator applied it meanwhile, its primary key
    // fails this step and nothing else runs.
    step.guards.push_back(BatchStep{
        std::string("INSERT INTO \"__schemac_migrations\" (id, tag, checksum, applied_at, "
                    "duration_ms) VALUES (?1, ?2, ?3, ") +
            kServerNowMs + ", 0)",
        {std::int64_t{m->idx}, m->tag, checksum}});
    step.guardMeaning.push_back("");
    step.trailer.push_back(
        BatchStep{std::string("UPDATE \"__schemac_migrations\" SET duration_ms = max(0, ") +
                      kServerNowMs + " - applied_at) WHERE id = ?1",
                  {std::int64_t{m->idx}}});
    // Renewed last, before COMMIT: a long migration must not commit an expired lease.
    step.trailer.push_back(lease->renewStep());
    if (applier.apply(step) == ApplyResult::AlreadyDone) {
      std::optional<std::string> found = recordedChecksum(db, m->idx);
      if (!found) {
        throw MigrateError("migration " + m->tag + " was not applied on " + db.displayUrl() +
                               ": its record could not be written to __schemac_migrations",
                           m->tag);
      }
      skipAppliedMeanwhile(*found, checksum, *m, result, options);
      continue;
    }
    std::int64_t duration = msSince(start);
    say(options.log, "applied " + m->tag + " in " + std::to_string(duration) + " ms (" +
                         plural(step.statements.size(), "statement") + requestsSince(db, before) +
                         ")");
    result.applied.push_back(AppliedMigration{m->idx, m->tag, checksum, 0, duration});
  }
  lease->release();
  result.totalMs = msSince(runStart);
  std::size_t total = result.alreadyApplied + result.applied.size();
  say(options.log, "applied " + plural(result.applied.size(), "migration") + " in " +
                       std::to_string(result.totalMs) + " ms; the database is at " +
                       (result.applied.empty() ? pending.back()->tag : result.applied.back().tag) +
                       " (" + plural(total, "migration") + " applied)");
  return result;
}

DownResult down(Connection& db, const std::vector<Migration>& migrations,
                const DownOptions& options) {
  auto runStart = Clock::now();
  requireSorted(migrations);
  if (options.steps < 1) throw MigrateError("--steps must be at least 1");
  DownResult result;
  std::vector<AppliedMigration> applied = readAppliedMigrations(db);
  verifyApplied(applied, migrations);
  if (applied.empty()) {
    say(options.log, "nothing to revert: no migration is applied");
    return result;
  }
  std::vector<const AppliedMigration*> targets;
  for (auto it = applied.rbegin();
       it != applied.rend() && static_cast<int>(targets.size()) < options.steps; ++it) {
    targets.push_back(&*it);
  }
  // Refuse up front rather than after reverting some of them.
  for (const AppliedMigration* a : targets) {
    const Migration* m = findById(migrations, a->id);
    if (!m->downSql) {
      throw MigrateError("migration " + a->tag + " has no down file (" + a->tag + ".down.sql)",
                         a->tag);
    }
    // An empty down file means the migration cannot be reverted; removing its record anyway
    // would leave the database claiming a state it is not in.
    if (splitScript(*m->downSql, m->breakpoints).empty()) {
      throw MigrateError(
          "migration " + a->tag + " cannot be reverted: " + a->tag + ".down.sql has no statements",
          a->tag);
    }
  }
  // Consent before the lease (nobody waits on a question), the backup under it.
  std::vector<std::string> losses;
  for (const AppliedMigration* a : targets) {
    for (const std::string& loss : downLosses(*findById(migrations, a->id))) {
      losses.push_back(a->tag + ": " + loss);
    }
  }
  if (!options.dryRun && !losses.empty() && options.approveLoss && !options.approveLoss(losses)) {
    throw MigrateError("down cancelled; the database was not changed");
  }
  ScriptApplier applier(db);
  std::unique_ptr<Lease> lease;
  if (!options.dryRun) {
    lease =
        Lease::acquire(db, LeaseOptions{options.leaseTtlMs, options.lockTimeoutMs, options.log});
  }
  if (!options.dryRun && !losses.empty() && options.backup && db.capabilities().backup) {
    const std::string& newest = targets.front()->tag;
    std::string path;
    try {
      path = db.backup("down-" + newest);
    } catch (const DbError& e) {
      throw MigrateError(e.dbMessage() + " before reverting " + newest +
                             " (use --no-backup to revert without one)",
                         newest);
    }
    result.backups.push_back(path);
    say(options.log, (db.isRemote() ? "dumped the database to " : "backed up the database to ") +
                         path + " (reverting loses data)");
  }
  for (const AppliedMigration* a : targets) {
    const Migration* m = findById(migrations, a->id);
    auto stmts = splitScript(*m->downSql, m->breakpoints);
    if (options.dryRun) {
      say(options.log, "would revert " + m->tag + " (" + plural(stmts.size(), "statement") + ")");
      for (const std::string& s : stmts) say(options.log, "    " + detail::oneLine(s));
      result.reverted.push_back(*a);
      continue;
    }
    auto start = Clock::now();
    std::int64_t before = db.requestCount();
    ApplyStep step;
    step.subject = "down migration " + m->tag;
    step.tag = m->tag;
    step.statements = std::move(stmts);
    // A down migration drops and rebuilds tables too: always keep foreign keys from cascading,
    // and check them before commit.
    step.rebuildsTables = true;
    step.lockWaitMs = options.lockTimeoutMs;
    addLeaseGuards(step, *lease, db);
    std::vector<Value> id = {std::int64_t{m->idx}};
    step.guards.push_back(
        BatchStep{"SELECT CASE WHEN EXISTS (SELECT 1 FROM \"__schemac_migrations\" WHERE id = ?1) "
                  "THEN 1 ELSE json('schemac: not applied') END",
                  id});
    step.guardMeaning.push_back("");
    step.trailer.push_back(BatchStep{"DELETE FROM \"__schemac_migrations\" WHERE id = ?1", id});
    step.trailer.push_back(lease->renewStep());
    if (applier.apply(step) == ApplyResult::AlreadyDone) {
      say(options.log, m->tag + " was reverted meanwhile by another process; skipped");
      continue;
    }
    say(options.log, "reverted " + m->tag + " in " + std::to_string(msSince(start)) + " ms (" +
                         plural(step.statements.size(), "statement") + requestsSince(db, before) +
                         ")");
    result.reverted.push_back(*a);
  }
  if (lease) lease->release();
  result.totalMs = msSince(runStart);
  if (!options.dryRun) {
    std::size_t left = applied.size() - result.reverted.size();
    say(options.log, "reverted " + plural(result.reverted.size(), "migration") + " in " +
                         std::to_string(result.totalMs) + " ms; " + plural(left, "migration") +
                         " still applied");
  }
  return result;
}

BaselineResult baseline(Connection& db, const std::vector<Migration>& migrations,
                        const BaselineOptions& options) {
  requireSorted(migrations);
  if (migrations.empty()) throw MigrateError("there is no migration to baseline the database at");
  const Migration& target =
      options.to.empty() ? migrations.back() : findMigration(migrations, options.to);
  BaselineResult result;
  result.at = target.tag;
  std::vector<const Migration*> upTo;
  for (const Migration& m : migrations) {
    if (m.idx <= target.idx) upTo.push_back(&m);
  }

  std::vector<AppliedMigration> applied = readAppliedMigrations(db);
  if (!applied.empty()) {
    verifyApplied(applied, migrations);
    bool same =
        applied.size() == upTo.size() &&
        std::equal(applied.begin(), applied.end(), upTo.begin(),
                   [](const AppliedMigration& a, const Migration* m) { return a.id == m->idx; });
    if (same) {
      result.alreadyThere = true;
      say(options.log, "already baselined at " + target.tag + " (" +
                           plural(applied.size(), "migration") + " recorded); nothing to do");
      return result;
    }
    throw MigrateError("the database already has a schemac history (at " + applied.back().tag +
                           ", " + plural(applied.size(), "migration") + "), not at " + target.tag +
                           "; baseline only starts a history (use `schemac migrate`)",
                       target.tag);
  }
  if (options.prove) options.prove(target);

  ScriptApplier applier(db);
  std::unique_ptr<Lease> lease =
      Lease::acquire(db, LeaseOptions{options.leaseTtlMs, options.lockTimeoutMs, options.log});
  ApplyStep step;
  step.subject = "baseline at " + target.tag;
  step.tag = target.tag;
  step.lockWaitMs = options.lockTimeoutMs;
  addLeaseGuards(step, *lease, db);
  step.guards.push_back(BatchStep{kCreateMigrationsTable, {}});
  step.guardMeaning.push_back("cannot create the __schemac_migrations table");
  step.guards.push_back(
      BatchStep{"SELECT CASE WHEN EXISTS (SELECT 1 FROM \"__schemac_migrations\") "
                "THEN json('schemac: history appeared') ELSE 1 END",
                {}});
  step.guardMeaning.push_back(
      "another migrator recorded migrations meanwhile; run `schemac status`");
  for (const Migration* m : upTo) {
    std::string checksum = checksumOf(*m);
    step.trailer.push_back(BatchStep{
        std::string("INSERT INTO \"__schemac_migrations\" (id, tag, checksum, applied_at, "
                    "duration_ms) VALUES (?1, ?2, ?3, ") +
            kServerNowMs + ", 0)",
        {std::int64_t{m->idx}, m->tag, checksum}});
    result.recorded.push_back(AppliedMigration{m->idx, m->tag, checksum, 0, 0});
  }
  step.trailer.push_back(lease->renewStep());
  applier.apply(step);
  lease->release();
  say(options.log, "baselined at " + target.tag + ": recorded " +
                       plural(result.recorded.size(), "migration") +
                       " as applied without running them");
  return result;
}

}  // namespace schemac::rt
