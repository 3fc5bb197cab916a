// Semantic analysis on hand-built ASTs: lowering (names, keys, foreign keys, docs, hints,
// expressions), several modules, and the diagnostics of each check. The lit tests under
// tests/lit/sema cover the same diagnostics end to end, with locations.
#include "schemac/sema.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace schemac {
namespace {

using ast::ExprKind;

// ---- tiny AST builders (ranges are irrelevant here, except for order) ----

std::uint32_t nextOffset = 0;

SourceRange at() {
  SourceRange r{{0, nextOffset}, {0, nextOffset + 1}};
  nextOffset += 2;
  return r;
}

ast::Ident id(const std::string& n) { return {n, at()}; }

ast::Expr lit(ExprKind k, const std::string& text = "") {
  ast::Expr e;
  e.kind = k;
  e.text = text;
  e.range = at();
  return e;
}
ast::Expr name(const std::string& n) { return lit(ExprKind::Name, n); }
ast::Expr integer(const std::string& n) { return lit(ExprKind::Int, n); }
ast::Expr str(const std::string& s) { return lit(ExprKind::String, s); }
ast::Expr op(ExprKind k, const std::string& text, std::vector<ast::Expr> args) {
  ast::Expr e = lit(k, text);
  e.args = std::move(args);
  return e;
}
ast::Expr bin(const std::string& o, ast::Expr l, ast::Expr r) {
  return op(ExprKind::Binary, o, {std::move(l), std::move(r)});
}
ast::Expr call(const std::string& f, std::vector<ast::Expr> args) {
  return op(ExprKind::Call, f, std::move(args));
}

ast::ColumnDecl col(const std::string& n, const std::string& type, bool nullable = false,
                    std::vector<int> args = {}) {
  ast::ColumnDecl c;
  c.name = id(n);
  c.type.name = id(type);
  c.type.args = std::move(args);
  c.type.nullable = nullable;
  c.type.range = c.type.name.range;
  return c;
}
ast::ColumnDecl primary(ast::ColumnDecl c) {
  c.primary.push_back(at());
  return c;
}
ast::ColumnDecl withDefault(ast::ColumnDecl c, ast::Expr e) {
  c.defaults.push_back(std::move(e));
  return c;
}
ast::References refs(const std::string& table, std::vector<std::string> cols) {
  ast::References r;
  r.table = id(table);
  for (const auto& c : cols) r.columns.push_back(id(c));
  r.range = at();
  return r;
}

ast::TableDecl table(const std::string& n, std::vector<ast::ColumnDecl> cols) {
  ast::TableDecl t;
  t.name = id(n);
  t.columns = std::move(cols);
  return t;
}

ast::EnumDecl enumDecl(const std::string& n, std::vector<std::string> values) {
  ast::EnumDecl e;
  e.name = id(n);
  for (const auto& v : values) e.values.push_back({"", id(v), {}, at()});
  return e;
}

ast::Module module(std::vector<ast::TableDecl> tables, std::vector<ast::EnumDecl> enums = {}) {
  ast::Module m;
  m.tables = std::move(tables);
  m.enums = std::move(enums);
  return m;
}

struct Result {
  std::optional<ir::Schema> schema;
  std::vector<std::string> errors;
  std::vector<std::string> warnings;
};

Result analyze(const std::vector<ast::Module>& modules) {
  SourceManager sm;
  sm.addBuffer("test.schema", std::string(100000, ' '));
  DiagEngine diags(sm);
  Result r;
  r.schema = sema::analyze(modules, diags);
  for (const Diagnostic& d : diags.diagnostics()) {
    (d.severity == Severity::Error ? r.errors : r.warnings).push_back(d.message);
  }
  return r;
}

ast::TableDecl users() {
  ast::TableDecl t = table("users", {primary(col("id", "int")), col("email", "text")});
  t.columns[0].autoincrement.push_back(at());
  t.columns[1].unique.push_back(at());
  return t;
}

// ---- lowering ----

TEST(SemaLowering, DerivedNamesFollowTheTableAndColumns) {
  ast::TableDecl t = table("invoices", {primary(col("id", "int")), col("user_id", "int"),
                                        col("number", "text"), col("amount", "int")});
  t.columns[1].references.push_back(refs("users", {"id"}));
  t.columns[3].checks.push_back(bin(">=", name("amount"), integer("0")));
  t.uniques.push_back({std::nullopt, {id("user_id"), id("number")}, at()});
  ast::IndexItem ix;
  ix.parts = {{id("amount"), true}};
  ix.range = at();
  t.indexes.push_back(ix);
  ast::IndexItem uix;
  uix.unique = true;
  uix.parts = {{id("number"), false}};
  uix.range = at();
  t.indexes.push_back(uix);
  t.checks.push_back({std::nullopt, bin("<", name("amount"), integer("100")), at()});
  t.checks.push_back({id("named"), bin(">", name("amount"), integer("-1")), at()});
  t.checks.push_back({std::nullopt, bin("!=", name("number"), str("")), at()});

  Result r = analyze({module({users(), t})});
  ASSERT_TRUE(r.schema) << (r.errors.empty() ? "" : r.errors[0]);
  const ir::Table* inv = r.schema->findTable("invoices");
  ASSERT_TRUE(inv);
  std::vector<std::string> idx;
  for (const auto& i : inv->indexes) idx.push_back(i.name + (i.unique ? "!" : ""));
  EXPECT_EQ(idx, (std::vector<std::string>{"invoices_amount_idx", "invoices_number_key!",
                                           "invoices_user_id_number_key!"}));
  EXPECT_TRUE(inv->indexes[0].columns[0].desc);
  std::vector<std::string> checks;
  for (const auto& c : inv->checks) checks.push_back(c.name);
  EXPECT_EQ(checks, (std::vector<std::string>{"invoices_amount_check", "invoices_check",
                                              "invoices_check1", "named"}));
  ASSERT_EQ(inv->foreignKeys.size(), 1u);
  EXPECT_EQ(inv->foreignKeys[0].name, "invoices_user_id_fkey");
  EXPECT_EQ(inv->foreignKeys[0].refTable, "users");
  EXPECT_EQ(inv->foreignKeys[0].refColumns, std::vector<std::string>{"id"});
  EXPECT_EQ(inv->primaryKey, std::vector<std::string>{"id"});
  const ir::Table* u = r.schema->findTable("users");
  ASSERT_TRUE(u);
  ASSERT_EQ(u->indexes.size(), 1u);
  EXPECT_EQ(u->indexes[0].name, "users_email_key");
  EXPECT_TRUE(u->columns[0].autoincrement);
  // `-1` is one literal in the IR.
  EXPECT_EQ(inv->checks[3].expr.args[1], (ir::Expr{ir::ExprKind::Int, "-1", {}, false}));
}

TEST(SemaLowering, CompositeKeysForeignItemsAndActions) {
  ast::TableDecl teams = table("teams", {primary(col("id", "int"))});
  ast::TableDecl m = table(
      "memberships", {col("user_id", "int"), col("team_id", "int"), col("note", "text", true)});
  m.primaryKeys.push_back({{id("user_id"), id("team_id")}, at()});
  ast::ForeignItem f;
  f.columns = {id("team_id")};
  f.references = refs("teams", {"id"});
  f.references.actions.onDelete = ast::FkAction::Cascade;
  f.references.actions.onUpdate = ast::FkAction::Restrict;
  f.range = at();
  m.foreignKeys.push_back(f);
  ast::ForeignItem g;
  g.name = id("member_user");
  g.columns = {id("user_id")};
  g.references = refs("users", {});  // the referenced table's primary key
  g.range = at();
  m.foreignKeys.push_back(g);

  Result r = analyze({module({m, teams, users()})});
  ASSERT_TRUE(r.schema) << (r.errors.empty() ? "" : r.errors[0]);
  const ir::Table* t = r.schema->findTable("memberships");
  EXPECT_EQ(t->primaryKey, (std::vector<std::string>{"user_id", "team_id"}));
  ASSERT_EQ(t->foreignKeys.size(), 2u);
  EXPECT_EQ(t->foreignKeys[0].name, "member_user");
  EXPECT_EQ(t->foreignKeys[0].refColumns, std::vector<std::string>{"id"});
  EXPECT_EQ(t->foreignKeys[1].name, "memberships_team_id_fkey");
  EXPECT_EQ(t->foreignKeys[1].onDelete, ir::FkAction::Cascade);
  EXPECT_EQ(t->foreignKeys[1].onUpdate, ir::FkAction::Restrict);
  EXPECT_EQ(t->foreignKeys[0].onDelete, ir::FkAction::NoAction);
  EXPECT_TRUE(t->columns[2].nullable);
  // Canonical order: tables sorted by name.
  ASSERT_EQ(r.schema->tables.size(), 3u);
  EXPECT_EQ(r.schema->tables[0].name, "memberships");
  EXPECT_EQ(r.schema->tables[2].name, "users");
}

TEST(SemaLowering, DocsHintsTypesAndGenerated) {
  ast::EnumDecl st = enumDecl("status", {"draft", "paid"});
  st.doc = "Invoice state.";
  st.values[1].doc = "Settled.";
  st.values[1].was = {id("settled")};
  st.was = {id("state")};
  ast::TableDecl t = table("teams", {primary(col("id", "int")), col("title", "text"),
                                     col("slug", "text"), col("price", "decimal", false, {12, 2}),
                                     col("code", "varchar", true, {8}), col("s", "status")});
  t.doc = "Teams.";
  t.was = {id("groups")};
  t.columns[1].doc = "Display name.";
  t.columns[1].was = {id("name")};
  t.columns[2].generated.push_back({call("LOWER", {name("title")}), std::nullopt, at()});
  t.columns[5].defaults.push_back(name("draft"));
  ast::Module m = module({t}, {st});
  m.ns = ast::NamespaceDecl{"The schema.", {id("acme"), id("db")}, at()};

  Result r = analyze({m});
  ASSERT_TRUE(r.schema) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.schema->ns, "acme.db");
  EXPECT_EQ(r.schema->doc, "The schema.");
  const ir::Table& teams = r.schema->tables.at(0);
  EXPECT_EQ(teams.doc, "Teams.");
  EXPECT_EQ(teams.renamedFrom, std::vector<std::string>{"groups"});
  EXPECT_EQ(teams.columns[1].doc, "Display name.");
  EXPECT_EQ(teams.columns[1].renamedFrom, std::vector<std::string>{"name"});
  ASSERT_TRUE(teams.columns[2].generated);
  EXPECT_FALSE(teams.columns[2].generated->stored);
  EXPECT_EQ(
      teams.columns[2].generated->expr,
      (ir::Expr{ir::ExprKind::Call, "lower", {{ir::ExprKind::Column, "title", {}, false}}, false}));
  EXPECT_EQ(teams.columns[3].type, (ir::Type{ir::TypeKind::Decimal, 12, 2, 0, ""}));
  EXPECT_EQ(teams.columns[4].type, (ir::Type{ir::TypeKind::Varchar, 0, 0, 8, ""}));
  EXPECT_TRUE(teams.columns[4].nullable);
  EXPECT_EQ(teams.columns[5].type, (ir::Type{ir::TypeKind::Enum, 0, 0, 0, "status"}));
  EXPECT_EQ(*teams.columns[5].defaultValue,
            (ir::Expr{ir::ExprKind::EnumValue, "draft", {}, false}));
  const ir::Enum& e = r.schema->enums.at(0);
  EXPECT_EQ(e.doc, "Invoice state.");
  EXPECT_EQ(e.renamedFrom, std::vector<std::string>{"state"});
  EXPECT_EQ(e.values[1].doc, "Settled.");
  EXPECT_EQ(e.values[1].renamedFrom, std::vector<std::string>{"settled"});
}

