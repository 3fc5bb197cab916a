// Introspection: a database created from an IR reads back as normalizeForSqlite(IR); databases
// written by hand (other tools' layouts) and altered by ALTER TABLE read back sensibly.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/ir_json.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using namespace schemac::testing;
using K = ir::TypeKind;

std::string joinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

void expectRoundTrip(const ir::Schema& s) {
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  ir::Schema got = db::inspect(*db, &s);
  ir::Schema want = db::normalizeForSqlite(s);
  EXPECT_EQ(got, want) << joinLines(db::describeDifferences(want, got));
  // Lowering what introspection returned reproduces the same database.
  TempDb again;
  rt::applyScript(*again, sq::createSchemaScript(got));
  ir::Schema got2 = db::inspect(*again, &got);
  EXPECT_EQ(got2, got) << joinLines(db::describeDifferences(got, got2));
}

TEST(SqliteInspect, SampleSchemaRoundTrips) { expectRoundTrip(sampleSchema()); }

TEST(SqliteInspect, NormalizedFormKeepsWhatSqliteKeeps) {
  ir::Schema s = sampleSchema();
  ir::Schema n = db::normalizeForSqlite(s);
  EXPECT_EQ(n.ns, "");
  EXPECT_EQ(n.doc, "");
  ASSERT_EQ(n.enums.size(), 2u);  // unused_kind is gone
  EXPECT_EQ(n.enums[0].name, "invoice_status");
  EXPECT_EQ(n.enums[0].values[2].doc, "");
  const ir::Table* users = n.findTable("users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->doc, "");
  EXPECT_EQ(users->columns[0].doc, "Surrogate key.");
  EXPECT_EQ(users->columns[1].doc, "Login.\n\n  Indented line -- with dashes.");
  EXPECT_TRUE(users->columns[2].renamedFrom.empty());
  ASSERT_TRUE(users->columns[3].defaultValue);
  EXPECT_EQ(users->columns[3].defaultValue->kind, ir::ExprKind::Raw);
  EXPECT_EQ(users->columns[3].defaultValue->text, "1");
  EXPECT_EQ(n.findTable("invoices")->columns[4].defaultValue->text, "'draft'");
  EXPECT_EQ(n.findTable("orgs")->renamedFrom, std::vector<std::string>{});
  // Normalizing is idempotent.
  EXPECT_EQ(db::normalizeForSqlite(n), n);
}

TEST(SqliteInspect, EnumNamesWithoutAReference) {
  ir::Schema s = sampleSchema();
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  ir::Schema got = db::inspect(*db);
  EXPECT_EQ(got, db::normalizeForSqlite(s, nullptr));
  ASSERT_EQ(got.enums.size(), 2u);
  EXPECT_EQ(got.enums[0].name, "invoices_priority");
  EXPECT_EQ(got.enums[1].name, "invoices_status");
  EXPECT_EQ(got.findTable("invoices")->findColumn("status")->type.enumName, "invoices_status");
}

TEST(SqliteInspect, EnumNamesFromAReferenceWithSharedValues) {
  // Two enums with the same values: each column keeps its own enum's name.
  ir::Schema s;
  s.enums = {ir::Enum{"a_kind", {{"x", "", {}}, {"y", "", {}}}, "", {}},
             ir::Enum{"b_kind", {{"x", "", {}}, {"y", "", {}}}, "", {}}};
  ir::Table t;
  t.name = "t";
  t.columns = {column("id", type(K::Int)), column("p", enumType("b_kind")),
               column("q", enumType("a_kind"))};
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  expectRoundTrip(s);
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  ir::Schema got = db::inspect(*db, &s);
  EXPECT_EQ(got.findTable("t")->findColumn("p")->type.enumName, "b_kind");
  EXPECT_EQ(got.findTable("t")->findColumn("q")->type.enumName, "a_kind");
  // A reference whose column changed type: the values still find the enum.
  ir::Schema ref = s;
  ref.tables[0].columns[1].type = type(K::Text);
  EXPECT_EQ(db::inspect(*db, &ref).findTable("t")->findColumn("p")->type.enumName, "a_kind");
  // The same enum name with different values elsewhere gets a suffix.
  ir::Schema clash;
  clash.enums = {ir::Enum{"t_p", {{"z", "", {}}}, "", {}}};
  ir::Schema got2 = db::inspect(*db, &clash);
  EXPECT_EQ(got2.findTable("t")->findColumn("p")->type.enumName, "t_p");
  EXPECT_EQ(got2.findTable("t")->findColumn("q")->type.enumName, "t_q");
}

TEST(SqliteInspect, EveryTypeAloneRoundTrips) {
  for (ir::Type ty :
       {type(K::Int), type(K::Int32), type(K::Real), decimalType(38, 10), decimalType(5, 0),
        type(K::Text), varcharType(1), type(K::Bool), type(K::Timestamp), type(K::Date),
        type(K::Uuid), type(K::Json), type(K::Blob)}) {
    for (bool nullable : {false, true}) {
      ir::Schema s;
      ir::Table t;
      t.name = "t";
      t.columns = {column("v", ty, nullable)};
      s.tables.push_back(t);
      SCOPED_TRACE(ir::typeToString(ty));
      expectRoundTrip(s);
    }
  }
}

ir::Type secondsType() {
  ir::Type t = type(K::Timestamp);
  t.unit = ir::TimeUnit::Seconds;
  return t;
}

ir::Column declaredAs(ir::Column c, std::string sqlType, bool unchecked = false) {
  c.sqlType = std::move(sqlType);
  c.unchecked = unchecked;
  return c;
}

// Every combination of `timestamp(s)`, `sqltype` and `unchecked`: what inspect reads from a
// database made from it is what normalizeForSqlite says (the inspect.h contract), whatever the
// declared type hides (a `timestamp(s) sqltype "integer"` reads back as an int).
TEST(SqliteInspect, DeclaredTypesAndUncheckedColumnsRoundTrip) {
  ir::Expr nowS = lit(ir::ExprKind::Now, "timestamp_s");
  std::vector<ir::Column> columns = {
      column("v", secondsType()),
      withDefault(column("v", secondsType()), nowS),
      declaredAs(column("v", secondsType()), "integer"),
      declaredAs(withDefault(column("v", secondsType()), nowS), "integer"),
      declaredAs(column("v", type(K::Timestamp)), "INTEGER"),
      declaredAs(column("v", type(K::Bool)), "integer", true),
      declaredAs(column("v", type(K::Bool)), "", true),
      declaredAs(column("v", type(K::Bool)), "integer"),  // keeps its check: a user check
      declaredAs(column("v", type(K::Json)), "text", true),
      declaredAs(column("v", type(K::Json)), "", true),
      declaredAs(column("v", type(K::Json)), "text"),  // the check makes it json again
      declaredAs(column("v", type(K::Json)), "JSON", true),
      declaredAs(column("v", type(K::Json)), "json"),
      declaredAs(column("v", type(K::Bool)), "bool", true),  // Django's spelling
      declaredAs(column("v", type(K::Bool)), "bool"),
      declaredAs(column("v", varcharType(8)), "varchar(8)", true),
      declaredAs(column("v", enumType("role")), "", true),
      declaredAs(column("v", enumType("role")), "text", true),
      declaredAs(column("v", enumType("role")), "varchar(20)"),
      declaredAs(column("v", enumType("role")), "Text"),
      declaredAs(column("v", varcharType(8)), "", true),
      declaredAs(column("v", varcharType(8)), "text"),
      declaredAs(column("v", type(K::Text)), "text(256)"),
      declaredAs(column("v", type(K::Text)), "TEXT"),
      declaredAs(column("v", decimalType(10, 2)), "NUMERIC(10,2)"),
      declaredAs(column("v", type(K::Real)), "double precision"),
      declaredAs(column("v", type(K::Int)), "bigint"),
      declaredAs(column("v", type(K::Int32)), "integer"),
      declaredAs(column("v", type(K::Blob)), "bytea"),
  };
  for (const ir::Column& c : columns) {
    for (bool nullable : {false, true}) {
      ir::Schema s;
      s.enums = {ir::Enum{"role", {{"admin", "", {}}, {"member", "", {}}}, "", {}}};
      ir::Table t;
      t.name = "t";
      t.columns = {column("id", type(K::Int)), c};
      t.columns[1].nullable = nullable;
      t.primaryKey = {"id"};
      t.checks = {{"t_v_check", lit(ir::ExprKind::Raw, "1")}};  // taken: the next name is used
      s.tables.push_back(t);
      SCOPED_TRACE(ir::typeToString(c.type) + " sqltype '" + c.sqlType + "'" +
                   (c.unchecked ? " unchecked" : ""));
      expectRoundTrip(s);
      ir::Schema n = db::normalizeForSqlite(s);
      // A declared type that says bool, varchar or json reads back unchecked unless the column
      // is that very type with its check (an enum declared varchar(20) has no length check).
      ir::Type declared = db::typeOfDeclared(sq::declaredType(c));
      bool impliesCheck =
          declared.kind == K::Bool || declared.kind == K::Varchar || declared.kind == K::Json;
      EXPECT_EQ(n.tables[0].columns[1].unchecked,
                impliesCheck && !(declared == c.type && !c.unchecked));
      EXPECT_EQ(db::normalizeForSqlite(n), n);
    }
  }
}

TEST(SqliteInspect, DeclaredTypesReadBackExactly) {
  // A table as drizzle-kit writes it.
  TempDb db;
  db->execute(R"(
    CREATE TABLE `users` (
      `id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
      `name` text(256) NOT NULL,
      `created_at` integer DEFAULT (unixepoch()) NOT NULL,
      `updated_ms` integer,
      `active` integer NOT NULL,
      `meta` text,
      `role` text NOT NULL,
      `seen` TIMESTAMP_S,
      `price` numeric
    );
  )");
  ir::Schema got = db::inspect(*db);
  const ir::Table& u = got.tables.at(0);
  EXPECT_EQ(u.findColumn("id")->sqlType, "");  // pragma says INTEGER, the text says integer
  EXPECT_EQ(u.findColumn("name")->type, type(K::Text));
  EXPECT_EQ(u.findColumn("name")->sqlType, "text(256)");
  EXPECT_EQ(u.findColumn("created_at")->type, type(K::Int));
  EXPECT_EQ(u.findColumn("created_at")->sqlType, "");
  EXPECT_EQ(u.findColumn("seen")->type, secondsType());
  EXPECT_EQ(u.findColumn("seen")->sqlType, "");
  EXPECT_EQ(u.findColumn("price")->type, type(K::Real));
  EXPECT_EQ(u.findColumn("price")->sqlType, "numeric");

  // The schema `import drizzle` writes for it compares equal, unchecked columns included.
  ir::Schema s;
  s.enums = {ir::Enum{"users_role", {{"admin", "", {}}, {"member", "", {}}}, "", {}}};
  ir::Table t;
  t.name = "users";
  ir::Column id = column("id", type(K::Int));
  id.autoincrement = true;
  t.columns = {
      id,
      declaredAs(column("name", type(K::Text)), "text(256)"),
      declaredAs(
          withDefault(column("created_at", secondsType()), lit(ir::ExprKind::Now, "timestamp_s")),
          "integer"),
      declaredAs(column("updated_ms", type(K::Timestamp), true), "integer"),
      declaredAs(column("active", type(K::Bool)), "integer", true),
      declaredAs(column("meta", type(K::Json), true), "text", true),
      declaredAs(column("role", enumType("users_role")), "text", true),
      column("seen", secondsType(), true),
      declaredAs(column("price", type(K::Real), true), "numeric"),
  };
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  ir::Schema live = db::inspect(*db, &s);
  EXPECT_EQ(live, db::normalizeForSqlite(s))
      << joinLines(db::describeDifferences(db::normalizeForSqlite(s), live));
}

TEST(SqliteInspect, DeclaredTypeSpelledDifferentlyIsTheSame) {
  // The reference says NUMERIC(10, 2); the database (made by hand, or re-printed by a server)
  // says numeric (10,2): the same declared type, so no difference.
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {declaredAs(column("p", decimalType(10, 2)), "NUMERIC(10, 2)")};
  s.tables.push_back(t);
  TempDb db;
  db->execute("CREATE TABLE t (p numeric (10,2) NOT NULL)");
  ir::Schema live = db::inspect(*db, &s);
  EXPECT_EQ(live, db::normalizeForSqlite(s))
      << joinLines(db::describeDifferences(db::normalizeForSqlite(s), live));
  EXPECT_EQ(db::inspect(*db).tables[0].columns[0].sqlType, "numeric (10,2)");
}

TEST(SqliteInspect, RawAndOddExpressions) {
  ir::Schema s;
  ir::Table t;
  t.name = "t";
  t.columns = {withDefault(column("a", type(K::Text)), lit(ir::ExprKind::Raw, "  upper('x')  ")),
               withDefault(column("b", type(K::Int)), lit(ir::ExprKind::Raw, "(1) + (2)")),
               withDefault(column("c", type(K::Real)), lit(ir::ExprKind::Decimal, "-0.5")),
               withDefault(column("d", type(K::Text)), str("-- not a comment */")),
               withDefault(column("e", type(K::Blob), true), lit(ir::ExprKind::Raw, "x'00FF'"))};
  t.checks = {{"t_check", lit(ir::ExprKind::Raw, "\"a\" != ')'  /* c */")}};
  s.tables.push_back(t);
  expectRoundTrip(s);
}

TEST(SqliteInspect, ForeignLayoutReadsBack) {
  TempDb db;
  db->execute(R"(
    CREATE TABLE parent (id integer primary key, code varchar(10) UNIQUE, n numeric);
    CREATE TABLE [child] (
      `id` INTEGER PRIMARY KEY,
      parent_id INT REFERENCES parent ON DELETE CASCADE,
      code VARCHAR(10) CONSTRAINT code_ok CHECK (code <> ''),
      flag BOOLEAN DEFAULT TRUE,
      price NUMERIC(8,2),
      raw_thing,
      weird DOUBLE PRECISION,
      CHECK (id > 0),
      FOREIGN KEY (code) REFERENCES parent(code)
    ) WITHOUT ROWID;
    CREATE INDEX child_lower ON child (parent_id COLLATE NOCASE DESC);
    CREATE TABLE __schemac_migrations (id INTEGER PRIMARY KEY);
    CREATE VIEW v AS SELECT 1;
  )");
  ir::Schema got = db::inspect(*db);
  ASSERT_EQ(got.tables.size(), 2u);
  const ir::Table& child = got.tables[0];
  EXPECT_EQ(child.name, "child");
  ASSERT_EQ(child.columns.size(), 7u);
  EXPECT_EQ(child.columns[1].type.kind, K::Int32);
  EXPECT_EQ(child.columns[2].type, varcharType(10));
  EXPECT_EQ(child.columns[3].type.kind, K::Bool);
  EXPECT_EQ(child.columns[3].defaultValue->text, "TRUE");
  EXPECT_EQ(child.columns[4].type, decimalType(8, 2));
  EXPECT_EQ(child.columns[5].type.kind, K::Blob);
  EXPECT_EQ(child.columns[6].type.kind, K::Real);
  EXPECT_FALSE(child.columns[0].nullable);  // WITHOUT ROWID: the key column is NOT NULL
  EXPECT_EQ(child.primaryKey, std::vector<std::string>{"id"});
  ASSERT_EQ(child.checks.size(), 2u);
  EXPECT_EQ(child.checks[0].name, "child_check");
  EXPECT_EQ(child.checks[0].expr.text, "id > 0");
  EXPECT_EQ(child.checks[1].name, "code_ok");
  ASSERT_EQ(child.foreignKeys.size(), 2u);
  EXPECT_EQ(child.foreignKeys[0].name, "child_code_fkey");
  EXPECT_EQ(child.foreignKeys[0].refColumns, std::vector<std::string>{"code"});
  EXPECT_EQ(child.foreignKeys[1].name, "child_parent_id_fkey");
  EXPECT_EQ(child.foreignKeys[1].refColumns, std::vector<std::string>{"id"});  // implicit target
  EXPECT_EQ(child.foreignKeys[1].onDelete, ir::FkAction::Cascade);
  ASSERT_EQ(child.indexes.size(), 1u);
  EXPECT_TRUE(child.indexes[0].columns[0].desc);
  const ir::Table& parent = got.tables[1];
  EXPECT_FALSE(parent.columns[0].nullable);  // the rowid alias
  EXPECT_EQ(parent.columns[2].type.kind, K::Real);
  ASSERT_EQ(parent.indexes.size(), 1u);
  EXPECT_EQ(parent.indexes[0].name, "parent_code_key");
  EXPECT_TRUE(parent.indexes[0].unique);
}

TEST(SqliteInspect, AlterTableEditsReadBack) {
  ir::Schema s = sampleSchema();
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  // ADD COLUMN appends after the last column of the stored text; RENAME rewrites names.
  db->execute(
      "ALTER TABLE users ADD COLUMN \"nickname\" VARCHAR(20) CHECK (length(\"nickname\") <= 20)");
  db->execute("ALTER TABLE users RENAME COLUMN \"score\" TO \"points\"");
  db->execute("ALTER TABLE orgs RENAME TO organisations");
  ir::Schema got = db::inspect(*db, &s);
  const ir::Table* users = got.findTable("users");
  ASSERT_NE(users, nullptr);
  EXPECT_EQ(users->columns.back().name, "nickname");
  EXPECT_EQ(users->columns.back().type, varcharType(20));
  EXPECT_EQ(users->columns.back().doc, "");
  EXPECT_EQ(users->findColumn("points")->defaultValue->text, "0.5");
  EXPECT_EQ(users->columns[1].doc, "Login.\n\n  Indented line -- with dashes.");
  bool sawRenamedCheck = false;
  for (const ir::Check& c : users->checks) {
    if (c.name == "users_check") {
      sawRenamedCheck = true;
      EXPECT_EQ(c.expr.text, "NOT (\"points\" < 0 OR \"points\" > 100)");
    }
  }
  EXPECT_TRUE(sawRenamedCheck);
  EXPECT_EQ(got.findTable("invoices")->foreignKeys[0].refTable, "organisations");
  EXPECT_NE(got.findTable("organisations"), nullptr);
  std::vector<std::string> diff = db::describeDifferences(db::normalizeForSqlite(s), got);
  EXPECT_NE(joinLines(diff).find("table \"orgs\" is missing"), std::string::npos)
      << joinLines(diff);
  EXPECT_NE(joinLines(diff).find("unexpected table \"organisations\""), std::string::npos);
}

TEST(SqliteInspect, UnrepresentableSchemasFailClearly) {
  TempDb db;
  db->execute("CREATE TABLE t (a TEXT); CREATE VIEW v (x) AS SELECT a FROM t;");
  try {
    db::inspect(*db);
    FAIL() << "expected InspectError";
  } catch (const db::InspectError& e) {
    EXPECT_STREQ(e.what(), "view \"v\": names its columns (CREATE VIEW v(a, b) AS ...)");
  }
}

TEST(SqliteInspect, EmptyDatabase) {
  TempDb db;
  EXPECT_EQ(db::inspect(*db), ir::Schema{});
  EXPECT_EQ(db::normalizeForSqlite(ir::Schema{}), ir::Schema{});
}

TEST(SqliteInspect, DescribeDifferences) {
  ir::Schema a = db::normalizeForSqlite(sampleSchema());
  EXPECT_TRUE(db::describeDifferences(a, a).empty());
  ir::Schema b = a;
  ir::Table* users = nullptr;
  for (ir::Table& t : b.tables) {
    if (t.name == "users") users = &t;
  }
  users->columns[1].type = type(K::Text);
  users->columns[2].nullable = false;
  users->columns[0].sqlType = "bigint";
  users->indexes.pop_back();
  users->checks[0].expr.text = "1";
  std::string d = joinLines(db::describeDifferences(a, b));
  EXPECT_NE(d.find("table \"users\": column \"email\": type: expected varchar(120), got text"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("table \"users\": column \"name\": nullable: expected true, got false"),
            std::string::npos);
  EXPECT_NE(d.find("table \"users\": column \"id\": declared type: expected INTEGER, got bigint"),
            std::string::npos)
      << d;
  EXPECT_NE(d.find("table \"users\": index \"users_name_idx\" is missing"), std::string::npos);
  EXPECT_NE(d.find("table \"users\": check \"users_age_check\": expression: expected sql`\"age\" "
                   "BETWEEN 0 AND "
                   "150`, got sql`1`"),
            std::string::npos);
}

}  // namespace
}  // namespace schemac
