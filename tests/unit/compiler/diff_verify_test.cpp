// Generate-time verification and the apply protocol: a correct migration verifies, a tampered
// one is caught with a readable difference, and rebuilding a parent only keeps its cascading
// children when foreign keys are off around the transaction.
#include <gtest/gtest.h>

#include "codegen/sqlite_objects_fixture.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/migrator.h"

namespace schemac {
namespace {

ir::Column col(std::string name, ir::TypeKind k = ir::TypeKind::Int, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = k;
  c.nullable = nullable;
  return c;
}

// users(id, email) <- posts(user_id ON DELETE CASCADE)
ir::Schema parentChild(bool emailNullable) {
  ir::Schema s;
  ir::Table users;
  users.name = "users";
  users.columns = {col("id"), col("email", ir::TypeKind::Text, emailNullable)};
  users.primaryKey = {"id"};
  ir::Table posts;
  posts.name = "posts";
  posts.columns = {col("id"), col("user_id")};
  posts.primaryKey = {"id"};
  posts.foreignKeys.push_back(
      {"posts_user_id_fkey", {"user_id"}, "users", {"id"}, ir::FkAction::Cascade, {}});
  s.tables = {posts, users};
  ir::canonicalize(s);
  return s;
}

TEST(DiffVerify, CorrectMigrationVerifies) {
  ir::Schema a = parentChild(false), b = parentChild(true);
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"users"});
  db::VerifyResult v = db::verifyMigration(a, b, m);
  EXPECT_TRUE(v.ok) << v.stage << "\n" << v.difference;
}

TEST(DiffVerify, TamperedMigrationIsCaught) {
  ir::Schema a = parentChild(false), b = parentChild(true);
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  m.up.statements.clear();  // an up migration that does nothing
  m.up.rebuiltTables.clear();
  db::VerifyResult v = db::verifyMigration(a, b, m);
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.stage, "up");
  EXPECT_NE(v.difference.find("- table users column 1 email type=TEXT notnull=0"),
            std::string::npos)
      << v.difference;
  EXPECT_NE(v.difference.find("+ table users column 1 email type=TEXT notnull=1"),
            std::string::npos)
      << v.difference;
}

TEST(DiffVerify, FailingStatementIsReported) {
  ir::Schema a = parentChild(false), b = parentChild(true);
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  m.down.statements.push_back("DROP TABLE \"nope\";");
  db::VerifyResult v = db::verifyMigration(a, b, m);
  ASSERT_FALSE(v.ok);
  EXPECT_EQ(v.stage, "apply down");
  EXPECT_NE(v.difference.find("no such table: nope"), std::string::npos) << v.difference;
}

int64_t count(rt::Connection& db, const char* table) {
  return std::get<std::int64_t>(
      db.query(std::string("SELECT count(*) FROM ") + table).rows.at(0).at(0));
}

TEST(DiffVerify, RebuildingAParentKeepsCascadingChildrenOnlyWithForeignKeysOff) {
  ir::Schema a = parentChild(false), b = parentChild(true);
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  auto setUp = [&] {
    auto db = rt::open("file::memory:");
    db->execute("PRAGMA foreign_keys=ON");
    db->execute(codegen::sqlite::createSchemaScript(a));
    db->execute("INSERT INTO users VALUES (1, 'a'); INSERT INTO posts VALUES (10, 1), (11, 1);");
    return db;
  };
  auto withProtocol = setUp();
  rt::applyScript(*withProtocol, m.up.body(), {.rebuildsTables = m.up.rebuildsTables()});
  EXPECT_EQ(count(*withProtocol, "posts"), 2);
  EXPECT_TRUE(db::compareWithFreshBuild(*withProtocol, b).empty());

  // The same SQL applied as if it did not rebuild: DROP TABLE "users" cascades.
  auto without = setUp();
  rt::applyScript(*without, m.up.body(), {.rebuildsTables = false});
  EXPECT_EQ(count(*without, "posts"), 0);
}

TEST(DiffVerify, ForeignKeyViolationRollsBack) {
  ir::Schema a = parentChild(false);
  ir::Schema b = a;
  b.tables[0].foreignKeys[0].onDelete = ir::FkAction::Restrict;  // posts: rebuilt
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  auto db = rt::open("file::memory:");
  db->execute(codegen::sqlite::createSchemaScript(a));
  db->execute(
      "PRAGMA foreign_keys=OFF; INSERT INTO posts VALUES (10, 99); PRAGMA foreign_keys=ON;");
  std::string before = db::describeSchema(*db);
  EXPECT_THROW(rt::applyScript(*db, m.up.body(), {.rebuildsTables = true}), rt::MigrateError);
  EXPECT_EQ(db::describeSchema(*db), before);
  EXPECT_EQ(count(*db, "posts"), 1);
  // Foreign keys are on again after the failed attempt.
  EXPECT_EQ(std::get<std::int64_t>(db->query("PRAGMA foreign_keys").rows.at(0).at(0)), 1);
}

TEST(DiffVerify, SameInputsSameBytes) {
  ir::Schema a = parentChild(false), b = parentChild(true);
  codegen::sqlite::Migration m1 = codegen::sqlite::buildMigration(a, b);
  codegen::sqlite::Migration m2 = codegen::sqlite::buildMigration(a, b);
  EXPECT_EQ(m1.up.body(), m2.up.body());
  EXPECT_EQ(m1.down.body(), m2.down.body());
  EXPECT_EQ(diff::summary(m1.upPlan), diff::summary(m2.upPlan));
}

// A rebuild of a table that views and triggers hang on verifies: the whole schema is built
// (views and triggers name tables in raw SQL), and the migration re-creates them.
TEST(DiffVerify, RebuildWithViewsAndTriggersVerifies) {
  ir::Schema a = testing::objectsSchema();
  // Introspection of virtual tables and expression indexes is the inspect helper's work.
  a.virtualTables.clear();
  a.tables[1].indexes.clear();
  ir::Schema b = a;
  b.tables[4].columns[2].nullable = true;  // users.name: a rebuild of users
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"users"});
  db::VerifyResult v = db::verifyMigration(a, b, m);
  EXPECT_TRUE(v.ok) << v.stage << "\n" << v.difference;
}

}  // namespace
}  // namespace schemac
