// CREATE TABLE / CREATE INDEX text: layout, keys, constraints, quoting of odd names.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;
using K = ir::TypeKind;

const ir::Table& find(const ir::Schema& s, const std::string& n) { return *s.findTable(n); }

TEST(SqliteCreateTable, Quoting) {
  EXPECT_EQ(sq::quoteIdent("users"), "\"users\"");
  EXPECT_EQ(sq::quoteIdent("a \"b\""), "\"a \"\"b\"\"\"");
  EXPECT_EQ(sq::quoteIdent(""), "\"\"");
  EXPECT_EQ(sq::quoteString("it's"), "'it''s'");
  EXPECT_EQ(sq::quoteString("\"\""), "'\"\"'");
}

TEST(SqliteCreateTable, FullLayout) {
  ir::Schema s = sampleSchema();
  EXPECT_EQ(sq::createTable(s, find(s, "invoices")),
            R"(CREATE TABLE "invoices" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "user_id" INTEGER NOT NULL,
  "org_id" INTEGER,
  "number" TEXT NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'sent', 'paid', 'void')),
  "priority" TEXT CHECK ("priority" IN ('low', 'high')),
  "amount" DECIMAL(12, 2) NOT NULL,
  "note" TEXT NOT NULL DEFAULT 'it''s "quoted"',
  CONSTRAINT "invoices_amount_check" CHECK ("amount" >= 0),
  CONSTRAINT "invoices_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
  CONSTRAINT "invoices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE RESTRICT
);)");
}

TEST(SqliteCreateTable, DocsDefaultsAndGenerated) {
  ir::Schema s = sampleSchema();
  std::string sql = sq::createTable(s, find(s, "users"));
  EXPECT_EQ(sql.rfind("-- People who can sign in.\n-- Second line.\nCREATE TABLE \"users\" (\n  -- "
                      "Surrogate key.\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n",
                      0),
            0u)
      << sql;
  EXPECT_NE(
      sql.find("  -- Login.\n  --\n  --   Indented line -- with dashes.\n  \"email\" VARCHAR(120) "
               "NOT NULL CHECK (length(\"email\") <= 120),\n"),
      std::string::npos);
  EXPECT_NE(sql.find("\"active\" BOOLEAN NOT NULL DEFAULT 1 CHECK (\"active\" IN (0, 1)),"),
            std::string::npos);
  EXPECT_NE(
      sql.find("\"created_at\" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * "
               "86400000 AS INTEGER)),"),
      std::string::npos);
  EXPECT_NE(sql.find("\"joined_on\" DATE NOT NULL DEFAULT (date('now')),"), std::string::npos);
  EXPECT_NE(sql.find("\"level\" INT NOT NULL DEFAULT -1,"), std::string::npos);
  EXPECT_NE(sql.find("\"age\" INT DEFAULT NULL,"), std::string::npos);
  EXPECT_NE(sql.find("\"slug\" TEXT NOT NULL GENERATED ALWAYS AS (lower(trim(\"email\"))) STORED,"),
            std::string::npos);
  EXPECT_NE(sql.find("GENERATED ALWAYS AS (\"name\" || ' <' || (\"email\" || '>')) VIRTUAL,"),
            std::string::npos);
  EXPECT_NE(sql.find("CONSTRAINT \"users_check4\" CHECK (abs(\"score\") >= 0),"),
            std::string::npos);
}

