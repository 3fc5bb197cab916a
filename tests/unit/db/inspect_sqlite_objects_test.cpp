// Introspection of what databases made by other tools hold (issue 16): collations, deferrable
// keys, constraint names, key order, table options, UNIQUE constraints, expression indexes,
// nullable keys, timestamp(text), views, triggers and virtual tables, each read back exactly
// from a real SQLite file made with literal SQL.
#include <gtest/gtest.h>

#include "codegen/sqlite_test_util.h"
#include "schemac/db/inspect.h"

namespace schemac {
namespace {

using testing::TempDb;

std::string joinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

const ir::Index* findIndex(const ir::Table& t, const std::string& name) {
  for (const ir::Index& ix : t.indexes) {
    if (ix.name == name) return &ix;
  }
  return nullptr;
}

TEST(InspectSqliteObjects, ColumnCollations) {
  TempDb db;
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE NOT NULL, "
      "code TEXT COLLATE rtrim, name TEXT COLLATE \"NoCase\", plain TEXT, "
      "b TEXT NOT NULL DEFAULT 'x' COLLATE Binary)");
  ir::Schema s = db::inspect(*db);
  const ir::Table& t = s.tables.at(0);
  EXPECT_EQ(t.findColumn("email")->collation, "nocase");
  EXPECT_FALSE(t.findColumn("email")->nullable);
  EXPECT_EQ(t.findColumn("code")->collation, "rtrim");
  EXPECT_EQ(t.findColumn("name")->collation, "nocase");
  EXPECT_EQ(t.findColumn("plain")->collation, "");
  EXPECT_EQ(t.findColumn("b")->collation, "binary");
  EXPECT_EQ(t.findColumn("b")->defaultValue->text, "'x'");
}

TEST(InspectSqliteObjects, DeferrableForeignKeysAndConstraintNames) {
  TempDb db;
  // Django's layout: inline REFERENCES ... DEFERRABLE INITIALLY DEFERRED, no constraint names.
  db->execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY, code TEXT UNIQUE);"
      "CREATE TABLE c (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "
      "\"p_id\" integer NOT NULL REFERENCES \"p\" (\"id\") DEFERRABLE INITIALLY DEFERRED, "
      "q INT, r TEXT, s INT, "
      "CONSTRAINT fk_q FOREIGN KEY (q) REFERENCES p (id) ON DELETE CASCADE DEFERRABLE, "
      "FOREIGN KEY (r) REFERENCES p (code) NOT DEFERRABLE INITIALLY DEFERRED, "
      "FOREIGN KEY (s) REFERENCES p (id) DEFERRABLE INITIALLY IMMEDIATE, "
      "CHECK (q > 0), CONSTRAINT named_check CHECK (s < 10))");
  ir::Schema s = db::inspect(*db);
  const ir::Table& c = *s.findTable("c");
  ASSERT_EQ(c.foreignKeys.size(), 4u);
  const ir::ForeignKey& pId = c.foreignKeys[0];
  EXPECT_EQ(pId.name, "c_p_id_fkey");
  EXPECT_TRUE(pId.unnamed);
  EXPECT_EQ(pId.deferral, ir::Deferral::Deferred);
  const ir::ForeignKey& r = c.foreignKeys[1];
  EXPECT_EQ(r.name, "c_r_fkey");
  EXPECT_EQ(r.deferral, ir::Deferral::NotDeferrable);
  const ir::ForeignKey& sk = c.foreignKeys[2];
  EXPECT_EQ(sk.name, "c_s_fkey");
  EXPECT_EQ(sk.deferral, ir::Deferral::Immediate);
  const ir::ForeignKey& q = c.foreignKeys[3];
  EXPECT_EQ(q.name, "fk_q");
  EXPECT_FALSE(q.unnamed);
  EXPECT_EQ(q.deferral, ir::Deferral::Immediate);
  EXPECT_EQ(q.onDelete, ir::FkAction::Cascade);
  ASSERT_EQ(c.checks.size(), 2u);
  EXPECT_EQ(c.checks[0].name, "c_check");
  EXPECT_TRUE(c.checks[0].unnamed);
  EXPECT_EQ(c.checks[1].name, "named_check");
  EXPECT_FALSE(c.checks[1].unnamed);
  EXPECT_TRUE(c.findColumn("id")->autoincrement);
}

