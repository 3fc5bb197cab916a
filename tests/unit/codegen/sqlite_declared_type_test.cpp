// The three column facts for databases schemac did not create: `timestamp(s)` (unix seconds),
// `sqltype "..."` (the declared type the database has) and `unchecked` (no type-implied CHECK),
// as SQLite lowering writes them and as a rebuild carries rows across a change of them.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/inspect.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;
using K = ir::TypeKind;

ir::Type seconds() {
  ir::Type t = type(K::Timestamp);
  t.unit = ir::TimeUnit::Seconds;
  return t;
}

ir::Column withSqlType(ir::Column c, std::string sqlType) {
  c.sqlType = std::move(sqlType);
  return c;
}

ir::Column unchecked(ir::Column c) {
  c.unchecked = true;
  return c;
}

ir::Schema oneTable(std::vector<ir::Column> columns) {
  ir::Schema s;
  s.enums = {ir::Enum{"role", {{"admin", "", {}}, {"member", "", {}}}, "", {}}};
  ir::Table t;
  t.name = "t";
  t.columns = {column("id", type(K::Int))};
  for (ir::Column& c : columns) t.columns.push_back(std::move(c));
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  return s;
}

std::string definition(const ir::Column& c) {
  ir::Schema s = oneTable({c});
  return sq::columnDefinition(s, s.tables[0], s.tables[0].columns[1]);
}

TEST(SqliteDeclaredType, SecondsTimestampHasItsOwnName) {
  EXPECT_EQ(sq::typeName(seconds()), "TIMESTAMP_S");
  EXPECT_EQ(sq::typeName(type(K::Timestamp)), "TIMESTAMP");
  ir::Expr now = lit(ir::ExprKind::Now, "timestamp_s");
  EXPECT_EQ(definition(withDefault(column("at", seconds()), now)),
            "\"at\" TIMESTAMP_S NOT NULL DEFAULT (unixepoch())");
}

TEST(SqliteDeclaredType, NowInSecondsIsTheCurrentUnixTime) {
  TempDb db;
  ir::Schema s = oneTable(
      {withDefault(column("at", seconds()), lit(ir::ExprKind::Now, "timestamp_s")),
       withDefault(column("ms", type(K::Timestamp)), lit(ir::ExprKind::Now, "timestamp"))});
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute("INSERT INTO t (id) VALUES (1)");
  EXPECT_EQ(scalar(*db, "SELECT typeof(at) FROM t"), "integer");
  // The same instant in both units, taken in one statement.
  EXPECT_EQ(scalar(*db, "SELECT abs(at - ms / 1000) <= 1 FROM t"), "1");
  EXPECT_EQ(scalar(*db, "SELECT abs(at - unixepoch()) <= 2 FROM t"), "1");
}

TEST(SqliteDeclaredType, SqlTypeReplacesTheLoweredType) {
  EXPECT_EQ(definition(withSqlType(column("name", type(K::Text)), "text(256)")),
            "\"name\" text(256) NOT NULL");
  EXPECT_EQ(definition(withSqlType(column("at", seconds(), true), "integer")), "\"at\" integer");
  // A sqltype implies no check; the type's own check stays unless the column is unchecked.
  EXPECT_EQ(definition(withSqlType(column("on", type(K::Bool)), "integer")),
            "\"on\" integer NOT NULL CHECK (\"on\" IN (0, 1))");
  EXPECT_EQ(sq::declaredType(withSqlType(column("x", type(K::Int)), "bigint")), "bigint");
  EXPECT_EQ(sq::declaredType(column("x", varcharType(3))), "VARCHAR(3)");
}

TEST(SqliteDeclaredType, UncheckedColumnsHaveNoImpliedCheck) {
  EXPECT_EQ(definition(unchecked(column("on", type(K::Bool)))), "\"on\" BOOLEAN NOT NULL");
  EXPECT_EQ(definition(unchecked(column("r", enumType("role")))), "\"r\" TEXT NOT NULL");
  EXPECT_EQ(definition(unchecked(column("j", type(K::Json), true))), "\"j\" TEXT");
  EXPECT_EQ(definition(unchecked(column("v", varcharType(4)))), "\"v\" VARCHAR(4) NOT NULL");
  // A value the check would refuse is stored.
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(oneTable({unchecked(column("r", enumType("role"))),
                                                        unchecked(column("on", type(K::Bool)))})));
  db->execute("INSERT INTO t (id, r, \"on\") VALUES (1, 'owner', 7)");
  EXPECT_EQ(scalar(*db, "SELECT r || \"on\" FROM t"), "owner7");
}

