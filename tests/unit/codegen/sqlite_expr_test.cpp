// Expression lowering: literals, quoting, operators, precedence (checked by evaluating the
// SQL in SQLite), portable functions and raw SQL.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;
using K = ir::ExprKind;

std::string render(const ir::Expr& e) {
  static const ir::Schema schema;
  static const ir::Table table;
  return sq::renderExpr(schema, table, e);
}

ir::Expr unary(std::string o, ir::Expr a) { return op(K::Unary, std::move(o), {std::move(a)}); }

TEST(SqliteExpr, Literals) {
  EXPECT_EQ(render(lit(K::Null)), "NULL");
  EXPECT_EQ(render(lit(K::Bool, "true")), "1");
  EXPECT_EQ(render(lit(K::Bool, "false")), "0");
  EXPECT_EQ(render(num("-42")), "-42");
  EXPECT_EQ(render(lit(K::Decimal, "12.50")), "12.50");
  EXPECT_EQ(render(str("it's")), "'it''s'");
  EXPECT_EQ(render(str("")), "''");
  EXPECT_EQ(render(str("two\nlines")), "'two\nlines'");
  EXPECT_EQ(render(lit(K::EnumValue, "draft")), "'draft'");
  EXPECT_EQ(render(col("order")), "\"order\"");
  EXPECT_EQ(render(col("a\"b")), "\"a\"\"b\"");
  EXPECT_EQ(render(lit(K::Raw, "datetime('now')")), "datetime('now')");
}

TEST(SqliteExpr, Now) {
  EXPECT_EQ(render(lit(K::Now, "timestamp")),
            "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)");
  EXPECT_EQ(render(lit(K::Now, "date")), "date('now')");
}

TEST(SqliteExpr, OperatorsAndPredicates) {
  EXPECT_EQ(render(bin("and", bin("=", col("a"), num("1")), bin("!=", col("b"), str("x")))),
            "\"a\" = 1 AND \"b\" != 'x'");
  EXPECT_EQ(render(op(K::IsNull, "", {col("a")})), "\"a\" IS NULL");
  EXPECT_EQ(render(op(K::IsNull, "", {col("a")}, true)), "\"a\" IS NOT NULL");
  EXPECT_EQ(render(op(K::In, "", {col("a"), num("1"), num("2")})), "\"a\" IN (1, 2)");
  EXPECT_EQ(render(op(K::In, "", {col("a"), str("x")}, true)), "\"a\" NOT IN ('x')");
  EXPECT_EQ(render(op(K::Like, "", {col("a"), str("%x")}, true)), "\"a\" NOT LIKE '%x'");
  EXPECT_EQ(render(op(K::Between, "", {col("a"), num("1"), num("9")})), "\"a\" BETWEEN 1 AND 9");
  EXPECT_EQ(render(unary("not", col("a"))), "NOT \"a\"");
  EXPECT_EQ(render(bin("||", col("a"), col("b"))), "\"a\" || \"b\"");
  EXPECT_EQ(render(bin("%", col("a"), num("2"))), "\"a\" % 2");
}

TEST(SqliteExpr, ParenthesesFollowPrecedence) {
  EXPECT_EQ(render(bin("*", bin("+", num("1"), num("2")), num("3"))), "(1 + 2) * 3");
  EXPECT_EQ(render(bin("+", num("1"), bin("*", num("2"), num("3")))), "1 + 2 * 3");
  EXPECT_EQ(render(bin("-", bin("-", num("1"), num("2")), num("3"))), "1 - 2 - 3");
  EXPECT_EQ(render(bin("-", num("1"), bin("-", num("2"), num("3")))), "1 - (2 - 3)");
  EXPECT_EQ(render(bin("and", bin("or", col("a"), col("b")), col("c"))),
            "(\"a\" OR \"b\") AND \"c\"");
  EXPECT_EQ(render(bin("or", bin("and", col("a"), col("b")), col("c"))),
            "\"a\" AND \"b\" OR \"c\"");
  EXPECT_EQ(render(unary("not", bin("or", col("a"), col("b")))), "NOT (\"a\" OR \"b\")");
  EXPECT_EQ(render(unary("-", bin("+", col("a"), num("1")))), "-(\"a\" + 1)");
  // Comparison chains are always parenthesised.
  EXPECT_EQ(render(bin("=", bin("<", col("a"), col("b")), num("1"))), "(\"a\" < \"b\") = 1");
  EXPECT_EQ(render(bin("=", op(K::IsNull, "", {col("a")}), lit(K::Bool, "false"))),
            "(\"a\" IS NULL) = 0");
  // Never "--", which would start a comment.
  EXPECT_EQ(render(unary("-", num("-5"))), "-(-5)");
  EXPECT_EQ(render(unary("-", unary("-", col("a")))), "-(-\"a\")");
  EXPECT_EQ(render(bin("-", col("a"), num("-1"))), "\"a\" - -1");
  // Raw SQL is opaque: parenthesised whenever it is an operand.
  EXPECT_EQ(render(bin("*", lit(K::Raw, "1 + 1"), num("2"))), "(1 + 1) * 2");
  EXPECT_EQ(render(op(K::Between, "", {col("a"), bin("and", col("b"), col("c")), num("1")})),
            "\"a\" BETWEEN (\"b\" AND \"c\") AND 1");
}