TEST(InspectSqliteObjects, PrimaryKeyNameOrderAndTableOptions) {
  TempDb db;
  db->execute(
      "CREATE TABLE task_labels (task_id INT NOT NULL, label_id INT NOT NULL, "
      "CONSTRAINT pk_tl PRIMARY KEY (task_id, label_id)) WITHOUT ROWID, STRICT;"
      "CREATE TABLE kv (k TEXT, v ANY, PRIMARY KEY (k)) STRICT;"
      "CREATE TABLE one (id INTEGER CONSTRAINT one_pk PRIMARY KEY);"
      "CREATE TABLE legacy (code TEXT PRIMARY KEY, n INT)");
  ir::Schema s = db::inspect(*db);
  const ir::Table& tl = *s.findTable("task_labels");
  EXPECT_EQ(tl.primaryKey, (std::vector<std::string>{"task_id", "label_id"}));
  EXPECT_EQ(tl.primaryKeyName, "pk_tl");
  EXPECT_TRUE(tl.withoutRowid);
  EXPECT_TRUE(tl.strict);
  const ir::Table& kv = *s.findTable("kv");
  EXPECT_FALSE(kv.withoutRowid);
  EXPECT_TRUE(kv.strict);
  EXPECT_EQ(kv.primaryKeyName, "");
  EXPECT_FALSE(kv.findColumn("k")->nullable);  // a STRICT table's key is NOT NULL
  EXPECT_EQ(kv.findColumn("v")->sqlType, "ANY");
  EXPECT_EQ(s.findTable("one")->primaryKeyName, "one_pk");
  // SQLite's legacy: a TEXT key of a rowid table holds NULL unless NOT NULL is written.
  EXPECT_TRUE(s.findTable("legacy")->findColumn("code")->nullable);
  EXPECT_EQ(s.findTable("legacy")->primaryKey, std::vector<std::string>{"code"});
  EXPECT_FALSE(s.findTable("one")->findColumn("id")->nullable);  // the rowid alias
}

TEST(InspectSqliteObjects, CompositeKeyOrderComesFromTheCreateText) {
  // The text's order wins over pragma positions that say nothing (tursodb reports 1 for each).
  TempDb db;
  db->execute("CREATE TABLE t (a INT, b INT, c INT, PRIMARY KEY (c, a))");
  EXPECT_EQ(db::inspect(*db).tables[0].primaryKey, (std::vector<std::string>{"c", "a"}));
}

TEST(InspectSqliteObjects, UniqueConstraintsStayConstraints) {
  TempDb db;
  db->execute(
      "CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT UNIQUE, a TEXT, b INT, "
      "CONSTRAINT uq_ab UNIQUE (a COLLATE NOCASE, b DESC), UNIQUE (b, email));"
      "CREATE UNIQUE INDEX u_a_idx ON u (a)");
  ir::Schema s = db::inspect(*db);
  const ir::Table& u = s.tables.at(0);
  ASSERT_EQ(u.indexes.size(), 4u) << joinLines(db::describeDifferences({}, s));
  const ir::Index* email = findIndex(u, "u_email_key");
  ASSERT_NE(email, nullptr);
  EXPECT_TRUE(email->constraint);
  EXPECT_TRUE(email->unnamed);
  EXPECT_TRUE(email->unique);
  const ir::Index* ab = findIndex(u, "uq_ab");
  ASSERT_NE(ab, nullptr);
  EXPECT_TRUE(ab->constraint);
  EXPECT_FALSE(ab->unnamed);
  ASSERT_EQ(ab->columns.size(), 2u);
  EXPECT_EQ(ab->columns[0].column, "a");
  EXPECT_EQ(ab->columns[0].collation, "nocase");
  EXPECT_TRUE(ab->columns[1].desc);
  const ir::Index* be = findIndex(u, "u_b_email_key");
  ASSERT_NE(be, nullptr);
  EXPECT_TRUE(be->unnamed);
  const ir::Index* idx = findIndex(u, "u_a_idx");
  ASSERT_NE(idx, nullptr);
  EXPECT_FALSE(idx->constraint);
  EXPECT_FALSE(idx->unnamed);
}

