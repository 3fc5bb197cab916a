// The one-pass snapshot writer of `generate` (ir::appendNestedCanonicalJson into
// migrations::snapshotTextStart / finishSnapshotText) and the streamed ir::fingerprint against
// the two-pass path they replace (toCanonicalJson of withoutHints, then snapshotToJson): the
// same bytes and the same fingerprint, on random schemas and on the awkward cases.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "codegen/sample_schema.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac {
namespace {

// Random IR: hints (which both paths must leave out), docs with escapes and multi-byte text,
// nested expressions, and sometimes a view (the nlohmann path) or invalid UTF-8 (its fallback).
class RandomSchema {
 public:
  explicit RandomSchema(unsigned seed) : rng_(seed) {}

  ir::Schema make() {
    ir::Schema s;
    if (chance(3)) s.doc = text();
    if (chance(4)) s.ns = "ns" + std::to_string(pick(100));
    for (int e = 0, n = pick(3); e < n; ++e) {
      ir::Enum en;
      en.name = "e" + std::to_string(e);
      for (int v = 0, m = 1 + pick(4); v < m; ++v) {
        ir::EnumValue value{"v" + std::to_string(v), chance(3) ? text() : "", hints()};
        en.values.push_back(value);
      }
      if (chance(3)) en.doc = text();
      en.renamedFrom = hints();
      s.enums.push_back(en);
    }
    for (int t = 0, n = pick(40); t < n; ++t) s.tables.push_back(table(t));
    if (chance(8)) s.views.push_back(ir::View{"v", "SELECT 1", ""});
    if (chance(10)) s.doc = "bad \xff utf-8";
    return s;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int oneIn) { return pick(oneIn) == 0; }

  std::string text() {
    static const char* const kPieces[] = {"plain", " ", "\n",   "\"q\"", "\\", "\t", "é",
                                          "中",    "😀", "\x01", "/",     "{[", "  ", "\r\n"};
    std::string out;
    for (int i = 0, n = 1 + pick(5); i < n; ++i) out += kPieces[pick(14)];
    return out;
  }
  std::vector<std::string> hints() {
    std::vector<std::string> out;
    if (chance(3)) out.push_back("old" + std::to_string(pick(9)));
    return out;
  }
  ir::Expr expr(int depth) {
    ir::Expr e;
    switch (depth > 2 ? pick(3) : pick(5)) {
      case 0:
        e.kind = ir::ExprKind::Int;
        e.text = std::to_string(pick(1000) - 500);
        break;
      case 1:
        e.kind = ir::ExprKind::String;
        e.text = text();
        break;
      case 2:
        e.kind = ir::ExprKind::Column;
        e.text = "c" + std::to_string(pick(5));
        break;
      case 3:
        e.kind = ir::ExprKind::Binary;
        e.text = ">=";
        e.args = {expr(depth + 1), expr(depth + 1)};
        break;
      default:
        e.kind = ir::ExprKind::IsNull;
        e.negated = chance(2);
        e.args = {expr(depth + 1)};
    }
    return e;
  }
  ir::Table table(int t) {
    ir::Table tb;
    tb.name = "t" + std::to_string(t);
    for (int c = 0, n = 1 + pick(12); c < n; ++c) {
      ir::Column col;
      col.name = "c" + std::to_string(c);
      col.type.kind = static_cast<ir::TypeKind>(pick(12));  // every kind but Enum
      if (col.type.kind == ir::TypeKind::Varchar) col.type.length = 1 + pick(300);
      if (col.type.kind == ir::TypeKind::Decimal) {
        col.type.precision = 12;
        col.type.scale = 2;
      }
      if (col.type.kind == ir::TypeKind::Timestamp && chance(2)) {
        col.type.unit = ir::TimeUnit::Seconds;
      }
      col.nullable = chance(2);
      if (chance(3)) col.defaultValue = expr(0);
      if (chance(6)) col.generated = ir::Generated{expr(0), chance(2)};
      if (chance(5)) col.doc = text();
      if (chance(7)) col.sqlType = "INT8";
      col.renamedFrom = hints();
      tb.columns.push_back(col);
    }
    tb.primaryKey = {"c0"};
    if (chance(2)) {
      ir::Index ix;
      ix.name = tb.name + "_ix";
      ix.unique = chance(2);
      ix.columns = {ir::IndexColumn("c0", chance(2))};
      if (chance(3)) ix.where = expr(0);
      tb.indexes.push_back(ix);
    }
    if (chance(3)) tb.checks.push_back(ir::Check{tb.name + "_ck", expr(0)});
    if (t > 0 && chance(2)) {
      ir::ForeignKey fk;
      fk.name = tb.name + "_fk";
      fk.columns = {"c0"};
      fk.refTable = "t0";
      fk.refColumns = {"c0"};
      fk.onDelete = static_cast<ir::FkAction>(pick(5));
      tb.foreignKeys.push_back(fk);
    }
    if (chance(4)) tb.doc = text();
    tb.renamedFrom = hints();
    return tb;
  }

