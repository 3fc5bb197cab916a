// Properties of the differ on IRs built by hand: diff(x, x) is empty, renames resolve from
// hints in both directions, changes come in a fixed order, classification and summary text.
#include "schemac/diff.h"

#include <gtest/gtest.h>

namespace schemac::diff {
namespace {

ir::Column col(std::string name, ir::TypeKind k = ir::TypeKind::Int, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = k;
  c.nullable = nullable;
  return c;
}

ir::Table table(std::string name, std::vector<ir::Column> cols) {
  ir::Table t;
  t.name = std::move(name);
  t.columns = std::move(cols);
  if (!t.columns.empty()) t.primaryKey = {t.columns[0].name};
  return t;
}

ir::Schema schema(std::vector<ir::Table> tables, std::vector<ir::Enum> enums = {}) {
  ir::Schema s;
  s.tables = std::move(tables);
  s.enums = std::move(enums);
  ir::canonicalize(s);
  return s;
}

ir::Expr lit(ir::ExprKind k, std::string text) {
  ir::Expr e;
  e.kind = k;
  e.text = std::move(text);
  return e;
}

std::vector<std::string> lines(const Plan& p) {
  std::vector<std::string> out;
  for (const Change& c : p.changes) out.push_back(summaryLine(c));
  return out;
}

ir::Schema sample() {
  ir::Table users = table("users", {col("id"), col("email", ir::TypeKind::Text),
                                    col("name", ir::TypeKind::Text, true)});
  users.indexes.push_back({"users_email_key", true, {{"email", false}}, std::nullopt});
  ir::Table posts = table("posts", {col("id"), col("user_id"), col("title", ir::TypeKind::Text)});
  posts.foreignKeys.push_back(
      {"posts_user_id_fkey", {"user_id"}, "users", {"id"}, ir::FkAction::Cascade, {}});
  ir::Enum status{"status", {{"draft", "", {}}, {"sent", "", {}}}, "", {}};
  return schema({users, posts}, {status});
}

TEST(Diff, SameSchemaIsEmpty) {
  ir::Schema s = sample();
  EXPECT_TRUE(diff(s, s).empty());
  ir::Schema empty;
  EXPECT_TRUE(diff(empty, empty).empty());
}

TEST(Diff, DocsAndHintsAloneAreNotChanges) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.tables[0].doc = "Posts.";
  b.tables[1].columns[1].doc = "The address.";
  b.tables[1].renamedFrom = {"people"};        // names nothing in `a`
  b.tables[1].columns[2].renamedFrom = {"x"};  // names nothing in `a`
  b.enums[0].values[0].doc = "Not sent yet.";
  EXPECT_TRUE(diff(a, b).empty());
}

TEST(Diff, CreateAndDropFollowForeignKeys) {
  ir::Schema empty;
  ir::Schema s = sample();
  EXPECT_EQ(lines(diff(empty, s)),
            (std::vector<std::string>{"+ enum status", "+ table users", "+ table posts"}));
  Plan down = diff(s, empty);
  EXPECT_EQ(lines(down),
            (std::vector<std::string>{"- table posts (drops all its rows)",
                                      "- table users (drops all its rows)", "- enum status"}));
  EXPECT_TRUE(down.losesData());
  EXPECT_EQ(warnings(down)[0], "drops table posts and all its rows (data loss)");
}

TEST(Diff, TableRenameByHintUpAndDown) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.tables[1].name = "people";  // users -> people
  b.tables[1].renamedFrom = {"users"};
  b.tables[0].foreignKeys[0].refTable = "people";
  ir::canonicalize(b);
  Plan up = diff(a, b);
  EXPECT_EQ(lines(up), (std::vector<std::string>{"~ table users -> people"}));
  EXPECT_FALSE(up.losesData());
  // The down diff sees the hint on the `from` side.
  Plan down = diff(b, a);
  EXPECT_EQ(lines(down), (std::vector<std::string>{"~ table people -> users"}));
  // Without hints (as in a snapshot) and without given renames: drop + create.
  Plan noHint = diff(a, ir::withoutHints(b));
  EXPECT_TRUE(noHint.losesData());
  // Given renames (the reversed up renames) work without hints.
  DiffOptions o;
  o.renames = up.renames.reversed();
  EXPECT_EQ(lines(diff(ir::withoutHints(b), a, o)), lines(down));
}