TEST(InspectSqliteObjects, ExpressionAndPartialIndexParts) {
  TempDb db;
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT, created_at INT, name TEXT, active "
      "INT);"
      "CREATE INDEX ix ON t (lower(email), created_at DESC, name COLLATE NOCASE, (id + 1) ASC) "
      "WHERE active");
  ir::Schema s = db::inspect(*db);
  const ir::Index& ix = s.tables.at(0).indexes.at(0);
  ASSERT_EQ(ix.columns.size(), 4u);
  ASSERT_TRUE(ix.columns[0].expr);
  EXPECT_EQ(ix.columns[0].column, "");
  EXPECT_EQ(ix.columns[0].expr->kind, ir::ExprKind::Raw);
  EXPECT_EQ(ix.columns[0].expr->text, "lower(email)");
  EXPECT_EQ(ix.columns[1].column, "created_at");
  EXPECT_TRUE(ix.columns[1].desc);
  EXPECT_EQ(ix.columns[2].column, "name");
  EXPECT_EQ(ix.columns[2].collation, "nocase");
  ASSERT_TRUE(ix.columns[3].expr);
  EXPECT_EQ(ix.columns[3].expr->text, "(id + 1)");
  EXPECT_FALSE(ix.columns[3].desc);
  ASSERT_TRUE(ix.where);
  EXPECT_EQ(ix.where->text, "active");
}

TEST(InspectSqliteObjects, TimestampText) {
  TempDb db;
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TIMESTAMP_TEXT, b datetime NOT NULL, "
      "c datetime(6), d timestamp)");
  ir::Schema live = db::inspect(*db);
  const ir::Table& t = live.tables.at(0);
  auto unit = [&](const char* c) { return t.findColumn(c)->type.unit; };
  EXPECT_EQ(t.findColumn("a")->type.kind, ir::TypeKind::Timestamp);
  EXPECT_EQ(unit("a"), ir::TimeUnit::Text);
  EXPECT_EQ(unit("b"), ir::TimeUnit::Text);
  EXPECT_EQ(t.findColumn("b")->sqlType, "datetime");  // keeps its NUMERIC affinity
  EXPECT_EQ(unit("c"), ir::TimeUnit::Text);
  EXPECT_EQ(t.findColumn("c")->sqlType, "datetime(6)");
  EXPECT_EQ(unit("d"), ir::TimeUnit::Millis);  // schemac's own timestamp
}

TEST(InspectSqliteObjects, ViewsTriggersAndVirtualTables) {
  TempDb db;
  db->execute(
      "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body TEXT, n INT);"
      "CREATE VIEW \"titles\" AS SELECT id, title FROM docs WHERE n > 0;"
      "CREATE VIEW v2 AS\n  SELECT * FROM titles  ;"
      "CREATE VIRTUAL TABLE docs_fts USING fts5(title, body, content='docs', "
      "content_rowid='id');"
      "CREATE VIRTUAL TABLE boxes USING rtree(id, x0, x1);"
      "CREATE TRIGGER docs_ai AFTER INSERT ON docs FOR EACH ROW WHEN NEW.n > 0 BEGIN\n"
      "  INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, new.body);\nEND;"
      "CREATE TRIGGER docs_bu BEFORE UPDATE OF title, \"body\" ON docs BEGIN SELECT RAISE(ABORT, "
      "'no'); END;"
      "CREATE TRIGGER titles_ins INSTEAD OF INSERT ON titles BEGIN INSERT INTO docs (title) "
      "VALUES (NEW.title); END;"
      "CREATE TRIGGER plain DELETE ON docs BEGIN SELECT 1; END");
  ir::Schema s = db::inspect(*db);
  // The fts5 and rtree shadow tables (docs_fts_data, boxes_node, ...) are the modules'.
  ASSERT_EQ(s.tables.size(), 1u);
  EXPECT_EQ(s.tables[0].name, "docs");
  ASSERT_EQ(s.virtualTables.size(), 2u);
  EXPECT_EQ(s.virtualTables[0], (ir::VirtualTable{"boxes", "rtree", "id, x0, x1", ""}));
  EXPECT_EQ(s.virtualTables[1],
            (ir::VirtualTable{"docs_fts", "fts5", "title, body, content='docs', content_rowid='id'",
                              ""}));
  ASSERT_EQ(s.views.size(), 2u);
  EXPECT_EQ(s.views[0], (ir::View{"titles", "SELECT id, title FROM docs WHERE n > 0", ""}));
  EXPECT_EQ(s.views[1], (ir::View{"v2", "SELECT * FROM titles", ""}));
  ASSERT_EQ(s.triggers.size(), 4u);
  const ir::Trigger& ai = *s.findTrigger("docs_ai");
  EXPECT_EQ(ai.timing, ir::TriggerTiming::After);
  EXPECT_EQ(ai.event, ir::TriggerEvent::Insert);
  EXPECT_EQ(ai.table, "docs");
  EXPECT_TRUE(ai.forEachRow);
  EXPECT_EQ(ai.when, "NEW.n > 0");
  EXPECT_EQ(ai.body,
            "BEGIN\n  INSERT INTO docs_fts (rowid, title, body) VALUES (new.id, new.title, "
            "new.body);\nEND");
  const ir::Trigger& bu = *s.findTrigger("docs_bu");
  EXPECT_EQ(bu.timing, ir::TriggerTiming::Before);
  EXPECT_EQ(bu.event, ir::TriggerEvent::Update);
  EXPECT_EQ(bu.columns, (std::vector<std::string>{"title", "body"}));
  EXPECT_FALSE(bu.forEachRow);
  EXPECT_EQ(bu.when, "");
  EXPECT_EQ(bu.body, "BEGIN SELECT RAISE(ABORT, 'no'); END");
  const ir::Trigger& ins = *s.findTrigger("titles_ins");
  EXPECT_EQ(ins.timing, ir::TriggerTiming::InsteadOf);
  EXPECT_EQ(ins.table, "titles");
  const ir::Trigger& plain = *s.findTrigger("plain");
  EXPECT_EQ(plain.timing, ir::TriggerTiming::Before);  // SQLite's default
  EXPECT_EQ(plain.event, ir::TriggerEvent::Delete);
}

