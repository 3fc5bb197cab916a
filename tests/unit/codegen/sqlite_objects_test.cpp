// The SQLite lowering of what other tools' databases hold: COLLATE, DEFERRABLE, unnamed
// constraints, named keys, UNIQUE table constraints, WITHOUT ROWID / STRICT, nullable keys,
// expression index parts, timestamp(text), views, triggers and virtual tables; and the full
// script, run on a real SQLite file.
#include <gtest/gtest.h>

#include "codegen/sqlite_objects_fixture.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;
using K = ir::TypeKind;

bool has(const std::string& sql, const std::string& part) {
  return sql.find(part) != std::string::npos;
}

TEST(SqliteObjects, CreateTableWritesEveryNewConstruct) {
  ir::Schema s = objectsSchema();
  std::string users = sq::createTable(s, *s.findTable("users"));
  EXPECT_TRUE(has(users, "\"email\" TEXT NOT NULL COLLATE NOCASE,")) << users;
  std::string posts = sq::createTable(s, *s.findTable("posts"));
  EXPECT_TRUE(has(posts,
                  "  FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\") ON DELETE CASCADE "
                  "DEFERRABLE INITIALLY DEFERRED\n"))
      << posts;
  EXPECT_FALSE(has(posts, "CONSTRAINT")) << posts;
  EXPECT_EQ(sq::createTable(s, *s.findTable("teams")),
            "CREATE TABLE \"teams\" (\n"
            "  \"id\" INTEGER CONSTRAINT \"teams_pk\" PRIMARY KEY NOT NULL,\n"
            "  \"name\" TEXT NOT NULL,\n"
            "  UNIQUE (\"name\"),\n"
            "  CHECK (id > 0)\n"
            ");");
  EXPECT_EQ(sq::createTable(s, *s.findTable("tags")),
            "CREATE TABLE \"tags\" (\n"
            "  \"code\" TEXT NOT NULL,\n"
            "  \"label\" TEXT,\n"
            "  PRIMARY KEY (\"code\")\n"
            ") WITHOUT ROWID, STRICT;");
}

TEST(SqliteObjects, NamedAndNullableKeysAndNamedUniqueConstraints) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {objCol("a", K::Text, true), objCol("b", K::Int32), objCol("c", K::Text)};
  t.primaryKey = {"a", "b"};
  t.primaryKeyName = "t_pk";
  ir::Index u;
  u.name = "t_c_uq";
  u.unique = u.constraint = true;
  u.columns = {ir::IndexColumn("c", true)};
  u.columns[0].collation = "rtrim";
  t.indexes = {u};
  ir::ForeignKey fk;
  fk.name = "t_b_fk";
  fk.columns = {"a", "b"};
  fk.refTable = "t";
  fk.refColumns = {"a", "b"};
  fk.deferral = ir::Deferral::Immediate;
  t.foreignKeys = {fk};
  s.tables = {t};
  EXPECT_EQ(sq::createTable(s, t),
            "CREATE TABLE \"t\" (\n"
            "  \"a\" TEXT,\n"
            "  \"b\" INT NOT NULL,\n"
            "  \"c\" TEXT NOT NULL,\n"
            "  CONSTRAINT \"t_pk\" PRIMARY KEY (\"a\", \"b\"),\n"
            "  CONSTRAINT \"t_c_uq\" UNIQUE (\"c\" COLLATE RTRIM DESC),\n"
            "  CONSTRAINT \"t_b_fk\" FOREIGN KEY (\"a\", \"b\") REFERENCES \"t\" (\"a\", \"b\") "
            "DEFERRABLE "
            "INITIALLY IMMEDIATE\n"
            ");");
  // The UNIQUE constraint is no CREATE INDEX.
  EXPECT_EQ(sq::createTableAndIndexes(s, t).size(), 1u);
  // SQLite takes it, and the key column accepts NULL (a rowid table's legacy).
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute("INSERT INTO t VALUES (NULL, 1, 'x')");
  EXPECT_THROW(db->execute("INSERT INTO t VALUES ('k', 2, 'x  ')"), std::exception);
}

TEST(SqliteObjects, IndexPartsExpressionsAndCollations) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {objCol("a", K::Text), objCol("b", K::Int)};
  ir::Index ix;
  ix.name = "t_ix";
  ir::IndexColumn e1;
  e1.expr = ir::Expr{ir::ExprKind::Call, "lower", {ir::Expr{ir::ExprKind::Column, "a", {}}}};
  ir::IndexColumn e2;
  e2.expr =
      ir::Expr{ir::ExprKind::Binary,
               "+",
               {ir::Expr{ir::ExprKind::Column, "b", {}}, ir::Expr{ir::ExprKind::Int, "1", {}}}};
  e2.desc = true;
  ir::IndexColumn c3("a");
  c3.collation = "nocase";
  ir::IndexColumn e4;
  e4.expr = ir::Expr{ir::ExprKind::Raw, "substr(a, 1, 2)", {}};
  e4.collation = "my_coll";
  ix.columns = {e1, e2, c3, e4};
  t.indexes = {ix};
  s.tables = {t};
  EXPECT_EQ(sq::createIndex(s, t, ix),
            "CREATE INDEX \"t_ix\" ON \"t\" (lower(\"a\"), (\"b\" + 1) DESC, \"a\" COLLATE NOCASE, "
            "substr(a, 1, 2) COLLATE \"my_coll\");");
  ix.columns.pop_back();  // SQLite has no my_coll
  t.indexes = {ix};
  s.tables = {t};
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name = 't_ix'"), "1");
}

