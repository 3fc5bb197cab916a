// The SQLite table constructs from source text to IR: collations, deferral, table options,
// constraint names, expression index parts, timestamp(text), nullable_legacy; and the rules
// of check_sqlite_options.cpp.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "schemac/parse.h"
#include "schemac/sema.h"

namespace schemac {
namespace {

struct Compiled {
  std::optional<ir::Schema> schema;
  std::string errors;  // every diagnostic, rendered
};

Compiled compile(const std::string& text) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId id = sm.addBuffer("t.schema", text);
  std::vector<ast::Module> modules;
  modules.push_back(parse(sm, id, diags));
  Compiled out;
  if (!diags.hadErrors()) out.schema = sema::analyze(modules, diags);
  std::ostringstream os;
  diags.print(os);
  out.errors = os.str();
  return out;
}

const ir::Table& table(const ir::Schema& s, const std::string& name) {
  const ir::Table* t = s.findTable(name);
  EXPECT_NE(t, nullptr) << name;
  return *t;
}

const ir::Column& column(const ir::Table& t, const std::string& name) {
  const ir::Column* c = t.findColumn(name);
  EXPECT_NE(c, nullptr) << name;
  return *c;
}

const ir::Index& index(const ir::Table& t, const std::string& name) {
  for (const ir::Index& ix : t.indexes) {
    if (ix.name == name) return ix;
  }
  ADD_FAILURE() << "no index " << name;
  return t.indexes.front();
}

TEST(SemaSqlite, ColumnsKeysAndOptionsReachTheIr) {
  Compiled c = compile(
      "table t without rowid strict {\n"
      "  id     int  primary\n"
      "  a      text collate NOCASE\n"
      "  b      text collate Binary\n"
      "  c      text collate `Latin1_General`\n"
      "  d      text collate rtrim\n"
      "  at     timestamp(text) sqltype \"text\" default now\n"
      "}\n"
      "table u {\n"
      "  k   text?\n"
      "  n   int\n"
      "  f1  int references t(id) deferrable\n"
      "  f2  int references t(id) deferrable initially immediate\n"
      "  f3  int references t(id) on delete cascade deferrable initially deferred\n"
      "  f4  int references t(id)\n"
      "  primary pk_u (k, n) nullable_legacy\n"
      "}\n");
  ASSERT_TRUE(c.schema) << c.errors;
  const ir::Table& t = table(*c.schema, "t");
  EXPECT_TRUE(t.withoutRowid);
  EXPECT_TRUE(t.strict);
  EXPECT_TRUE(t.primaryKeyName.empty());
  EXPECT_EQ(column(t, "id").collation, "");
  EXPECT_EQ(column(t, "a").collation, "nocase");  // built-ins in lower case
  EXPECT_EQ(column(t, "b").collation, "binary");
  EXPECT_EQ(column(t, "c").collation, "Latin1_General");  // others as written
  EXPECT_EQ(column(t, "d").collation, "rtrim");
  const ir::Column& at = column(t, "at");
  EXPECT_EQ(at.type.kind, ir::TypeKind::Timestamp);
  EXPECT_EQ(at.type.unit, ir::TimeUnit::Text);
  EXPECT_EQ(ir::typeToString(at.type), "timestamp(text)");
  ASSERT_TRUE(at.defaultValue);
  EXPECT_EQ(at.defaultValue->kind, ir::ExprKind::Now);
  EXPECT_EQ(at.defaultValue->text, "timestamp_text");

  const ir::Table& u = table(*c.schema, "u");
  EXPECT_FALSE(u.withoutRowid);
  EXPECT_FALSE(u.strict);
  EXPECT_EQ(u.primaryKeyName, "pk_u");
  EXPECT_EQ(u.primaryKey, (std::vector<std::string>{"k", "n"}));
  EXPECT_TRUE(column(u, "k").nullable);
  std::vector<ir::Deferral> deferrals;
  for (const ir::ForeignKey& fk : u.foreignKeys) {
    deferrals.push_back(fk.deferral);
    EXPECT_FALSE(fk.unnamed);
  }
  EXPECT_EQ(deferrals,
            (std::vector<ir::Deferral>{ir::Deferral::Immediate, ir::Deferral::Immediate,
                                       ir::Deferral::Deferred, ir::Deferral::NotDeferrable}));
}

TEST(SemaSqlite, ConstraintNamesAndExpressionIndexes) {
  Compiled c = compile(
      "table t {\n"
      "  id     int primary\n"
      "  email  text unique constraint\n"
      "  name   text\n"
      "  other  int\n"
      "  index (lower(email))\n"
      "  index named (upper(name))\n"
      "  index (lower(name) desc, id)\n"
      "  index (lower(email) collate nocase)\n"
      "  index ((name))\n"
      "  unique constraint (name, other)\n"
      "  unique constraint uq (other)\n"
      "  check unnamed (id > 0)\n"
      "  check (id < 100)\n"
      "  check `unnamed` (id != 5)\n"
      "  foreign unnamed (other) references t(id)\n"
      "}\n");
  ASSERT_TRUE(c.schema) << c.errors;
  const ir::Table& t = table(*c.schema, "t");
  const ir::Index& email = index(t, "t_email_key");
  EXPECT_TRUE(email.unique && email.constraint && email.unnamed);
  const ir::Index& pair = index(t, "t_name_other_key");
  EXPECT_TRUE(pair.unique && pair.constraint && pair.unnamed);
  const ir::Index& uq = index(t, "uq");
  EXPECT_TRUE(uq.unique && uq.constraint);
  EXPECT_FALSE(uq.unnamed);

  // Expression parts count as `expr` in derived names, numbered from 1 on a clash.
  const ir::Index& first = index(t, "t_expr_idx");
  ASSERT_EQ(first.columns.size(), 1u);
  EXPECT_TRUE(first.columns[0].column.empty());
  ASSERT_TRUE(first.columns[0].expr);
  EXPECT_EQ(first.columns[0].expr->kind, ir::ExprKind::Call);
  EXPECT_EQ(first.columns[0].expr->text, "lower");
  EXPECT_FALSE(first.constraint);
  const ir::Index& mixed = index(t, "t_expr_id_idx");
  ASSERT_EQ(mixed.columns.size(), 2u);
  EXPECT_TRUE(mixed.columns[0].desc);
  EXPECT_EQ(mixed.columns[1].column, "id");
  const ir::Index& collated = index(t, "t_expr1_idx");
  EXPECT_EQ(collated.columns.at(0).collation, "nocase");
  // `(name)` is the column, as SQLite reads it; the name was derived from what was written.
  const ir::Index& paren = index(t, "t_expr2_idx");
  EXPECT_EQ(paren.columns.at(0).column, "name");
  EXPECT_FALSE(paren.columns.at(0).expr);
  index(t, "named");

  ASSERT_EQ(t.checks.size(), 3u);
  EXPECT_EQ(t.checks[0].name, "t_check");  // unnamed and nameless items share the counter
  EXPECT_TRUE(t.checks[0].unnamed);
  EXPECT_EQ(t.checks[1].name, "t_check1");
  EXPECT_FALSE(t.checks[1].unnamed);
  EXPECT_EQ(t.checks[2].name, "unnamed");  // backticked: a name
  EXPECT_FALSE(t.checks[2].unnamed);
  ASSERT_EQ(t.foreignKeys.size(), 1u);
  EXPECT_EQ(t.foreignKeys[0].name, "t_other_fkey");
  EXPECT_TRUE(t.foreignKeys[0].unnamed);
}

TEST(SemaSqlite, UniqueConstraintPartsAreColumns) {
  Compiled c = compile(
      "table t {\n  id int primary\n  a text\n  b int\n"
      "  unique constraint (a collate NOCASE, b desc)\n}\n");
  ASSERT_TRUE(c.schema) << c.errors;
  const ir::Index& ix = index(c.schema->tables[0], "t_a_b_key");
  EXPECT_TRUE(ix.constraint && ix.unnamed);
  ASSERT_EQ(ix.columns.size(), 2u);
  EXPECT_EQ(ix.columns[0].column, "a");
  EXPECT_EQ(ix.columns[0].collation, "nocase");
  EXPECT_TRUE(ix.columns[1].desc);
  Compiled expr =
      compile("table t {\n  id int primary\n  a text\n  unique constraint (lower(a))\n}\n");
  EXPECT_FALSE(expr.schema);
  EXPECT_NE(expr.errors.find("t.schema:4:22: error: a unique constraint's parts are columns"),
            std::string::npos)
      << expr.errors;
}

TEST(SemaSqlite, ForeignKeysNeedAPlainUniqueKey) {
  Compiled ok = compile(
      "table p { id int primary\n code text unique constraint\n}\n"
      "table c { id int primary\n code text references p(code)\n}\n");
  EXPECT_TRUE(ok.schema) << ok.errors;
  Compiled expr = compile(
      "table p { id int primary\n code text\n unique index (lower(code))\n}\n"
      "table c { id int primary\n code text references p(code)\n}\n");
  EXPECT_FALSE(expr.schema);
  EXPECT_NE(expr.errors.find("have no unique constraint"), std::string::npos) << expr.errors;
}

// Under `strict`, the logical types whose lowering SQLite accepts pass; the others need a
// sqltype, which the error proposes.
TEST(SemaSqlite, StrictAcceptsOnlyItsDeclaredTypes) {
  struct Case {
    const char* type;
    const char* suggestion;  // nullptr: accepted as it is
  };
  const Case cases[] = {
      {"int", nullptr},
      {"int32", nullptr},
      {"real", nullptr},
      {"text", nullptr},
      {"json", nullptr},
      {"e", nullptr},
      {"blob", nullptr},
      {"bool", "INTEGER"},
      {"timestamp", "INTEGER"},
      {"timestamp(s)", "INTEGER"},
      {"timestamp(text)", "TEXT"},
      {"date", "TEXT"},
      {"uuid", "TEXT"},
      {"varchar(8)", "TEXT"},
      {"decimal(10, 2)", "TEXT"},
  };
  for (const Case& k : cases) {
    Compiled c = compile(std::string("enum e { a b }\ntable t strict {\n  id int primary\n  x ") +
                         k.type + "\n}\n");
    if (!k.suggestion) {
      EXPECT_TRUE(c.schema) << k.type << "\n" << c.errors;
      continue;
    }
    EXPECT_FALSE(c.schema) << k.type;
    EXPECT_NE(c.errors.find(std::string("add sqltype \"") + k.suggestion + "\""), std::string::npos)
        << k.type << "\n"
        << c.errors;
    // The suggestion works.
    Compiled fixed = compile(std::string("table t strict {\n  id int primary\n  x ") + k.type +
                             " sqltype \"" + k.suggestion + "\"\n}\n");
    EXPECT_TRUE(fixed.schema) << k.type << "\n" << fixed.errors;
  }
  EXPECT_TRUE(compile("table t strict { id int primary sqltype \"Integer\"\n x text sqltype "
                      "\"any\" }")
                  .schema);
  EXPECT_FALSE(compile("table t strict { id int primary\n x text sqltype \"int(4)\" }").schema);
  // Without `strict`, nothing is asked.
  EXPECT_TRUE(compile("table t { id int primary\n x bool }").schema);
}

TEST(SemaSqlite, NullableKeys) {
  // Without the marker a nullable key stays an error; with it, it is the IR's nullable key.
  EXPECT_FALSE(compile("table t { code text? primary }").schema);
  Compiled c = compile("table t { code text? primary nullable_legacy }");
  ASSERT_TRUE(c.schema) << c.errors;
  EXPECT_TRUE(c.schema->tables[0].columns[0].nullable);
  EXPECT_EQ(c.schema->tables[0].primaryKey, std::vector<std::string>{"code"});
  // int32 is declared INT: not the rowid alias, so it may be null; int (INTEGER) may not,
  // unless its sqltype makes it something else.
  EXPECT_TRUE(compile("table t { id int32? primary nullable_legacy }").schema);
  EXPECT_FALSE(compile("table t { id int? primary nullable_legacy }").schema);
  EXPECT_TRUE(compile("table t { id int? primary nullable_legacy sqltype \"INT\" }").schema);
  EXPECT_FALSE(compile("table t { a int?\n primary (a) nullable_legacy }").schema);
  EXPECT_TRUE(compile("table t { a int?\n b int\n primary (a, b) nullable_legacy }").schema);
  // The marker is an error where it changes nothing.
  EXPECT_FALSE(compile("table t { id text primary nullable_legacy }").schema);
  EXPECT_FALSE(compile("table t { id int primary\n x text? nullable_legacy }").schema);
  EXPECT_FALSE(compile("table t without rowid { code text? primary nullable_legacy }").schema);
}

TEST(SemaSqlite, WithoutRowidAndRepeats) {
  EXPECT_TRUE(compile("table t without rowid { code text primary }").schema);
  Compiled keyless = compile("table t without rowid { a int }");
  EXPECT_NE(keyless.errors.find("needs a primary key"), std::string::npos) << keyless.errors;
  EXPECT_FALSE(compile("table t without rowid { id int primary autoincrement }").schema);
  EXPECT_FALSE(compile("table t without rowid without rowid { id int primary }").schema);
  EXPECT_FALSE(
      compile("table t { id int primary\n a text unique constraint unique constraint }").schema);
  EXPECT_FALSE(compile("table t { id int primary\n a text collate nocase collate rtrim }").schema);
  EXPECT_FALSE(compile("table t { id int primary\n a text? primary nullable_legacy "
                       "nullable_legacy }")
                   .schema);
}

}  // namespace
}  // namespace schemac