TEST(InspectSqliteObjects, IgnoredTablesTakeTheirTriggersAlong) {
  TempDb db;
  db->execute(
      "CREATE TABLE keep (id INTEGER PRIMARY KEY);"
      "CREATE TABLE other_log (id INTEGER PRIMARY KEY);"
      "CREATE TRIGGER other_ai AFTER INSERT ON other_log BEGIN SELECT 1; END;"
      "CREATE TRIGGER keep_ai AFTER INSERT ON keep BEGIN SELECT 1; END");
  db::IgnoreList ignore{{"other_*"}};
  ir::Schema s = db::inspect(*db, nullptr, nullptr, ignore);
  ASSERT_EQ(s.tables.size(), 1u);
  ASSERT_EQ(s.triggers.size(), 1u);
  EXPECT_EQ(s.triggers[0].name, "keep_ai");
}

TEST(InspectSqliteObjects, WhatTheIrCannotSayIsListed) {
  TempDb db;
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL ON CONFLICT REPLACE);"
      "CREATE TABLE ok (id INTEGER PRIMARY KEY);"
      "CREATE VIEW named_cols (x) AS SELECT id FROM ok");
  try {
    db::inspect(*db);
    FAIL() << "expected InspectError";
  } catch (const db::InspectError& e) {
    EXPECT_STREQ(e.what(), "view \"named_cols\": names its columns (CREATE VIEW v(a, b) AS ...)");
  }
  std::vector<db::Unrepresentable> skipped;
  ir::Schema s = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].kind, "view");
  EXPECT_EQ(skipped[0].name, "named_cols");
  EXPECT_EQ(skipped[0].sql, "CREATE VIEW named_cols (x) AS SELECT id FROM ok");
  EXPECT_EQ(skipped[1].kind, "table");
  EXPECT_EQ(skipped[1].name, "t");
  EXPECT_EQ(skipped[1].reason,
            "column \"a\" has an ON CONFLICT clause, which schemac cannot represent");
  ASSERT_EQ(s.tables.size(), 1u);
  EXPECT_EQ(s.tables[0].name, "ok");
  EXPECT_TRUE(s.views.empty());
}

TEST(InspectSqliteObjects, DriftCheckingNeverPassesOverAnUnrepresentableObject) {
  // status inspects with the snapshot as reference and no list: the object is an error
  // ("cannot check drift"), never left out of a "no drift" answer.
  TempDb db;
  db->execute(
      "CREATE TABLE ok (id INTEGER PRIMARY KEY);"
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, UNIQUE (a) ON CONFLICT IGNORE)");
  ir::Schema reference = db::inspect(*db, nullptr, nullptr, db::IgnoreList{{"t"}});
  ir::Schema normalized = db::normalizeForSqlite(reference);
  EXPECT_THROW(db::inspect(*db, &reference, &normalized), db::InspectError);
  EXPECT_NO_THROW(
      db::inspect(*db, &reference, &normalized, db::IgnoreList{{"t"}}));  // unless ignored
}

// ---- drift: an outside change is a difference, a re-spelling is not ----

