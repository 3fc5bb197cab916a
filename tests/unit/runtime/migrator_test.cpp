#include "schemac/rt/migrator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "migrations_fixture.h"
#include "schemac/migrations/load.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/sql_script.h"
#include "schemac/rt/sqlite.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::FixtureMigration;
using testing::TempDir;
using testing::writeMigrationsDir;

const char* kBreak = "\n--> statement-breakpoint\n";

std::vector<FixtureMigration> baseMigrations() {
  return {
      {"init",
       std::string("CREATE TABLE \"orgs\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT NOT NULL);") +
           kBreak +
           "CREATE TABLE \"users\" (\"id\" INTEGER PRIMARY KEY, \"org_id\" INTEGER NOT NULL "
           "REFERENCES \"orgs\"(\"id\") ON DELETE CASCADE, \"email\" TEXT NOT NULL);",
       std::string("DROP TABLE \"users\";") + kBreak + "DROP TABLE \"orgs\";"},
      {"add_users_age", "ALTER TABLE \"users\" ADD COLUMN \"age\" INTEGER;",
       "ALTER TABLE \"users\" DROP COLUMN \"age\";"},
      // The table-rebuild procedure: dropping "orgs" with foreign keys on would cascade into
      // every user.
      {"rebuild_orgs",
       std::string("CREATE TABLE \"__new_orgs\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT NOT "
                   "NULL, \"slug\" TEXT NOT NULL DEFAULT '');") +
           kBreak +
           "INSERT INTO \"__new_orgs\" (\"id\", \"name\") SELECT \"id\", \"name\" FROM \"orgs\";" +
           kBreak + "DROP TABLE \"orgs\";" + kBreak +
           "ALTER TABLE \"__new_orgs\" RENAME TO \"orgs\";",
       std::string("CREATE TABLE \"__new_orgs\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT NOT "
                   "NULL);") +
           kBreak +
           "INSERT INTO \"__new_orgs\" (\"id\", \"name\") SELECT \"id\", \"name\" FROM \"orgs\";" +
           kBreak + "DROP TABLE \"orgs\";" + kBreak +
           "ALTER TABLE \"__new_orgs\" RENAME TO \"orgs\";",
       /*rebuildsTables=*/true},
  };
}

struct Fixture {
  TempDir tmp;
  std::string dbPath = tmp.file("app.db");
  std::string dir = tmp.file("migrations");
  std::vector<std::string> log;

  void write(const std::vector<FixtureMigration>& ms) { writeMigrationsDir(tmp, "migrations", ms); }
  std::vector<Migration> read() { return migrations::loadMigrations(dir).migrations; }
  std::unique_ptr<Connection> db() { return open(dbPath); }
  MigrateOptions opts() {
    MigrateOptions o;
    o.log = [this](const std::string& line) { log.push_back(line); };
    return o;
  }
  std::int64_t count(Connection& c, const std::string& sql) {
    return std::get<std::int64_t>(c.query(sql).rows.at(0).at(0));
  }
  std::vector<int> appliedIds(Connection& c) {
    std::vector<int> ids;
    for (auto& a : readAppliedMigrations(c)) ids.push_back(a.id);
    return ids;
  }
};

TEST(MigratorTest, SplitsOnBreakpoints) {
  auto s = splitScript(
      "-- header\nCREATE TABLE a (x);\n--> statement-breakpoint\n"
      "CREATE TABLE b (y);\n  --> statement-breakpoint  \n\n");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "-- header\nCREATE TABLE a (x)");
  EXPECT_EQ(s[1], "CREATE TABLE b (y)");
  EXPECT_EQ(splitScript("-- only a comment\n").size(), 0u);
  // Without breakpoints a breakpoint line is only a comment: it ends no statement.
  EXPECT_EQ(splitScript("A\n--> statement-breakpoint\nB", false).size(), 1u);
  EXPECT_EQ(splitScript("A\n--> statement-breakpoint\nB", true).size(), 2u);
}

