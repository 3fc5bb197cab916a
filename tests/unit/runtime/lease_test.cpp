// The migration lease on real database files: renewed in the background while held (never once
// lost), stopped promptly, and kept by a migrator whose migration outlives the lease TTL while a
// second `schemac migrate` process waits for it. Nothing here asserts a measured duration: each
// test waits for, or compares against, something it can observe (lease_witness.h).
#include "schemac/rt/lease.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "lease_witness.h"
#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "temp_dir.h"
#include "two_migrators.h"

namespace schemac::rt {
namespace {

using testing::TempDir;

std::int64_t scalar(Connection& db, const std::string& sql) {
  return std::get<std::int64_t>(db.query(sql).rows.at(0).at(0));
}

// Threads of this process (Linux): the lease's background renewer is the only one a test starts.
int threadCount() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) return std::atoi(line.c_str() + 8);
  }
  return -1;
}

// Descriptors this process has open on the file `path` (Linux): one per SQLite connection.
int descriptorsOn(const std::string& path) {
  std::error_code ec;
  std::filesystem::path file = std::filesystem::canonical(path, ec);
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    std::error_code linkEc;
    if (std::filesystem::read_symlink(e.path(), linkEc) == file && !linkEc) ++n;
  }
  return n;
}

TEST(LeaseTest, IsRenewedInTheBackgroundWhileHeld) {
  TempDir tmp;
  auto db = open(tmp.file("l.db"));
  auto lease = Lease::acquire(*db, LeaseOptions{1000, 1000, nullptr});
  auto other = open(tmp.file("l.db"));
  std::optional<LeaseInfo> first = readLease(*other);
  ASSERT_TRUE(first.has_value());
  // Nothing but the background renewer writes the row: once the database clock is past the
  // expiry it was taken with, a row still ours and valid was renewed.
  std::optional<LeaseInfo> info;
  ASSERT_TRUE(testing::pollUntil([&] {
    info = readLease(*other);
    return info && info->now > first->expiresAt && info->expiresAt > info->now;
  })) << "the lease was not renewed past the expiry it was taken with";
  EXPECT_EQ(info->holder, lease->holder());
  EXPECT_THROW(Lease::acquire(*other, LeaseOptions{1000, 300, nullptr}), MigrateError);
  lease.reset();
  EXPECT_FALSE(readLease(*other).has_value());  // released
  EXPECT_NE(Lease::acquire(*other, LeaseOptions{1000, 300, nullptr}), nullptr);
}

