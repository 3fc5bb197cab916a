// A table rebuild keeps everything that hangs on the table, on real SQLite files: rows,
// indexes, triggers (its own and other tables' that name it, INSTEAD OF on views reading it),
// views (and views on them), deferrable foreign keys, a NOCASE unique index; the migrated
// database's sqlite_schema is the one a fresh build writes, and down restores the previous.
// Also: a changed view or trigger is replaced, a collation change rebuilds and may fail.
#include <gtest/gtest.h>

#include "codegen/sqlite_objects_fixture.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;

// Every object SQLite stores, as (type, name, table, sql), in name order.
std::string objects(rt::Connection& db) {
  rt::ResultSet rs = db.query(
      "SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') "
      "FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name");
  std::string out;
  for (const auto& row : rs.rows) out += std::get<std::string>(row.at(0)) + "\n";
  return out;
}

std::string freshObjects(const ir::Schema& s) {
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  return objects(*db);
}

void apply(rt::Connection& db, const sq::MigrationSql& m) {
  rt::applyScript(db, m.body(), {.rebuildsTables = m.rebuildsTables()});
}

void fill(rt::Connection& db) {
  db.execute(
      "INSERT INTO users VALUES (1, 'a@x', 'A'), (2, 'b@x', 'B');"
      "INSERT INTO posts VALUES (10, 1, 'first'), (11, 2, 'second');"
      "INSERT INTO teams VALUES (1, 'red');"
      "INSERT INTO tags VALUES ('k', 'key');");
}

// What the fixture's objects do, checked on a live database holding fill()'s rows.
void expectBehaviour(rt::Connection& db, int newId) {
  db.execute("PRAGMA foreign_keys = ON");
  std::string before = scalar(db, "SELECT count(*) FROM audit");
  std::string id = std::to_string(newId);
  db.execute("INSERT INTO users (id, email, name) VALUES (" + id + ", 'n" + id + "@x', 'N')");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM audit"), std::to_string(std::stoi(before) + 1))
      << "users_ai no longer fires";
  EXPECT_THROW(db.execute("INSERT INTO users (id, email, name) VALUES (99, 'A@X', 'dup')"),
               std::exception)
      << "the NOCASE unique index accepts a case variant";
  db.execute("UPDATE posts SET title = 'renamed' WHERE id = 10");
  EXPECT_EQ(scalar(db, "SELECT name FROM users WHERE id = 1"), "renamed") << "posts_au";
  // The deferrable key still defers to COMMIT, and still fails there.
  std::string parent = std::to_string(100 * newId), post = std::to_string(100 * newId + 1);
  db.execute("BEGIN; INSERT INTO posts (id, user_id, title) VALUES (" + post + ", " + parent +
             ", 'early'); INSERT INTO users (id, email, name) VALUES (" + parent + ", 'late" +
             parent + "@x', 'L'); COMMIT;");
  db.execute("BEGIN; INSERT INTO posts (id, user_id, title) VALUES (" + parent + ", 9999, 'x');");
  EXPECT_THROW(db.execute("COMMIT"), std::exception);
  db.execute("ROLLBACK");
  // Views answer, and the INSTEAD OF trigger on one writes through it.
  std::string users = scalar(db, "SELECT count(*) FROM users");
  EXPECT_EQ(scalar(db, "SELECT n FROM user_email_count"), users);
  db.execute("INSERT INTO user_emails (email) VALUES ('view" + id + "@x')");
  EXPECT_EQ(scalar(db, "SELECT name FROM users WHERE email = 'view" + id + "@x'"), "via view");
}

TEST(SqliteRebuildKeeps, RowsTriggersViewsAndBehaviourUpAndDown) {
  ir::Schema a = objectsSchema();
  ir::Schema b = a;
  // users.name becomes nullable: a rebuild of users, which every other object names.
  b.tables[4].columns[2].nullable = true;
  ASSERT_EQ(b.tables[4].name, "users");
  sq::Migration m = sq::buildMigration(a, b);
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"users"});
  ASSERT_EQ(diff::summary(m.upPlan), "~ column users.name: nullable\n");

  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  fill(*db);
  apply(*db, m.up);
  EXPECT_EQ(scalar(*db, "SELECT group_concat(email) FROM (SELECT email FROM users ORDER BY id)"),
            "a@x,b@x");
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM posts"), "2");
  EXPECT_EQ(objects(*db), freshObjects(b));
  EXPECT_EQ(scalar(*db, "PRAGMA integrity_check"), "ok");
  expectBehaviour(*db, 3);

  apply(*db, m.down);
  EXPECT_EQ(objects(*db), freshObjects(a));
  expectBehaviour(*db, 4);
}

