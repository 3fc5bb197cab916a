// timestamp(s), sqltype and unchecked on a real libSQL server (tursodb), which re-prints every
// CREATE statement it stores: what inspect reads is still normalizeForSqlite of the schema, and
// a rebuild that changes a timestamp's unit converts the rows.
#include <gtest/gtest.h>

#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"
#include "turso_server.h"

namespace schemac {
namespace {

using K = ir::TypeKind;

ir::Column col(std::string name, K kind, std::string sqlType = {}, bool unchecked = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = true;
  c.sqlType = std::move(sqlType);
  c.unchecked = unchecked;
  if (kind == K::Enum) c.type.enumName = "role";
  if (kind == K::Varchar) c.type.length = 8;
  if (kind == K::Decimal) c.type = {K::Decimal, 10, 2, 0, "", ir::TimeUnit::Millis};
  return c;
}

ir::Column seconds(std::string name, std::string sqlType = {}) {
  ir::Column c = col(std::move(name), K::Timestamp, std::move(sqlType));
  c.type.unit = ir::TimeUnit::Seconds;
  return c;
}

ir::Schema schema(ir::Column at) {
  ir::Schema s;
  s.enums = {ir::Enum{"role", {{"admin", "", {}}, {"member", "", {}}}, "", {}}};
  ir::Table t;
  t.name = "t";
  ir::Column id = col("id", K::Int);
  id.nullable = false;
  ir::Column created = seconds("created", "integer");
  created.nullable = false;
  created.defaultValue = ir::Expr{ir::ExprKind::Now, "timestamp_s", {}, false};
  t.columns = {id,
               std::move(at),
               created,
               col("name", K::Text, "text(256)"),
               col("on", K::Bool, "integer", true),
               col("on2", K::Bool, "integer"),
               col("meta", K::Json, "text", true),
               col("role", K::Enum, "", true),
               col("role2", K::Enum, "varchar(20)"),
               col("code", K::Varchar, "", true),
               col("price", K::Decimal, "NUMERIC(10,2)")};
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  return s;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(DeclaredTypesRemote, TursoReadsBackTheNormalizedSchemaAndConvertsUnits) {
  testing::TempDir tmp;
  testing::TursoServer server(tmp.file("app.db"));
  auto db = rt::open(server.url());
  ir::Schema ms = schema(col("at", K::Timestamp));
  rt::applyScript(*db, codegen::sqlite::createSchemaScript(ms));
  ir::Schema live = db::inspect(*db, &ms);
  EXPECT_EQ(live, db::normalizeForSqlite(ms))
      << joined(db::describeDifferences(db::normalizeForSqlite(ms), live));

  db->execute("INSERT INTO t (id, at) VALUES (1, 1700000000123), (2, NULL)");
  ir::Schema s = schema(seconds("at"));
  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(ms, s);
  ASSERT_TRUE(m.up.rebuildsTables());
  rt::applyScript(*db, m.up.body());
  live = db::inspect(*db, &s);
  EXPECT_EQ(live, db::normalizeForSqlite(s))
      << joined(db::describeDifferences(db::normalizeForSqlite(s), live));
  rt::ResultSet rs = db->query("SELECT at, created > 1600000000 FROM t ORDER BY id");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(rs.rows[0][0], rt::Value(std::int64_t{1700000000}));
  EXPECT_EQ(rs.rows[0][1], rt::Value(std::int64_t{1}));  // default now, in seconds
  EXPECT_EQ(rs.rows[1][0], rt::Value());
}

}  // namespace
}  // namespace schemac