TEST(SemaLowering, NowAndNamesResolveByContext) {
  ast::EnumDecl st = enumDecl("status", {"draft", "paid"});
  ast::TableDecl t = table("t", {primary(col("id", "int")), col("at", "timestamp"),
                                 col("on", "date"), col("s", "status"), col("paid", "bool")});
  t.columns[1].defaults.push_back(lit(ExprKind::Now));
  t.columns[2].defaults.push_back(lit(ExprKind::Now));
  // `s != paid`: an enum value, although a column `paid` exists.
  t.checks.push_back({std::nullopt, bin("!=", name("s"), name("paid")), at()});
  // `paid` alone: the bool column.
  t.checks.push_back(
      {std::nullopt, bin("or", name("paid"), bin("=", name("s"), str("draft"))), at()});
  Result r = analyze({module({t}, {st})});
  ASSERT_TRUE(r.schema) << (r.errors.empty() ? "" : r.errors[0]);
  const ir::Table& tt = r.schema->tables.at(0);
  EXPECT_EQ(*tt.columns[1].defaultValue, (ir::Expr{ir::ExprKind::Now, "timestamp", {}, false}));
  EXPECT_EQ(*tt.columns[2].defaultValue, (ir::Expr{ir::ExprKind::Now, "date", {}, false}));
  const ir::Expr& c0 = tt.checks.at(0).expr;
  EXPECT_EQ(c0.args[0].kind, ir::ExprKind::Column);
  EXPECT_EQ(c0.args[1].kind, ir::ExprKind::EnumValue);
  const ir::Expr& c1 = tt.checks.at(1).expr;
  EXPECT_EQ(c1.args[0].kind, ir::ExprKind::Column);
  // A string literal compared with an enum is that enum's value.
  EXPECT_EQ(c1.args[1].args[1], (ir::Expr{ir::ExprKind::EnumValue, "draft", {}, false}));
}