TEST(MigratorTest, FromEmptyIncrementalAndIdempotent) {
  Fixture f;
  auto all = baseMigrations();
  f.write({all[0]});
  auto db = f.db();
  auto r = migrate(*db, f.read(), f.opts());
  EXPECT_EQ(r.applied.size(), 1u);
  EXPECT_EQ(f.appliedIds(*db), std::vector<int>{0});
  f.write(all);
  r = migrate(*db, f.read(), f.opts());
  EXPECT_EQ(r.applied.size(), 2u);
  EXPECT_EQ(r.alreadyApplied, 1u);
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM pragma_table_info('orgs') WHERE name='slug'"), 1);
  // Re-running changes nothing.
  r = migrate(*db, f.read(), f.opts());
  EXPECT_TRUE(r.applied.empty());
  EXPECT_NE(f.log.back().find("nothing to apply"), std::string::npos);
  auto rec = readAppliedMigrations(*db);
  EXPECT_EQ(rec[1].tag, "0001_add_users_age");
  EXPECT_EQ(rec[1].checksum, sha256File(f.dir + "/0001_add_users_age.sql"));
  EXPECT_GT(rec[1].appliedAt, 1700000000000);
  EXPECT_GE(rec[1].durationMs, 0);
}

TEST(MigratorTest, ToStopsAtTheGivenMigration) {
  Fixture f;
  f.write(baseMigrations());
  auto db = f.db();
  auto o = f.opts();
  o.to = "0001_add_users_age";
  migrate(*db, f.read(), o);
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1}));
  o.to = "2";
  migrate(*db, f.read(), o);
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1, 2}));
  o.to = "0009_nope";
  EXPECT_THROW(migrate(*db, f.read(), o), MigrateError);
}

TEST(MigratorTest, RebuildKeepsCascadingChildren) {
  Fixture f;
  f.write(baseMigrations());
  auto db = f.db();
  auto o = f.opts();
  o.to = "1";
  migrate(*db, f.read(), o);
  db->execute(
      "INSERT INTO orgs VALUES (1, 'acme'); INSERT INTO users VALUES (1, 1, 'a@x', 3);"
      "INSERT INTO users VALUES (2, 1, 'b@x', 4);");
  migrate(*db, f.read(), f.opts());
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM users"), 2);
  EXPECT_EQ(f.count(*db, "PRAGMA foreign_keys"), 1);  // restored after the migration
  // And the foreign key still works on the rebuilt parent.
  EXPECT_THROW(db->execute("INSERT INTO users VALUES (3, 99, 'c@x', 1)"), DbError);
}

TEST(MigratorTest, ForeignKeyViolationInRebuildRollsBack) {
  Fixture f;
  auto ms = baseMigrations();
  ms[2].up =
      std::string("CREATE TABLE \"__new_orgs\" (\"id\" INTEGER PRIMARY KEY, \"name\" TEXT);") +
      kBreak + "DROP TABLE \"orgs\";" + kBreak +
      "ALTER TABLE \"__new_orgs\" RENAME TO \"orgs\";";  // forgets to copy the rows
  f.write(ms);
  auto db = f.db();
  auto o = f.opts();
  o.to = "1";
  migrate(*db, f.read(), o);
  db->execute("INSERT INTO orgs VALUES (1, 'acme'); INSERT INTO users VALUES (1, 1, 'a@x', 3);");
  try {
    migrate(*db, f.read(), f.opts());
    FAIL() << "expected a foreign key violation";
  } catch (const MigrateError& e) {
    EXPECT_NE(std::string(e.what()).find("0002_rebuild_orgs"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("foreign key violation"), std::string::npos);
  }
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1}));
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM orgs"), 1);
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM sqlite_schema WHERE name = '__new_orgs'"), 0);
}

TEST(MigratorTest, FailingMigrationRolledBackEarlierKept) {
  Fixture f;
  auto ms = baseMigrations();
  ms.push_back({"unique_email",
                std::string("CREATE TABLE \"audit\" (\"id\" INTEGER PRIMARY KEY);") + kBreak +
                    "CREATE UNIQUE INDEX \"users_email\" ON \"users\" (\"email\");",
                ""});
  f.write(ms);
  auto db = f.db();
  auto o = f.opts();
  o.to = "1";
  migrate(*db, f.read(), o);
  db->execute(
      "INSERT INTO orgs VALUES (1, 'acme'); INSERT INTO users VALUES (1, 1, 'dup', 3);"
      "INSERT INTO users VALUES (2, 1, 'dup', 4);");
  try {
    migrate(*db, f.read(), f.opts());
    FAIL() << "expected the unique index to fail";
  } catch (const MigrateError& e) {
    std::string msg = e.what();
    EXPECT_NE(msg.find("0003_unique_email"), std::string::npos) << msg;
    EXPECT_NE(msg.find("UNIQUE constraint failed"), std::string::npos) << msg;
    EXPECT_NE(msg.find("CREATE UNIQUE INDEX \"users_email\""), std::string::npos) << msg;
    EXPECT_EQ(e.tag(), "0003_unique_email");
  }
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 'audit'"), 0);
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM users"), 2);
}

