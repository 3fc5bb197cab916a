// The migration lease on a real libSQL server (tursodb): concurrent migrators apply each
// migration exactly once; a migration or a backup dump longer than the lease keeps it; a
// SIGKILL'd holder's lease is waited out (or cleared with --unlock). Nothing here asserts a
// measured duration (lease_witness.h).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

#include "lease_witness.h"
#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/lease.h"
#include "temp_dir.h"
#include "turso_server.h"
#include "two_migrators.h"

namespace schemac::rt {
namespace {

using testing::TempDir;
using testing::TursoServer;

std::vector<testing::FixtureMigration> smallMigrations(int n) {
  std::vector<testing::FixtureMigration> ms;
  for (int i = 0; i < n; ++i) {
    std::string t = "t" + std::to_string(i);
    ms.push_back({"create_" + t,
                  "CREATE TABLE " + t +
                      " (id INTEGER PRIMARY KEY, v TEXT);\n"
                      "--> statement-breakpoint\nINSERT INTO " +
                      t + " (v) VALUES ('row');",
                  "DROP TABLE " + t + ";"});
  }
  return ms;
}

std::int64_t scalar(Connection& db, const std::string& sql) {
  return std::get<std::int64_t>(db.query(sql).rows.at(0).at(0));
}

// `processes` migrators started together, `runs` times, each run on a fresh database: every
// migration applied by exactly one of them, every run ending with the same database.
void runConcurrently(int processes, int runs) {
  TempDir tmp;
  const int n = 6;
  testing::writeMigrationsDir(tmp, "migrations", smallMigrations(n));
  std::string cwd = tmp.path().string();
  int waited = 0;
  for (int run = 0; run < runs; ++run) {
    TursoServer server(tmp.file("c" + std::to_string(run) + ".db"));
    std::vector<std::string> args = {testing::schemacBinary(), "migrate", "--url", server.url()};
    std::map<std::string, std::string> env = {{"DATABASE_URL", "\x01"},
                                              {"DATABASE_AUTH_TOKEN", testing::kTestToken}};
    std::vector<pid_t> pids;
    for (int p = 0; p < processes; ++p) {
      std::string base = tmp.file("p" + std::to_string(p));
      pids.push_back(testing::spawn(args, cwd, env, base + ".out", base + ".err"));
    }
    std::vector<std::string> outs;
    for (int p = 0; p < processes; ++p) {
      int rc = testing::waitFor(pids[p]);
      std::string base = tmp.file("p" + std::to_string(p));
      outs.push_back(testing::slurp(base + ".out"));
      ASSERT_EQ(rc, 0) << "run " << run << " process " << p << ": " << testing::slurp(base + ".err")
                       << outs.back();
      if (outs.back().find("waiting for the migration lease") != std::string::npos) ++waited;
    }
    for (int i = 0; i < n; ++i) {
      std::string line = "applied " + testing::tagFor(i, "create_t" + std::to_string(i)) + " in";
      int by = 0;
      for (const auto& o : outs) by += o.find(line) != std::string::npos;
      EXPECT_EQ(by, 1) << "run " << run << ", migration " << i;
    }
    auto db = open(server.url());
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"), n);
    for (int i = 0; i < n; ++i) {
      EXPECT_EQ(scalar(*db, "SELECT count(*) FROM t" + std::to_string(i)), 1) << "run " << run;
    }
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_lock"), 0);  // released
  }
  std::printf(
      "[ figures  ] %d runs of %d concurrent migrators: all succeeded, each migration "
      "applied once; %d migrator(s) waited for the lease\n",
      runs, processes, waited);
}

TEST(RemoteLeaseTest, TwoConcurrentMigratorsTwentyTimes) { runConcurrently(2, 20); }
TEST(RemoteLeaseTest, FourConcurrentMigratorsTwentyTimes) { runConcurrently(4, 20); }

const char* kDigits =
    "CREATE TABLE d (x INTEGER NOT NULL);\n--> statement-breakpoint\n"
    "INSERT INTO d VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);";
const std::string kBreak = "\n--> statement-breakpoint\n";

// tursodb has no recursive CTE: rows come from cross joins of the digits table d (up to 10^9).
std::string digitRows(std::int64_t n) {
  return "SELECT 1 AS one FROM d a0, d a1, d a2, d a3, d a4, d a5, d a6, d a7, d a8 LIMIT " +
         std::to_string(n);
}
std::string fill(const std::string& table, std::int64_t rows) {
  return "INSERT INTO " + table + " (v) SELECT hex(randomblob(16)) FROM (" + digitRows(rows) + ");";
}

void addSmallMigrations(std::vector<testing::FixtureMigration>& ms, int n) {
  for (int i = 0; i < n; ++i) {
    std::string t = "after" + std::to_string(i);
    ms.push_back({"create_" + t, "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY);",
                  "DROP TABLE " + t + ";"});
  }
}

// The lease row as a third party sees it: the migrations applied, holder, expiry and the
// database clock, read in one statement.
struct LeaseSample {
  std::int64_t applied = 0;
  std::string holder;
  std::int64_t expiresAt = 0, now = 0;
};

// Samples the lease on its own connection while the migrators run. tursodb serves one request
// at a time, so samples fall between the migrators' requests (never inside a migration's batch).
class LeaseObserver {
 public:
  explicit LeaseObserver(const std::string& url) : thread_([this, url] { run(url); }) {}
  ~LeaseObserver() { stop(); }
  std::vector<LeaseSample> stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return samples_;
  }