TEST(SemaLowering, ModulesShareOneNamespace) {
  ast::Module a = module({users()});
  a.ns = ast::NamespaceDecl{"", {id("app")}, at()};
  ast::TableDecl posts = table("posts", {primary(col("id", "int")), col("author", "int")});
  posts.columns[1].references.push_back(refs("users", {"id"}));
  ast::Module b = module({posts});
  b.ns = ast::NamespaceDecl{"", {id("app")}, at()};
  Result r = analyze({a, b});
  ASSERT_TRUE(r.schema) << (r.errors.empty() ? "" : r.errors[0]);
  EXPECT_EQ(r.schema->ns, "app");
  EXPECT_EQ(r.schema->tables.size(), 2u);

  ast::Module c = module({table("users", {primary(col("id", "int"))})});
  c.ns = ast::NamespaceDecl{"", {id("other")}, at()};
  Result bad = analyze({a, b, c});
  EXPECT_FALSE(bad.schema);
  EXPECT_EQ(bad.errors,
            (std::vector<std::string>{
                "namespace 'other' conflicts with namespace 'app' declared in another file",
                "redefinition of table 'users'"}));
}

TEST(SemaLowering, SameInputGivesSameIr) {
  auto build = [] {
    ast::TableDecl t = users();
    t.checks.push_back(
        {std::nullopt, bin(">", call("length", {name("email")}), integer("3")), at()});
    return analyze({module({t})});
  };
  Result a = build(), b = build();
  ASSERT_TRUE(a.schema && b.schema);
  EXPECT_EQ(*a.schema, *b.schema);
}

