// Parser front end: the AST built from source text, with ranges, docs and comments, and the
// words of syntax errors.
#include "schemac/parse.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

namespace schemac {
namespace {

struct Parsed {
  SourceManager sm;
  DiagEngine diags{sm};
  ast::Module module;
  std::string errors() const {
    std::ostringstream os;
    diags.print(os);
    return os.str();
  }
};

std::unique_ptr<Parsed> parseText(std::string text) {
  auto p = std::make_unique<Parsed>();
  FileId id = p->sm.addBuffer("test.schema", std::move(text));
  p->module = parse(p->sm, id, p->diags);
  return p;
}

std::string slice(const Parsed& p, SourceRange r) {
  return std::string(
      p.sm.contents(r.begin.file).substr(r.begin.offset, r.end.offset - r.begin.offset));
}

const char* kSpecExample = R"(/// LumenR billing schema.
namespace lumenr.db                     // C++ namespace of generated code: lumenr::db

enum invoice_status { draft sent paid void }

/// People who can sign in.
table users {
  id          int        primary autoincrement
  email       text       unique check (length(email) > 3)
  name        text?                               // `?` = nullable
  role        text       default "member"
  created_at  timestamp  default now
}

table invoices {
  id         int             primary autoincrement
  user_id    int             references users(id) on delete cascade
  number     text
  status     invoice_status  default draft
  amount     decimal(12, 2)  check (amount >= 0)
  paid_at    timestamp?
  meta       json?

  unique (user_id, number)
  index invoices_open_by_user (user_id, status) where status != 'paid'
}

table memberships {
  user_id  int  references users(id)
  team_id  int  references teams(id) on delete cascade on update restrict
  since    date default now
  primary (user_id, team_id)
}

table teams was groups {                  // rename hint
  id        int   primary autoincrement
  title     text  was name               // rename hint
  slug      text  generated (lower(title)) stored
}
)";

TEST(Parse, SpecExample) {
  auto p = parseText(kSpecExample);
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::Module& m = p->module;
  ASSERT_TRUE(m.ns);
  ASSERT_EQ(m.ns->parts.size(), 2u);
  EXPECT_EQ(m.ns->parts[0].name, "lumenr");
  EXPECT_EQ(m.ns->parts[1].name, "db");
  EXPECT_EQ(m.ns->doc, "LumenR billing schema.");
  ASSERT_EQ(m.enums.size(), 1u);
  EXPECT_EQ(m.enums[0].values.size(), 4u);
  EXPECT_EQ(m.enums[0].values[3].name.name, "void");
  ASSERT_EQ(m.tables.size(), 4u);
  ASSERT_EQ(m.order.size(), 5u);
  EXPECT_EQ(m.order[0].first, ast::Module::DeclKind::Enum);
  EXPECT_EQ(m.order[1].first, ast::Module::DeclKind::Table);

  const ast::TableDecl& users = m.tables[0];
  EXPECT_EQ(users.doc, "People who can sign in.");
  ASSERT_EQ(users.columns.size(), 5u);
  EXPECT_EQ(users.columns[0].primary.size(), 1u);
  EXPECT_EQ(users.columns[0].autoincrement.size(), 1u);
  EXPECT_EQ(users.columns[1].unique.size(), 1u);
  ASSERT_EQ(users.columns[1].checks.size(), 1u);
  const ast::Expr& check = users.columns[1].checks[0];
  EXPECT_EQ(check.kind, ast::ExprKind::Binary);
  EXPECT_EQ(check.text, ">");
  EXPECT_EQ(check.args[0].kind, ast::ExprKind::Call);
  EXPECT_EQ(check.args[0].text, "length");
  EXPECT_EQ(slice(*p, check.range), "length(email) > 3");
  EXPECT_TRUE(users.columns[2].type.nullable);
  EXPECT_EQ(users.columns[3].defaults[0].kind, ast::ExprKind::String);
  EXPECT_EQ(users.columns[3].defaults[0].text, "member");
  EXPECT_EQ(users.columns[4].defaults[0].kind, ast::ExprKind::Now);
  EXPECT_EQ(slice(*p, users.columns[1].range),
            "email       text       unique check (length(email) > 3)");
  EXPECT_EQ(slice(*p, users.name.range), "users");

  const ast::TableDecl& invoices = m.tables[1];
  ASSERT_EQ(invoices.columns[1].references.size(), 1u);
  EXPECT_EQ(invoices.columns[1].references[0].table.name, "users");
  EXPECT_EQ(invoices.columns[1].references[0].actions.onDelete, ast::FkAction::Cascade);
  EXPECT_FALSE(invoices.columns[1].references[0].actions.onUpdate);
  EXPECT_EQ(invoices.columns[4].type.name.name, "decimal");
  EXPECT_EQ(invoices.columns[4].type.args, (std::vector<int>{12, 2}));
  ASSERT_EQ(invoices.uniques.size(), 1u);
  EXPECT_EQ(invoices.uniques[0].columns.size(), 2u);
  ASSERT_EQ(invoices.indexes.size(), 1u);
  EXPECT_EQ(invoices.indexes[0].name->name, "invoices_open_by_user");
  ASSERT_TRUE(invoices.indexes[0].where);
  EXPECT_EQ(invoices.indexes[0].where->text, "!=");
  EXPECT_EQ(invoices.indexes[0].where->args[1].text, "paid");
  EXPECT_EQ(invoices.indexes[0].where->args[1].quote, '\'');
  ASSERT_EQ(invoices.items.size(), 9u);
  EXPECT_EQ(invoices.items[7].first, ast::TableItemKind::Unique);
  EXPECT_EQ(invoices.items[8].first, ast::TableItemKind::Index);

  const ast::TableDecl& memberships = m.tables[2];
  EXPECT_EQ(memberships.columns[1].references[0].actions.onUpdate, ast::FkAction::Restrict);
  ASSERT_EQ(memberships.primaryKeys.size(), 1u);
  EXPECT_EQ(memberships.primaryKeys[0].columns[1].name, "team_id");

  const ast::TableDecl& teams = m.tables[3];
  ASSERT_EQ(teams.was.size(), 1u);
  EXPECT_EQ(teams.was[0].name, "groups");
  EXPECT_EQ(teams.columns[1].was[0].name, "name");
  ASSERT_EQ(teams.columns[2].generated.size(), 1u);
  EXPECT_EQ(teams.columns[2].generated[0].stored, std::optional<bool>(true));

  EXPECT_EQ(m.comments.size(), 6u);
}

TEST(Parse, KeywordsAndTypeNamesAsNames) {
  auto p = parseText(R"(
table desc {
  date date
  text text
  type text
  key int primary
  status text
  desc text
  `index` int
  `check` text default `check`
  index (date desc, `index`)
}
)");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::TableDecl& t = p->module.tables[0];
  EXPECT_EQ(t.name.name, "desc");
  ASSERT_EQ(t.columns.size(), 8u);
  EXPECT_EQ(t.columns[0].name.name, "date");
  EXPECT_EQ(t.columns[0].type.name.name, "date");
  EXPECT_EQ(t.columns[6].name.name, "index");
  EXPECT_TRUE(t.columns[6].name.backticked);
  EXPECT_EQ(t.columns[7].defaults[0].kind, ast::ExprKind::Name);
  EXPECT_EQ(t.columns[7].defaults[0].text, "check");
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_TRUE(t.indexes[0].parts[0].desc);
  EXPECT_EQ(t.indexes[0].parts[1].column.name, "index");
}

TEST(Parse, ExpressionPrecedence) {
  auto p = parseText(
      "table t { a int check (a = 1 or not a > 2 and a + 2 * 3 || 'x' like 'y' or -a is not "
      "null) }");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::Expr& e = p->module.tables[0].columns[0].checks[0];
  // ((a = 1) or ((not (a > 2)) and ((a + (2 * 3)) || 'x') like 'y')) or ((-a) is not null)
  ASSERT_EQ(e.text, "or");
  EXPECT_EQ(e.args[1].kind, ast::ExprKind::IsNull);
  EXPECT_TRUE(e.args[1].negated);
  EXPECT_EQ(e.args[1].args[0].kind, ast::ExprKind::Unary);
  const ast::Expr& left = e.args[0];
  ASSERT_EQ(left.text, "or");
  EXPECT_EQ(left.args[0].text, "=");
  const ast::Expr& conj = left.args[1];
  ASSERT_EQ(conj.text, "and");
  EXPECT_EQ(conj.args[0].kind, ast::ExprKind::Unary);
  EXPECT_EQ(conj.args[0].text, "not");
  EXPECT_EQ(conj.args[0].args[0].text, ">");
  const ast::Expr& like = conj.args[1];
  ASSERT_EQ(like.kind, ast::ExprKind::Like);
  EXPECT_EQ(like.args[0].text, "||");
  EXPECT_EQ(like.args[0].args[0].text, "+");
  EXPECT_EQ(like.args[0].args[0].args[1].text, "*");
}

TEST(Parse, PredicatesLiteralsAndRawSql) {
  auto p = parseText(R"x(table t {
  a int check (a between 1 and 10) check (a not in (1, 2, 3)) default -5
  b text default "say \"hi\"\n" check (b not like 'x%')
  c real default 1.50
  d bool default true
  e text? default null
  f text default sql"datetime('now')"
  g int generated ((a + 1) * 2) virtual
})x");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const auto& cols = p->module.tables[0].columns;
  EXPECT_EQ(cols[0].checks[0].kind, ast::ExprKind::Between);
  EXPECT_EQ(cols[0].checks[0].args.size(), 3u);
  EXPECT_EQ(cols[0].checks[1].kind, ast::ExprKind::In);
  EXPECT_TRUE(cols[0].checks[1].negated);
  EXPECT_EQ(cols[0].checks[1].args.size(), 4u);
  EXPECT_EQ(cols[0].defaults[0].kind, ast::ExprKind::Unary);
  EXPECT_EQ(cols[1].defaults[0].text, "say \"hi\"\n");
  EXPECT_TRUE(cols[1].checks[0].negated);
  EXPECT_EQ(cols[2].defaults[0].kind, ast::ExprKind::Decimal);
  EXPECT_EQ(cols[2].defaults[0].text, "1.50");
  EXPECT_EQ(cols[3].defaults[0].kind, ast::ExprKind::Bool);
  EXPECT_EQ(cols[4].defaults[0].kind, ast::ExprKind::Null);
  EXPECT_EQ(cols[5].defaults[0].kind, ast::ExprKind::Raw);
  EXPECT_EQ(cols[5].defaults[0].text, "datetime('now')");
  ASSERT_EQ(cols[6].generated.size(), 1u);
  EXPECT_EQ(cols[6].generated[0].stored, std::optional<bool>(false));
  EXPECT_TRUE(cols[6].generated[0].expr.args[0].parenthesized);
}

