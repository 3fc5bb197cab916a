#include "schemac/ir_json.h"

#include <gtest/gtest.h>

#include "codegen/sample_schema.h"

namespace schemac {
namespace {

using testing::sampleSchema;

ir::Schema roundTrip(const ir::Schema& s) {
  ir::Schema back;
  std::string error;
  EXPECT_TRUE(ir::fromJson(ir::toCanonicalJson(s), &back, &error)) << error;
  return back;
}

std::string parseError(std::string_view text) {
  ir::Schema s;
  std::string error;
  EXPECT_FALSE(ir::fromJson(text, &s, &error)) << text;
  EXPECT_EQ(error.find('\n'), std::string::npos) << error;
  return error;
}

TEST(IrJson, RoundTripsRichSchema) {
  ir::Schema s = sampleSchema();
  EXPECT_EQ(roundTrip(s), s);
  EXPECT_EQ(roundTrip(ir::withoutHints(s)), ir::withoutHints(s));
}

TEST(IrJson, RoundTripsEmptySchema) {
  ir::Schema s;
  EXPECT_EQ(roundTrip(s), s);
  EXPECT_EQ(ir::toCanonicalJson(s), "{\n  \"enums\": [],\n  \"tables\": []\n}\n");
}

// Every construct of databases schemac did not create (issue 16) survives the round trip, and
// the fast reader leaves such snapshots to the general path instead of misreading them.
TEST(IrJson, RoundTripsSqliteExtras) {
  ir::Schema s = sampleSchema();
  ir::Table& t = s.tables.front();
  t.withoutRowid = true;
  t.strict = true;
  t.primaryKeyName = "pk_" + t.name;
  t.columns.front().collation = "nocase";
  t.columns.front().tsType = "{ a: number }";
  t.columns.back().type = ir::Type{ir::TypeKind::Timestamp, 0, 0, 0, "", ir::TimeUnit::Text};
  ir::Index ix;
  ix.name = t.name + "_lower_idx";
  ix.unique = true;
  ix.constraint = true;
  ix.unnamed = true;
  ir::IndexColumn part;
  part.expr = ir::Expr{ir::ExprKind::Raw, "lower(x)", {}, false};
  part.collation = "rtrim";
  part.desc = true;
  ix.columns.push_back(part);
  ix.columns.push_back(ir::IndexColumn{t.columns.front().name});
  t.indexes.push_back(ix);
  ir::Check c{"c_unnamed", ir::Expr{ir::ExprKind::Raw, "1", {}, false}, true};
  t.checks.push_back(c);
  ir::ForeignKey fk;
  fk.name = "fk_d";
  fk.columns = {t.columns.front().name};
  fk.refTable = t.name;
  fk.refColumns = {t.columns.front().name};
  fk.deferral = ir::Deferral::Deferred;
  fk.unnamed = true;
  t.foreignKeys.push_back(fk);
  s.views.push_back(ir::View{"v", "SELECT 1", "a view"});
  s.triggers.push_back(ir::Trigger{"tr",
                                   t.name,
                                   ir::TriggerTiming::InsteadOf,
                                   ir::TriggerEvent::Update,
                                   {"a", "b"},
                                   true,
                                   "NEW.a > 0",
                                   "BEGIN SELECT 1; END",
                                   "doc"});
  s.virtualTables.push_back(ir::VirtualTable{"docs_fts", "fts5", "title, body", ""});
  ir::canonicalize(s);
  EXPECT_TRUE(ir::usesSqliteExtras(s));
  EXPECT_EQ(roundTrip(s), s);
  std::string json = ir::toCanonicalJson(s);
  EXPECT_NE(json.find("\"deferrable\": \"deferred\""), std::string::npos);
  EXPECT_NE(json.find("\"timing\": \"instead of\""), std::string::npos);
  EXPECT_FALSE(ir::usesSqliteExtras(sampleSchema()));
}

// Fields that sema never sets for a kind (precision on an int, text on a null) still survive.
TEST(IrJson, RoundTripsUnusualFieldCombinations) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  ir::Column c = testing::column("c", testing::type(ir::TypeKind::Int));
  c.type.precision = 7;
  c.type.scale = -3;
  c.type.length = 2147483647;
  c.type.enumName = "x";
  ir::Expr weird = testing::lit(ir::ExprKind::Null, "text on null");
  weird.negated = true;
  weird.args = {testing::lit(ir::ExprKind::Raw, "")};
  c.defaultValue = weird;
  c.generated = ir::Generated{testing::lit(ir::ExprKind::Null), false};
  t.columns.push_back(c);
  ir::Index ix = testing::index("", false, {});
  ix.where = testing::lit(ir::ExprKind::String, "");
  t.indexes.push_back(ix);
  t.foreignKeys.push_back(testing::fk("", {}, "", {}, ir::FkAction::SetDefault));
  s.tables.push_back(t);
  s.enums.push_back(ir::Enum{"e", {}, "doc", {"old"}});
  EXPECT_EQ(roundTrip(s), s);
}

TEST(IrJson, EveryExprKindAndActionRoundTrips) {
  using K = ir::ExprKind;
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  int n = 0;
  for (K k : {K::Null, K::Bool, K::Int, K::Decimal, K::String, K::Now, K::EnumValue, K::Column,
              K::Unary, K::Binary, K::IsNull, K::In, K::Like, K::Between, K::Call, K::Raw}) {
    t.checks.push_back({"c" + std::to_string(n++), testing::op(k, "x", {testing::num("1")}, true)});
  }
  for (ir::FkAction a : {ir::FkAction::NoAction, ir::FkAction::Restrict, ir::FkAction::Cascade,
                         ir::FkAction::SetNull, ir::FkAction::SetDefault}) {
    t.foreignKeys.push_back(
        testing::fk("f" + std::to_string(n++), {"a"}, "t", {"b"}, a, ir::FkAction::Cascade));
    t.foreignKeys.push_back(
        testing::fk("f" + std::to_string(n++), {"a"}, "t", {"b"}, ir::FkAction::Restrict, a));
  }
  for (ir::TypeKind k :
       {ir::TypeKind::Int, ir::TypeKind::Int32, ir::TypeKind::Real, ir::TypeKind::Decimal,
        ir::TypeKind::Text, ir::TypeKind::Varchar, ir::TypeKind::Bool, ir::TypeKind::Timestamp,
        ir::TypeKind::Date, ir::TypeKind::Uuid, ir::TypeKind::Json, ir::TypeKind::Blob,
        ir::TypeKind::Enum}) {
    t.columns.push_back(testing::column("c" + std::to_string(n++), testing::type(k)));
  }
  s.tables.push_back(t);
  EXPECT_EQ(roundTrip(s), s);
}

TEST(IrJson, BytesAreStable) {
  ir::Schema s = sampleSchema();
  std::string a = ir::toCanonicalJson(s);
  EXPECT_EQ(a, ir::toCanonicalJson(sampleSchema()));
  EXPECT_EQ(a, ir::toCanonicalJson(roundTrip(s)));
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a.back(), '\n');
  EXPECT_EQ(a.substr(0, 4), "{\n  ");
  // Sorted keys: "enums" before "namespace" before "tables".
  EXPECT_LT(a.find("\"enums\""), a.find("\"namespace\""));
  EXPECT_LT(a.find("\"namespace\""), a.find("\"tables\""));
  // Non-ASCII is kept as UTF-8, not \u-escaped.
  EXPECT_NE(a.find("größe"), std::string::npos);
}

