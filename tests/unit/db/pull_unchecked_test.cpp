// Tables made by another tool (Django) declare `varchar(150)` and `bool` without the CHECK
// schemac's lowering gives those types: introspection reads them `unchecked`, so pull writes
// a schema that recreates the table without a check nobody asked for, and a schema that
// expects the check sees the difference.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <string>

#include "codegen/sqlite_test_util.h"
#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"

namespace schemac::db {
namespace {

using schemac::testing::TempDb;

// What Django 4/5 `migrate` writes for auth_user and a model with a JSONField, a
// PositiveIntegerField and a checked varchar of its own.
constexpr const char* kDjangoTables = R"(
  CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL,
    "username" varchar(150) NOT NULL UNIQUE, "last_name" varchar(150) NOT NULL,
    "email" varchar(254) NOT NULL, "is_staff" bool NOT NULL, "is_active" bool NOT NULL,
    "date_joined" datetime NOT NULL, "first_name" varchar(150) NOT NULL);
  CREATE TABLE "shop_item" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" varchar(150) NOT NULL,
    "code" varchar(8) NOT NULL CHECK (length("code") <= 8),
    "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)),
    "stock" integer unsigned NOT NULL CHECK ("stock" >= 0),
    "meta" JSON NULL);
)";

std::string joinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

const ir::Column& col(const ir::Schema& s, const char* table, const char* column) {
  const ir::Table* t = s.findTable(table);
  EXPECT_NE(t, nullptr) << table;
  const ir::Column* c = t ? t->findColumn(column) : nullptr;
  EXPECT_NE(c, nullptr) << table << "." << column;
  static const ir::Column kNone;
  return c ? *c : kNone;
}

TEST(PullUnchecked, DjangoColumnsWithoutTheirCheckReadBackUnchecked) {
  TempDb db;
  db->execute(kDjangoTables);
  ir::Schema live = inspect(*db);

  const ir::Column& name = col(live, "auth_user", "username");
  EXPECT_EQ(ir::typeToString(name.type), "varchar(150)");
  EXPECT_TRUE(name.unchecked);
  EXPECT_EQ(name.sqlType, "");  // varchar(150) is what the type lowers to, ignoring case

  const ir::Column& staff = col(live, "auth_user", "is_staff");
  EXPECT_EQ(staff.type.kind, ir::TypeKind::Bool);  // not `real sqltype "bool"`
  EXPECT_TRUE(staff.unchecked);
  EXPECT_EQ(staff.sqlType, "bool");  // BOOLEAN is the lowering's spelling

  // The length check lowering writes is there: a checked varchar, no user check left.
  const ir::Column& code = col(live, "shop_item", "code");
  EXPECT_EQ(ir::typeToString(code.type), "varchar(8)");
  EXPECT_FALSE(code.unchecked);
  // Django's own JSON check is not lowering's: a text column and a user check.
  EXPECT_EQ(col(live, "shop_item", "data").type.kind, ir::TypeKind::Text);
  const ir::Column& meta = col(live, "shop_item", "meta");
  EXPECT_EQ(meta.type.kind, ir::TypeKind::Json);
  EXPECT_TRUE(meta.unchecked);
  EXPECT_EQ(meta.sqlType, "JSON");
  const ir::Table* item = live.findTable("shop_item");
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->checks.size(), 2u) << joinLines(describeDifferences(ir::Schema{}, live));
}

TEST(PullUnchecked, PulledDjangoSchemaCompilesAndRecreatesTheSameTables) {
  TempDb db;
  db->execute(kDjangoTables);
  std::string text = pullSchemaText(*db);
  for (const char* want :
       {R"(\n  username +varchar\(150\) +unchecked\n)",
        R"(\n  is_staff +bool +unchecked sqltype "bool"\n)", R"(\n  code +varchar\(8\)\n)",
        R"(\n  meta +json\? +unchecked sqltype "JSON"\n)"}) {
    EXPECT_TRUE(std::regex_search(text, std::regex(want))) << want << "\n" << text;
  }

  ir::Schema live = inspect(*db);
  TempDb again;
  rt::applyScript(*again, codegen::sqlite::createSchemaScript(testing::compileSchemaText(text)));
  ir::Schema got = inspect(*again, &live);
  EXPECT_EQ(got, live) << text << joinLines(describeDifferences(live, got));
  // No check the Django table did not have.
  std::string created = testing::scalar(
      *again, "SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name = 'auth_user'");
  EXPECT_EQ(created.find("CHECK"), std::string::npos) << created;
  EXPECT_EQ(pullSchemaText(*again), text);
}

TEST(PullUnchecked, ACheckedSchemaDiffersFromTheDjangoDatabase) {
  TempDb db;
  db->execute(kDjangoTables);
  const char* schema = R"S(table auth_user {
  id           int           primary autoincrement
  password     varchar(128)  unchecked
  last_login   real?         sqltype "datetime"
  is_superuser bool          unchecked sqltype "bool"
  username     varchar(150)
  last_name    varchar(150)  unchecked
  email        varchar(254)  unchecked
  is_staff     bool          sqltype "bool"
  is_active    bool          unchecked sqltype "bool"
  date_joined  real          sqltype "datetime"
  first_name   varchar(150)  unchecked
  unique constraint (username)
}
)S";
  ir::Schema s = testing::compileSchemaText(schema);
  ir::Schema want = normalizeForSqlite(s);
  ir::Schema live = inspect(*db, &s, &want);
  live.tables.erase(live.tables.begin() + 1);  // shop_item: not in this schema
  std::string diff = joinLines(describeDifferences(want, live));
  EXPECT_NE(diff.find("column \"username\": unchecked: expected false, got true"),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("column \"is_staff\": unchecked: expected false, got true"),
            std::string::npos)
      << diff;
  EXPECT_EQ(std::count(diff.begin(), diff.end(), '\n'), 2) << diff;

  // Saying `unchecked` as pull does makes them equal.
  std::string fixed = schema;
  for (const char* from : {"username     varchar(150)", "is_staff     bool         "}) {
    std::size_t at = fixed.find(from);
    ASSERT_NE(at, std::string::npos);
    fixed.insert(at + std::string(from).size(), " unchecked");
  }
  ir::Schema s2 = testing::compileSchemaText(fixed);
  ir::Schema want2 = normalizeForSqlite(s2);
  EXPECT_EQ(inspect(*db, &s2, &want2).tables.at(0), want2.tables.at(0))
      << joinLines(describeDifferences(want2, live));
}

// Django's `bool` and schemac's BOOLEAN give a column the same (NUMERIC) affinity, so reading
// `bool` as a bool changes nothing about what the database stores.
TEST(PullUnchecked, BoolAndBooleanHaveTheSameAffinity) {
  TempDb db;
  db->execute("CREATE TABLE t (a bool, b BOOLEAN)");
  for (const char* v : {"'1'", "'0.0'", "'yes'", "2.0", "x'01'"}) {
    db->execute(std::string("DELETE FROM t; INSERT INTO t VALUES (") + v + ", " + v + ")");
    EXPECT_EQ(testing::scalar(*db, "SELECT typeof(a) FROM t"),
              testing::scalar(*db, "SELECT typeof(b) FROM t"))
        << v;
  }
  EXPECT_EQ(testing::scalar(*db, "SELECT count(*) FROM t"), "1");
}

}  // namespace
}  // namespace schemac::db
