// The migrator (spec section 6): pending migrations in journal order, one BEGIN IMMEDIATE
// transaction each, recorded in __schemac_migrations; refusals before anything runs.
#include "schemac/rt/migrator.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "migrator_remote.h"
#include "schemac/rt/checksum.h"
#include "schemac/rt/dump.h"
#include "schemac/rt/lease.h"
#include "schemac/rt/remote.h"
#include "schemac/rt/sqlite.h"
#include "schemac/rt/transaction.h"

namespace schemac::rt {
namespace {

using Clock = std::chrono::steady_clock;

std::int64_t nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

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

bool isBusy(const DbError& e) {
  int primary = e.code() & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

bool migrationsTableExists(Connection& db) {
  std::vector<Value> params = {std::string(kMigrationsTable)};
  return !db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", params)
              .rows.empty();
}

// Whether migration `idx` is recorded: checked before a backup, because a migrator that waited
// for the lease may find the migration applied meanwhile and need no backup for it.
// The checksum recorded for migration `idx`; nullopt when it is not recorded (the table must
// exist).
std::optional<std::string> recordedChecksum(Connection& db, std::int64_t idx) {
  std::vector<Value> params = {idx};
  auto rs = db.query("SELECT checksum FROM \"__schemac_migrations\" WHERE id = ?1", params);
  if (rs.rows.empty()) return std::nullopt;
  return std::get<std::string>(rs.rows[0][0]);
}

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

const char* kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS \"__schemac_migrations\" (\n"
    "  \"id\" INTEGER PRIMARY KEY,\n"
    "  \"tag\" TEXT NOT NULL,\n"
    "  \"checksum\" TEXT NOT NULL,\n"
    "  \"applied_at\" INTEGER NOT NULL,\n"
    "  \"duration_ms\" INTEGER NOT NULL\n"
    ")";

void createMigrationsTable(Connection& db) { db.execute(kCreateMigrationsTable); }

// BEGIN IMMEDIATE, waiting up to `timeoutMs` for another writer (beyond the connection's own
// busy timeout) so a second migrator queues behind the first instead of failing.
std::unique_ptr<Transaction> beginImmediate(Connection& db, int timeoutMs) {
  auto start = Clock::now();
  while (true) {
    try {
      return std::make_unique<Transaction>(db, TransactionMode::Immediate);
    } catch (const DbError& e) {
      if (!isBusy(e)) throw;
      if (msSince(start) >= timeoutMs) {
        throw MigrateError("the database is locked by another writer (waited " +
                           std::to_string(timeoutMs / 1000) + " s); is another migrator running?");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

bool foreignKeysOn(Connection& db) {
  auto rs = db.query("PRAGMA foreign_keys");
  return !rs.rows.empty() && std::get_if<std::int64_t>(&rs.rows[0][0]) &&
         std::get<std::int64_t>(rs.rows[0][0]) != 0;
}

// Turns foreign keys off for a table-rebuilding migration and back to what they were after,
// whatever happens (PRAGMA foreign_keys is a no-op inside a transaction: spec section 4).
class ForeignKeysOff {
 public:
  ForeignKeysOff(Connection& db, bool enabled) : db_(db), enabled_(enabled) {
    if (!enabled_) return;
    wasOn_ = foreignKeysOn(db_);
    if (wasOn_) db_.execute("PRAGMA foreign_keys=OFF");
  }
  ~ForeignKeysOff() {
    if (!enabled_ || !wasOn_) return;
    try {
      db_.execute("PRAGMA foreign_keys=ON");
    } catch (const DbError&) {
      // Only fails inside a transaction, which the migrator has always closed by now.
    }
  }
  ForeignKeysOff(const ForeignKeysOff&) = delete;
  ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

 private:
  Connection& db_;
  bool enabled_;
  bool wasOn_ = false;
};

// PRAGMA foreign_key_check before COMMIT: a violation aborts the migration.
// `subject` names what ran ("migration 0001_x", "push") in the message.
void checkForeignKeys(Connection& db, const std::string& subject, const std::string& tag,
                      const char* what) {
  auto rs = db.query("PRAGMA foreign_key_check");
  if (rs.rows.empty()) return;
  auto text = [](const Value& v) {
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
    return std::string("?");
  };
  const auto& r = rs.rows[0];  // table, rowid, parent, fkid
  std::string first =
      text(r[0]) + " rowid " + text(r[1]) + " references a missing row of " + text(r[2]);
  throw MigrateError(subject + " " + what +
                         " rolled back: " + plural(rs.rows.size(), "foreign key violation") +
                         " (first: " + first + ")",
                     tag, "PRAGMA foreign_key_check", "FOREIGN KEY constraint failed");
}

// Runs the statements of one file; a failure names the migration, the statement and the
// database's message.
void runStatements(Connection& db, const std::string& subject, const std::string& tag,
                   const std::vector<std::string>& stmts, const char* what) {
  for (const std::string& stmt : stmts) {
    try {
      db.execute(stmt);
    } catch (const DbError& e) {
      std::string failing = e.sql().empty() ? stmt : e.sql();
      throw MigrateError(subject + " " + what + " rolled back: " + e.dbMessage() +
                             " in statement: " + detail::oneLine(failing),
                         tag, failing, e.dbMessage());
    }
  }
}

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
    auto* sqlite = dynamic_cast<SqliteConnection*>(&db);
    if (!enable || !sqlite || sqlite->isMemory()) return;
    auto rs = db.query("SELECT count(*) FROM sqlite_schema");
    if (std::get<std::int64_t>(rs.rows.at(0).at(0)) != 0) return;
    auto level = db.query("PRAGMA synchronous");
    previous_ = std::get<std::int64_t>(level.rows.at(0).at(0));
    path_ = sqlite->filePath();
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

std::string utcStamp() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

// The server's clock in unix ms: applied_at and duration_ms of a remote migration are measured
// where it runs, inside its one batch.
const char* kServerNowMs = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

std::string requests(std::int64_t n) { return plural(static_cast<std::size_t>(n), "HTTP request"); }

// Keeps the shadow schema (for foreign key checks) in step; created on first need, from the
// remote schema as it is then.
struct RemoteState {
  explicit RemoteState(RemoteConnection* remote) : db(remote) {}
  RemoteConnection* db = nullptr;
  std::unique_ptr<detail::SchemaShadow> shadow;
  bool shadowBroken = false;

  std::vector<detail::SchemaShadow::ForeignKeyCheck> applyToShadow(
      const std::vector<std::string>& stmts, bool wantChecks) {
    if (!shadow && wantChecks) shadow = std::make_unique<detail::SchemaShadow>(*db);
    if (!shadow || shadowBroken) {
      if (wantChecks && shadowBroken) {
        throw MigrateError("cannot derive the foreign key checks for " + db->displayUrl() +
                           ": an earlier statement did not replay on a local copy of the schema");
      }
      return {};
    }
    if (!shadow->apply(stmts)) {
      shadowBroken = true;
      if (wantChecks) {
        throw MigrateError("cannot derive the foreign key checks for " + db->displayUrl() +
                           ": the statements do not replay on a local copy of the schema");
      }
      return {};
    }
    return wantChecks ? shadow->foreignKeyChecks()
                      : std::vector<detail::SchemaShadow::ForeignKeyCheck>{};
  }
};

// `<host>.backup-<UTC timestamp>-<tag>.sql` in the working directory: a full SQL dump (the
// remote counterpart of VACUUM INTO), written through a temporary file and a rename.
std::string dumpRemoteBackup(RemoteConnection& db, const std::string& tag) {
  std::string host;
  for (char c : db.host())
    host += std::isalnum(static_cast<unsigned char>(c)) || c == '.' ? c : '_';
  std::string base = host + ".backup-" + utcStamp() + "-" + tag;
  std::string path = base + ".sql";
  for (int n = 2; std::filesystem::exists(path); ++n)
    path = base + "-" + std::to_string(n) + ".sql";
  std::string text = dumpDatabase(db);
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::filesystem::remove(tmp);
      throw MigrateError("cannot write the backup dump " + path + " before " + tag +
                             " (use --no-backup to migrate without one)",
                         tag);
    }
  }
  std::filesystem::rename(tmp, path);
  return path;
}

// The first steps of a remote migration batch: the lease is still ours (else nothing runs),
// and renewed, atomically with the migration.
void addLeaseGuards(detail::RemoteMigrationStep& step, const Lease& lease, Connection& db) {
  for (BatchStep& g : lease.guardSteps()) {
    step.guards.push_back(std::move(g));
    step.guardMeaning.push_back("this migrator lost the migration lease of " + db.displayUrl() +
                                " (it expired and another migrator took it over)");
  }
}

}  // namespace

namespace detail {

// A statement as one printable line: `--` comment lines dropped, whitespace runs collapsed,
// long ones cut.
std::string oneLine(const std::string& sql) {
  std::string code;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t nl = sql.find('\n', pos);
    std::string line = sql.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 2, "--") != 0) code += line + "\n";
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  std::string out;
  bool space = false;
  for (char c : code) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (out.size() > 240) out = out.substr(0, 237) + "...";
  return out;
}

}  // namespace detail

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

std::string backupDatabase(Connection& db, const std::string& label) {
  auto* sqlite = dynamic_cast<SqliteConnection*>(&db);
  if (!sqlite || sqlite->isMemory()) {
    throw MigrateError("cannot back up " + db.displayUrl() + ": not a local database file");
  }
  std::string base = sqlite->filePath() + ".backup-" + utcStamp() + "-" + label;
  std::string path = base;
  for (int n = 2; std::filesystem::exists(path); ++n) path = base + "-" + std::to_string(n);
  std::vector<Value> params = {path};
  db.query("VACUUM INTO ?1", params);
  // The copy must not carry this run's migration lease: restored, it would block the next run
  // until the lease expired.
  auto copy = SqliteConnection::open(parseDatabaseUrl(path), OpenOptions{});
  if (!copy->query("SELECT 1 FROM sqlite_schema WHERE name = '__schemac_lock'").rows.empty()) {
    copy->execute("DELETE FROM \"__schemac_lock\"");
  }
  return path;
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
  if (!options.to.empty()) {
    const Migration* stop = nullptr;
    bool numeric = std::all_of(options.to.begin(), options.to.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
    for (const Migration& m : migrations) {
      if (m.tag == options.to ||
          (numeric && options.to.size() < 10 && m.idx == std::stoi(options.to))) {
        stop = &m;
        break;
      }
    }
    if (!stop) throw MigrateError("--to " + options.to + ": no such migration in the directory");
    target = stop->idx;
  }

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
      auto stmts = splitStatements(m->upSql, m->breakpoints);
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

  RemoteState remote(dynamic_cast<RemoteConnection*>(&db));
  BootstrapSync bootstrap(db, pending.size() > 1);
  std::unique_ptr<Lease> lease =
      Lease::acquire(db, LeaseOptions{options.leaseTtlMs, options.lockTimeoutMs, options.log});
  for (const Migration* m : pending) {
    std::string checksum = checksumOf(*m);
    if (remote.db) {
      if (m->dataLoss && options.backup && !recorded(db, m->idx)) {
        std::string path = dumpRemoteBackup(*remote.db, m->tag);
        result.backups.push_back(path);
        say(options.log, "dumped the database to " + path + " (" + m->tag + " loses data)");
      }
      auto start = Clock::now();
      std::int64_t before = remote.db->requestCount();
      detail::RemoteMigrationStep step;
      step.subject = "migration " + m->tag;
      step.tag = m->tag;
      step.statements = detail::remoteStatements(m->upSql, m->breakpoints);
      step.foreignKeysOff = m->rebuildsTables;
      step.fkChecks = remote.applyToShadow(step.statements, m->rebuildsTables);
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
      step.trailer.push_back(lease->renewStep());
      if (detail::runRemoteStep(*remote.db, step) == detail::RemoteApplied::AlreadyDone) {
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
                           plural(step.statements.size(), "statement") + ", " +
                           requests(remote.db->requestCount() - before) + ")");
      result.applied.push_back(AppliedMigration{m->idx, m->tag, checksum, 0, duration});
      continue;
    }
    auto stmts = splitStatements(m->upSql, m->breakpoints);
    if (m->dataLoss && options.backup) {
      auto* sqlite = dynamic_cast<SqliteConnection*>(&db);
      if (sqlite && !sqlite->isMemory() && !recorded(db, m->idx)) {
        std::string path = backupDatabase(db, m->tag);
        result.backups.push_back(path);
        say(options.log, "backed up the database to " + path + " (" + m->tag + " loses data)");
      }
    }
    auto start = Clock::now();
    ForeignKeysOff fkOff(db, m->rebuildsTables);
    auto tx = beginImmediate(db, options.lockTimeoutMs);
    lease->renew("migration " + m->tag);
    createMigrationsTable(db);
    // Another migrator may have applied it while this one waited for the lock.
    if (std::optional<std::string> found = recordedChecksum(db, m->idx)) {
      tx->rollback();
      skipAppliedMeanwhile(*found, checksum, *m, result, options);
      continue;
    }
    runStatements(db, "migration " + m->tag, m->tag, stmts, "failed and was");
    if (m->rebuildsTables) {
      checkForeignKeys(db, "migration " + m->tag, m->tag, "broke foreign keys and was");
    }
    std::int64_t duration = msSince(start);
    std::vector<Value> record = {std::int64_t{m->idx}, m->tag, checksum, nowUnixMs(), duration};
    db.query(
        "INSERT INTO \"__schemac_migrations\" (id, tag, checksum, applied_at, duration_ms) "
        "VALUES (?1, ?2, ?3, ?4, ?5)",
        record);
    lease->renew("migration " + m->tag);  // a long migration must not commit an expired lease
    tx->commit();
    duration = msSince(start);
    say(options.log, "applied " + m->tag + " in " + std::to_string(duration) + " ms (" +
                         plural(stmts.size(), "statement") + ")");
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

void applyInTransaction(Connection& db, const std::vector<std::string>& statements,
                        bool rebuildsTables, const std::string& label, int lockTimeoutMs) {
  if (auto* remote = dynamic_cast<RemoteConnection*>(&db)) {
    RemoteState state(remote);
    detail::RemoteMigrationStep step;
    step.subject = label;
    for (const std::string& chunk : statements) {
      for (std::string& s : splitSqlScript(chunk)) step.statements.push_back(std::move(s));
    }
    step.foreignKeysOff = rebuildsTables;
    step.fkChecks = state.applyToShadow(step.statements, rebuildsTables);
    detail::runRemoteStep(*remote, step);
    return;
  }
  ForeignKeysOff fkOff(db, rebuildsTables);
  auto tx = beginImmediate(db, lockTimeoutMs);
  runStatements(db, label, "", statements, "failed and was");
  if (rebuildsTables) checkForeignKeys(db, label, "", "broke foreign keys and was");
  tx->commit();
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
    if (splitStatements(*m->downSql, m->breakpoints).empty()) {
      throw MigrateError(
          "migration " + a->tag + " cannot be reverted: " + a->tag + ".down.sql has no statements",
          a->tag);
    }
  }
  RemoteState remote(dynamic_cast<RemoteConnection*>(&db));
  std::unique_ptr<Lease> lease;
  if (!options.dryRun) {
    lease =
        Lease::acquire(db, LeaseOptions{options.leaseTtlMs, options.lockTimeoutMs, options.log});
  }
  for (const AppliedMigration* a : targets) {
    const Migration* m = findById(migrations, a->id);
    auto stmts = splitStatements(*m->downSql, m->breakpoints);
    if (remote.db && !options.dryRun) {
      auto start = Clock::now();
      std::int64_t before = remote.db->requestCount();
      detail::RemoteMigrationStep step;
      step.subject = "down migration " + m->tag;
      step.tag = m->tag;
      step.statements = detail::remoteStatements(*m->downSql, m->breakpoints);
      step.foreignKeysOff = true;
      step.fkChecks = remote.applyToShadow(step.statements, true);
      addLeaseGuards(step, *lease, db);
      std::vector<Value> id = {std::int64_t{m->idx}};
      step.guards.push_back(BatchStep{
          "SELECT CASE WHEN EXISTS (SELECT 1 FROM \"__schemac_migrations\" WHERE id = ?1) "
          "THEN 1 ELSE json('schemac: not applied') END",
          id});
      step.guardMeaning.push_back("");
      step.trailer.push_back(BatchStep{"DELETE FROM \"__schemac_migrations\" WHERE id = ?1", id});
      step.trailer.push_back(lease->renewStep());
      if (detail::runRemoteStep(*remote.db, step) == detail::RemoteApplied::AlreadyDone) {
        say(options.log, m->tag + " was reverted meanwhile by another process; skipped");
        continue;
      }
      say(options.log, "reverted " + m->tag + " in " + std::to_string(msSince(start)) + " ms (" +
                           plural(step.statements.size(), "statement") + ", " +
                           requests(remote.db->requestCount() - before) + ")");
      result.reverted.push_back(*a);
      continue;
    }
    if (options.dryRun) {
      say(options.log, "would revert " + m->tag + " (" + plural(stmts.size(), "statement") + ")");
      for (const std::string& s : stmts) say(options.log, "    " + detail::oneLine(s));
      result.reverted.push_back(*a);
      continue;
    }
    auto start = Clock::now();
    // A down migration drops and rebuilds tables too: always keep foreign keys from
    // cascading, and check them before commit.
    ForeignKeysOff fkOff(db, true);
    auto tx = beginImmediate(db, options.lockTimeoutMs);
    lease->renew("down migration " + m->tag);
    std::vector<Value> id = {std::int64_t{m->idx}};
    if (db.query("SELECT 1 FROM \"__schemac_migrations\" WHERE id = ?1", id).rows.empty()) {
      tx->rollback();
      say(options.log, m->tag + " was reverted meanwhile by another process; skipped");
      continue;
    }
    runStatements(db, "down migration " + m->tag, m->tag, stmts, "failed and was");
    checkForeignKeys(db, "down migration " + m->tag, m->tag, "broke foreign keys and was");
    db.query("DELETE FROM \"__schemac_migrations\" WHERE id = ?1", id);
    lease->renew("down migration " + m->tag);
    tx->commit();
    say(options.log, "reverted " + m->tag + " in " + std::to_string(msSince(start)) + " ms (" +
                         plural(stmts.size(), "statement") + ")");
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

}  // namespace schemac::rt