TEST(SqliteCreateTable, PrimaryKeys) {
  ir::Schema s = sampleSchema();
  // Composite and non-int keys are table constraints; a single int key is the rowid alias.
  EXPECT_NE(
      sq::createTable(s, find(s, "memberships")).find("  PRIMARY KEY (\"user_id\", \"org_id\"),\n"),
      std::string::npos);
  EXPECT_NE(sq::createTable(s, find(s, "teams")).find("  PRIMARY KEY (\"code\"),\n"),
            std::string::npos);
  EXPECT_NE(sq::createTable(s, find(s, "orgs")).find("\"id\" INTEGER PRIMARY KEY NOT NULL,"),
            std::string::npos);
  EXPECT_TRUE(sq::hasInlinePrimaryKey(find(s, "orgs")));
  EXPECT_FALSE(sq::hasInlinePrimaryKey(find(s, "teams")));
  EXPECT_FALSE(sq::hasInlinePrimaryKey(find(s, "memberships")));
  ir::Table t;
  t.name = "t";
  t.columns = {column("k", type(K::Int32))};
  t.primaryKey = {"k"};
  EXPECT_FALSE(sq::hasInlinePrimaryKey(t));  // INT PRIMARY KEY is not a rowid alias
  EXPECT_EQ(sq::createTable(s, t),
            "CREATE TABLE \"t\" (\n  \"k\" INT NOT NULL,\n  PRIMARY KEY (\"k\")\n);");
  ir::Table none;
  none.name = "none";
  none.columns = {column("a", type(K::Text), true)};
  EXPECT_EQ(sq::createTable(s, none), "CREATE TABLE \"none\" (\n  \"a\" TEXT\n);");
  EXPECT_EQ(sq::createTable(s, none, "__new_none"),
            "CREATE TABLE \"__new_none\" (\n  \"a\" TEXT\n);");
}

TEST(SqliteCreateTable, Indexes) {
  ir::Schema s = sampleSchema();
  const ir::Table& users = find(s, "users");
  EXPECT_EQ(sq::createIndex(s, users, users.indexes[0]),
            "CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\");");
  EXPECT_EQ(sq::createIndex(s, users, users.indexes[1]),
            "CREATE INDEX \"users_name_idx\" ON \"users\" (\"name\" DESC, \"id\") WHERE \"name\" "
            "IS NOT NULL;");
  std::vector<std::string> all = sq::createTableAndIndexes(s, users);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[1], sq::createIndex(s, users, users.indexes[0]));
}

TEST(SqliteCreateTable, OddNamesApplyAndReadBack) {
  ir::Schema s = sampleSchema();
  const ir::Table& odd = find(s, "odd \"table\" name");
  EXPECT_EQ(sq::createTable(s, odd), R"(CREATE TABLE "odd ""table"" name" (
  "select" INTEGER PRIMARY KEY NOT NULL,
  "order by" TEXT,
  "größe" REAL NOT NULL DEFAULT 1.5,
  """q""" TEXT,
  CONSTRAINT "odd check ""1""" CHECK ("größe" > 0)
);)");
  TempDb db;
  for (const std::string& stmt : sq::createTableAndIndexes(s, odd)) db->execute(stmt);
  db->execute("INSERT INTO \"odd \"\"table\"\" name\" (\"select\", \"\"\"q\"\"\") VALUES (1, 'x')");
  EXPECT_EQ(scalar(*db, "SELECT \"größe\" || \"\"\"q\"\"\" FROM \"odd \"\"table\"\" name\""),
            "1.5x");
  EXPECT_EQ(scalar(*db, "SELECT name FROM pragma_index_list('odd \"table\" name')"), "odd \"idx\"");
}

// A string default holding a newline keeps its exact value (no indentation slips into it).
TEST(SqliteCreateTable, MultiLineStringsStayExact) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {
      withDefault(column("a", type(K::Text)), str("line1\n  line2\n--> statement-breakpoint\nx"))};
  s.tables.push_back(t);
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute("INSERT INTO t DEFAULT VALUES");
  EXPECT_EQ(scalar(*db, "SELECT a FROM t"), "line1\n  line2\n--> statement-breakpoint\nx");
}

TEST(SqliteCreateTable, ColumnDefinitionWorksForAddColumn) {
  ir::Schema s = sampleSchema();
  const ir::Table& users = find(s, "users");
  TempDb db;
  db->execute("CREATE TABLE users (id INTEGER PRIMARY KEY)");
  for (const char* name : {"active", "meta", "prefs", "level", "balance"}) {
    std::string def = sq::columnDefinition(s, users, *users.findColumn(name));
    EXPECT_EQ(def.find("--"), std::string::npos);
    db->execute("ALTER TABLE users ADD COLUMN " + def);
  }
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM pragma_table_xinfo('users')"), "6");
}

}  // namespace
}  // namespace schemac
