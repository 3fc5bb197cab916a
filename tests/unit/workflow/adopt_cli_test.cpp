// Adopting a database schemac did not create (docs/adopting.md), through the real `schemac`
// executable on real SQLite files: unmanaged databases are refused without a trace, `baseline`
// proves before it records, and the `ignore` list keeps other tools' tables out of every command.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "runtime/process.h"
#include "runtime/temp_dir.h"
#include "schemac/rt/connection.h"
#include "schemac/support/sha256.h"

namespace schemac {
namespace {

using testing::ProcessResult;
using testing::runSchemac;
using testing::slurp;
using testing::TempDir;

// A project directory: schemac.toml naming app.schema, app.db and an ignore list.
struct Project {
  TempDir dir;
  explicit Project(const std::string& ignore = R"(["__drizzle_migrations", "django_*"])") {
    dir.write("schemac.toml",
              "schema = [\"app.schema\"]\nurl = \"file:./app.db\"\nignore = " + ignore + "\n");
  }
  std::string db() const { return dir.file("app.db"); }
  ProcessResult run(const std::vector<std::string>& args) const {
    return runSchemac(args, dir.path().string());
  }
  // Runs SQL on app.db as another tool would (creating the file).
  void sql(const std::string& script) const { rt::open("file:" + db())->execute(script); }
  rt::ResultSet query(const std::string& q) const { return rt::open("file:" + db())->query(q); }
  std::int64_t count(const std::string& q) const {
    return std::get<std::int64_t>(query(q).rows.at(0).at(0));
  }
  bool hasTable(const std::string& name) const {
    return count("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" + name +
                 "'") == 1;
  }
  std::string hash() const { return support::sha256Hex(slurp(db())); }
};

// A database made by another tool: two tables with rows, an index, Drizzle's and Django's
// bookkeeping.
const char* kForeign = R"(
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
                    title TEXT NOT NULL);
CREATE INDEX posts_user ON posts(user_id);
INSERT INTO users (name, email) VALUES ('ada', 'ada@example.com'), ('bob', NULL);
INSERT INTO posts (user_id, title) VALUES (1, 'hello'), (1, 'again'), (2, 'hi');
CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, created_at NUMERIC);
INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('abc', 1700000000000);
CREATE TABLE django_session (session_key TEXT PRIMARY KEY, data TEXT);
CREATE INDEX django_session_data ON django_session(data);
INSERT INTO django_session VALUES ('k', 'v');
)";

const char* kUsersPostsSchema = R"(
table users {
  id     int   primary
  name   text
  email  text?
}
)";

// pull -> generate: the adoption's first steps, leaving a migrations directory at 0000_init.
void pullAndGenerate(const Project& p) {
  ProcessResult pull = p.run({"pull", "-o", "app.schema"});
  ASSERT_EQ(pull.exitCode, 0) << pull.err;
  std::string schema = slurp(p.dir.file("app.schema"));
  EXPECT_EQ(schema.find("drizzle"), std::string::npos) << schema;
  EXPECT_EQ(schema.find("django"), std::string::npos) << schema;
  ProcessResult gen = p.run({"generate", "--name", "init"});
  ASSERT_EQ(gen.exitCode, 0) << gen.err;
}

TEST(AdoptCli, UnmanagedDatabaseIsRefusedByMigratePushStatusAndLeftByteIdentical) {
  Project p;
  p.sql(kForeign);
  p.dir.write("app.schema", kUsersPostsSchema);
  ASSERT_EQ(p.run({"generate", "--name", "init"}).exitCode, 0);
  const std::string before = p.hash();
  for (std::string command : {"migrate", "push", "status"}) {
    ProcessResult r = p.run({command});
    EXPECT_EQ(r.exitCode, 1) << command << ": " << r.out << r.err;
    EXPECT_EQ(r.err,
              "schemac: error: app.db has 2 tables but no schemac history; run `schemac pull` (or "
              "`schemac import drizzle`) then `schemac baseline`, see docs/adopting.md\n")
        << command;
    EXPECT_EQ(r.out.find("drift: none"), std::string::npos) << command;
    EXPECT_EQ(p.hash(), before) << command << " changed the database";
  }
  EXPECT_FALSE(p.hasTable("__schemac_migrations"));
  EXPECT_FALSE(p.hasTable("__schemac_lock"));
  // A dry run, --unlock and --ignore do not get around it either.
  EXPECT_EQ(p.run({"migrate", "--dry-run"}).exitCode, 1);
  EXPECT_EQ(p.run({"migrate", "--unlock"}).exitCode, 1);
  ProcessResult ignored = p.run({"migrate", "--ignore", "posts"});
  EXPECT_NE(ignored.err.find("has 1 table but no schemac history"), std::string::npos)
      << ignored.err;
  EXPECT_EQ(p.hash(), before);
}