TEST(MigratorTest, RefusesEditedAppliedMigration) {
  Fixture f;
  auto ms = baseMigrations();
  f.write(ms);
  auto db = f.db();
  migrate(*db, f.read(), f.opts());
  ms[1].up = "ALTER TABLE \"users\" ADD COLUMN \"age\" TEXT;";
  f.write(ms);
  try {
    migrate(*db, f.read(), f.opts());
    FAIL();
  } catch (const MigrateError& e) {
    EXPECT_NE(std::string(e.what()).find("0001_add_users_age was edited after it was applied"),
              std::string::npos)
        << e.what();
  }
}

TEST(MigratorTest, RefusesAppliedMigrationMissingFromDirectory) {
  Fixture f;
  auto ms = baseMigrations();
  f.write(ms);
  auto db = f.db();
  migrate(*db, f.read(), f.opts());
  ms.pop_back();
  std::filesystem::remove_all(f.dir);
  f.write(ms);
  try {
    migrate(*db, f.read(), f.opts());
    FAIL();
  } catch (const MigrateError& e) {
    EXPECT_NE(std::string(e.what()).find("0002_rebuild_orgs"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("does not contain it"), std::string::npos);
  }
}

TEST(MigratorTest, DryRunChangesNothing) {
  Fixture f;
  f.write(baseMigrations());
  auto db = f.db();
  auto o = f.opts();
  o.dryRun = true;
  auto r = migrate(*db, f.read(), o);
  EXPECT_EQ(r.applied.size(), 3u);
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM sqlite_schema"), 0);
  EXPECT_NE(f.log.front().find("would apply 0000_init (2 statements)"), std::string::npos);
}

TEST(MigratorTest, DataLossMigrationBacksUpFirstAndBackupRestores) {
  Fixture f;
  auto ms = baseMigrations();
  ms.push_back({"drop_users_age", "ALTER TABLE \"users\" DROP COLUMN \"age\";",
                "ALTER TABLE \"users\" ADD COLUMN \"age\" INTEGER;", false, true});
  f.write(ms);
  std::vector<std::string> backups;
  {
    auto db = f.db();
    auto o = f.opts();
    o.to = "2";
    migrate(*db, f.read(), o);
    db->execute(
        "INSERT INTO orgs VALUES (1, 'acme', 'a'); INSERT INTO users VALUES (1, 1, 'a@x', 42);");
    auto r = migrate(*db, f.read(), f.opts());
    ASSERT_EQ(r.backups.size(), 1u);
    backups = r.backups;
    EXPECT_EQ(f.count(*db, "SELECT count(*) FROM pragma_table_info('users') WHERE name='age'"), 0);
  }
  ASSERT_TRUE(std::filesystem::exists(backups[0]));
  EXPECT_EQ(std::filesystem::path(backups[0]).parent_path(), f.tmp.path());
  EXPECT_NE(backups[0].find("app.db.backup-"), std::string::npos);
  EXPECT_NE(backups[0].find("-0003_drop_users_age"), std::string::npos);
  // Written under a hidden temporary name and renamed: nothing else is left next to it.
  for (const auto& e : std::filesystem::directory_iterator(f.tmp.path())) {
    EXPECT_EQ(e.path().filename().string().find(".schemac-tmp-"), std::string::npos) << e.path();
  }
  // Restore: the backup is a complete database from just before the data-losing migration.
  std::filesystem::copy_file(backups[0], f.dbPath,
                             std::filesystem::copy_options::overwrite_existing);
  auto db = f.db();
  EXPECT_EQ(f.count(*db, "SELECT age FROM users WHERE id = 1"), 42);
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1, 2}));
  // --no-backup skips it.
  auto o = f.opts();
  o.backup = false;
  auto r = migrate(*db, f.read(), o);
  EXPECT_TRUE(r.backups.empty());
}