struct Drift {
  TempDb db;
  ir::Schema before;
  explicit Drift(const char* sql) {
    db->execute(sql);
    before = db::inspect(*db);
  }
  std::string after(const char* change) {
    db->execute(change);
    return joinLines(db::describeDifferences(before, db::inspect(*db, &before)));
  }
};

constexpr const char* kDriftSchema =
    "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE UNIQUE, "
    "org INT REFERENCES orgs (id) DEFERRABLE INITIALLY DEFERRED, active INT);"
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY);"
    "CREATE INDEX users_active ON users (email) WHERE active = 1;"
    "CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1;"
    "CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN SELECT 1; END";

// Rebuilds users from `create` (the outside tool's way of changing a table).
std::string rebuildUsers(const std::string& create) {
  return "DROP VIEW active_users; DROP TABLE users; " + create +
         "; CREATE INDEX users_active ON users (email) WHERE active = 1;"
         "CREATE VIEW active_users AS SELECT id, email FROM users WHERE active = 1;"
         "CREATE TRIGGER users_ai AFTER INSERT ON users BEGIN SELECT 1; END";
}

TEST(InspectDrift, NoChangeNoDifference) {
  Drift d(kDriftSchema);
  EXPECT_EQ(d.after("SELECT 1"), "");
}

TEST(InspectDrift, CollationChangedOutside) {
  Drift d(kDriftSchema);
  std::string diff =
      d.after(rebuildUsers("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE, "
                           "org INT REFERENCES orgs (id) DEFERRABLE INITIALLY DEFERRED, "
                           "active INT)")
                  .c_str());
  EXPECT_EQ(diff, "table \"users\": column \"email\": collation: expected nocase, got (none)\n");
}

TEST(InspectDrift, DeferrableDropped) {
  Drift d(kDriftSchema);
  std::string diff =
      d.after(rebuildUsers("CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT COLLATE "
                           "NOCASE UNIQUE, org INT REFERENCES orgs (id), active INT)")
                  .c_str());
  EXPECT_EQ(diff,
            "table \"users\": foreign key \"users_org_fkey\": deferrable: expected deferrable "
            "initially deferred, got not deferrable\n");
}

TEST(InspectDrift, TriggerDropped) {
  Drift d(kDriftSchema);
  EXPECT_EQ(d.after("DROP TRIGGER users_ai"), "trigger \"users_ai\" is missing\n");
}

TEST(InspectDrift, ViewReplaced) {
  Drift d(kDriftSchema);
  EXPECT_EQ(d.after("DROP VIEW active_users; CREATE VIEW active_users AS SELECT id FROM users"),
            "view \"active_users\": query: expected \"SELECT id, email FROM users WHERE active = "
            "1\", got \"SELECT id FROM users\"\n");
}

TEST(InspectDrift, ViewRespelledIsTheSame) {
  Drift d(kDriftSchema);
  EXPECT_EQ(d.after("DROP VIEW active_users; CREATE VIEW active_users AS select \"id\", EMAIL\n"
                    "  from [users] where active=1"),
            "");
}

TEST(InspectDrift, PartialIndexWhereDropped) {
  Drift d(kDriftSchema);
  EXPECT_EQ(d.after("DROP INDEX users_active; CREATE INDEX users_active ON users (email)"),
            "table \"users\": index \"users_active\": where: expected sql`active = 1`, got "
            "(none)\n");
}

TEST(InspectDrift, TableOptionsAndConstraintNames) {
  Drift d(
      "CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, CONSTRAINT t_pk PRIMARY KEY (a, b), "
      "CONSTRAINT t_b_pos CHECK (b > 0))");
  std::string diff = d.after(
      "DROP TABLE t; CREATE TABLE t (a INT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b), "
      "CONSTRAINT t_b_positive CHECK (b > 0)) WITHOUT ROWID");
  EXPECT_NE(diff.find("table \"t\": primary key name: expected t_pk, got (none)"),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("table \"t\": options: expected (none), got without rowid"),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("table \"t\": check \"t_b_pos\" is missing"), std::string::npos) << diff;
  EXPECT_NE(diff.find("table \"t\": unexpected check \"t_b_positive\""), std::string::npos) << diff;
}

TEST(InspectDrift, VirtualTableArgumentsChanged) {
  Drift d("CREATE VIRTUAL TABLE f USING fts5(a, b)");
  EXPECT_EQ(d.after("DROP TABLE f; CREATE VIRTUAL TABLE f USING fts5(a)"),
            "virtual table \"f\": arguments: expected \"a, b\", got \"a\"\n");
}

}  // namespace
}  // namespace schemac