// Two migrators starting together: the second one's CREATE of the lock table may wait for the
// first one's write for longer than its busy timeout (a long migration). It keeps waiting, up
// to the lease's own wait, instead of failing with "database is locked".
TEST(LeaseTest, WaitsOutAWriterWhileCreatingTheLockTable) {
  TempDir tmp;
  auto writer = open(tmp.file("l.db"));
  writer->execute("CREATE TABLE t (x INTEGER)");
  writer->execute("BEGIN IMMEDIATE");
  writer->execute("INSERT INTO t VALUES (1)");
  OpenOptions quick;
  quick.busyTimeoutMs = 50;
  auto db = open(tmp.file("l.db"), quick);
  std::atomic<bool> tried{false};
  std::thread commitLater([&] {
    // Well past the busy timeout: without the retry, acquire fails before this commit.
    while (!tried.load()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    writer->execute("COMMIT");
  });
  tried = true;
  std::unique_ptr<Lease> lease;
  EXPECT_NO_THROW(lease = Lease::acquire(*db, LeaseOptions{1000, 60000, nullptr}));
  commitLater.join();
  EXPECT_NE(lease, nullptr);
  // And a writer that outlasts the wait still gives the clear error.
  lease.reset();
  auto db2 = open(tmp.file("other.db"), quick);
  auto writer2 = open(tmp.file("other.db"));
  writer2->execute("CREATE TABLE t (x INTEGER)");
  writer2->execute("BEGIN IMMEDIATE");
  writer2->execute("INSERT INTO t VALUES (1)");
  try {
    Lease::acquire(*db2, LeaseOptions{1000, 200, nullptr});
    ADD_FAILURE() << "acquired a lease while another writer held the database";
  } catch (const MigrateError& e) {
    EXPECT_NE(std::string(e.what()).find("stayed locked by another writer"), std::string::npos)
        << e.what();
  }
  writer2->execute("ROLLBACK");
}

TEST(LeaseTest, NeverExtendsALeaseItNoLongerHolds) {
  TempDir tmp;
  const int threads = threadCount();
  auto db = open(tmp.file("l.db"));
  auto lease = Lease::acquire(*db, LeaseOptions{300, 1000, nullptr});
  ASSERT_EQ(threadCount(), threads + 1);  // the renewer
  // `migrate --unlock` from elsewhere, then another holder whose row must stay as it wrote it.
  auto other = open(tmp.file("l.db"));
  ASSERT_TRUE(clearLease(*other).has_value());
  other->execute(
      "INSERT INTO __schemac_lock VALUES (1, 'someone-else', 'ci-runner-7', 4242, 0, "
      "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + 3600000)");
  std::int64_t expires = scalar(*other, "SELECT expires_at FROM __schemac_lock");
  // The renewer stops once its renewal finds no row of its own: wait for that, not for a time
  // in which it would probably have tried.
  EXPECT_TRUE(testing::pollUntil([&] { return threadCount() == threads; }))
      << "the renewer kept running on a lease it no longer holds";
  EXPECT_EQ(scalar(*other, "SELECT expires_at FROM __schemac_lock"), expires);
  EXPECT_EQ(readLease(*other)->holder, "someone-else");
  db->execute("BEGIN IMMEDIATE");
  EXPECT_THROW(lease->renew("migration 0001_x"), MigrateError);
  db->execute("ROLLBACK");
  lease.reset();  // releases nothing: the row is not ours
  EXPECT_EQ(readLease(*other)->holder, "someone-else");
}

TEST(LeaseTest, StopsPromptlyWhileTheMigrationTransactionBlocksTheRenewer) {
  TempDir tmp;
  std::string path = tmp.file("l.db");
  auto db = open(path);
  constexpr int kTtlMs = 3000, kTickMs = kTtlMs / 3;  // the renewer's interval and busy timeout
  auto lease = Lease::acquire(*db, LeaseOptions{kTtlMs, 1000, nullptr});
  // A migration's write transaction on the main connection: at its first tick (1 s) the
  // renewer opens a connection of its own and meets "database is locked", waiting up to its
  // busy timeout of one tick (200 waits of 5 ms). Stopping it must not wait for that.
  db->execute("BEGIN IMMEDIATE");
  const int before = descriptorsOn(path);
  ASSERT_TRUE(testing::pollUntil([&] { return descriptorsOn(path) > before; }))
      << "the renewer never tried to renew";
  // The yardstick, instead of a clock: another connection blocked by the same transaction with
  // the same busy wait, a third as long (its cancel flag is never set). Stopping the renewer
  // has to end before this gives up; waiting out the renewer's wait would take three times as
  // long, however fast or loaded the machine.
  std::atomic<bool> never{false}, yardstickGaveUp{false};
  OpenOptions third;
  third.busyTimeoutMs = kTickMs / 3;
  third.cancel = &never;
  auto blocked = open(path, third);
  std::thread yardstick([&] {
    try {
      blocked->execute("BEGIN IMMEDIATE");
      blocked->execute("ROLLBACK");
    } catch (const DbError&) {
    }
    yardstickGaveUp = true;
  });
  lease.reset();
  bool stoppedFirst = !yardstickGaveUp;
  yardstick.join();
  db->execute("COMMIT");
  EXPECT_TRUE(stoppedFirst) << "release waited for the background renewer's busy timeout";
  EXPECT_FALSE(readLease(*db).has_value());
}

// Counting to `n` in a recursive CTE (as table c): the work of a migration longer than the
// lease, CPU only, so that the database stays small however fast the machine.
std::string countingTo(std::int64_t n) {
  return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
         std::to_string(n) + ") ";
}

// Rows for the backup to copy: few, so that the backup stays far inside the 1 s lease on any
// machine. The background renewer cannot commit while VACUUM INTO holds its read lock (rollback
// journal), so a backup longer than the lease loses it to the contender: seen with 100,000 rows
// under load, and always with 3,000,000.
constexpr std::int64_t kBigRows = 1000;

std::vector<testing::FixtureMigration> longThenBackup(std::int64_t burnUnits) {
  const std::string br = "\n--> statement-breakpoint\n";
  std::vector<testing::FixtureMigration> ms;
  ms.push_back({"create_tables",
                "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT NOT NULL);" + br +
                    "CREATE TABLE scratch (id INTEGER PRIMARY KEY);" + br +
                    "CREATE TABLE burn (n INTEGER NOT NULL);" + br + testing::kLeaseMarksTable +
                    ";",
                "DROP TABLE lease_marks;" + br + "DROP TABLE burn;" + br + "DROP TABLE scratch;" +
                    br + "DROP TABLE big;"});
  // The work, rows for the backup to copy, and the witness that it outlived the lease.
  ms.push_back({"long",
                testing::markLeaseExpiry() + br + countingTo(burnUnits) +
                    "INSERT INTO burn (n) SELECT count(*) FROM c;" + br + countingTo(kBigRows) +
                    "INSERT INTO big SELECT x, hex(randomblob(16)) FROM c;" + br +
                    testing::markWorkDone(),
                "DELETE FROM lease_marks;" + br + "DELETE FROM burn;" + br + "DELETE FROM big;"});
  ms.push_back({"drop_scratch", "DROP TABLE scratch;", "", false, true});
  for (int i = 0; i < 4; ++i) {
    std::string t = "after" + std::to_string(i);
    ms.push_back({"create_" + t, "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY);",
                  "DROP TABLE " + t + ";"});
  }
  return ms;
}

// A long migration, then a data-losing one whose VACUUM INTO backup runs outside any
// transaction, then more migrations, while a second process waits for the 1 s lease: both must
// succeed, each migration applied once. The long one is sized at run time to about three TTLs
// on this machine and records that its work ended after the lease it started with had expired
// (else the run proves nothing and is repeated with twice the work). Without the renewal before
// COMMIT the waiting process takes the lease during the backup. (Back-to-back migrations leave
// it no window: each BEGIN IMMEDIATE follows the previous COMMIT at once, and renews the lease.)
TEST(CliLeaseTest, MigrationLongerThanTheLeaseTtlThenABackupKeepsItAgainstAContender) {
  std::int64_t units = testing::unitsLasting(3000, 300000, [](std::int64_t n) {
    open("file::memory:")->query(countingTo(n) + "SELECT count(*) FROM c");
  });
  std::string longTag = testing::tagFor(1, "long");
  for (int run = 0; run < 2; ++run) {
    testing::LeaseMarks marks;
    for (int attempt = 0; attempt < 4 && !marks.outlived(); ++attempt) {
      if (attempt > 0) units *= 2;
      std::vector<testing::FixtureMigration> ms = longThenBackup(units);
      TempDir tmp;
      testing::writeMigrationsDir(tmp, "migrations", ms);
      // The contender waits as long as the long migration takes on a loaded machine (about ten
      // times the three seconds it was sized for at load 16 on two cores): its limit only bounds
      // a failure.
      std::vector<std::string> args = {
          testing::schemacBinary(), "migrate", "--url", "app.db", "--lease-ttl", "1",
          "--lock-timeout",         "240"};
      testing::TwoMigratorOutputs outs =
          testing::runTwoMigrators(tmp, args, {{"DATABASE_URL", "\x01"}}, ms, run);
      const std::string &outA = outs.a, &outB = outs.b;
      // One backup: the migrator that waited finds drop_scratch applied and backs nothing up.
      std::string both = outA + outB;
      int backups = 0;
      for (std::size_t at = both.find("backed up the database to"); at != std::string::npos;
           at = both.find("backed up the database to", at + 1)) {
        ++backups;
      }
      EXPECT_EQ(backups, 1) << "run " << run << "\nA:\n" << outA << "B:\n" << outB;
      auto db = open(tmp.file("app.db"));
      EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"),
                static_cast<std::int64_t>(ms.size()));
      EXPECT_EQ(scalar(*db, "SELECT count(*) FROM big"), kBigRows);
      EXPECT_EQ(scalar(*db, "SELECT n FROM burn"), units);
      EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_lock"), 0);
      marks = testing::readLeaseMarks(*db);
      ASSERT_TRUE(marks.complete) << "run " << run;
      std::printf(
          "[ figures  ] run %d, attempt %d: %s counted to %lld with a 1 s lease, its work "
          "ending %lld ms past the lease's expiry; then a VACUUM INTO backup\n",
          run, attempt, longTag.c_str(), static_cast<long long>(units),
          static_cast<long long>(marks.pastExpiry()));
    }
    EXPECT_TRUE(marks.outlived()) << "run " << run << ": even " << units
                                  << " units of work ended before the 1 s lease expired";
  }
}

}  // namespace
}  // namespace schemac::rt