TEST(SqliteRebuildKeeps, RebuildOfATableOnlyOtherObjectsName) {
  // posts is rebuilt (a new column in the middle); users_ai and the views are untouched,
  // posts_au (on posts) is re-created.
  ir::Schema a = objectsSchema();
  ir::Schema b = a;
  ir::Table& posts = b.tables[1];
  ASSERT_EQ(posts.name, "posts");
  posts.columns.insert(posts.columns.begin() + 1, objCol("rank", ir::TypeKind::Int, true));
  sq::Migration m = sq::buildMigration(a, b);
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"posts"});
  std::string body = m.up.body();
  EXPECT_NE(body.find("DROP TRIGGER \"posts_au\";"), std::string::npos) << body;
  EXPECT_EQ(body.find("DROP VIEW"), std::string::npos) << body;
  EXPECT_EQ(body.find("users_ai"), std::string::npos) << body;
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  fill(*db);
  apply(*db, m.up);
  EXPECT_EQ(objects(*db), freshObjects(b));
  expectBehaviour(*db, 3);
  apply(*db, m.down);
  EXPECT_EQ(objects(*db), freshObjects(a));
}

TEST(SqliteRebuildKeeps, ChangedViewAndTriggerAreReplacedOnce) {
  ir::Schema a = objectsSchema();
  ir::Schema b = a;
  ir::View& v = b.views[1];
  ASSERT_EQ(v.name, "user_emails");
  v.sql = "SELECT id, email, name FROM users";  // user_email_count reads it
  ir::Trigger& t = b.triggers[2];
  ASSERT_EQ(t.name, "users_ai");
  t.body = "BEGIN INSERT INTO audit(note) VALUES ('welcome ' || NEW.email); END";
  b.tables[4].columns[2].nullable = true;  // and users is rebuilt in the same migration
  sq::Migration m = sq::buildMigration(a, b);
  EXPECT_EQ(diff::summary(m.upPlan),
            "- trigger users_ai on users\n"
            "- view user_emails\n"
            "~ column users.name: nullable\n"
            "+ view user_emails\n"
            "+ trigger users_ai on users\n");
  std::string body = m.up.body();
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t p = body.find(needle); p != std::string::npos; p = body.find(needle, p + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("CREATE VIEW \"user_emails\""), 1u) << body;
  EXPECT_EQ(count("CREATE TRIGGER \"users_ai\""), 1u) << body;
  EXPECT_EQ(count("CREATE VIEW \"user_email_count\""), 1u) << body;  // reads the replaced view

  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  fill(*db);
  apply(*db, m.up);
  EXPECT_EQ(objects(*db), freshObjects(b));
  db->execute("INSERT INTO users VALUES (3, 'c@x', NULL)");
  EXPECT_EQ(scalar(*db, "SELECT note FROM audit ORDER BY id DESC LIMIT 1"), "welcome c@x");
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM user_emails WHERE name IS NULL"), "1");
  db->execute("DELETE FROM users WHERE id = 3");  // down makes name NOT NULL again
  apply(*db, m.down);
  EXPECT_EQ(objects(*db), freshObjects(a));
}

