// One expression the language cannot write keeps only itself raw: every other recovered
// expression of the file is still written in the language (issue 16: one unknown function used
// to demote every expression of the file to sql"...").
#include <gtest/gtest.h>

#include <string>

#include "codegen/sqlite_test_util.h"
#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"

namespace schemac::db {
namespace {

using schemac::testing::TempDb;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// typeof() is SQLite's, not the language's: its check parses as a call, lowers to the same
// SQL on its own, and only compiling the file shows sema does not know it.
constexpr const char* kTables = R"(
  CREATE TABLE "items" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "qty" integer NOT NULL DEFAULT 0 CHECK ("qty" >= 0),
    "price" real NOT NULL DEFAULT 1.5 CHECK ("price" > 0 AND "price" < 1000),
    "code" text NOT NULL CHECK (typeof("code") = 'text'),
    "name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 80),
    "note" text NULL CHECK ("note" IS NULL OR "note" LIKE 'n%'));
  CREATE INDEX "items_cheap" ON "items" ("price") WHERE "price" < 10;
  CREATE TABLE "orders" ("id" integer NOT NULL PRIMARY KEY,
    "item_id" integer NOT NULL REFERENCES "items" ("id"),
    "total" real NOT NULL CHECK (abs("total") = "total"));
)";

TEST(PullDemote, OnlyTheExpressionSemaRejectsStaysRaw) {
  TempDb db;
  db->execute(kTables);
  std::string text = pullSchemaText(*db);
  EXPECT_EQ(count(text, "sql\""), 1u) << text;
  EXPECT_NE(text.find("sql\"typeof(\\\"code\\\") = 'text'\""), std::string::npos) << text;
  for (const char* want : {"default 0", "default 1.5", "(qty >= 0)", "(price > 0 and price < 1000)",
                           "(length(name) between 1 and 80)", "(note is null or note like \"n%\")",
                           "where price < 10", "(abs(total) = total)"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // And the file describes the database: introspected against it, the database is what it
  // lowers to.
  ir::Schema compiled = testing::compileSchemaText(text);
  ir::Schema expected = normalizeForSqlite(compiled);
  EXPECT_EQ(describeDifferences(expected, inspect(*db, &compiled, &expected)),
            std::vector<std::string>{});
}

// Several expressions sema rejects, scattered among good ones: each stays raw alone.
TEST(PullDemote, EachRejectedExpressionIsFoundAlone) {
  TempDb db;
  std::string sql;
  for (int i = 0; i < 9; ++i) {
    std::string n = std::to_string(i);
    sql += "CREATE TABLE t" + n + " (id INTEGER PRIMARY KEY, a INTEGER NOT NULL DEFAULT " + n +
           " CHECK (a >= " + n + "), b TEXT NOT NULL CHECK (" +
           (i % 3 == 1 ? "hex(b) != ''" : "length(b) > " + n) + "));\n";
  }
  db->execute(sql);
  std::string text = pullSchemaText(*db);
  EXPECT_EQ(count(text, "sql\""), 3u) << text;
  EXPECT_EQ(count(text, "sql\"hex(b) != ''\""), 3u) << text;
  for (int i = 0; i < 9; ++i) {
    std::string n = std::to_string(i);
    EXPECT_NE(text.find("default " + n), std::string::npos) << n << "\n" << text;
    EXPECT_NE(text.find("(a >= " + n + ")"), std::string::npos) << n << "\n" << text;
  }
}

}  // namespace
}  // namespace schemac::db