TEST(Parse, TableItemsAndSeparators) {
  auto p = parseText(R"(
enum color was colour { red, green; /// the best
  blue was azure }
table t {
  a int; b int; c int
  primary (a, b);
  unique ab_key (a, b)
  unique index c_idx (c desc) where c > 0
  index (b)
  check positive (a > 0)
  foreign fk_t (a, b) references other(x, y) on update cascade on delete set null
};
)");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::EnumDecl& e = p->module.enums[0];
  EXPECT_EQ(e.was[0].name, "colour");
  ASSERT_EQ(e.values.size(), 3u);
  EXPECT_EQ(e.values[2].doc, "the best");
  EXPECT_EQ(e.values[2].was[0].name, "azure");
  const ast::TableDecl& t = p->module.tables[0];
  EXPECT_EQ(t.columns.size(), 3u);
  ASSERT_EQ(t.indexes.size(), 2u);
  EXPECT_TRUE(t.indexes[0].unique);
  EXPECT_EQ(t.indexes[0].name->name, "c_idx");
  EXPECT_TRUE(t.indexes[0].where);
  EXPECT_FALSE(t.indexes[1].name);
  EXPECT_EQ(t.uniques[0].name->name, "ab_key");
  EXPECT_EQ(t.checks[0].name->name, "positive");
  const ast::ForeignItem& fk = t.foreignKeys[0];
  EXPECT_EQ(fk.columns.size(), 2u);
  EXPECT_EQ(fk.references.table.name, "other");
  EXPECT_EQ(fk.references.actions.onDelete, ast::FkAction::SetNull);
  EXPECT_EQ(fk.references.actions.onUpdate, ast::FkAction::Cascade);
}

