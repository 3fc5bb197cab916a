// The migration lease on real database files: renewed in the background while held (never once
// lost), stopped promptly, and kept by a migrator whose migration outlives the lease TTL while a
// second `schemac migrate` process waits for it.
#include "schemac/rt/lease.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

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

// A migration longer than the 1 s lease (a recursive CTE inserting 1.2 million rows, 2-3 s),
// then a data-losing one whose VACUUM INTO backup runs outside any transaction, then more
// migrations, while a second process waits for the lease: both must succeed, each migration
// applied once. Without renewal the lease has expired when the long migration commits, and
// the waiting process takes it during the backup. (Back-to-back migrations leave it no window:
// each BEGIN IMMEDIATE follows the previous COMMIT at once, and renews the lease.)
TEST(CliLeaseTest, MigrationLongerThanTheLeaseTtlThenABackupKeepsItAgainstAContender) {
  std::vector<testing::FixtureMigration> ms;
  ms.push_back({"create_tables",
                "CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT NOT NULL);\n"
                "--> statement-breakpoint\nCREATE TABLE scratch (id INTEGER PRIMARY KEY);",
                "DROP TABLE scratch;\n--> statement-breakpoint\nDROP TABLE big;"});
  ms.push_back({"long",
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                "1200000) INSERT INTO big SELECT x, hex(randomblob(16)) FROM c;",
                "DELETE FROM big;"});
  ms.push_back({"drop_scratch", "DROP TABLE scratch;", "", false, true});
  for (int i = 0; i < 4; ++i) {
    std::string t = "after" + std::to_string(i);
    ms.push_back({"create_" + t, "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY);",
                  "DROP TABLE " + t + ";"});
  }
  std::string longTag = testing::tagFor(1, "long");
  for (int run = 0; run < 2; ++run) {
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
    // Meaningful only if the migration outlived the lease.
    auto appliedMs = [&](const std::string& out) -> std::int64_t {
      std::size_t pos = out.find("applied " + longTag + " in ");
      return pos == std::string::npos ? -1 : std::atoll(out.c_str() + pos + longTag.size() + 12);
    };
    std::int64_t longMs = std::max(appliedMs(outA), appliedMs(outB));
    EXPECT_GT(longMs, 1500) << "the long migration was too quick to outlive the 1 s lease";
    auto db = open(tmp.file("app.db"));
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_migrations"),
              static_cast<std::int64_t>(ms.size()));
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM big"), 1200000);
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __schemac_lock"), 0);
    std::printf(
        "[ figures  ] run %d: %s took %lld ms with a 1 s lease, then a VACUUM INTO backup\n", run,
        longTag.c_str(), static_cast<long long>(longMs));
  }
}

}  // namespace
}  // namespace schemac::rt