TEST(MigratorTest, DownRoundTrip) {
  Fixture f;
  f.write(baseMigrations());
  auto db = f.db();
  auto schemaSql = [&] {
    std::string out;
    for (auto& row : db->query("SELECT sql FROM sqlite_schema WHERE name NOT LIKE '__schemac%' "
                               "ORDER BY name")
                         .rows) {
      out += std::get<std::string>(row[0]) + "\n";
    }
    return out;
  };
  auto o = f.opts();
  o.to = "1";
  migrate(*db, f.read(), o);
  std::string atOne = schemaSql();
  db->execute("INSERT INTO orgs VALUES (1, 'acme'); INSERT INTO users VALUES (1, 1, 'a@x', 3);");
  migrate(*db, f.read(), f.opts());
  DownOptions d;
  d.steps = 1;
  auto r = down(*db, f.read(), d);
  ASSERT_EQ(r.reverted.size(), 1u);
  EXPECT_EQ(r.reverted[0].tag, "0002_rebuild_orgs");
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1}));
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM users"), 1);  // the children survived the rebuild
  // Sqlite keeps the renamed table's text; compare columns rather than the CREATE text.
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM pragma_table_info('orgs')"), 2);
  migrate(*db, f.read(), f.opts());
  d.steps = 10;
  r = down(*db, f.read(), d);
  EXPECT_EQ(r.reverted.size(), 3u);
  EXPECT_TRUE(f.appliedIds(*db).empty());
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('orgs','users')"), 0);
  (void)atOne;
  migrate(*db, f.read(), o);
  EXPECT_EQ(schemaSql(), atOne);
}

TEST(MigratorTest, DownWithoutDownFileRefusesBeforeChangingAnything) {
  Fixture f;
  auto ms = baseMigrations();
  ms[1].down = "";
  f.write(ms);
  auto db = f.db();
  migrate(*db, f.read(), f.opts());
  DownOptions d;
  d.steps = 2;
  EXPECT_THROW(down(*db, f.read(), d), MigrateError);
  EXPECT_EQ(f.appliedIds(*db), (std::vector<int>{0, 1, 2}));
}

TEST(MigratorTest, ConcurrentMigratorsApplyEachMigrationOnce) {
  Fixture f;
  std::vector<FixtureMigration> ms;
  for (int i = 0; i < 40; ++i) {
    ms.push_back({"t" + std::to_string(i),
                  "CREATE TABLE \"t" + std::to_string(i) + "\" (\"id\" INTEGER PRIMARY KEY);", ""});
  }
  f.write(ms);
  auto migrations = f.read();
  std::vector<std::thread> threads;
  std::vector<std::size_t> appliedBy(4);
  std::vector<std::string> errors(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      try {
        auto db = open(f.dbPath);
        appliedBy[t] = migrate(*db, migrations).applied.size();
      } catch (const std::exception& e) {
        errors[t] = e.what();
      }
    });
  }
  for (auto& th : threads) th.join();
  for (auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(appliedBy[0] + appliedBy[1] + appliedBy[2] + appliedBy[3], 40u);
  auto db = f.db();
  EXPECT_EQ(f.count(*db, "SELECT count(*) FROM __schemac_migrations"), 40);
}

}  // namespace
}  // namespace schemac::rt

namespace schemac::rt {
namespace {

TEST(ApplyInTransactionTest, RebuildKeepsChildrenAndFailureRollsBackEverything) {
  testing::TempDir tmp;
  auto db = open(tmp.file("p.db"));
  db->execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY);"
      "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id) ON DELETE CASCADE);"
      "INSERT INTO p VALUES (1); INSERT INTO c VALUES (1, 1);");
  std::vector<std::string> rebuild = {"CREATE TABLE __new_p (id INTEGER PRIMARY KEY, name TEXT);",
                                      "INSERT INTO __new_p (id) SELECT id FROM p;", "DROP TABLE p;",
                                      "ALTER TABLE __new_p RENAME TO p;"};
  applyInTransaction(*db, rebuild, true, "push");
  EXPECT_EQ(db->query("SELECT * FROM c").rows.size(), 1u);
  std::vector<std::string> failing = {"CREATE TABLE extra (x);", "INSERT INTO nope VALUES (1);"};
  try {
    applyInTransaction(*db, failing, false, "push");
    FAIL();
  } catch (const MigrateError& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("push failed and was rolled back: no such table: nope", 0), 0u)
        << e.what();
  }
  EXPECT_TRUE(db->query("SELECT 1 FROM sqlite_schema WHERE name = 'extra'").rows.empty());
}

}  // namespace
}  // namespace schemac::rt