  std::mt19937 rng_;
};

// The snapshot file as appendMigration wrote it before: the plain text, then re-indented.
std::string twoPassSnapshot(const ir::Schema& s, const std::string& prevId) {
  ir::Schema stored = ir::withoutHints(s);
  std::string json = ir::toCanonicalJson(stored);
  std::string fingerprint = migrations::sha256Hex(json);
  return migrations::snapshotToJson(
      migrations::makeSnapshot("sqlite", std::move(fingerprint), prevId, std::move(json)));
}

std::string onePassSnapshot(const ir::Schema& s, const std::string& prevId,
                            std::string* fingerprint) {
  std::string text = migrations::snapshotTextStart("sqlite", prevId);
  *fingerprint = ir::appendNestedCanonicalJson(s, 2, &text);
  migrations::finishSnapshotText(&text, prevId, *fingerprint);
  return text;
}

void expectSameAsTwoPass(const ir::Schema& s, const std::string& prevId) {
  const std::string plainFingerprint =
      migrations::sha256Hex(ir::toCanonicalJson(ir::withoutHints(s)));
  std::string fingerprint;
  EXPECT_EQ(onePassSnapshot(s, prevId, &fingerprint), twoPassSnapshot(s, prevId));
  EXPECT_EQ(fingerprint, plainFingerprint);
  EXPECT_EQ(ir::fingerprint(s), plainFingerprint);
}

TEST(SnapshotOnePass, EqualsTheTwoPassTextOnRandomSchemas) {
  for (unsigned seed = 1; seed <= 300; ++seed) {
    SCOPED_TRACE(seed);
    ir::Schema s = RandomSchema(seed).make();
    expectSameAsTwoPass(s, seed % 2 ? migrations::kRootSnapshotId : std::string(64, 'c'));
  }
}

TEST(SnapshotOnePass, EqualsTheTwoPassTextOnTheSampleAndEmptySchemas) {
  expectSameAsTwoPass(testing::sampleSchema(), migrations::kRootSnapshotId);
  expectSameAsTwoPass(ir::Schema{}, migrations::kRootSnapshotId);
  // A dialect and prevId that need escaping move the places the fingerprint and id go.
  ir::Schema s = testing::sampleSchema();
  std::string fingerprint;
  std::string text = migrations::snapshotTextStart("sq\"l\nite", "p\\rev");
  fingerprint = ir::appendNestedCanonicalJson(s, 2, &text);
  migrations::finishSnapshotText(&text, "p\\rev", fingerprint);
  std::string json = ir::toCanonicalJson(ir::withoutHints(s));
  EXPECT_EQ(text, migrations::snapshotToJson(
                      migrations::makeSnapshot("sq\"l\nite", fingerprint, "p\\rev", json)));
}

// The text is appended after what *out holds, which is not hashed.
TEST(SnapshotOnePass, HashesOnlyTheSchemaText) {
  const ir::Schema s = RandomSchema(7).make();
  std::string a = "prefix\n  ", b;
  EXPECT_EQ(ir::appendNestedCanonicalJson(s, 2, &a), ir::appendNestedCanonicalJson(s, 2, &b));
  EXPECT_EQ(a, "prefix\n  " + b);
  EXPECT_EQ(ir::appendNestedCanonicalJson(s, 0, &b), ir::fingerprint(s));
}

}  // namespace
}  // namespace schemac