TEST(SqliteRebuildKeeps, CollationChangeRebuildsAndMayFail) {
  ir::Schema a = objectsSchema();
  a.tables[4].columns[1].collation.clear();  // users.email: binary
  ir::Schema b = objectsSchema();            // nocase
  sq::Migration m = sq::buildMigration(a, b);
  ASSERT_EQ(m.upPlan.changes.size(), 1u);
  EXPECT_EQ(m.upPlan.changes[0].safety, diff::Safety::MayFail);
  EXPECT_EQ(diff::summaryLine(m.upPlan.changes[0]), "~ column users.email: collate nocase");
  EXPECT_EQ(m.downPlan.changes.at(0).safety, diff::Safety::Safe);  // back to binary
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"users"});

  // Rows differing only in case: the migration fails and changes nothing.
  TempDb bad;
  rt::applyScript(*bad, sq::createSchemaScript(a));
  bad->execute("INSERT INTO users VALUES (1, 'a@x', 'A'), (2, 'A@X', 'B')");
  std::string before = objects(*bad);
  EXPECT_THROW(apply(*bad, m.up), std::exception);
  EXPECT_EQ(objects(*bad), before);
  EXPECT_EQ(scalar(*bad, "SELECT count(*) FROM users"), "2");

  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  fill(*db);
  apply(*db, m.up);
  EXPECT_EQ(objects(*db), freshObjects(b));
  expectBehaviour(*db, 3);
}

TEST(SqliteRebuildKeeps, TableOptionsAndConstraintChanges) {
  ir::Schema a = objectsSchema();
  ir::Schema b = a;
  ir::Table& tags = b.tables[2];
  ASSERT_EQ(tags.name, "tags");
  tags.withoutRowid = false;
  tags.strict = false;
  ir::Table& teams = b.tables[3];
  teams.primaryKeyName.clear();
  teams.indexes[0].unnamed = false;
  teams.indexes[0].name = "teams_name_uq";
  teams.checks[0].unnamed = false;
  b.tables[1].foreignKeys[0].deferral = ir::Deferral::NotDeferrable;
  sq::Migration m = sq::buildMigration(a, b);
  EXPECT_EQ(m.up.rebuiltTables, (std::vector<std::string>{"posts", "tags", "teams"}));
  EXPECT_FALSE(m.upPlan.mayFail()) << diff::summary(m.upPlan);
  EXPECT_TRUE(m.downPlan.mayFail());  // STRICT again may fail on values that do not fit
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  fill(*db);
  apply(*db, m.up);
  EXPECT_EQ(objects(*db), freshObjects(b));
  EXPECT_EQ(scalar(*db, "SELECT label FROM tags WHERE code = 'k'"), "key");
  db->execute("INSERT INTO tags VALUES ('n', 12)");  // no longer STRICT
  db->execute("DELETE FROM tags WHERE code = 'n'");
  apply(*db, m.down);
  EXPECT_EQ(objects(*db), freshObjects(a));
  EXPECT_EQ(scalar(*db, "SELECT name FROM teams"), "red");
}

TEST(SqliteRebuildKeeps, FullTextSearchOnARebuiltContentTable) {
  // sqlite-utils' layout: an external-content fts5 table kept in sync by triggers.
  ir::Schema a;
  ir::Table docs;
  docs.name = "docs";
  docs.columns = {objCol("id"), objCol("title", ir::TypeKind::Text)};
  docs.primaryKey = {"id"};
  a.tables = {docs};
  a.virtualTables = {{"docs_fts", "fts5", "title, content='docs', content_rowid='id'", ""}};
  ir::Trigger ai;
  ai.name = "docs_ai";
  ai.table = "docs";
  ai.timing = ir::TriggerTiming::After;
  ai.event = ir::TriggerEvent::Insert;
  ai.body = "BEGIN INSERT INTO docs_fts (rowid, title) VALUES (new.id, new.title); END";
  a.triggers = {ai};
  ir::Schema b = a;
  b.tables[0].columns.insert(b.tables[0].columns.begin() + 1,
                             objCol("lang", ir::TypeKind::Text, true));
  sq::Migration m = sq::buildMigration(a, b);
  ASSERT_EQ(m.up.rebuiltTables, std::vector<std::string>{"docs"});
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(a));
  db->execute("INSERT INTO docs VALUES (1, 'hello world')");
  apply(*db, m.up);
  EXPECT_EQ(objects(*db), freshObjects(b));
  db->execute("INSERT INTO docs (id, lang, title) VALUES (2, 'en', 'goodbye world')");
  EXPECT_EQ(scalar(*db, "SELECT group_concat(rowid) FROM docs_fts WHERE docs_fts MATCH 'world'"),
            "1,2");
  EXPECT_EQ(scalar(*db, "SELECT title FROM docs_fts WHERE docs_fts MATCH 'goodbye'"),
            "goodbye world");
}

}  // namespace
}  // namespace schemac
