// `schemac pull` of tables other tools made: the declared type the database has comes back as
// `sqltype "..."`, TIMESTAMP_S as `timestamp(s)`, and `now` only where the column's type gives
// that `now`.
#include <gtest/gtest.h>

#include <string>

#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/rt/connection.h"

namespace schemac::db {
namespace {

// A table as drizzle-kit writes it, plus the column types schemac itself writes.
constexpr const char* kDrizzleTable = R"(
  CREATE TABLE `users` (
    `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    `name` text(256) NOT NULL,
    `created_at` integer DEFAULT (unixepoch()) NOT NULL,
    `seen_at` TIMESTAMP_S DEFAULT (unixepoch()),
    `at_ms` TIMESTAMP DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)),
    `price` numeric (10,2),
    `weird` DOUBLE   PRECISION,
    `role` text DEFAULT 'member' NOT NULL
  );
)";

std::unique_ptr<rt::Connection> drizzleDb() {
  auto db = rt::open("file::memory:");
  db->execute(kDrizzleTable);
  return db;
}

TEST(PullDeclaredTypes, RendersTheDeclaredTypeUnitAndUnchecked) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  ir::Column a;
  a.name = "a";
  a.type.kind = ir::TypeKind::Timestamp;
  a.type.unit = ir::TimeUnit::Seconds;
  a.sqlType = "integer";
  ir::Column b;
  b.name = "b";
  b.type.kind = ir::TypeKind::Bool;
  b.unchecked = true;
  b.nullable = true;
  t.columns = {a, b};
  s.tables.push_back(t);
  std::string text = renderSchemaText(s);
  EXPECT_NE(text.find("a  timestamp(s)  sqltype \"integer\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("b  bool?         unchecked\n"), std::string::npos) << text;
}

TEST(PullDeclaredTypes, DrizzleTableKeepsItsDeclaredTypes) {
  auto db = drizzleDb();
  std::string text = pullSchemaText(*db);
  for (const char* want :
       {" text ", "sqltype \"text(256)\"\n", " timestamp(s)? ", " timestamp? ", " decimal(10, 2)? ",
        "sqltype \"numeric (10,2)\"\n", " real? ", "sqltype \"DOUBLE PRECISION\"\n"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // Upper or lower case, the lowering's own name is no sqltype.
  EXPECT_EQ(text.find("sqltype \"integer\""), std::string::npos) << text;
  EXPECT_EQ(text.find("sqltype \"text\""), std::string::npos) << text;
}

TEST(PullDeclaredTypes, NowComesBackOnlyForItsOwnColumnType) {
  auto db = drizzleDb();
  ir::Schema live = recoverExpressions(inspect(*db));
  const ir::Table& u = live.tables.at(0);
  // An int column (Drizzle's mode is not in the database) keeps the SQL as written.
  ASSERT_TRUE(u.findColumn("created_at")->defaultValue);
  EXPECT_EQ(u.findColumn("created_at")->defaultValue->kind, ir::ExprKind::Raw);
  EXPECT_EQ(u.findColumn("created_at")->defaultValue->text, "unixepoch()");
  ASSERT_TRUE(u.findColumn("seen_at")->defaultValue);
  EXPECT_EQ(u.findColumn("seen_at")->defaultValue->kind, ir::ExprKind::Now);
  EXPECT_EQ(u.findColumn("seen_at")->defaultValue->text, "timestamp_s");
  ASSERT_TRUE(u.findColumn("at_ms")->defaultValue);
  EXPECT_EQ(u.findColumn("at_ms")->defaultValue->kind, ir::ExprKind::Now);
  EXPECT_EQ(u.findColumn("at_ms")->defaultValue->text, "timestamp");
}

TEST(PullDeclaredTypes, RecreatingFromThePulledIrGivesTheSameDatabase) {
  auto db = drizzleDb();
  ir::Schema live = inspect(*db);
  ir::Schema recovered = recoverExpressions(live);
  auto again = rt::open("file::memory:");
  again->execute(codegen::sqlite::createSchemaScript(recovered));
  EXPECT_EQ(inspect(*again, &live), live);
}

// The pulled text compiles, and the database it creates reads back as the one it was pulled
// from (declared types compared as SQLite does: ignoring case and spacing).
void expectPullRoundTrips(rt::Connection& db) {
  std::string text = pullSchemaText(db);
  ir::Schema live = inspect(db);
  auto again = rt::open("file::memory:");
  again->execute(codegen::sqlite::createSchemaScript(testing::compileSchemaText(text)));
  ir::Schema got = inspect(*again, &live);
  std::string diff;
  for (const std::string& d : describeDifferences(live, got)) diff += d + "\n";
  EXPECT_EQ(got, live) << text << diff;
}

TEST(PullDeclaredTypes, PulledDrizzleTableCompilesAndRoundTrips) {
  auto db = drizzleDb();
  std::string text = pullSchemaText(*db);
  // The whole file compiles, so expressions are the language's where it can spell them.
  EXPECT_NE(text.find("seen_at     timestamp(s)?    default now\n"), std::string::npos) << text;
  EXPECT_NE(text.find("at_ms       timestamp?       default now\n"), std::string::npos) << text;
  EXPECT_NE(text.find("default sql\"unixepoch()\""), std::string::npos) << text;
  EXPECT_NE(text.find("default \"member\""), std::string::npos) << text;
  expectPullRoundTrips(*db);
}

// The declared text comes back as the database spells it; only whitespace the language's
// `sqltype` does not accept is changed, and the result still compiles and round-trips.
TEST(PullDeclaredTypes, DeclaredTextKeepsItsSpellingUpToWhitespace) {
  auto db = rt::open("file::memory:");
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a NUMERIC(10,2), b numeric ( 10 ,  2 ), "
      "c Double   Precision, d nvarchar\n(30), e decimal(+5, -1), f text (256))");
  std::string text = pullSchemaText(*db);
  for (const char* want : {"sqltype \"NUMERIC(10,2)\"\n", "sqltype \"numeric (10, 2)\"\n",
                           "sqltype \"Double Precision\"\n", "sqltype \"nvarchar (30)\"\n",
                           "sqltype \"decimal(+5, -1)\"\n", "sqltype \"text (256)\"\n"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  expectPullRoundTrips(*db);
}

TEST(PullDeclaredTypes, SchemaWithTheNewModifiersRoundTripsThroughPull) {
  const char* schema = R"S(enum role { admin member }
table events {
  id         int            primary autoincrement
  seen       timestamp(s)?  default now
  created_at timestamp(s)   sqltype "integer" default now
  active     bool           unchecked sqltype "integer" default false
  flag       bool           sqltype "integer"
  meta       json?          unchecked sqltype "text"
  role       role           unchecked default member
  role2      role           sqltype "varchar(20)"
  code       varchar(8)?    unchecked
  title      text           sqltype "text(256)"
  price      decimal(10, 2) sqltype "NUMERIC(10,2)"
}
)S";
  auto db = rt::open("file::memory:");
  db->execute(codegen::sqlite::createSchemaScript(testing::compileSchemaText(schema)));
  std::string text = pullSchemaText(*db);
  for (const char* want :
       {"seen        timestamp(s)?", "sqltype \"text(256)\"", "sqltype \"NUMERIC(10,2)\"\n",
        "role2       varchar(20)     unchecked\n"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  expectPullRoundTrips(*db);
}

}  // namespace
}  // namespace schemac::db
