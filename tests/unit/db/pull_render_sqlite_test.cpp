// renderSchemaText writes every construct of a database schemac did not create in the
// language's syntax: collations, deferrable keys, table options, constraint names, expression
// index parts, nullable legacy keys, timestamp(text), views, triggers and virtual tables; the
// raw SQL it carries escaped so the lexer reads back the very same text.
#include <gtest/gtest.h>

#include <string>

#include "db/compile_schema.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"

namespace schemac::db {
namespace {

ir::Expr raw(std::string sql) { return ir::Expr{ir::ExprKind::Raw, std::move(sql), {}, false}; }
ir::Expr col(std::string name) {
  return ir::Expr{ir::ExprKind::Column, std::move(name), {}, false};
}

ir::Column column(std::string name, ir::TypeKind kind, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

ir::IndexColumn part(std::string column, bool desc = false, std::string collation = "") {
  ir::IndexColumn p(std::move(column), desc);
  p.collation = std::move(collation);
  return p;
}

ir::IndexColumn exprPart(ir::Expr e, bool desc = false, std::string collation = "") {
  ir::IndexColumn p;
  p.expr = std::move(e);
  p.desc = desc;
  p.collation = std::move(collation);
  return p;
}

ir::Schema tablesSchema() {
  ir::Table users;
  users.name = "users";
  users.columns.push_back(column("id", ir::TypeKind::Int));
  users.columns.push_back(column("email", ir::TypeKind::Text));
  users.columns.back().collation = "nocase";
  users.columns.push_back(column("nick", ir::TypeKind::Text, true));
  users.columns.back().collation = "my_coll";
  users.columns.push_back(column("seen", ir::TypeKind::Timestamp, true));
  users.columns.back().type.unit = ir::TimeUnit::Text;
  users.columns.back().sqlType = "datetime";
  users.primaryKey = {"id"};
  users.primaryKeyName = "users_pk";
  ir::Index email{"users_email_key", true, {part("email")}, std::nullopt, true, true};
  ir::Index nick{"users_nick_uq", true, {part("nick", false, "rtrim")}, std::nullopt, true, false};
  ir::Expr lower{ir::ExprKind::Call, "lower", {col("email")}, false};
  ir::Expr sum{ir::ExprKind::Binary, "+", {col("id"), col("id")}, false};
  ir::Index byExpr{"users_lower",
                   false,
                   {exprPart(lower, false, "nocase"), exprPart(sum, true), exprPart(raw("id % 7")),
                    part("nick", true)},
                   raw("nick IS NOT NULL"),
                   false,
                   false};
  users.indexes = {byExpr, email, nick};
  ir::Expr positive{
      ir::ExprKind::Binary, ">", {col("id"), {ir::ExprKind::Int, "0", {}, false}}, false};
  users.checks.push_back({"users_check", positive, true});
  users.checks.push_back({"named", positive, false});
  std::swap(users.checks[0], users.checks[1]);

  ir::Table tags;
  tags.name = "tags";
  tags.withoutRowid = true;
  tags.strict = true;
  tags.columns.push_back(column("user_id", ir::TypeKind::Int));
  tags.columns.push_back(column("label", ir::TypeKind::Text));
  tags.primaryKey = {"label", "user_id"};
  ir::ForeignKey fk{"tags_user_id_fkey",
                    {"user_id"},
                    "users",
                    {"id"},
                    ir::FkAction::Cascade,
                    ir::FkAction::NoAction,
                    ir::Deferral::Deferred,
                    true};
  ir::ForeignKey named = fk;
  named.name = "tags_owner";
  named.deferral = ir::Deferral::Immediate;
  named.unnamed = false;
  named.onDelete = ir::FkAction::NoAction;
  tags.foreignKeys = {fk, named};

  ir::Table legacy;
  legacy.name = "legacy";
  legacy.columns.push_back(column("code", ir::TypeKind::Text, true));
  legacy.primaryKey = {"code"};
  ir::Table legacy2;
  legacy2.name = "legacy2";
  legacy2.columns.push_back(column("a", ir::TypeKind::Text, true));
  legacy2.columns.push_back(column("b", ir::TypeKind::Text));
  legacy2.primaryKey = {"a", "b"};

  ir::Schema s;
  s.tables = {legacy, legacy2, tags, users};
  ir::canonicalize(s);
  return s;
}

TEST(PullRenderSqlite, TableLevelConstructs) {
  ir::Schema s = tablesSchema();
  EXPECT_EQ(renderSchemaText(s),
            "table legacy {\n"
            "  code  text?  primary nullable_legacy\n"
            "}\n"
            "\n"
            "table legacy2 {\n"
            "  a  text?\n"
            "  b  text\n"
            "\n"
            "  primary (a, b) nullable_legacy\n"
            "}\n"
            "\n"
            "table tags without rowid strict {\n"
            "  user_id  int\n"
            "  label    text\n"
            "\n"
            "  primary (label, user_id)\n"
            "  foreign tags_owner (user_id) references users(id) deferrable initially immediate\n"
            "  foreign unnamed (user_id) references users(id) on delete cascade deferrable "
            "initially deferred\n"
            "}\n"
            "\n"
            "table users {\n"
            "  id     int\n"
            "  email  text              collate nocase\n"
            "  nick   text?             collate my_coll\n"
            "  seen   timestamp(text)?  sqltype \"datetime\"\n"
            "\n"
            "  primary users_pk (id)\n"
            "  unique constraint (email)\n"
            "  index users_lower (lower(email) collate nocase, (id + id) desc, sql\"id % 7\", "
            "nick desc) where sql\"nick IS NOT NULL\"\n"
            "  unique constraint users_nick_uq (nick collate rtrim)\n"
            "  check named (id > 0)\n"
            "  check unnamed (id > 0)\n"
            "}\n");
}

ir::Schema objectsSchema() {
  ir::Schema s;
  ir::Table t;
  t.name = "docs";
  t.columns.push_back(column("id", ir::TypeKind::Int));
  t.columns.push_back(column("index", ir::TypeKind::Text));
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  s.views.push_back({"recent", "SELECT id FROM docs\nWHERE id > 10", "The newest documents."});
  s.triggers.push_back({"docs_ai",
                        "docs",
                        ir::TriggerTiming::After,
                        ir::TriggerEvent::Insert,
                        {},
                        true,
                        "",
                        "BEGIN\n  INSERT INTO docs_fts(rowid) VALUES (new.id);\nEND",
                        ""});
  s.triggers.push_back({"docs_bu",
                        "docs",
                        ir::TriggerTiming::Before,
                        ir::TriggerEvent::Update,
                        {"id", "index"},
                        false,
                        "NEW.id <> OLD.id",
                        "BEGIN SELECT RAISE(ABORT, 'no \"id\" change'); END",
                        ""});
  s.triggers.push_back({"recent_ins",
                        "recent",
                        ir::TriggerTiming::InsteadOf,
                        ir::TriggerEvent::Delete,
                        {},
                        false,
                        "",
                        "BEGIN DELETE FROM docs; END",
                        ""});
  s.virtualTables.push_back(
      {"docs_fts", "fts5", "title, body, content='docs', tokenize=\"a\\b\"", "Full-text search."});
  s.virtualTables.push_back({"plain", "mymodule", "", ""});
  return s;
}

TEST(PullRenderSqlite, ViewsTriggersAndVirtualTables) {
  ir::Schema s = objectsSchema();
  EXPECT_EQ(renderSchemaText(s),
            "table docs {\n"
            "  id       int   primary\n"
            "  `index`  text\n"
            "}\n"
            "\n"
            "/// Full-text search.\n"
            "virtual table docs_fts using fts5 sql\"title, body, content='docs', "
            "tokenize=\\\"a\\\\b\\\"\"\n"
            "\n"
            "virtual table plain using mymodule\n"
            "\n"
            "/// The newest documents.\n"
            "view recent as sql\"SELECT id FROM docs\\nWHERE id > 10\"\n"
            "\n"
            "trigger docs_ai after insert on docs for each row sql\"BEGIN\\n  INSERT INTO "
            "docs_fts(rowid) VALUES (new.id);\\nEND\"\n"
            "\n"
            "trigger docs_bu before update of id, `index` on docs when sql\"NEW.id <> OLD.id\" "
            "sql\"BEGIN SELECT RAISE(ABORT, 'no \\\"id\\\" change'); END\"\n"
            "\n"
            "trigger recent_ins instead of delete on recent sql\"BEGIN DELETE FROM docs; END\"\n");
}

// The text compiles back to the very tables.
TEST(PullRenderSqlite, TableLevelConstructsCompileBack) {
  ir::Schema s = tablesSchema();
  ir::Schema back = testing::compileSchemaText(renderSchemaText(s));
  EXPECT_EQ(describeDifferences(s, back), std::vector<std::string>{});
  EXPECT_EQ(back.tables, s.tables);
}

// The text compiles back to the very views, triggers and virtual tables.
TEST(PullRenderSqlite, ViewsTriggersAndVirtualTablesCompileBack) {
  ir::Schema s = objectsSchema();
  ir::Schema back = testing::compileSchemaText(renderSchemaText(s));
  EXPECT_EQ(back.views, s.views);
  EXPECT_EQ(back.triggers, s.triggers);
  EXPECT_EQ(back.virtualTables, s.virtualTables);
}

// Raw SQL with double quotes, backslashes, tabs and line breaks reads back as the same text.
TEST(PullRenderSqlite, RawSqlReadsBackByteForByte) {
  const std::string sql = "\"a\" GLOB 'x\\*'\n\tOR \"a\" = 'it''s \"b\"'\r\n";
  ir::Table t;
  t.name = "t";
  t.columns.push_back(column("id", ir::TypeKind::Int));
  t.columns.push_back(column("a", ir::TypeKind::Text));
  t.columns.back().defaultValue = raw(sql);
  t.primaryKey = {"id"};
  t.checks.push_back({"t_check", raw(sql), false});
  ir::Schema s;
  s.tables.push_back(t);
  ir::Schema back = testing::compileSchemaText(renderSchemaText(s));
  ASSERT_EQ(back.tables.size(), 1u);
  ASSERT_TRUE(back.tables[0].columns[1].defaultValue);
  EXPECT_EQ(back.tables[0].columns[1].defaultValue->text, sql);
  ASSERT_EQ(back.tables[0].checks.size(), 1u);
  EXPECT_EQ(back.tables[0].checks[0].expr.text, sql);
}

}  // namespace
}  // namespace schemac::db