// ---- diagnostics ----

std::vector<std::string> errorsOf(std::vector<ast::TableDecl> tables,
                                  std::vector<ast::EnumDecl> enums = {}) {
  return analyze({module(std::move(tables), std::move(enums))}).errors;
}

TEST(SemaDiagnostics, DuplicatesAndUnknownTypes) {
  EXPECT_EQ(errorsOf({users(), users()}),
            std::vector<std::string>{"redefinition of table 'users'"});
  EXPECT_EQ(errorsOf({table("t", {primary(col("a", "int")), col("a", "text")})}),
            std::vector<std::string>{"duplicate column 'a' in table 't'"});
  EXPECT_EQ(errorsOf({}, {enumDecl("e", {"x", "y", "x"})}),
            std::vector<std::string>{"duplicate value 'x' in enum 'e'"});
  EXPECT_EQ(
      errorsOf({users()}, {enumDecl("users", {"x"})}),
      std::vector<std::string>{
          "table 'users' conflicts with enum 'users' (tables and enums share one namespace)"});
  // An unknown type is one error: its default is not checked against it.
  EXPECT_EQ(
      errorsOf({table("t", {primary(col("id", "int")), withDefault(col("n", "txt"), str("x"))})}),
      std::vector<std::string>{"unknown type 'txt' (did you mean 'text'?)"});
  EXPECT_EQ(errorsOf({table("t", {primary(col("id", "int")), col("v", "varchar", false, {0}),
                                  col("d", "decimal", false, {2, 3})})}),
            (std::vector<std::string>{"varchar length must be at least 1 (got 0)",
                                      "decimal scale (3) must not exceed its precision (2)"}));
}

TEST(SemaDiagnostics, Keys) {
  EXPECT_EQ(errorsOf({table("t", {primary(col("a", "int")), primary(col("b", "int"))})}),
            std::vector<std::string>{"table 't' has more than one primary key"});
  EXPECT_EQ(errorsOf({table("t", {primary(col("a", "int", true))})}),
            std::vector<std::string>{"primary key column 'a' cannot be nullable"});
  ast::TableDecl ai = table("t", {primary(col("a", "int32")), col("b", "int")});
  ai.columns[0].autoincrement.push_back(at());
  ai.columns[1].autoincrement.push_back(at());
  EXPECT_EQ(errorsOf({ai}), (std::vector<std::string>{
                                "'autoincrement' requires a column of type 'int' ('a' is int32)",
                                "'autoincrement' requires 'b' to be the primary key"}));
  Result r = analyze({module({table("log", {col("line", "text")})})});
  EXPECT_TRUE(r.schema);  // a warning only
  EXPECT_EQ(r.warnings, std::vector<std::string>{"table 'log' has no primary key"});
}