// A `check` or `unique index` starting a line begins a table item; on the column's line it
// is a column modifier.
TEST(Parse, LineStartDisambiguation) {
  auto p = parseText(R"(table t {
  a int check (a > 0)
  b int
  check (a < b)
  c int unique
  unique index (c)
})");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::TableDecl& t = p->module.tables[0];
  EXPECT_EQ(t.columns[0].checks.size(), 1u);
  EXPECT_EQ(t.columns[1].checks.size(), 0u);
  EXPECT_EQ(t.checks.size(), 1u);
  EXPECT_EQ(t.columns[2].unique.size(), 1u);
  ASSERT_EQ(t.indexes.size(), 1u);
  EXPECT_TRUE(t.indexes[0].unique);
}

TEST(Parse, SqliteTableConstructs) {
  auto p = parseText(R"(table t was u strict without rowid {
  a text collate nocase unique constraint
  b text? primary nullable_legacy
  c int references t(a) deferrable initially deferred
  collate text
  index (lower(a) desc, b collate rtrim)
  unique constraint uq (a collate nocase, b desc)
  check unnamed (c > 0)
  foreign unnamed (c) references t(a) deferrable
  primary pk (a, b) nullable_legacy
})");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::TableDecl& t = p->module.tables[0];
  ASSERT_EQ(t.options.size(), 2u);
  EXPECT_EQ(t.options[0].kind, ast::TableOption::Kind::Strict);
  EXPECT_EQ(slice(*p, t.options[1].range), "without rowid");
  ASSERT_EQ(t.columns.size(), 4u);
  EXPECT_EQ(t.columns[0].collations.at(0).name, "nocase");
  EXPECT_EQ(slice(*p, t.columns[0].uniqueConstraint.at(0)), "unique constraint");
  EXPECT_EQ(t.columns[0].unique.size(), 0u);
  EXPECT_EQ(slice(*p, t.columns[1].nullableLegacy.at(0)), "nullable_legacy");
  EXPECT_EQ(t.columns[2].references.at(0).deferral, ast::Deferral::InitiallyDeferred);
  EXPECT_EQ(t.columns[3].name.name, "collate");  // at the start of a line: a column
  const ast::IndexItem& ix = t.indexes.at(0);
  ASSERT_EQ(ix.parts.size(), 2u);
  ASSERT_TRUE(ix.parts[0].expr);
  EXPECT_EQ(ix.parts[0].expr->kind, ast::ExprKind::Call);
  EXPECT_TRUE(ix.parts[0].desc);
  EXPECT_EQ(ix.parts[1].column.name, "b");
  EXPECT_EQ(ix.parts[1].collation->name, "rtrim");
  const ast::UniqueItem& uq = t.uniques.at(0);
  EXPECT_TRUE(uq.constraint);
  EXPECT_EQ(uq.name->name, "uq");
  EXPECT_TRUE(uq.columns.empty());
  ASSERT_EQ(uq.parts.size(), 2u);
  EXPECT_TRUE(uq.parts[1].desc);
  EXPECT_TRUE(t.checks.at(0).unnamed);
  EXPECT_FALSE(t.checks.at(0).name);
  EXPECT_TRUE(t.foreignKeys.at(0).unnamed);
  EXPECT_EQ(t.foreignKeys.at(0).references.deferral, ast::Deferral::Deferrable);
  const ast::PrimaryItem& pk = t.primaryKeys.at(0);
  EXPECT_EQ(pk.name->name, "pk");
  ASSERT_TRUE(pk.nullableLegacy);
  EXPECT_EQ(slice(*p, pk.range), "primary pk (a, b) nullable_legacy");
}