TEST(SqliteDeclaredType, SameDeclaredTypeIgnoresCaseAndSpacing) {
  EXPECT_TRUE(sq::sameDeclaredType("integer", "INTEGER"));
  EXPECT_TRUE(sq::sameDeclaredType("DECIMAL (12,2)", "decimal(12, 2)"));
  EXPECT_FALSE(sq::sameDeclaredType("text(256)", "TEXT"));
  EXPECT_FALSE(sq::sameDeclaredType("INT", "INTEGER"));
}

// The migration of a one-column change of table t, as the differ plans it (the lowering is
// tested here on its own, whatever the differ decides about sqltype and unchecked).
sq::Migration alterOneColumn(const ir::Schema& prev, const ir::Schema& next, const char* name) {
  auto plan = [&](const ir::Schema& from, const ir::Schema& to) {
    diff::Plan p;
    p.changes.push_back({diff::AlterColumn{"t", *from.tables[0].findColumn(name),
                                           *to.tables[0].findColumn(name), diff::kType},
                         diff::Safety::Safe, ""});
    return p;
  };
  sq::Migration m;
  m.upPlan = plan(prev, next);
  m.downPlan = plan(next, prev);
  m.up = sq::lowerPlan(prev, next, m.upPlan);
  m.down = sq::lowerPlan(next, prev, m.downPlan);
  return m;
}

// Rows written before a migration, read after it: `SELECT <expr> FROM t ORDER BY id`.
std::string afterMigration(const ir::Schema& prev, const ir::Schema& next, const char* inserts,
                           const char* changed, const char* expr) {
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(prev));
  db->execute(inserts);
  sq::Migration m = alterOneColumn(prev, next, changed);
  EXPECT_TRUE(m.up.rebuildsTables());
  db::VerifyResult v = db::verifyMigration(prev, next, m);
  EXPECT_TRUE(v.ok) << v.stage << ": " << v.difference;
  rt::applyScript(*db, m.up.body());
  EXPECT_EQ(db::inspect(*db, &next), db::normalizeForSqlite(next));
  return scalar(*db, std::string("SELECT group_concat(coalesce(") + expr +
                         ", 'NULL'), ',') FROM (SELECT * FROM t ORDER BY id)");
}

TEST(SqliteDeclaredType, RebuildConvertsATimestampThatChangesUnit) {
  ir::Schema ms = oneTable({column("at", type(K::Timestamp), true)});
  ir::Schema s = oneTable({column("at", seconds(), true)});
  const char* rows =
      "INSERT INTO t (id, at) VALUES (1, 1700000000123), (2, NULL), (3, 1700000001000)";
  EXPECT_EQ(afterMigration(ms, s, rows, "at", "at"), "1700000000,NULL,1700000001");
  const char* secs = "INSERT INTO t (id, at) VALUES (1, 1700000000), (2, NULL)";
  EXPECT_EQ(afterMigration(s, ms, secs, "at", "at"), "1700000000000,NULL");
  // The differ sees a unit change as a type change; down converts back.
  sq::Migration m = sq::buildMigration(s, ms);
  EXPECT_NE(m.down.body().find("\"at\" / 1000"), std::string::npos) << m.down.body();
  EXPECT_NE(m.up.body().find("\"at\" * 1000"), std::string::npos) << m.up.body();
}

TEST(SqliteDeclaredType, SqlTypeAndUncheckedChangesRebuildAndVerify) {
  ir::Schema plain = oneTable({column("name", type(K::Text)), column("on", type(K::Bool))});
  ir::Schema foreign = oneTable({withSqlType(column("name", type(K::Text)), "text(256)"),
                                 unchecked(withSqlType(column("on", type(K::Bool)), "integer"))});
  const char* rows = "INSERT INTO t (id, name, \"on\") VALUES (1, 'a', 1), (2, 'b', 0)";
  EXPECT_EQ(afterMigration(plain, foreign, rows, "on", "name || \"on\""), "a1,b0");
  EXPECT_EQ(afterMigration(foreign, plain, rows, "on", "name || \"on\""), "a1,b0");
  EXPECT_EQ(afterMigration(plain, foreign, rows, "name", "name || \"on\""), "a1,b0");
}

}  // namespace
}  // namespace schemac