TEST(IrJson, CanonicalFormOfAColumn) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  ir::Column c = testing::column("amount", testing::decimalType(12, 2), true);
  c.defaultValue = testing::lit(ir::ExprKind::Decimal, "0.00");
  t.columns.push_back(c);
  s.tables.push_back(t);
  EXPECT_EQ(ir::toCanonicalJson(s), R"({
  "enums": [],
  "tables": [
    {
      "checks": [],
      "columns": [
        {
          "default": {
            "kind": "decimal",
            "text": "0.00"
          },
          "name": "amount",
          "nullable": true,
          "type": {
            "kind": "decimal",
            "precision": 12,
            "scale": 2
          }
        }
      ],
      "foreignKeys": [],
      "indexes": [],
      "name": "t",
      "primaryKey": []
    }
  ]
}
)");
}

TEST(IrJson, FingerprintIgnoresHintsOnly) {
  ir::Schema s = sampleSchema();
  std::string fp = ir::fingerprint(s);
  EXPECT_EQ(fp.size(), 64u);
  EXPECT_EQ(fp.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(fp, ir::fingerprint(ir::withoutHints(s)));
  ir::Schema hinted = s;
  hinted.tables[0].renamedFrom.push_back("older");
  hinted.tables[0].columns[0].renamedFrom.push_back("older_col");
  hinted.enums[0].values[0].renamedFrom.push_back("older_value");
  EXPECT_EQ(fp, ir::fingerprint(hinted));
  ir::Schema changed = s;
  changed.tables[0].columns[0].nullable = !changed.tables[0].columns[0].nullable;
  EXPECT_NE(fp, ir::fingerprint(changed));
  ir::Schema docChanged = s;
  docChanged.tables[0].doc += "x";
  EXPECT_NE(fp, ir::fingerprint(docChanged));
  // The SHA-256 of the canonical JSON of the empty schema, computed with sha256sum.
  EXPECT_EQ(ir::fingerprint(ir::Schema{}),
            "4dd7c630cd8b6951cc2767f081dd83e7e60c59207a0e22fe21937eb25ab5c0fc");
}

TEST(IrJson, MalformedInputGivesOneLineErrors) {
  EXPECT_NE(parseError("").find("invalid JSON"), std::string::npos);
  EXPECT_NE(parseError("{\"tables\": [}").find("invalid JSON"), std::string::npos);
  EXPECT_NE(parseError("[]").find("top level: expected an object"), std::string::npos);
  EXPECT_NE(parseError("{}").find("missing key \"tables\""), std::string::npos);
  EXPECT_NE(parseError(R"({"tables": {}})").find("tables: expected an array"), std::string::npos);
  EXPECT_NE(parseError(R"({"tables": [], "bogus": 1})").find("unknown key \"bogus\""),
            std::string::npos);
  EXPECT_NE(parseError(R"({"tables": [{"name": 3, "columns": []}]})")
                .find("tables[0].name: expected a string"),
            std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "money"}}]}]})")
          .find("tables[0].columns[0].type.kind: unknown type \"money\""),
      std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [], "checks": [{"name": "c", "expr": {"kind": "lambda"}}]}]})")
          .find("tables[0].checks[0].expr.kind: unknown expression kind \"lambda\""),
      std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [], "foreignKeys": [{"name": "f", "columns": [], "refTable": "u", "refColumns": [], "onDelete": "explode"}]}]})")
          .find("onDelete: unknown foreign key action \"explode\""),
      std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar", "length": 1.5}}]}]})")
          .find("length: expected an integer"),
      std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar", "length": 99999999999}}]}]})")
          .find("length: integer out of range"),
      std::string::npos);
  EXPECT_NE(
      parseError(
          R"({"tables": [{"name": "t", "columns": [{"name": "c", "nullable": "yes", "type": {"kind": "int"}}]}]})")
          .find("nullable: expected true or false"),
      std::string::npos);
  EXPECT_NE(parseError(R"({"tables": [{"name": "t", "columns": [], "primaryKey": [1]}]})")
                .find("primaryKey[0]: expected a string"),
            std::string::npos);
}

TEST(IrJson, DeepExpressionsAreRefusedNotCrashing) {
  std::string text =
      R"({"tables": [{"name": "t", "columns": [], "checks": [{"name": "c", "expr": )";
  for (int i = 0; i < 2000; ++i) text += R"({"kind": "unary", "text": "-", "args": [)";
  text += R"({"kind": "null"})";
  for (int i = 0; i < 2000; ++i) text += "]}";
  text += "}]}]}";
  EXPECT_NE(parseError(text).find("nested too deeply"), std::string::npos);
}

}  // namespace
}  // namespace schemac
