// creationOrder: referenced tables first, ties by name, cycles broken deterministically.
#include <gtest/gtest.h>

#include <algorithm>

#include "codegen/sample_schema.h"
#include "schemac/codegen/sqlite.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;

ir::Table table(std::string name, std::vector<std::string> refs) {
  ir::Table t;
  t.name = std::move(name);
  t.columns.push_back(column("id", type(ir::TypeKind::Int)));
  t.primaryKey = {"id"};
  int n = 0;
  for (const std::string& r : refs) {
    std::string c = "ref" + std::to_string(n++);
    t.columns.push_back(column(c, type(ir::TypeKind::Int), true));
    t.foreignKeys.push_back(fk(t.name + "_" + c + "_fkey", {c}, r, {"id"}, ir::FkAction::NoAction));
  }
  return t;
}

std::string order(std::vector<ir::Table> tables) {
  ir::Schema s;
  s.tables = std::move(tables);
  ir::canonicalize(s);
  std::string out;
  for (const ir::Table* t : sq::creationOrder(s)) out += (out.empty() ? "" : " ") + t->name;
  return out;
}

TEST(SqliteOrder, IndependentTablesByName) {
  EXPECT_EQ(order({table("c", {}), table("a", {}), table("b", {})}), "a b c");
  EXPECT_EQ(order({}), "");
}

TEST(SqliteOrder, ReferencedTablesFirst) {
  EXPECT_EQ(order({table("a", {"b"}), table("b", {"c"}), table("c", {})}), "c b a");
  EXPECT_EQ(
      order({table("invoices", {"users", "orgs"}), table("users", {"orgs"}), table("orgs", {})}),
      "orgs users invoices");
  // A ready table with a smaller name goes first even if it was unlocked later.
  EXPECT_EQ(order({table("z", {}), table("b", {"z"}), table("y", {})}), "y z b");
}

TEST(SqliteOrder, SelfAndExternalReferencesAreIgnored) {
  EXPECT_EQ(order({table("a", {"a", "elsewhere"}), table("b", {})}), "a b");
}

TEST(SqliteOrder, CyclesBrokenBySmallestName) {
  EXPECT_EQ(order({table("a", {"b"}), table("b", {"a"})}), "a b");
  EXPECT_EQ(order({table("x", {"y"}), table("y", {"z"}), table("z", {"x"}), table("w", {"x"})}),
            "x z y w");
  // The cycle c <-> d sits behind a: a is placed first, then the cycle, then e.
  EXPECT_EQ(order({table("e", {"d"}), table("d", {"c"}), table("c", {"d", "a"}), table("a", {})}),
            "a c d e");
}

TEST(SqliteOrder, EveryTableOnceAndIndependentOfInputOrder) {
  ir::Schema s = sampleSchema();
  auto names = [](const ir::Schema& sc) {
    std::vector<std::string> v;
    for (const ir::Table* t : sq::creationOrder(sc)) v.push_back(t->name);
    return v;
  };
  std::vector<std::string> a = names(s);
  EXPECT_EQ(a.size(), s.tables.size());
  std::reverse(s.tables.begin(), s.tables.end());
  EXPECT_EQ(names(s), a);
  std::vector<std::string> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::unique(sorted.begin(), sorted.end()), sorted.end());
  // users before invoices and memberships; orgs before them too.
  auto pos = [&](const std::string& n) { return std::find(a.begin(), a.end(), n) - a.begin(); };
  EXPECT_LT(pos("users"), pos("invoices"));
  EXPECT_LT(pos("orgs"), pos("invoices"));
  EXPECT_LT(pos("users"), pos("memberships"));
}

}  // namespace
}  // namespace schemac
