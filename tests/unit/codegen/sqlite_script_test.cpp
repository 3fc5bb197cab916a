// Whole-schema scripts: determinism, breakpoints, splitting, applying to a real database.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/migrator.h"
#include "schemac/rt/sql_script.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;

TEST(SqliteScript, DeterministicAndSeparatedByBreakpoints) {
  ir::Schema s = sampleSchema();
  std::string a = sq::createSchemaScript(s);
  ir::Schema shuffled = s;
  std::reverse(shuffled.tables.begin(), shuffled.tables.end());
  EXPECT_EQ(a, sq::createSchemaScript(s));
  EXPECT_EQ(a, sq::createSchemaScript(shuffled));
  EXPECT_EQ(a.back(), '\n');
  EXPECT_NE(a.find(";\n--> statement-breakpoint\nCREATE"), std::string::npos);
  EXPECT_EQ(a.find(";--> statement-breakpoint"), std::string::npos);
  std::vector<std::string> stmts = rt::splitScript(a);
  std::size_t expected = 0;
  for (const ir::Table& t : s.tables) expected += 1 + t.indexes.size();
  EXPECT_EQ(stmts.size(), expected);
  // Every statement is terminated in the script.
  for (const std::string& stmt : stmts) EXPECT_NE(a.find(stmt + ";\n"), std::string::npos) << stmt;
  EXPECT_EQ(sq::createSchemaScript(ir::Schema{}), "");
}

TEST(SqliteScript, SplitStatements) {
  EXPECT_EQ(rt::splitScript(""), std::vector<std::string>{});
  EXPECT_EQ(rt::splitScript("-- only a comment\n--> statement-breakpoint\n\n"),
            std::vector<std::string>{});
  EXPECT_EQ(
      rt::splitScript("A;\n--> statement-breakpoint\r\n\nB;\n  --> statement-breakpoint  \nC;"),
      (std::vector<std::string>{"A", "B", "C"}));
  // A header comment stays with its statement; a breakpoint inside a string or after other
  // text on its line does not split.
  EXPECT_EQ(rt::splitScript(
                "-- header\nA;\n--> statement-breakpoint\nB 'x\n--> statement-breakpoint\n';"),
            (std::vector<std::string>{"-- header\nA", "B 'x\n--> statement-breakpoint\n'"}));
  EXPECT_EQ(rt::splitScript("A --> statement-breakpoint\nB;"),
            (std::vector<std::string>{"A --> statement-breakpoint\nB"}));
  EXPECT_EQ(rt::splitScript("--> statement-breakpoint\nA;"), (std::vector<std::string>{"A"}));
}

TEST(SqliteScript, AppliesToAFileDatabaseWithIntegrity) {
  TempDb db;
  ir::Schema s = sampleSchema();
  rt::applyScript(*db, sq::createSchemaScript(s));
  EXPECT_EQ(scalar(*db, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(
      scalar(*db,
             "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'"),
      std::to_string(s.tables.size()));
  // Foreign keys work as lowered: cascade, set null, restrict.
  db->execute("PRAGMA foreign_keys = ON");
  db->execute("INSERT INTO orgs (id, title) VALUES (1, 'root'), (2, 'child')");
  db->execute("UPDATE orgs SET parent_id = 1 WHERE id = 2");
  db->execute("INSERT INTO users (id, email, token) VALUES (1, 'a@b.example', 'u')");
  db->execute("INSERT INTO invoices (user_id, org_id, number, amount) VALUES (1, 2, 'n1', 5)");
  db->execute("DELETE FROM orgs WHERE id = 1");
  EXPECT_EQ(scalar(*db, "SELECT parent_id FROM orgs WHERE id = 2"), "NULL");
  EXPECT_THROW(db->execute("UPDATE users SET id = 5 WHERE id = 1"),
               rt::DbError);  // on update restrict
  db->execute("DELETE FROM users WHERE id = 1");
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM invoices"), "0");
  // Defaults: now for timestamps is unix milliseconds, for dates today's date.
  db->execute("INSERT INTO users (id, email, token) VALUES (2, 'c@d.example', 'v')");
  EXPECT_EQ(
      scalar(*db,
             "SELECT abs(created_at - CAST(unixepoch('now') AS INTEGER) * 1000) < 5000 FROM users"),
      "1");
  EXPECT_EQ(
      scalar(*db, "SELECT joined_on = date('now') AND typeof(created_at) = 'integer' FROM users"),
      "1");
  EXPECT_EQ(scalar(*db, "SELECT slug FROM users"), "c@d.example");
}

TEST(SqliteScript, ApplyScriptNamesTheFailingStatement) {
  TempDb db;
  try {
    rt::applyScript(*db, "CREATE TABLE a (x);\n--> statement-breakpoint\nCREATE TABLE a (y);");
    FAIL() << "expected an error";
  } catch (const rt::MigrateError& e) {
    EXPECT_EQ(e.statement(), "CREATE TABLE a (y)");
    EXPECT_NE(e.dbMessage().find("already exists"), std::string::npos);
  }
  // Nothing of the failed script was kept.
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM sqlite_schema"), "0");
}

}  // namespace
}  // namespace schemac