TEST(AdoptCli, WithoutAMigrationsDirectoryTheUnmanagedDatabaseIsWhatIsReported) {
  Project p;
  p.sql(kForeign);
  const std::string before = p.hash();
  for (std::string command : {"status", "migrate"}) {
    ProcessResult r = p.run({command});
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("app.db has 2 tables but no schemac history"), std::string::npos)
        << command << ": " << r.err;
  }
  EXPECT_EQ(p.hash(), before);
  // A database schemac manages gets the directory's own error.
  p.sql("CREATE TABLE __schemac_migrations (id INTEGER PRIMARY KEY)");
  EXPECT_NE(p.run({"status"}).err.find("migrations directory 'migrations' does not exist"),
            std::string::npos);
}

TEST(AdoptCli, OnlyIgnoredTablesDoNotMakeADatabaseUnmanaged) {
  Project p;
  p.sql(
      "CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT);"
      "CREATE TABLE stats_cache (x);");
  p.dir.write("app.schema", kUsersPostsSchema);
  ASSERT_EQ(p.run({"generate", "--name", "init"}).exitCode, 0);
  ProcessResult r = p.run({"migrate", "--ignore", "stats_*"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_TRUE(p.hasTable("users"));
  EXPECT_TRUE(p.hasTable("__drizzle_migrations"));
}

TEST(AdoptCli, PushMarksTheDatabaseItCreatesSoASecondPushIsNotRefused) {
  Project p;
  p.dir.write("app.schema", kUsersPostsSchema);
  ProcessResult first = p.run({"push"});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  EXPECT_TRUE(p.hasTable("__schemac_migrations"));
  EXPECT_EQ(p.count("SELECT count(*) FROM __schemac_migrations"), 0);
  p.sql("INSERT INTO users (name) VALUES ('kept')");
  p.dir.write("app.schema", std::string(kUsersPostsSchema) + "table tags {\n  id int primary\n}\n");
  ProcessResult second = p.run({"push"});
  EXPECT_EQ(second.exitCode, 0) << second.err;
  EXPECT_TRUE(p.hasTable("tags"));
  EXPECT_EQ(p.count("SELECT count(*) FROM users"), 1);
}

TEST(AdoptCli, BaselineRefusesADatabaseThatDiffersAndWritesNothing) {
  Project p;
  p.sql(kForeign);
  p.dir.write("app.schema", kUsersPostsSchema);  // no posts table, so the database differs
  ASSERT_EQ(p.run({"generate", "--name", "init"}).exitCode, 0);
  const std::string before = p.hash();
  ProcessResult r = p.run({"baseline"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("  + table posts\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("schemac: error: baseline refused: file:./app.db differs from the schema "
                       "after 0000_init (1 difference"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("drizzle"), std::string::npos) << "ignored tables are not differences";
  EXPECT_EQ(p.hash(), before);
}

TEST(AdoptCli, BaselineIsIdempotentAndALaterMigrateKeepsEveryRow) {
  Project p;
  p.sql(kForeign);
  pullAndGenerate(p);

  ProcessResult first = p.run({"baseline"});
  ASSERT_EQ(first.exitCode, 0) << first.err;
  EXPECT_NE(first.out.find("baselined at 0000_init: recorded 1 migration"), std::string::npos)
      << first.out;
  auto row = p.query("SELECT id, tag, length(checksum), duration_ms FROM __schemac_migrations");
  ASSERT_EQ(row.rows.size(), 1u);
  EXPECT_EQ(std::get<std::string>(row.rows[0][1]), "0000_init");
  EXPECT_EQ(std::get<std::int64_t>(row.rows[0][2]), 64);  // the SHA-256 migrate records

  const std::string afterFirst = p.hash();
  ProcessResult again = p.run({"baseline"});
  EXPECT_EQ(again.exitCode, 0) << again.err;
  EXPECT_NE(again.out.find("already baselined at 0000_init"), std::string::npos) << again.out;
  EXPECT_EQ(p.hash(), afterFirst);

  ProcessResult status = p.run({"status"});
  EXPECT_EQ(status.exitCode, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("drift: none"), std::string::npos) << status.out;

  // A later migration applies on top of the baseline; every row stays, other tools' tables too.
  std::string schema = slurp(p.dir.file("app.schema"));
  std::size_t close = schema.find("}", schema.find("table users"));
  schema.insert(close, "  nickname text?\n");
  p.dir.write("app.schema", schema);
  ProcessResult gen = p.run({"generate", "--name", "nickname"});
  ASSERT_EQ(gen.exitCode, 0) << gen.err;
  ProcessResult migrate = p.run({"migrate"});
  ASSERT_EQ(migrate.exitCode, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("applied 0001_nickname"), std::string::npos) << migrate.out;
  EXPECT_EQ(p.count("SELECT count(*) FROM users"), 2);
  EXPECT_EQ(p.count("SELECT count(*) FROM posts"), 3);
  EXPECT_EQ(p.count("SELECT count(*) FROM __drizzle_migrations"), 1);
  EXPECT_EQ(p.count("SELECT count(*) FROM django_session"), 1);
  EXPECT_EQ(p.count("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'nickname'"), 1);
  status = p.run({"status"});
  EXPECT_EQ(status.exitCode, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("2 applied, 0 pending"), std::string::npos) << status.out;

  // Managed at another point: refused, nothing written.
  const std::string managed = p.hash();
  ProcessResult elsewhere = p.run({"baseline", "--to", "0"});
  EXPECT_EQ(elsewhere.exitCode, 1);
  EXPECT_NE(elsewhere.err.find("already has a schemac history (at 0001_nickname"),
            std::string::npos)
      << elsewhere.err;
  EXPECT_EQ(p.hash(), managed);
}

TEST(AdoptCli, BaselineToAnOlderMigrationThenMigrateAppliesTheRest) {
  Project p;
  p.sql(kForeign);
  pullAndGenerate(p);
  std::string schema = slurp(p.dir.file("app.schema"));
  p.dir.write("app.schema", schema + "table tags {\n  id int primary\n  name text\n}\n");
  ASSERT_EQ(p.run({"generate", "--name", "tags"}).exitCode, 0);
  // The database is at 0000_init, not at the newest: the default target refuses.
  ProcessResult newest = p.run({"baseline"});
  EXPECT_EQ(newest.exitCode, 1);
  EXPECT_NE(newest.err.find("  - table tags"), std::string::npos) << newest.err;
  ProcessResult at = p.run({"baseline", "--to", "0000_init"});
  ASSERT_EQ(at.exitCode, 0) << at.err;
  ProcessResult migrate = p.run({"migrate"});
  ASSERT_EQ(migrate.exitCode, 0) << migrate.err;
  EXPECT_TRUE(p.hasTable("tags"));
  EXPECT_EQ(p.count("SELECT count(*) FROM posts"), 3);
  EXPECT_EQ(p.run({"baseline", "--to", "nope"}).exitCode, 1);
}

TEST(AdoptCli, IgnoredTablesSurvivePushAndAreAbsentFromStatusPullAndDump) {
  Project p(R"(["__drizzle_migrations", "django_*", "audit_[0-9]"])");
  p.dir.write("app.schema", kUsersPostsSchema);
  ASSERT_EQ(p.run({"push"}).exitCode, 0);
  p.sql(
      "CREATE TABLE django_admin_log (id INTEGER PRIMARY KEY, msg TEXT);"
      "CREATE INDEX django_admin_log_msg ON django_admin_log(msg);"
      "CREATE TRIGGER django_admin_log_t AFTER INSERT ON django_admin_log BEGIN SELECT 1; END;"
      "INSERT INTO django_admin_log (msg) VALUES ('x');"
      "CREATE TABLE audit_1 (x);"
      "CREATE TABLE audit_x (x);");  // not matched by audit_[0-9]

  // push plans no drop of ignored tables (only audit_x, which is not ignored, goes).
  ProcessResult push = p.run({"push", "--force"});
  ASSERT_EQ(push.exitCode, 0) << push.err;
  EXPECT_NE(push.out.find("- table audit_x"), std::string::npos) << push.out;
  EXPECT_EQ(push.out.find("django"), std::string::npos) << push.out;
  EXPECT_EQ(push.out.find("audit_1"), std::string::npos) << push.out;
  EXPECT_TRUE(p.hasTable("django_admin_log"));
  EXPECT_TRUE(p.hasTable("audit_1"));
  EXPECT_EQ(p.count("SELECT count(*) FROM django_admin_log"), 1);
  EXPECT_EQ(p.count("SELECT count(*) FROM sqlite_schema WHERE name = 'django_admin_log_msg'"), 1);

  ProcessResult pull = p.run({"pull"});
  ASSERT_EQ(pull.exitCode, 0) << pull.err;
  EXPECT_NE(pull.out.find("table users"), std::string::npos);
  EXPECT_EQ(pull.out.find("django"), std::string::npos) << pull.out;
  EXPECT_EQ(pull.out.find("audit"), std::string::npos) << pull.out;

  ProcessResult dump = p.run({"dump"});
  ASSERT_EQ(dump.exitCode, 0) << dump.err;
  EXPECT_NE(dump.out.find("CREATE TABLE \"users\""), std::string::npos) << dump.out;
  EXPECT_EQ(dump.out.find("django"), std::string::npos) << dump.out;  // table, index, trigger
  EXPECT_EQ(dump.out.find("audit_1"), std::string::npos) << dump.out;

  // status: generate + baseline, then drift sees nothing of the ignored tables.
  ASSERT_EQ(p.run({"generate", "--name", "init"}).exitCode, 0);
  ASSERT_EQ(p.run({"baseline"}).exitCode, 0);
  ProcessResult status = p.run({"status"});
  EXPECT_EQ(status.exitCode, 0) << status.out << status.err;
  EXPECT_NE(status.out.find("drift: none"), std::string::npos) << status.out;
  // Without the ignore list, the same database drifts.
  p.dir.write("schemac.toml", "schema = [\"app.schema\"]\nurl = \"file:./app.db\"\n");
  ProcessResult unignored = p.run({"status"});
  EXPECT_EQ(unignored.exitCode, 1);
  EXPECT_NE(unignored.out.find("+ table django_admin_log"), std::string::npos) << unignored.out;
}

TEST(AdoptCli, ASchemaThatDeclaresAnIgnoredTableIsAnError) {
  Project p;
  p.dir.write("app.schema",
              std::string(kUsersPostsSchema) + "table django_x {\n  id int primary\n}\n");
  ProcessResult r = p.run({"push"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "schemac: error: the schema declares table 'django_x', which schemac.toml's `ignore` "
            "leaves to other tools; remove one or the other\n");
  EXPECT_FALSE(std::filesystem::exists(p.db()));
}

TEST(AdoptCli, GenerateRefusesASchemaThatDeclaresAnIgnoredTable) {
  Project p;
  p.dir.write("app.schema", std::string(kUsersPostsSchema) +
                                "table __drizzle_migrations {\n  id int primary\n}\n");
  ProcessResult r = p.run({"generate", "--name", "init"});
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("declares table '__drizzle_migrations'"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(p.dir.file("migrations")));
}

// drizzle-kit's journal: entries with idx, tag and `when` (unix ms).
std::string drizzleJournal(const std::vector<std::pair<std::string, std::int64_t>>& entries) {
  std::string out = R"({"version":"7","dialect":"sqlite","entries":[)";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out += (i ? "," : "") + std::string(R"({"idx":)") + std::to_string(i) +
           R"(,"version":"6","when":)" + std::to_string(entries[i].second) + R"(,"tag":")" +
           entries[i].first + R"(","breakpoints":true})";
  }
  return out + "]}";
}

TEST(AdoptCli, BaselineRefusesWhileDrizzleKitMigrationsArePending) {
  Project p;
  p.sql(kForeign);  // __drizzle_migrations: one row, created_at 1700000000000
  pullAndGenerate(p);
  p.dir.write("drizzle/meta/_journal.json",
              drizzleJournal({{"0000_first", 1700000000000}, {"0001_second", 1700000005000}}));
  const std::string before = p.hash();
  ProcessResult r = p.run({"baseline"});  // ./drizzle is found without a flag
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "schemac: error: baseline refused: 1 drizzle-kit migration of 'drizzle' is not "
            "applied to file:./app.db: 0001_second; run `drizzle-kit migrate` first\n");
  EXPECT_EQ(p.hash(), before);

  // drizzle-kit applied it (its row is what drizzle-kit writes): the baseline goes ahead.
  p.sql("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('def', 1700000005000)");
  r = p.run({"baseline", "--drizzle", "drizzle"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("baselined at 0000_init"), std::string::npos) << r.out;
}

TEST(AdoptCli, BaselineWithoutADrizzleFolderNotesTheSkippedCheck) {
  Project p;
  p.sql(kForeign);
  pullAndGenerate(p);
  ProcessResult r = p.run({"baseline"});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("pending drizzle-kit migrations were not checked"), std::string::npos)
      << r.out;
  ProcessResult missing = p.run({"baseline", "--drizzle", "nowhere"});
  EXPECT_EQ(missing.exitCode, 0) << "already baselined: the folder is not read again";
}

}  // namespace
}  // namespace schemac