 private:
  void run(const std::string& url) {
    auto db = open(url);
    const std::string sql =
        std::string("SELECT (SELECT count(*) FROM __schemac_migrations), holder, expires_at, ") +
        testing::kDbNowMs + " FROM __schemac_lock WHERE id = 1";
    while (!stop_) {
      try {
        auto rs = db->query(sql);
        if (!rs.rows.empty()) {
          const auto& r = rs.rows[0];
          samples_.push_back({std::get<std::int64_t>(r[0]), std::get<std::string>(r[1]),
                              std::get<std::int64_t>(r[2]), std::get<std::int64_t>(r[3])});
        }
      } catch (const std::exception&) {
        // The tables do not exist yet.
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  std::atomic<bool> stop_{false};
  std::vector<LeaseSample> samples_;
  std::thread thread_;  // last: started once the members it uses exist
};

// Two migrators with a 1 s lease started together on a fresh database: both exit 0, each
// migration applied by exactly one of them. tursodb serves one request at a time, so the
// waiting migrator's take-over attempt runs right after the holder's current request: the lease
// must never lapse while it is held. `check` gets the server, both outputs and what an observer
// saw of the lease meanwhile. Returns whether one of them waited for the lease: when the second
// one starts late (a loaded machine), its requests before its first take-over attempt can
// interleave with all of the holder's last ones, so that it never contends and the run proves
// nothing.
bool runAgainstAContender(const TempDir& tmp, const std::vector<testing::FixtureMigration>& ms,
                          const std::string& db, int run,
                          const std::function<void(TursoServer&, const std::string&,
                                                   const std::vector<LeaseSample>&)>& check) {
  TursoServer server(tmp.file(db));
  // The contender waits as long as the holder's work takes on a loaded machine: its limit only
  // bounds a failure.
  std::vector<std::string> args = {
      testing::schemacBinary(), "migrate", "--url", server.url(), "--lease-ttl", "1",
      "--lock-timeout",         "240"};
  std::map<std::string, std::string> env = {{"DATABASE_URL", "\x01"},
                                            {"DATABASE_AUTH_TOKEN", testing::kTestToken}};
  LeaseObserver observer(server.url());
  testing::TwoMigratorOutputs out = testing::runTwoMigrators(tmp, args, env, ms, run);
  std::vector<LeaseSample> samples = observer.stop();
  auto conn = open(server.url());
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM __schemac_migrations"),
            static_cast<std::int64_t>(ms.size()));
  EXPECT_EQ(scalar(*conn, "SELECT count(*) FROM __schemac_lock"), 0);
  check(server, out.both(), samples);
  return out.both().find("waiting for the migration lease") != std::string::npos;
}

// How many rows of `digitRows` tursodb counts in `targetMs` on this machine.
std::int64_t countableRowsLasting(const TempDir& tmp, std::int64_t targetMs) {
  TursoServer server(tmp.file("calibrate.db"));
  auto db = open(server.url());
  db->execute("CREATE TABLE d (x INTEGER NOT NULL)");
  db->execute("INSERT INTO d VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)");
  return testing::unitsLasting(targetMs, 1000000, [&](std::int64_t n) {
    db->query("SELECT count(*) FROM (" + digitRows(n) + ")");
  });
}

std::vector<testing::FixtureMigration> longMigration(std::int64_t rows) {
  std::vector<testing::FixtureMigration> ms;
  ms.push_back(
      {"digits",
       std::string(kDigits) + kBreak + "CREATE TABLE burn (n INTEGER NOT NULL);" + kBreak +
           testing::kLeaseMarksTable + ";",
       "DROP TABLE lease_marks;" + kBreak + "DROP TABLE burn;" + kBreak + "DROP TABLE d;"});
  // The work between the two marks: the witness that it outlived the lease it started with.
  ms.push_back({"long",
                testing::markLeaseExpiry() + kBreak +
                    "INSERT INTO burn (n) SELECT count(*) FROM (" + digitRows(rows) + ");" +
                    kBreak + testing::markWorkDone(),
                "DELETE FROM lease_marks;" + kBreak + "DELETE FROM burn;"});
  // Enough of them that a contender which started during the long one gets to its take-over
  // attempt before the holder is done: tursodb serves their requests one at a time, in turn.
  addSmallMigrations(ms, 12);
  return ms;
}

// A migration longer than the 1 s lease (sized at run time to about three TTLs on this
// machine), then more migrations, against a contender: without a renewal as the batch's last
// step the lease has expired when it commits, the contender takes it over, and the first
// migrator fails at its next migration. A run counts when the long migration's work ended after
// the lease it started with had expired (lease_marks) and the contender waited for the lease;
// one that misses either is repeated (with twice the work when it ended too soon).
TEST(RemoteLeaseTest, MigrationLongerThanTheLeaseTtlKeepsItAgainstAContender) {
  TempDir tmp;
  std::int64_t rows = countableRowsLasting(tmp, 3000);
  std::string longTag = testing::tagFor(1, "long");
  for (int run = 0; run < 3; ++run) {
    testing::LeaseMarks marks;
    bool waited = false;
    for (int attempt = 0; attempt < 3 && !(marks.outlived() && waited); ++attempt) {
      if (attempt > 0 && !marks.outlived()) rows = std::min<std::int64_t>(rows * 2, 1000000000);
      std::vector<testing::FixtureMigration> ms = longMigration(rows);
      testing::writeMigrationsDir(tmp, "migrations", ms);
      std::string db = "l" + std::to_string(run) + "-" + std::to_string(attempt) + ".db";
      waited = runAgainstAContender(
          tmp, ms, db, run,
          [&](TursoServer& server, const std::string&, const std::vector<LeaseSample>&) {
            auto conn = open(server.url());
            EXPECT_EQ(scalar(*conn, "SELECT n FROM burn"), rows);
            marks = testing::readLeaseMarks(*conn);
          });
      ASSERT_TRUE(marks.complete) << "run " << run;
      std::printf(
          "[ figures  ] run %d, attempt %d: %s counted %lld rows with a 1 s lease, its work "
          "ending %lld ms past the lease's expiry; the contender %s\n",
          run, attempt, longTag.c_str(), static_cast<long long>(rows),
          static_cast<long long>(marks.pastExpiry()),
          waited ? "waited for the lease" : "never contended");
    }
    EXPECT_TRUE(marks.outlived()) << "run " << run << ": even " << rows
                                  << " rows were counted before the 1 s lease expired";
    EXPECT_TRUE(waited) << "run " << run << ": in no attempt did a contender wait for the lease";
  }
}

// The dump before a data-losing migration runs outside any transaction, over many short
// requests, for longer than the lease: the background renewer keeps the lease meanwhile (each
// migration renews it at its start and end, which does not cover the dump). The tables are
// sized at run time so that the dump takes about three TTLs on this machine (a sanitizer build
// dumps many times slower and gets fewer rows), and an observer proves that it outlived the
// lease: between the last fill and drop_d, it saw the same holder holding a valid lease after
// the expiry it had seen before. A run without that, or without a contender waiting for the
// lease, proves nothing and is repeated (with twice the rows when the dump ended too soon).
std::vector<testing::FixtureMigration> dumpMigrations(std::int64_t rows) {
  std::vector<testing::FixtureMigration> ms;
  std::string create = kDigits;
  for (int t = 0; t < 3; ++t) {
    create += kBreak + "CREATE TABLE r" + std::to_string(t) + " (id INTEGER PRIMARY KEY, v TEXT);";
  }
  ms.push_back({"tables", create, ""});
  for (int t = 0; t < 3; ++t) {
    std::string table = "r" + std::to_string(t);
    ms.push_back({"fill_" + table, fill(table, rows), "DELETE FROM " + table + ";"});
  }
  ms.push_back({"drop_d", "DROP TABLE d;", "", false, true});
  addSmallMigrations(ms, 4);
  return ms;
}

// Rows per table of dumpMigrations whose dump takes about `targetMs` here: a dump of the empty
// tables against one of `probe` rows each.
std::int64_t dumpRowsLasting(const TempDir& tmp, std::int64_t targetMs) {
  const std::int64_t probe = 3000;
  std::string cwd = tmp.path().string();
  TursoServer empty(tmp.file("calibrate-empty.db")), filled(tmp.file("calibrate.db"));
  std::vector<testing::FixtureMigration> ms = dumpMigrations(probe);
  for (auto [server, migrations] : {std::pair{&empty, 1}, std::pair{&filled, 4}}) {
    testing::writeMigrationsDir(
        tmp, "calibrate",
        std::vector<testing::FixtureMigration>(ms.begin(), ms.begin() + migrations));
    auto r = testing::runSchemac({"migrate", "--url", server->url(), "--out", "calibrate"}, cwd);
    EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  }
  return testing::unitsLasting(targetMs, probe, [&](std::int64_t n) {
    auto d = testing::runSchemac(
        {"dump", "--url", (n == 0 ? empty : filled).url(), "-o", "calibrate.sql"}, cwd);
    EXPECT_EQ(d.exitCode, 0) << d.err;
  });
}

TEST(RemoteLeaseTest, DumpBackupLongerThanTheLeaseTtlKeepsItAgainstAContender) {
  TempDir tmp;
  std::int64_t rows = dumpRowsLasting(tmp, 3000);
  const std::int64_t beforeDump = 4;  // migrations applied while the dump for drop_d runs
  bool outlived = false, waited = false;
  for (int attempt = 0; attempt < 3 && !(outlived && waited); ++attempt) {
    if (attempt > 0 && !outlived) rows *= 2;
    std::vector<testing::FixtureMigration> ms = dumpMigrations(rows);
    testing::writeMigrationsDir(tmp, "migrations", ms);
    std::string db = "dump" + std::to_string(attempt) + ".db";
    waited = runAgainstAContender(
        tmp, ms, db, attempt,
        [&](TursoServer& server, const std::string& outs, const std::vector<LeaseSample>& seen) {
          EXPECT_NE(outs.find("dumped the database to "), std::string::npos) << outs;
          EXPECT_EQ(scalar(*open(server.url()), "SELECT count(*) FROM r2"), rows);
          // While the dump ran: the lease seen at one moment had expired by a later one, at which
          // the same holder held it, valid again (renewed in the background).
          std::int64_t past = -1;
          for (std::size_t i = 0; i < seen.size(); ++i) {
            if (seen[i].applied != beforeDump) continue;
            for (std::size_t j = i + 1; j < seen.size(); ++j) {
              if (seen[j].applied == beforeDump && seen[j].holder == seen[i].holder &&
                  seen[j].expiresAt > seen[j].now) {
                past = std::max(past, seen[j].now - seen[i].expiresAt);
              }
            }
          }
          outlived = past > 0;
          std::printf(
              "[ figures  ] attempt %d: a dump of 3 x %lld rows; %zu lease samples, the holder "
              "kept the lease up to %lld ms past an expiry seen during the dump (1 s lease)\n",
              attempt, static_cast<long long>(rows), seen.size(), static_cast<long long>(past));
        });
  }
  EXPECT_TRUE(outlived) << "no dump (the last of 3 x " << rows
                        << " rows) was seen to keep a renewed lease past an expiry";
  EXPECT_TRUE(waited) << "in no attempt did a contender wait for the lease";
}

TEST(RemoteLeaseTest, KilledHolderIsWaitedOutThenTheNextRunCompletes) {
  TempDir tmp;
  const int n = 60;
  testing::writeMigrationsDir(tmp, "migrations", smallMigrations(n));
  std::string cwd = tmp.path().string();
  std::vector<std::string> args = {testing::schemacBinary(), "migrate", "--lease-ttl", "3"};
  // SIGKILL once it has applied a few migrations (it holds the lease then). A migrator that
  // finished them all before the kill landed (a loaded machine) leaves nothing to test: again.
  std::unique_ptr<TursoServer> server;
  std::unique_ptr<Connection> db;
  std::int64_t appliedBefore = n;
  for (int attempt = 0; attempt < 5 && appliedBefore == n; ++attempt) {
    db.reset();
    server = std::make_unique<TursoServer>(tmp.file("k" + std::to_string(attempt) + ".db"));
    std::vector<std::string> argv = args;
    argv.insert(argv.begin() + 2, {"--url", server->url()});
    pid_t pid = testing::spawn(argv, cwd, {}, tmp.file("k.out"), tmp.file("k.err"));
    bool started = testing::pollUntil([&] {
      return testing::slurp(tmp.file("k.out")).find("applied 0003_") != std::string::npos;
    });
    ::kill(pid, SIGKILL);
    int rc = testing::waitFor(pid);
    ASSERT_TRUE(started) << "no migration applied: " << testing::slurp(tmp.file("k.err"));
    EXPECT_TRUE(rc == -SIGKILL || rc == 0) << rc;  // 0: finished before the kill
    db = open(server->url());
    appliedBefore = scalar(*db, "SELECT count(*) FROM __schemac_migrations");
  }
  ASSERT_LT(appliedBefore, n) << "the migrator finished before every kill";
  std::optional<LeaseInfo> left = readLease(*db);
  ASSERT_TRUE(left.has_value()) << "the killed migrator should have held the lease";

  auto start = std::chrono::steady_clock::now();
  auto r = testing::runSchemac({"migrate", "--url", server->url(), "--lease-ttl", "3"}, cwd);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("waiting for the migration lease"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"), n);
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM t" + std::to_string(i)), 1);
  }
  std::printf(
      "[ figures  ] killed after %lld of %d migrations; the next run waited for the "
      "3 s lease and completed in %.1f s\n",
      static_cast<long long>(appliedBefore), n, seconds);
}

TEST(RemoteLeaseTest, UnlockClearsAStaleLeaseWithAWarning) {
  TempDir tmp;
  testing::writeMigrationsDir(tmp, "migrations", smallMigrations(2));
  std::string cwd = tmp.path().string();
  TursoServer server(tmp.file("u.db"));
  auto db = open(server.url());
  // The row a migrator on another machine left when it died, valid for an hour.
  db->execute(
      "CREATE TABLE __schemac_lock (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT NOT "
      "NULL, host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at INTEGER NOT NULL, "
      "expires_at INTEGER NOT NULL);"
      "INSERT INTO __schemac_lock VALUES (1, 'dead', 'ci-runner-7', 4242, 0, "
      "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + 3600000)");
  // Without --unlock: it waits (here 1 s), then gives up naming the holder, changing nothing.
  auto r = testing::runSchemac({"migrate", "--url", server.url(), "--lock-timeout", "1"}, cwd);
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_NE(r.err.find("another migrator holds the migration lease of " + server.url() +
                       " (held by ci-runner-7 pid 4242, expires in"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("schemac migrate --unlock"), std::string::npos) << r.err;
  EXPECT_TRUE(db->query("SELECT 1 FROM sqlite_schema WHERE name = 't0'").rows.empty());
  r = testing::runSchemac({"migrate", "--url", server.url(), "--unlock"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.err.find("warning: --unlock: cleared the migration lease held by ci-runner-7 pid "
                       "4242"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"), 2);
}

}  // namespace
}  // namespace schemac::rt
