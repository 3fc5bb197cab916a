// The differ on views, triggers, virtual tables, collations, table options, constraint names,
// deferrable keys and UNIQUE constraints: change kinds, their order, safety, summary lines,
// migration names and the down plan.
#include <gtest/gtest.h>

#include "schemac/diff.h"

namespace schemac {
namespace {

using namespace diff;

ir::Column column(std::string name, ir::TypeKind k = ir::TypeKind::Text) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = k;
  return c;
}

// t(id, email) with a unique index on email; view v on t; trigger tr on t; fts5 vt.
ir::Schema base() {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {column("id", ir::TypeKind::Int), column("email")};
  t.primaryKey = {"id"};
  ir::Index u;
  u.name = "t_email_key";
  u.unique = true;
  u.columns = {ir::IndexColumn("email")};
  t.indexes = {u};
  s.tables = {t};
  s.views = {{"v", "SELECT email FROM t", ""}};
  ir::Trigger tr;
  tr.name = "tr";
  tr.table = "t";
  tr.timing = ir::TriggerTiming::After;
  tr.event = ir::TriggerEvent::Insert;
  tr.body = "BEGIN SELECT 1; END";
  s.triggers = {tr};
  s.virtualTables = {{"vt", "fts5", "email", ""}};
  return s;
}

std::vector<std::string> lines(const Plan& p) {
  std::vector<std::string> out;
  for (const Change& c : p.changes) out.push_back(summaryLine(c));
  return out;
}

TEST(DiffSqliteObjects, SameObjectsNoChangeAndDocsIgnored) {
  ir::Schema a = base(), b = base();
  b.views[0].doc = "A view.";
  b.triggers[0].doc = "A trigger.";
  b.virtualTables[0].doc = "Search.";
  EXPECT_TRUE(diff::diff(a, b).empty());
}

TEST(DiffSqliteObjects, CreateAndDropEveryObject) {
  ir::Schema a = base(), none = base();
  none.views.clear();
  none.triggers.clear();
  none.virtualTables.clear();
  Plan up = diff::diff(none, a);
  EXPECT_EQ(lines(up), (std::vector<std::string>{"+ virtual table vt using fts5", "+ view v",
                                                 "+ trigger tr on t"}));
  EXPECT_FALSE(up.mayFail());
  EXPECT_FALSE(up.losesData());
  Plan down = diff::diff(a, none);
  EXPECT_EQ(lines(down), (std::vector<std::string>{"- trigger tr on t", "- view v",
                                                   "- virtual table vt (drops its rows)"}));
  EXPECT_EQ(warnings(down),
            std::vector<std::string>{"drops virtual table vt and the rows it holds (data loss)"});
  Plan one = diff::diff(none, [&] {
    ir::Schema s = none;
    s.views = a.views;
    return s;
  }());
  EXPECT_EQ(suggestName(one), "create_view_v");
}

TEST(DiffSqliteObjects, ChangedObjectsAreDroppedFirstAndCreatedLast) {
  ir::Schema a = base(), b = base();
  b.views[0].sql = "SELECT id, email FROM t";
  b.triggers[0].when = "NEW.id > 0";
  b.virtualTables[0].args = "email, tokenize = 'porter'";
  b.tables[0].columns.push_back(column("name"));
  b.tables[0].columns.back().nullable = true;
  Plan p = diff::diff(a, b);
  EXPECT_EQ(lines(p), (std::vector<std::string>{"- trigger tr on t", "- view v",
                                                "- virtual table vt (drops its rows)",
                                                "+ column t.name", "+ virtual table vt using fts5",
                                                "+ view v", "+ trigger tr on t"}));
  EXPECT_TRUE(p.losesData());  // the virtual table's rows
  EXPECT_EQ(suggestName(p), "drop_trigger_tr_and_more");
}

TEST(DiffSqliteObjects, TriggerFollowsTableRename) {
  ir::Schema a = base(), b = base();
  b.tables[0].name = "people";
  b.tables[0].renamedFrom = {"t"};
  b.triggers[0].table = "people";
  b.views.clear();
  a.views.clear();
  Plan p = diff::diff(a, b);
  EXPECT_EQ(lines(p), std::vector<std::string>{"~ table t -> people"});
}

TEST(DiffSqliteObjects, CollationChangeMayFailOnlyWhenItTightensAUniqueIndex) {
  ir::Schema a = base(), b = base();
  b.tables[0].columns[1].collation = "nocase";
  Plan p = diff::diff(a, b);
  ASSERT_EQ(p.changes.size(), 1u);
  auto* alter = std::get_if<AlterColumn>(&p.changes[0].kind);
  ASSERT_TRUE(alter);
  EXPECT_EQ(alter->what, unsigned{kCollation});
  EXPECT_EQ(p.changes[0].safety, Safety::MayFail);
  EXPECT_EQ(p.changes[0].reason,
            "changes the collation of t.email to nocase: unique index t_email_key fails if two "
            "rows become equal under it");
  EXPECT_EQ(summaryLine(p.changes[0]), "~ column t.email: collate nocase");
  // Back to binary cannot fail; case-only spelling is no change.
  EXPECT_EQ(diff::diff(b, a).changes.at(0).safety, Safety::Safe);
  ir::Schema c = b;
  c.tables[0].columns[1].collation = "NOCASE";
  EXPECT_TRUE(diff::diff(b, c).empty());
  // Without the unique index nothing can fail.
  a.tables[0].indexes.clear();
  b.tables[0].indexes.clear();
  EXPECT_EQ(diff::diff(a, b).changes.at(0).safety, Safety::Safe);
}

TEST(DiffSqliteObjects, TableOptions) {
  ir::Schema a = base(), b = base();
  b.tables[0].strict = true;
  Plan p = diff::diff(a, b);
  ASSERT_EQ(p.changes.size(), 1u);
  EXPECT_EQ(summaryLine(p.changes[0]), "~ table t: strict");
  EXPECT_EQ(p.changes[0].safety, Safety::MayFail);
  EXPECT_EQ(suggestName(p), "alter_t_options");
  Plan back = diff::diff(b, a);
  EXPECT_EQ(summaryLine(back.changes.at(0)), "~ table t: not strict");
  EXPECT_EQ(back.changes[0].safety, Safety::Safe);
  ir::Schema w = base();
  w.tables[0].withoutRowid = true;
  Plan wp = diff::diff(a, w);
  EXPECT_EQ(summaryLine(wp.changes.at(0)), "~ table t: without rowid");
  EXPECT_EQ(wp.changes[0].safety, Safety::MayFail);
  EXPECT_EQ(summaryLine(diff::diff(w, a).changes.at(0)), "~ table t: with rowid");
}

TEST(DiffSqliteObjects, ConstraintNamesAndDeferralAreSafeReplacements) {
  ir::Schema a = base();
  ir::ForeignKey fk;
  fk.name = "t_id_fkey";
  fk.columns = {"id"};
  fk.refTable = "t";
  fk.refColumns = {"id"};
  a.tables[0].foreignKeys = {fk};
  ir::Check ck;
  ck.name = "t_check";
  ck.expr = ir::Expr{ir::ExprKind::Raw, "id > 0", {}};
  a.tables[0].checks = {ck};
  ir::Schema b = a;
  b.tables[0].foreignKeys[0].deferral = ir::Deferral::Deferred;
  b.tables[0].checks[0].unnamed = true;
  b.tables[0].primaryKeyName = "t_pk";
  b.tables[0].indexes[0].constraint = true;  // the unique index becomes a UNIQUE constraint
  b.tables[0].indexes[0].unnamed = true;
  Plan p = diff::diff(a, b);
  EXPECT_EQ(lines(p), (std::vector<std::string>{
                          "- unique index t_email_key on t", "- foreign key t_id_fkey on t",
                          "- check t_check on t", "~ primary key t: (id) -> (id), named t_pk",
                          "+ check t_check on t", "+ foreign key t_id_fkey on t -> t",
                          "+ unique index t_email_key on t"}));
  EXPECT_FALSE(p.mayFail()) << summary(p);
  EXPECT_FALSE(p.losesData());
  EXPECT_EQ(summaryLine(diff::diff(b, a).changes.at(3)), "~ primary key t: (id) -> (id), unnamed");
}

TEST(DiffSqliteObjects, ExpressionAndCollatedIndexPartsAreIndexChanges) {
  ir::Schema a = base(), b = base();
  ir::IndexColumn part;
  part.expr = ir::Expr{ir::ExprKind::Call, "lower", {ir::Expr{ir::ExprKind::Column, "email", {}}}};
  b.tables[0].indexes[0].columns = {part};
  Plan p = diff::diff(a, b);
  EXPECT_EQ(lines(p), (std::vector<std::string>{"- unique index t_email_key on t",
                                                "+ unique index t_email_key on t"}));
  EXPECT_TRUE(p.mayFail());  // lower(email) may collide
  ir::Schema c = base();
  c.tables[0].indexes[0].columns[0].collation = "nocase";
  EXPECT_TRUE(diff::diff(a, c).mayFail());
}

TEST(DiffSqliteObjects, TimestampTextConversions) {
  ir::Schema a = base(), b = base();
  ir::Column at = column("at", ir::TypeKind::Timestamp);
  at.nullable = true;
  a.tables[0].columns.push_back(at);
  at.type.unit = ir::TimeUnit::Text;
  b.tables[0].columns.push_back(at);
  EXPECT_EQ(diff::diff(a, b).changes.at(0).safety, Safety::Safe);
  Plan back = diff::diff(b, a);
  EXPECT_EQ(back.changes.at(0).safety, Safety::LosesData);
  EXPECT_EQ(summaryLine(back.changes[0]), "~ column t.at: type timestamp(text) -> timestamp");
}

}  // namespace
}  // namespace schemac
