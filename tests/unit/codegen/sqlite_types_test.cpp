// Type mapping: declared names, implied checks, and what SQLite actually stores for them.
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

TEST(SqliteTypes, DeclaredNames) {
  EXPECT_EQ(sq::typeName(type(K::Int)), "INTEGER");
  EXPECT_EQ(sq::typeName(type(K::Int32)), "INT");
  EXPECT_EQ(sq::typeName(type(K::Real)), "REAL");
  EXPECT_EQ(sq::typeName(decimalType(12, 2)), "DECIMAL(12, 2)");
  EXPECT_EQ(sq::typeName(type(K::Text)), "TEXT");
  EXPECT_EQ(sq::typeName(varcharType(80)), "VARCHAR(80)");
  EXPECT_EQ(sq::typeName(type(K::Bool)), "BOOLEAN");
  EXPECT_EQ(sq::typeName(type(K::Timestamp)), "TIMESTAMP");
  EXPECT_EQ(sq::typeName(type(K::Date)), "DATE");
  EXPECT_EQ(sq::typeName(type(K::Uuid)), "UUID");
  EXPECT_EQ(sq::typeName(type(K::Json)), "TEXT");
  EXPECT_EQ(sq::typeName(type(K::Blob)), "BLOB");
  EXPECT_EQ(sq::typeName(enumType("status")), "TEXT");
}

TEST(SqliteTypes, ImpliedChecks) {
  ir::Schema s = sampleSchema();
  EXPECT_EQ(sq::impliedCheck(s, column("ok", type(K::Bool))), "\"ok\" IN (0, 1)");
  EXPECT_EQ(sq::impliedCheck(s, column("n", varcharType(5))), "length(\"n\") <= 5");
  EXPECT_EQ(sq::impliedCheck(s, column("j", type(K::Json))), "\"j\" IS NULL OR json_valid(\"j\")");
  EXPECT_EQ(sq::impliedCheck(s, column("st", enumType("invoice_status"))),
            "\"st\" IN ('draft', 'sent', 'paid', 'void')");
  EXPECT_EQ(sq::impliedCheck(s, column("a\"b", type(K::Bool))), "\"a\"\"b\" IN (0, 1)");
  for (K k : {K::Int, K::Int32, K::Real, K::Text, K::Timestamp, K::Date, K::Uuid, K::Blob}) {
    EXPECT_EQ(sq::impliedCheck(s, column("c", type(k))), "") << ir::typeKindName(k);
  }
  EXPECT_EQ(sq::impliedCheck(s, column("c", decimalType(1, 0))), "");
}

// The declared names are chosen for their affinity: check what SQLite stores.
TEST(SqliteTypes, AffinityOfStoredValues) {
  TempDb db;
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {column("i", type(K::Int), true),   column("i32", type(K::Int32), true),
               column("r", type(K::Real), true),  column("d", decimalType(10, 2), true),
               column("tx", type(K::Text), true), column("v", varcharType(3), true),
               column("b", type(K::Bool), true),  column("ts", type(K::Timestamp), true),
               column("dt", type(K::Date), true), column("u", type(K::Uuid), true),
               column("j", type(K::Json), true),  column("bl", type(K::Blob), true)};
  s.tables.push_back(t);
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute(
      "INSERT INTO t (i, i32, r, d, tx, v, b, ts, dt, u, j, bl) VALUES ('7', '8', '1', '1.50', 12, "
      "'abc', '1', '1700000000000', '2024-01-31', '123e4567-e89b-12d3-a456-426614174000', '1', "
      "x'00')");
  EXPECT_EQ(scalar(*db, "SELECT typeof(i) || typeof(i32) || typeof(r) || typeof(d) FROM t"),
            "integerintegerrealreal");
  EXPECT_EQ(scalar(*db, "SELECT typeof(tx) || typeof(v) || typeof(b) || typeof(ts) FROM t"),
            "texttextintegerinteger");
  EXPECT_EQ(scalar(*db, "SELECT typeof(dt) || typeof(u) || typeof(j) || typeof(bl) FROM t"),
            "texttexttextblob");
  // A JSON column declared JSON would have NUMERIC affinity and turn '1' into 1.
  EXPECT_EQ(scalar(*db, "SELECT j FROM t"), "1");
  // NULL passes every implied check of a nullable column.
  db->execute("INSERT INTO t (i) VALUES (NULL)");
  EXPECT_EQ(scalar(*db, "SELECT count(*) FROM t"), "2");
}

TEST(SqliteTypes, ImpliedChecksAreEnforced) {
  TempDb db;
  ir::Schema s = sampleSchema();
  rt::applyScript(*db, sq::createSchemaScript(s));
  db->execute("INSERT INTO users (email, token) VALUES ('a@b.example', 'u1')");
  EXPECT_THROW(db->execute("INSERT INTO users (email, token, active) VALUES ('x@y.z', 'u', 2)"),
               rt::DbError);
  EXPECT_THROW(db->execute("INSERT INTO users (email, token, meta) VALUES ('x@y.z', 'u', '{bad')"),
               rt::DbError);
  EXPECT_THROW(db->execute("INSERT INTO users (email, token) VALUES ('" + std::string(121, 'x') +
                           "@', 'u')"),
               rt::DbError);
  EXPECT_THROW(db->execute("INSERT INTO invoices (user_id, number, amount, status) VALUES (1, "
                           "'n', 1, 'lost')"),
               rt::DbError);
  db->execute("INSERT INTO invoices (user_id, number, amount, status) VALUES (1, 'n', 1, 'paid')");
  EXPECT_EQ(scalar(*db, "SELECT status FROM invoices"), "paid");
}

}  // namespace
}  // namespace schemac