TEST(Diff, HintNamingExistingObjectIsIgnored) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.tables[1].columns.push_back(col("mail", ir::TypeKind::Text));
  b.tables[1].columns.back().renamedFrom = {"email"};  // email still exists in b
  EXPECT_EQ(lines(diff(a, b)), (std::vector<std::string>{"+ column users.mail"}));
}

TEST(Diff, ColumnRenameCarriesReferences) {
  ir::Schema a = sample();
  ir::Schema b = a;
  ir::Table& users = b.tables[1];
  users.columns[1].name = "mail";
  users.columns[1].renamedFrom = {"email"};
  users.indexes[0] = {"users_email_key", true, {{"mail", false}}, std::nullopt};
  Plan up = diff(a, b);
  EXPECT_EQ(lines(up), (std::vector<std::string>{"~ column users.email -> mail"}));
  EXPECT_EQ(up.renames.columns.at("users").at("email"), "mail");
  EXPECT_EQ(lines(diff(b, a)), (std::vector<std::string>{"~ column users.mail -> email"}));
}

TEST(Diff, NoHintIsDropAndAddUnlessConfirmed) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.tables[1].columns[2].name = "full_name";
  Plan p = diff(a, b);
  EXPECT_EQ(lines(p), (std::vector<std::string>{"+ column users.full_name",
                                                "- column users.name (drops its values)"}));
  EXPECT_TRUE(p.losesData());
  EXPECT_EQ(warnings(p), (std::vector<std::string>{"drops column users.name (data loss)"}));

  std::vector<std::string> asked;
  DiffOptions yes;
  yes.confirmRename = [&](const std::string& t, const std::string& d, const std::string& n) {
    asked.push_back(t + "." + d + "->" + n);
    return true;
  };
  EXPECT_EQ(lines(diff(a, b, yes)), (std::vector<std::string>{"~ column users.name -> full_name"}));
  EXPECT_EQ(asked, (std::vector<std::string>{"users.name->full_name"}));

  // Only same-typed pairs are offered.
  ir::Schema c = a;
  c.tables[1].columns[2] = col("age", ir::TypeKind::Int, true);
  asked.clear();
  diff(a, c, yes);
  EXPECT_TRUE(asked.empty());
}

TEST(Diff, AlterColumnMasksAndClassification) {
  ir::Schema a = sample();
  ir::Schema b = a;
  ir::Table& users = b.tables[1];
  users.columns[2].nullable = false;  // name: NOT NULL, no default
  users.columns[1].defaultValue = lit(ir::ExprKind::String, "x");
  Plan p = diff(a, b);
  ASSERT_EQ(p.changes.size(), 2u);
  EXPECT_EQ(summaryLine(p.changes[0]), "~ column users.email: default 'x'");
  EXPECT_EQ(p.changes[0].safety, Safety::Safe);
  EXPECT_EQ(summaryLine(p.changes[1]), "~ column users.name: NOT NULL");
  EXPECT_EQ(p.changes[1].safety, Safety::MayFail);
  EXPECT_EQ(p.changes[1].reason,
            "makes users.name NOT NULL without a default (fails if a row holds NULL)");
  auto* alter = std::get_if<AlterColumn>(&p.changes[1].kind);
  ASSERT_NE(alter, nullptr);
  EXPECT_EQ(alter->what, kNullability);

  ir::Schema c = a;
  c.tables[1].columns[1].type.kind = ir::TypeKind::Int;  // email text -> int
  Plan q = diff(a, c);
  ASSERT_EQ(q.changes.size(), 1u);
  EXPECT_EQ(q.changes[0].safety, Safety::LosesData);
  EXPECT_EQ(summaryLine(q.changes[0]), "~ column users.email: type text -> int");
  Plan back = diff(c, a);  // int -> text widens
  EXPECT_EQ(back.changes[0].safety, Safety::Safe);
}