TEST(SqliteObjects, TimestampTextIsTextWithCurrentTimestamp) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  ir::Column at = objCol("at", K::Timestamp);
  at.type.unit = ir::TimeUnit::Text;
  at.defaultValue = ir::Expr{ir::ExprKind::Now, "timestamp_text", {}};
  t.columns = {objCol("id"), at};
  t.primaryKey = {"id"};
  s.tables = {t};
  EXPECT_EQ(sq::typeName(at.type), "TIMESTAMP_TEXT");
  EXPECT_TRUE(
      has(sq::createTable(s, t), "\"at\" TIMESTAMP_TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP"))
      << sq::createTable(s, t);
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute("INSERT INTO t (id) VALUES (1)");
  db->execute("INSERT INTO t VALUES (2, '2024-01-02 03:04:05')");
  EXPECT_EQ(scalar(*db, "SELECT typeof(at) FROM t WHERE id = 1"), "text");
  EXPECT_EQ(scalar(*db, "SELECT typeof(at) FROM t WHERE id = 2"), "text");
  EXPECT_EQ(scalar(*db, "SELECT length(at) FROM t WHERE id = 1"), "19");
}

TEST(SqliteObjects, ViewsTriggersVirtualTables) {
  ir::Schema s = objectsSchema();
  EXPECT_EQ(sq::createView(*s.findView("user_emails")),
            "CREATE VIEW \"user_emails\" AS SELECT id, email FROM users;");
  EXPECT_EQ(sq::createTrigger(*s.findTrigger("posts_au")),
            "CREATE TRIGGER \"posts_au\" AFTER UPDATE OF \"title\" ON \"posts\" WHEN NEW.title <> "
            "OLD.title\nBEGIN UPDATE users SET name = NEW.title WHERE id = NEW.user_id; END;");
  EXPECT_EQ(sq::createTrigger(*s.findTrigger("users_ai")).substr(0, 62),
            "CREATE TRIGGER \"users_ai\" AFTER INSERT ON \"users\" FOR EACH ROW");
  EXPECT_TRUE(has(sq::createTrigger(*s.findTrigger("user_emails_ins")),
                  "CREATE TRIGGER \"user_emails_ins\" INSTEAD OF INSERT ON \"user_emails\"\n"));
  EXPECT_EQ(sq::createVirtualTable(s.virtualTables[0]),
            "CREATE VIRTUAL TABLE \"docs_fts\" USING fts5(title, body);");
  ir::View documented{"v", "SELECT 1", "Line one.\nLine two."};
  EXPECT_EQ(sq::createView(documented),
            "-- Line one.\n-- Line two.\nCREATE VIEW \"v\" AS SELECT 1;");
}

TEST(SqliteObjects, ViewOrderPutsReadersAfterWhatTheyRead) {
  std::vector<ir::View> views = {
      {"a_top", "SELECT * FROM [m_mid]", ""},
      {"m_mid", "SELECT * FROM \"z_base\"", ""},
      {"z_base", "SELECT 1 AS x", ""},
      {"b_alone", "SELECT 'a_top' AS name", ""},  // a string literal: counted, harmless
  };
  std::vector<std::string> names;
  for (const ir::View* v : sq::viewOrder(views)) names.push_back(v->name);
  EXPECT_EQ(names, (std::vector<std::string>{"z_base", "m_mid", "a_top", "b_alone"}));
  // A cycle (SQLite would refuse it) still gives every view once.
  std::vector<ir::View> cycle = {{"p", "SELECT * FROM q", ""}, {"q", "SELECT * FROM p", ""}};
  EXPECT_EQ(sq::viewOrder(cycle).size(), 2u);
}

TEST(SqliteObjects, FullScriptRunsAndBehaves) {
  ir::Schema s = objectsSchema();
  std::string script = sq::createSchemaScript(s);
  // Triggers come last, views after the tables and in reading order.
  EXPECT_LT(script.find("CREATE VIEW \"user_emails\""),
            script.find("CREATE VIEW \"user_email_count\""));
  EXPECT_LT(script.find("CREATE VIRTUAL TABLE"), script.find("CREATE VIEW"));
  EXPECT_LT(script.find("CREATE VIEW \"user_email_count\""), script.find("CREATE TRIGGER"));
  TempDb db;
  rt::applyScript(*db, script);
  db->execute("PRAGMA foreign_keys = ON");
  db->execute("INSERT INTO users VALUES (1, 'a@x', 'A')");
  EXPECT_EQ(scalar(*db, "SELECT note FROM audit"), "user a@x");
  EXPECT_THROW(db->execute("INSERT INTO users VALUES (2, 'A@X', 'B')"), std::exception);
  db->execute("INSERT INTO user_emails (email) VALUES ('v@x')");
  EXPECT_EQ(scalar(*db, "SELECT n FROM user_email_count"), "2");
  // Deferred: the parent may come later in the same transaction.
  db->execute(
      "BEGIN; INSERT INTO posts VALUES (1, 7, 't'); INSERT INTO users VALUES (7, 'b@x', "
      "'B'); COMMIT;");
  db->execute("UPDATE posts SET title = 'new' WHERE id = 1");
  EXPECT_EQ(scalar(*db, "SELECT name FROM users WHERE id = 7"), "new");
  EXPECT_EQ(
      scalar(*db, "SELECT count(*) FROM sqlite_schema WHERE name LIKE 'sqlite_autoindex_teams%'"),
      "1");
  db->execute("INSERT INTO docs_fts VALUES ('hello', 'world')");
  EXPECT_EQ(scalar(*db, "SELECT title FROM docs_fts WHERE docs_fts MATCH 'world'"), "hello");
  EXPECT_THROW(db->execute("INSERT INTO tags VALUES ('k', x'00')"), std::exception);  // STRICT
}

}  // namespace
}  // namespace schemac