TEST(SemaDiagnostics, ForeignKeys) {
  ast::TableDecl t =
      table("t", {primary(col("id", "int")), col("u", "int32"), col("e", "text"), col("x", "int")});
  t.columns[1].references.push_back(refs("users", {"id"}));
  t.columns[2].references.push_back(refs("users", {"email", "id"}));
  t.columns[3].references.push_back(refs("userz", {"id"}));
  EXPECT_EQ(
      errorsOf({users(), t}),
      (std::vector<std::string>{
          "foreign key column 'u' has type int32 but the referenced column 'users.id' has type int",
          "foreign key has 1 column but references 2 columns",
          "unknown table 'userz' (did you mean 'users'?)"}));
  ast::TableDecl n = table("n", {primary(col("id", "int")), col("name", "text")});
  ast::TableDecl r = table("r", {primary(col("id", "int")), col("name", "text")});
  r.columns[1].references.push_back(refs("n", {"name"}));
  EXPECT_EQ(errorsOf({n, r}),
            std::vector<std::string>{"referenced columns n(name) are not the primary key of 'n' "
                                     "and have no unique constraint"});
}

TEST(SemaDiagnostics, Expressions) {
  ast::EnumDecl st = enumDecl("status", {"draft", "paid"});
  ast::TableDecl t = table("t", {primary(col("id", "int")), withDefault(col("n", "int"), str("x")),
                                 withDefault(col("s", "status"), name("payed")),
                                 withDefault(col("d", "int"), lit(ExprKind::Now)),
                                 withDefault(col("m", "text"), lit(ExprKind::Null))});
  t.checks.push_back({std::nullopt, call("lowr", {name("m")}), at()});
  t.checks.push_back(
      {std::nullopt, bin(">", call("length", {name("m"), name("m")}), integer("1")), at()});
  t.checks.push_back({std::nullopt, bin("=", name("zz"), integer("1")), at()});
  t.checks.push_back({std::nullopt, bin("+", name("n"), integer("1")), at()});
  t.checks.push_back({std::nullopt,
                      bin("and", bin("||", name("m"), name("n")), lit(ExprKind::Bool, "true")),
                      at()});
  t.checks.push_back({std::nullopt, lit(ExprKind::Raw, "whatever(1)"), at()});
  EXPECT_EQ(errorsOf({t}, {st}),
            (std::vector<std::string>{
                "default of type text does not match column 'n' of type int",
                "'payed' is not a value of enum 'status' (did you mean 'paid'?)",
                "'now' is only a default of timestamp or date columns ('d' is int)",
                "default is null but column 'm' is not nullable",
                "unknown function 'lowr' (did you mean 'lower'?)",
                "function 'length' takes 1 argument, but 2 were given",
                "unknown column 'zz' in table 't'", "check must be a boolean condition (got int)",
                "operand of '||' must be text (got int)",
                "operand of 'and' must be a boolean (got text)"}));
}

TEST(SemaDiagnostics, GeneratedColumns) {
  ast::TableDecl t =
      table("t", {primary(col("id", "int")), col("a", "int"), col("b", "int"), col("c", "int")});
  t.columns[1].generated.push_back({bin("+", name("b"), integer("1")), true, at()});
  t.columns[2].generated.push_back({bin("+", name("a"), integer("1")), true, at()});
  t.columns[3].generated.push_back({name("id"), std::nullopt, at()});
  t.columns[3].defaults.push_back(integer("1"));
  EXPECT_EQ(errorsOf({t}), (std::vector<std::string>{
                               "generated column 'c' cannot have a default",
                               "generated columns of table 't' depend on each other in a cycle"}));
}

TEST(SemaDiagnostics, NamesModifiersAndHints) {
  ast::TableDecl a = users();
  a.columns[1].unique.push_back(at());  // `unique unique`
  a.was = {id("users")};
  ast::TableDecl b = table("b", {primary(col("id", "int")), col("email", "text")});
  ast::IndexItem ix;
  ix.name = id("users_email_key");  // index names are global
  ix.parts = {{id("email"), false}, {id("nope"), false}};
  ix.range = at();
  b.indexes.push_back(ix);
  EXPECT_EQ(errorsOf({a, b}),
            (std::vector<std::string>{
                "rename hint 'was users' names the table itself", "repeated modifier 'unique'",
                "unknown column 'nope' in table 'b'", "duplicate index name 'users_email_key'"}));
}

}  // namespace
}  // namespace schemac