// The parentheses are right when SQLite computes what the tree means.
TEST(SqliteExpr, RenderedSqlEvaluatesAsTheTreeMeans) {
  TempDb db;
  struct Case {
    ir::Expr e;
    std::string value;
  };
  std::vector<Case> cases = {
      {bin("*", bin("+", num("1"), num("2")), num("3")), "9"},
      {bin("-", num("1"), bin("-", num("2"), num("3"))), "2"},
      {bin("-", bin("-", num("1"), num("2")), num("3")), "-4"},
      {bin("/", num("12"), bin("/", num("6"), num("2"))), "4"},
      {bin("%", num("7"), bin("%", num("5"), num("3"))), "1"},
      {unary("-", num("-5")), "5"},
      {unary("-", bin("-", num("2"), num("5"))), "3"},
      {bin("||", str("a"), bin("||", str("b"), str("c"))), "abc"},
      {bin("||", bin("+", num("1"), num("2")), str("x")), "3x"},
      {unary("not", bin("and", lit(K::Bool, "true"), lit(K::Bool, "false"))), "1"},
      {bin("and", unary("not", lit(K::Bool, "false")), lit(K::Bool, "false")), "0"},
      {bin("=", bin("=", num("1"), num("2")), num("0")), "1"},
      {bin("=", num("0"), bin("=", num("1"), num("2"))), "1"},
      {op(K::Between, "", {num("5"), bin("-", num("1"), num("1")), bin("*", num("2"), num("3"))}),
       "1"},
      {op(K::Between, "", {num("5"), num("6"), num("9")}, true), "1"},
      {op(K::In, "", {bin("+", num("1"), num("1")), num("2"), num("3")}), "1"},
      {op(K::IsNull, "", {bin("+", lit(K::Null), num("1"))}), "1"},
      {op(K::Like, "", {bin("||", str("ab"), str("c")), str("a%")}), "1"},
      {bin("=", op(K::IsNull, "", {num("1")}), num("0")), "1"},
      {bin("or", bin("and", lit(K::Bool, "false"), lit(K::Bool, "false")), lit(K::Bool, "true")),
       "1"},
      {bin("and", lit(K::Bool, "false"), bin("or", lit(K::Bool, "false"), lit(K::Bool, "true"))),
       "0"},
      {call("coalesce", {lit(K::Null), call("upper", {str("x")})}), "X"},
      {call("concat", {str("a"), lit(K::Null), str("b")}), "ab"},
      {bin("||", call("concat", {str("a"), str("b")}), str("c")), "abc"},
      {call("substring", {str("hello"), num("2"), num("3")}), "ell"},
      {call("char_length", {str("héllo")}), "5"},
      {bin("*", lit(K::Raw, "1 + 1"), num("3")), "6"},
  };
  for (const Case& c : cases) {
    std::string sql = render(c.e);
    EXPECT_EQ(scalar(*db, "SELECT " + sql), c.value) << sql;
  }
}

TEST(SqliteExpr, MalformedTreesThrowInsteadOfCrashing) {
  EXPECT_THROW(render(op(K::Binary, "+", {num("1")})), std::logic_error);
  EXPECT_THROW(render(op(K::Binary, "^", {num("1"), num("2")})), std::logic_error);
  EXPECT_THROW(render(op(K::Unary, "~", {num("1")})), std::logic_error);
  EXPECT_THROW(render(op(K::Between, "", {num("1"), num("2")})), std::logic_error);
}

}  // namespace
}  // namespace schemac
