// The introspection contract for every construct of issue 16: a database created by the SQLite
// lowering from S reads back as normalizeForSqlite(S), and lowering what was read gives the
// same database again; an outside change to any construct is a difference.
#include <gtest/gtest.h>

#include "codegen/sample_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
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

ir::Column column(std::string name, K kind, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = nullable;
  return c;
}

// Every construct: collations, deferrable and unnamed keys, named and unnamed checks, a named
// composite key out of column order, WITHOUT ROWID, STRICT, UNIQUE constraints (named,
// unnamed, with COLLATE), expression and partial indexes, a nullable legacy key, timestamp(text)
// with `now`, views (one on another), triggers of each timing, virtual tables.
ir::Schema everything() {
  ir::Schema s;
  ir::Table users;
  users.name = "users";
  users.columns = {column("id", K::Int), column("email", K::Text), column("name", K::Text, true),
                   column("org_id", K::Int, true), column("created", K::Timestamp)};
  users.columns[1].collation = "nocase";
  users.columns[2].collation = "rtrim";
  users.columns[4].type.unit = ir::TimeUnit::Text;
  users.columns[4].defaultValue = lit(ir::ExprKind::Now, "timestamp_text");
  users.primaryKey = {"id"};
  ir::Index emailKey{"users_email_key", true, {ir::IndexColumn("email")}, std::nullopt, true, true};
  ir::Index named{"users_name_org", true, {ir::IndexColumn("name"), ir::IndexColumn("org_id")},
                  std::nullopt,     true, false};
  named.columns[0].collation = "nocase";
  ir::Index expr{"users_lower_name", false, {}, bin(">", col("org_id"), num("0")), false, false};
  ir::IndexColumn lowerName;
  lowerName.expr = call("lower", {col("name")});
  expr.columns.push_back(lowerName);
  ir::IndexColumn created("created", true);
  expr.columns.push_back(created);
  ir::IndexColumn sum;
  sum.expr = bin("+", col("id"), col("org_id"));
  sum.collation = "binary";
  expr.columns.push_back(sum);
  users.indexes = {named, expr, emailKey};
  users.checks = {
      ir::Check{"users_check", bin(">", col("id"), num("0")), true},
      ir::Check{"users_name_len", bin("<", call("length", {col("name")}), num("80")), false}};
  ir::ForeignKey org;
  org.name = "users_org_id_fkey";
  org.columns = {"org_id"};
  org.refTable = "orgs";
  org.refColumns = {"id"};
  org.deferral = ir::Deferral::Deferred;
  org.unnamed = true;
  users.foreignKeys = {org};

  ir::Table orgs;
  orgs.name = "orgs";
  orgs.columns = {column("id", K::Int)};
  orgs.primaryKey = {"id"};

  ir::Table links;
  links.name = "links";
  links.columns = {column("a", K::Int), column("b", K::Int), column("note", K::Text, true)};
  links.primaryKey = {"b", "a"};
  links.primaryKeyName = "links_pk";
  links.withoutRowid = true;
  links.strict = true;
  ir::ForeignKey la;
  la.name = "links_a";
  la.columns = {"a"};
  la.refTable = "users";
  la.refColumns = {"id"};
  la.deferral = ir::Deferral::Immediate;
  links.foreignKeys = {la};

  ir::Table legacy;
  legacy.name = "legacy";
  legacy.columns = {column("code", K::Text, true), column("n", K::Int, true)};
  legacy.primaryKey = {"code"};

  s.tables = {legacy, links, orgs, users};
  s.views = {ir::View{"named_users", "SELECT id, name FROM users WHERE name IS NOT NULL", ""},
             ir::View{"short_names", "SELECT id FROM named_users WHERE length(name) < 5", ""}};
  ir::Trigger ai;
  ai.name = "users_ai";
  ai.table = "users";
  ai.timing = ir::TriggerTiming::After;
  ai.event = ir::TriggerEvent::Insert;
  ai.forEachRow = true;
  ai.when = "NEW.org_id IS NOT NULL";
  ai.body = "BEGIN\n  UPDATE users SET name = 'x' WHERE id = NEW.id AND name IS NULL;\nEND";
  ir::Trigger bu;
  bu.name = "users_bu";
  bu.table = "users";
  bu.timing = ir::TriggerTiming::Before;
  bu.event = ir::TriggerEvent::Update;
  bu.columns = {"email", "name"};
  bu.body = "BEGIN SELECT RAISE(ABORT, 'frozen') WHERE OLD.id = 1; END";
  ir::Trigger ins;
  ins.name = "named_users_ins";
  ins.table = "named_users";
  ins.timing = ir::TriggerTiming::InsteadOf;
  ins.event = ir::TriggerEvent::Insert;
  ins.body = "BEGIN INSERT INTO users (email, name) VALUES (NEW.name, NEW.name); END";
  s.triggers = {ins, ai, bu};
  s.virtualTables = {ir::VirtualTable{"boxes", "rtree", "id, x0, x1", ""},
                     ir::VirtualTable{"docs", "fts5", "title, body, tokenize = 'porter'", ""}};
  ir::canonicalize(s);
  return s;
}

TEST(InspectObjectsRoundTrip, EveryConstructReadsBackAsNormalized) {
  ir::Schema s = everything();
  TempDb db;
  rt::applyScript(*db, sq::createSchemaScript(s));
  ir::Schema got = db::inspect(*db, &s);
  ir::Schema want = db::normalizeForSqlite(s);
  EXPECT_EQ(got, want) << joinLines(db::describeDifferences(want, got));
  // Without a reference too (nothing is re-spelled on SQLite).
  ir::Schema plain = db::inspect(*db);
  EXPECT_EQ(plain, want) << joinLines(db::describeDifferences(want, plain));
  // Lowering what introspection returned reproduces the same database.
  TempDb again;
  rt::applyScript(*again, sq::createSchemaScript(got));
  ir::Schema got2 = db::inspect(*again, &got);
  EXPECT_EQ(got2, got) << joinLines(db::describeDifferences(got, got2));
  EXPECT_EQ(db::normalizeForSqlite(want), want);  // idempotent
}

TEST(InspectObjectsRoundTrip, OutsideChangesAreDifferences) {
  ir::Schema s = everything();
  ir::Schema want = db::normalizeForSqlite(s);
  struct Case {
    const char* sql;
    const char* line;
  };
  const Case cases[] = {
      {"DROP TRIGGER users_bu", "trigger \"users_bu\" is missing"},
      {"DROP VIEW short_names; CREATE VIEW short_names AS SELECT id FROM named_users",
       "view \"short_names\": query:"},
      {"DROP INDEX users_lower_name; CREATE INDEX users_lower_name ON users (lower(\"name\"), "
       "\"created\" DESC, (\"id\" + \"org_id\") COLLATE BINARY)",
       "index \"users_lower_name\": where: expected sql`\"org_id\" > 0`, got (none)"},
      {"DROP INDEX users_lower_name; CREATE INDEX users_lower_name ON users (upper(\"name\"), "
       "\"created\" DESC, (\"id\" + \"org_id\") COLLATE BINARY) WHERE \"org_id\" > 0",
       "index \"users_lower_name\": columns:"},
      {"DROP TABLE boxes; CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1, y0, y1)",
       "virtual table \"boxes\": arguments:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.sql);
    TempDb db;
    rt::applyScript(*db, sq::createSchemaScript(s));
    db->execute(c.sql);
    std::string diff = joinLines(db::describeDifferences(want, db::inspect(*db, &s)));
    EXPECT_NE(diff.find(c.line), std::string::npos) << diff;
  }
}

}  // namespace
}  // namespace schemac
