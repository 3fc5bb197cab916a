// Adopting a remote database (tursodb) that another tool created: unmanaged refusal, pull,
// generate, baseline (refused while it differs, then recorded under the lease, idempotent),
// status clean, a later migration keeps every row and leaves the ignored table alone.
#include <gtest/gtest.h>

#include "process.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"
#include "turso_server.h"

namespace schemac::rt {
namespace {

using testing::runSchemac;
using testing::TempDir;
using testing::TursoServer;

std::int64_t scalar(Connection& db, const std::string& sql) {
  return std::get<std::int64_t>(db.query(sql).rows.at(0).at(0));
}

TEST(RemoteTursoTest, BaselineAdoptsADatabaseAnotherToolCreated) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  TursoServer server(tmp.file("prod.db"));
  std::string url = server.url();
  tmp.write("schemac.toml", "url = \"" + url + "\"\nignore = [\"__drizzle_migrations\"]\n");
  auto db = open(url);
  db->execute(
      "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT);"
      "CREATE UNIQUE INDEX users_email ON users(email);"
      "CREATE TABLE __drizzle_migrations (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, "
      "created_at NUMERIC);"
      "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('h0', 1700000000000);"
      "INSERT INTO users (email, name) VALUES ('a@x', 'Ada'), ('b@x', NULL)");

  auto r = runSchemac({"status"}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("has 1 table but no schemac history; run `schemac pull`"), std::string::npos)
      << r.err;
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '__schemac%'"), 0);

  r = runSchemac({"pull", "-o", "app.schema"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  ASSERT_EQ(runSchemac({"generate", "app.schema", "--name", "init"}, cwd).exitCode, 0);

  // Changed from outside after the pull: refused, with the difference, nothing written.
  db->execute("ALTER TABLE users ADD COLUMN late TEXT");
  r = runSchemac({"baseline"}, cwd);
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_NE(r.err.find("+ column users.late"), std::string::npos) << r.err;
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE '__schemac%'"), 0);
  db->execute("ALTER TABLE users DROP COLUMN late");

  r = runSchemac({"baseline"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("baselined at 0000_init"), std::string::npos) << r.out;
  r = runSchemac({"baseline"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("already baselined at 0000_init"), std::string::npos) << r.out;
  r = runSchemac({"status"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("drift: none"), std::string::npos) << r.out;

  tmp.write("app.schema", testing::slurp(tmp.file("app.schema")) +
                              "table tags {\n  id int primary\n  name text\n}\n");
  ASSERT_EQ(runSchemac({"generate", "app.schema", "--name", "tags"}, cwd).exitCode, 0);
  r = runSchemac({"migrate"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("applied 0001_tags"), std::string::npos) << r.out;
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM users"), 2);
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM __drizzle_migrations"), 1);
  r = runSchemac({"status"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("2 applied, 0 pending"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace schemac::rt