TEST(Diff, UnitSqlTypeAndUncheckedAreColumnChanges) {
  ir::Table t = table("t", {col("id"), col("at", ir::TypeKind::Timestamp),
                            col("flag", ir::TypeKind::Bool), col("n", ir::TypeKind::Real)});
  ir::Schema a = schema({t});

  ir::Schema seconds = a;
  seconds.tables[0].columns[1].type.unit = ir::TimeUnit::Seconds;
  Plan down = diff(a, seconds);  // ms -> s: whole seconds only
  ASSERT_EQ(down.changes.size(), 1u);
  auto* alter = std::get_if<AlterColumn>(&down.changes[0].kind);
  ASSERT_NE(alter, nullptr);
  EXPECT_EQ(alter->what, kType);
  EXPECT_EQ(alter->from.type.unit, ir::TimeUnit::Millis);
  EXPECT_EQ(alter->to.type.unit, ir::TimeUnit::Seconds);
  EXPECT_EQ(down.changes[0].safety, Safety::LosesData);
  EXPECT_EQ(summaryLine(down.changes[0]), "~ column t.at: type timestamp -> timestamp(s)");
  EXPECT_EQ(diff(seconds, a).changes.at(0).safety, Safety::Safe);  // s -> ms is exact

  ir::Schema unchecked = a;
  unchecked.tables[0].columns[2].unchecked = true;
  Plan drop = diff(a, unchecked);
  ASSERT_EQ(drop.changes.size(), 1u);
  EXPECT_EQ(std::get<AlterColumn>(drop.changes[0].kind).what, kUnchecked);
  EXPECT_EQ(drop.changes[0].safety, Safety::Safe);
  Plan add = diff(unchecked, a);
  EXPECT_EQ(add.changes.at(0).safety, Safety::MayFail);
  EXPECT_EQ(add.changes[0].reason,
            "adds the check of type bool on t.flag (fails if a row violates it)");

  ir::Schema declared = a;
  declared.tables[0].columns[3].sqlType = "DOUBLE PRECISION";  // REAL affinity, like REAL
  Plan same = diff(a, declared);
  ASSERT_EQ(same.changes.size(), 1u);
  EXPECT_EQ(std::get<AlterColumn>(same.changes[0].kind).what, kSqlType);
  EXPECT_EQ(same.changes[0].safety, Safety::Safe);
  EXPECT_EQ(summaryLine(same.changes[0]), "~ column t.n: sqltype \"DOUBLE PRECISION\"");
  ir::Schema respelled = declared;
  respelled.tables[0].columns[3].sqlType = "double  precision";
  EXPECT_TRUE(diff(declared, respelled).empty());  // case and spaces are no change
  ir::Schema text = a;
  text.tables[0].columns[3].sqlType = "text";
  Plan affinity = diff(declared, text);
  EXPECT_EQ(affinity.changes.at(0).safety, Safety::LosesData);
  EXPECT_EQ(affinity.changes[0].reason,
            "declared type of t.n changes from DOUBLE PRECISION to text: SQLite may store values "
            "differently (data loss)");
  EXPECT_EQ(diff(text, a).changes.at(0).reason,
            "declared type of t.n changes from text to the default of real: SQLite may store "
            "values differently (data loss)");
}

