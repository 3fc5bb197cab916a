// The migration lease on real database files: renewed in the background while held (never once
// lost), stopped promptly, and kept by a migrator whose migration outlives the lease TTL while a
// second `schemac migrate` process waits for it.
#include "schemac/rt/lease.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
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

using Clock = std::chrono::steady_clock;
using testing::TempDir;

std::int64_t scalar(Connection& db, const std::string& sql) {
  return std::get<std::int64_t>(db.query(sql).rows.at(0).at(0));
}

std::int64_t msSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

TEST(LeaseTest, IsRenewedInTheBackgroundWhileHeld) {
  TempDir tmp;
  auto db = open(tmp.file("l.db"));
  auto lease = Lease::acquire(*db, LeaseOptions{400, 1000, nullptr});
  // Three TTLs without a migration: without renewal the lease would be free to take.
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));
  auto other = open(tmp.file("l.db"));
  std::optional<LeaseInfo> info = readLease(*other);
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->holder, lease->holder());
  EXPECT_GT(info->expiresAt, info->now);
  EXPECT_THROW(Lease::acquire(*other, LeaseOptions{400, 300, nullptr}), MigrateError);
  lease.reset();
  EXPECT_FALSE(readLease(*other).has_value());  // released
  EXPECT_NE(Lease::acquire(*other, LeaseOptions{400, 300, nullptr}), nullptr);
}

TEST(LeaseTest, NeverExtendsALeaseItNoLongerHolds) {
  TempDir tmp;
  auto db = open(tmp.file("l.db"));
  auto lease = Lease::acquire(*db, LeaseOptions{300, 1000, nullptr});
  // `migrate --unlock` from elsewhere, then another holder whose row must stay as it wrote it.
  auto other = open(tmp.file("l.db"));
  ASSERT_TRUE(clearLease(*other).has_value());
  other->execute(
      "INSERT INTO __schemac_lock VALUES (1, 'someone-else', 'ci-runner-7', 4242, 0, "
      "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) + 3600000)");
  std::int64_t expires = scalar(*other, "SELECT expires_at FROM __schemac_lock");
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
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
  auto db = open(tmp.file("l.db"));
  auto lease = Lease::acquire(*db, LeaseOptions{3000, 1000, nullptr});
  // A migration's write transaction on the main connection: the renewer (every 1 s) meets
  // "database is locked" and keeps waiting; stopping it must not wait for its busy timeout.
  db->execute("BEGIN IMMEDIATE");
  std::this_thread::sleep_for(std::chrono::milliseconds(1300));
  auto start = Clock::now();
  lease.reset();
  std::int64_t stopMs = msSince(start);
  db->execute("COMMIT");
  EXPECT_LT(stopMs, 300) << "release waited for the background renewer";
  EXPECT_FALSE(readLease(*db).has_value());
}

// Counting to `n` in a recursive CTE (as table c): the work of a migration longer than the
// lease, CPU only, so that the database stays small however fast the machine.
std::string countingTo(std::int64_t n) {
  return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " +
         std::to_string(n) + ") ";
}

constexpr std::int64_t kBigRows = 200000;

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
  // Rows for the backup to copy, the work, and the witness that it outlived the lease.
  ms.push_back({"long",
                testing::markLeaseExpiry() + br + countingTo(kBigRows) +
                    "INSERT INTO big SELECT x, hex(randomblob(16)) FROM c;" + br +
                    countingTo(burnUnits) + "INSERT INTO burn (n) SELECT count(*) FROM c;" + br +
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
      std::vector<std::string> args = {
          testing::schemacBinary(), "migrate", "--url", "app.db", "--lease-ttl", "1"};
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