TEST(Parse, DocCommentsAttachToTheNextDeclaration) {
  auto p = parseText(R"(/// Users.
/// Two lines.
table users {
  /// The key.
  id int primary
  // not a doc
  name text
}
//// not a doc either
enum e { a }
)");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  EXPECT_EQ(p->module.tables[0].doc, "Users.\nTwo lines.");
  EXPECT_EQ(p->module.tables[0].columns[0].doc, "The key.");
  EXPECT_EQ(p->module.tables[0].columns[1].doc, "");
  EXPECT_EQ(p->module.enums[0].doc, "");
  EXPECT_EQ(p->module.comments.size(), 5u);
  EXPECT_EQ(p->module.comments[4].kind, ast::Comment::Kind::Line);
}

TEST(Parse, RangesAreByteOffsetsWithUnicode) {
  auto p = parseText("// héllo wörld\ntable `tåble` { `ünï` text default 'ç' }");
  ASSERT_FALSE(p->diags.hadErrors()) << p->errors();
  const ast::TableDecl& t = p->module.tables[0];
  EXPECT_EQ(t.name.name, "tåble");
  EXPECT_EQ(slice(*p, t.name.range), "`tåble`");
  EXPECT_EQ(slice(*p, t.columns[0].range), "`ünï` text default 'ç'");
  EXPECT_EQ(t.columns[0].defaults[0].text, "ç");
}

TEST(Parse, SyntaxErrorsInWords) {
  auto p = parseText("table users {\n  email unique\n}\n");
  EXPECT_TRUE(p->diags.hadErrors());
  EXPECT_NE(p->errors().find("test.schema:2:9: error: expected a column type after 'email'"),
            std::string::npos)
      << p->errors();
  EXPECT_EQ(p->errors().find("IDENT"), std::string::npos) << p->errors();
}

TEST(Parse, DeepNestingIsAnErrorNotACrash) {
  std::string deep =
      "table t { a int check (" + std::string(100000, '(') + "1" + std::string(100000, ')') + ") }";
  auto p = parseText(deep);
  EXPECT_NE(p->errors().find("too deeply nested"), std::string::npos);
  std::string chain = "table t { a int check (1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  chain += " > 0) }";
  auto q = parseText(chain);
  EXPECT_NE(q->errors().find("too deeply nested"), std::string::npos);
}

}  // namespace
}  // namespace schemac