TEST(Diff, UncheckedColumnsCannotFailATypesCheck) {
  ir::Enum status{"status", {{"draft", "", {}}, {"sent", "", {}}}, "", {}};
  ir::Column st = col("st", ir::TypeKind::Text);
  ir::Table t = table("t", {col("id"), st});
  ir::Schema a = schema({t}, {status});
  ir::Schema b = a;
  b.tables[0].columns[1].type.kind = ir::TypeKind::Enum;  // text -> status
  b.tables[0].columns[1].type.enumName = "status";
  EXPECT_EQ(diff(a, b).changes.at(0).safety, Safety::MayFail);
  b.tables[0].columns[1].unchecked = true;
  Plan p = diff(a, b);
  ASSERT_EQ(p.changes.size(), 1u);
  EXPECT_EQ(std::get<AlterColumn>(p.changes[0].kind).what, kType | kUnchecked);
  EXPECT_EQ(p.changes[0].safety, Safety::Safe);

  ir::Schema fewer = b;
  fewer.enums[0].values.pop_back();  // drop `sent`: no CHECK holds it
  Plan drop = diff(b, fewer);
  ASSERT_EQ(drop.changes.size(), 1u);
  EXPECT_EQ(drop.changes[0].safety, Safety::Safe);
  ir::Schema checked = fewer;
  checked.tables[0].columns[1].unchecked = false;
  ir::Schema before = b;
  before.tables[0].columns[1].unchecked = false;
  Plan dropChecked = diff(before, checked);
  ASSERT_EQ(dropChecked.changes.size(), 1u);
  EXPECT_EQ(dropChecked.changes[0].safety, Safety::MayFail);
}

TEST(Diff, EnumValues) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.enums[0].values.push_back({"paid", "", {}});
  b.enums[0].values[0] = {"draft2", "", {"draft"}};
  Plan p = diff(a, b);
  EXPECT_EQ(lines(p), (std::vector<std::string>{"~ enum value status.draft -> draft2",
                                                "+ enum value status.paid"}));
  Plan down = diff(b, a);
  EXPECT_EQ(lines(down), (std::vector<std::string>{"~ enum value status.draft2 -> draft",
                                                   "- enum value status.paid"}));
  EXPECT_EQ(down.changes[1].safety, Safety::MayFail);
}

TEST(Diff, PerTableOrder) {
  ir::Schema a = sample();
  ir::Schema b = a;
  ir::Table& users = b.tables[1];
  users.columns.push_back(col("age", ir::TypeKind::Int, true));
  users.columns.erase(users.columns.begin() + 2);  // drop name
  users.indexes.clear();                           // drop users_email_key
  users.indexes.push_back({"users_age_idx", false, {{"age", false}}, std::nullopt});
  users.checks.push_back({"users_age_check", lit(ir::ExprKind::Bool, "true")});
  ir::Table& posts = b.tables[0];
  posts.primaryKey = {"id", "user_id"};
  EXPECT_EQ(
      lines(diff(a, b)),
      (std::vector<std::string>{
          "~ primary key posts: (id) -> (id, user_id)", "- unique index users_email_key on users",
          "+ column users.age", "- column users.name (drops its values)",
          "+ check users_age_check on users", "+ index users_age_idx on users"}));
}

TEST(Diff, ColumnReorderIsAChange) {
  ir::Schema a = sample();
  ir::Schema b = a;
  std::swap(b.tables[1].columns[1], b.tables[1].columns[2]);
  EXPECT_EQ(lines(diff(a, b)),
            (std::vector<std::string>{"~ table users: column order (id, name, email)"}));
}

TEST(Diff, Deterministic) {
  ir::Schema a = sample();
  ir::Schema b;
  for (int i = 0; i < 50; ++i) {
    b.tables.push_back(table("t" + std::to_string(i), {col("id"), col("v", ir::TypeKind::Text)}));
  }
  ir::canonicalize(b);
  EXPECT_EQ(summary(diff(a, b)), summary(diff(a, b)));
}

TEST(Diff, SuggestName) {
  ir::Schema a = sample();
  ir::Schema b = a;
  b.tables[1].columns.push_back(col("paid_at", ir::TypeKind::Timestamp, true));
  EXPECT_EQ(suggestName(diff(a, b)), "add_users_paid_at");
  EXPECT_EQ(suggestName(diff(ir::Schema{}, schema({a.tables[1]}))), "create_users");
  EXPECT_EQ(suggestName(diff(a, schema({a.tables[1]}, a.enums))), "drop_posts");
}

}  // namespace
}  // namespace schemac::diff
