// The migration lease on a real libSQL server (tursodb): concurrent migrators apply each
// migration exactly once; a SIGKILL'd holder's lease is waited out (or cleared with --unlock).
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <thread>

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
                                              {"DATABASE_AUTH_TOKEN", "\x01"}};
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
// tursodb has no recursive CTE: rows come from cross joins of the digits table d.
std::string fill(const std::string& table, int digits) {
  std::string from = "d a0";
  for (int i = 1; i < digits; ++i) from += ", d a" + std::to_string(i);
  return "INSERT INTO " + table + " (v) SELECT hex(randomblob(16)) FROM " + from + ";";
}

void addSmallMigrations(std::vector<testing::FixtureMigration>& ms) {
  for (int i = 0; i < 4; ++i) {
    std::string t = "after" + std::to_string(i);
    ms.push_back({"create_" + t, "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY);",
                  "DROP TABLE " + t + ";"});
  }
}

std::int64_t appliedMs(const std::string& out, const std::string& tag) {
  std::size_t pos = out.find("applied " + tag + " in ");
  if (pos == std::string::npos) return -1;
  return std::atoll(out.c_str() + pos + tag.size() + 12);
}

// Two migrators with a 1 s lease started together on a fresh database: both exit 0, each
// migration applied by exactly one of them, the other having waited for the lease. tursodb
// serves one request at a time, so the waiting migrator's take-over attempt runs right after
// the holder's current request: the lease must never lapse while it is held.
void runAgainstAContender(const TempDir& tmp, const std::vector<testing::FixtureMigration>& ms,
                          int run,
                          const std::function<void(TursoServer&, const std::string&)>& check) {
  TursoServer server(tmp.file("l" + std::to_string(run) + ".db"));
  std::vector<std::string> args = {
      testing::schemacBinary(), "migrate", "--url", server.url(), "--lease-ttl", "1"};
  std::map<std::string, std::string> env = {{"DATABASE_URL", "\x01"},
                                            {"DATABASE_AUTH_TOKEN", "\x01"}};
  testing::TwoMigratorOutputs out = testing::runTwoMigrators(tmp, args, env, ms, run);
  EXPECT_NE(out.both().find("waiting for the migration lease"), std::string::npos);
  auto db = open(server.url());
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"),
            static_cast<std::int64_t>(ms.size()));
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_lock"), 0);
  check(server, out.both());
}

// A migration running 2-3 s, longer than the 1 s lease, then more migrations: without a
// renewal as the batch's last step the lease has expired when it commits, the contender takes
// it over, and the first migrator fails at its next migration.
TEST(RemoteLeaseTest, MigrationLongerThanTheLeaseTtlKeepsItAgainstAContender) {
  TempDir tmp;
  std::vector<testing::FixtureMigration> ms;
  ms.push_back(
      {"digits",
       std::string(kDigits) +
           "\n--> statement-breakpoint\nCREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);",
       "DROP TABLE big;\n--> statement-breakpoint\nDROP TABLE d;"});
  ms.push_back({"long", fill("big", 6), "DELETE FROM big;"});
  addSmallMigrations(ms);
  testing::writeMigrationsDir(tmp, "migrations", ms);
  std::string longTag = testing::tagFor(1, "long");
  for (int run = 0; run < 3; ++run) {
    runAgainstAContender(tmp, ms, run, [&](TursoServer& server, const std::string& outs) {
      std::int64_t longMs = appliedMs(outs, longTag);
      EXPECT_GT(longMs, 1500) << "the long migration was too quick to outlive the 1 s lease";
      EXPECT_EQ(scalar(*open(server.url()), "SELECT count(*) FROM big"), 1000000);
      std::printf("[ figures  ] run %d: %s took %lld ms with a 1 s lease\n", run, longTag.c_str(),
                  static_cast<long long>(longMs));
    });
  }
}

// The dump before a data-losing migration runs outside any transaction, over many short
// requests, for longer than the lease: the background renewer keeps the lease meanwhile (each
// migration here is shorter than the TTL, so renewals at the migrations alone do not).
// Rows per table: 10^digits. ASan makes the client's dump about 15 times slower (30,000 rows:
// 0.4 s plain, 6 s under ASan), so that build dumps fewer rows to stay well inside the
// contender's 60 s wait and the test's time limit while still outliving the 1 s lease.
#if defined(__SANITIZE_ADDRESS__)
constexpr int kDumpDigits = 4;
#else
constexpr int kDumpDigits = 5;
#endif

TEST(RemoteLeaseTest, DumpBackupLongerThanTheLeaseTtlKeepsItAgainstAContender) {
  TempDir tmp;
  std::vector<testing::FixtureMigration> ms;
  std::string create = kDigits;
  for (int t = 0; t < 3; ++t) {
    create += "\n--> statement-breakpoint\nCREATE TABLE r" + std::to_string(t) +
              " (id INTEGER PRIMARY KEY, v TEXT);";
  }
  ms.push_back({"tables", create, ""});
  for (int t = 0; t < 3; ++t) {
    std::string table = "r" + std::to_string(t);
    ms.push_back({"fill_" + table, fill(table, kDumpDigits), "DELETE FROM " + table + ";"});
  }
  ms.push_back({"drop_d", "DROP TABLE d;", "", false, true});
  addSmallMigrations(ms);
  testing::writeMigrationsDir(tmp, "migrations", ms);
  runAgainstAContender(tmp, ms, 0, [&](TursoServer& server, const std::string& outs) {
    EXPECT_NE(outs.find("dumped the database to "), std::string::npos) << outs;
    // The same dump, timed: it must outlive the lease for this test to mean anything.
    auto start = std::chrono::steady_clock::now();
    auto r = testing::runSchemac({"dump", "--url", server.url(), "-o", "timed.sql"},
                                 tmp.path().string());
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_GT(ms, 1500) << "the dump was too quick to outlive the 1 s lease";
    std::printf("[ figures  ] a dump of 3 x 10^%d rows takes %lld ms; the lease lasts 1 s\n",
                kDumpDigits, static_cast<long long>(ms));
  });
}

TEST(RemoteLeaseTest, KilledHolderIsWaitedOutThenTheNextRunCompletes) {
  TempDir tmp;
  const int n = 60;
  testing::writeMigrationsDir(tmp, "migrations", smallMigrations(n));
  std::string cwd = tmp.path().string();
  TursoServer server(tmp.file("k.db"));
  std::vector<std::string> args = {
      testing::schemacBinary(), "migrate", "--url", server.url(), "--lease-ttl", "3"};
  pid_t pid = testing::spawn(args, cwd, {}, tmp.file("k.out"), tmp.file("k.err"));
  // SIGKILL once it has applied a few migrations (it holds the lease then).
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (testing::slurp(tmp.file("k.out")).find("applied 0003_") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(pid, SIGKILL);
  EXPECT_EQ(testing::waitFor(pid), -SIGKILL);
  auto db = open(server.url());
  std::optional<LeaseInfo> left = readLease(*db);
  ASSERT_TRUE(left.has_value()) << "the killed migrator should have held the lease";
  std::int64_t appliedBefore = scalar(*db, "SELECT count(*) FROM __schemac_migrations");
  ASSERT_LT(appliedBefore, n) << "killed too late to test anything";

  auto start = std::chrono::steady_clock::now();
  auto r = testing::runSchemac({"migrate", "--url", server.url(), "--lease-ttl", "3"}, cwd);
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
