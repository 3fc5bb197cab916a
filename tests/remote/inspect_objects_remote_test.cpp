// Introspection on tursodb, which re-prints what it stores, reports pk = 1 for every column of a
// composite key in pragma table_info and cid -1 for an index expression: the key order comes
// from the CREATE text (the false drift `(task_id, label_id) -> (label_id, task_id)` of issue
// 16), and each construct tursodb supports reads back as from SQLite (docs/remote.md lists what
// it lacks).
#include <gtest/gtest.h>

#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"
#include "turso_server.h"

namespace schemac {
namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

ir::Column intColumn(std::string name) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = ir::TypeKind::Int;
  return c;
}

TEST(InspectObjectsRemote, CompositeKeyOrderIsTheCreateTextOrder) {
  testing::TempDir tmp;
  testing::TursoServer server(tmp.file("app.db"));
  auto db = rt::open(server.url());
  // Key order against name order and against column order: both must survive.
  ir::Schema s;
  ir::Table t;
  t.name = "task_labels";
  t.columns = {intColumn("task_id"), intColumn("label_id")};
  t.primaryKey = {"task_id", "label_id"};
  s.tables.push_back(t);
  t.name = "label_tasks";
  t.primaryKey = {"label_id", "task_id"};
  s.tables.push_back(t);
  ir::canonicalize(s);
  rt::applyScript(*db, codegen::sqlite::createSchemaScript(s));
  ir::Schema live = db::inspect(*db, &s);
  EXPECT_EQ(live.findTable("task_labels")->primaryKey,
            (std::vector<std::string>{"task_id", "label_id"}));
  EXPECT_EQ(live.findTable("label_tasks")->primaryKey,
            (std::vector<std::string>{"label_id", "task_id"}));
  ir::Schema want = db::normalizeForSqlite(s);
  EXPECT_EQ(live, want) << joined(db::describeDifferences(want, live));

  // A foreign key naming no target columns references the key in its order.
  db->execute(
      "CREATE TABLE notes (id INTEGER PRIMARY KEY, l INT, t INT, "
      "FOREIGN KEY (t, l) REFERENCES task_labels)");
  ir::Schema withNotes = db::inspect(*db);
  const ir::Table& notes = *withNotes.findTable("notes");
  ASSERT_EQ(notes.foreignKeys.size(), 1u);
  EXPECT_EQ(notes.foreignKeys[0].refColumns, (std::vector<std::string>{"task_id", "label_id"}));
}

TEST(InspectObjectsRemote, WhatTursoSupportsReadsBackAsFromSqlite) {
  testing::TempDir tmp;
  testing::TursoServer server(tmp.file("app.db"));
  auto db = rt::open(server.url());
  db->execute(
      "CREATE TABLE p (id INTEGER PRIMARY KEY);"
      "CREATE TABLE c (id INTEGER PRIMARY KEY, email TEXT COLLATE NOCASE, "
      "p_id INT REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED, a TEXT UNIQUE, "
      "CONSTRAINT c_uq UNIQUE (email, a));"
      "CREATE TABLE s (a INT NOT NULL PRIMARY KEY, b TEXT) STRICT;"
      "CREATE INDEX c_lower ON c (lower(email), a COLLATE NOCASE DESC);"
      "CREATE VIEW c_emails AS SELECT id, email FROM c;"
      "CREATE TRIGGER c_ai AFTER INSERT ON c BEGIN UPDATE c SET a = 'x' WHERE id = NEW.id; END");
  std::vector<db::Unrepresentable> skipped;
  ir::Schema live = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  EXPECT_TRUE(skipped.empty()) << skipped[0].name << ": " << skipped[0].reason;
  const ir::Table& c = *live.findTable("c");
  EXPECT_EQ(c.findColumn("email")->collation, "nocase");
  ASSERT_EQ(c.foreignKeys.size(), 1u);
  EXPECT_EQ(c.foreignKeys[0].deferral, ir::Deferral::Deferred);
  EXPECT_TRUE(c.foreignKeys[0].unnamed);
  ASSERT_EQ(c.indexes.size(), 3u);
  EXPECT_EQ(c.indexes[0].name, "c_a_key");
  EXPECT_TRUE(c.indexes[0].constraint);
  EXPECT_TRUE(c.indexes[0].unnamed);
  const ir::Index& lower = c.indexes[1];
  EXPECT_EQ(lower.name, "c_lower");
  ASSERT_EQ(lower.columns.size(), 2u);
  ASSERT_TRUE(lower.columns[0].expr);
  EXPECT_EQ(lower.columns[1].column, "a");
  EXPECT_EQ(lower.columns[1].collation, "nocase");
  EXPECT_TRUE(lower.columns[1].desc);
  EXPECT_EQ(c.indexes[2].name, "c_uq");
  EXPECT_FALSE(c.indexes[2].unnamed);
  EXPECT_TRUE(live.findTable("s")->strict);
  ASSERT_EQ(live.views.size(), 1u);
  EXPECT_EQ(live.views[0].sql, "SELECT id, email FROM c");
  ASSERT_EQ(live.triggers.size(), 1u);
  EXPECT_EQ(live.triggers[0].timing, ir::TriggerTiming::After);
  EXPECT_EQ(live.triggers[0].body, "BEGIN UPDATE c SET a = 'x' WHERE id = NEW.id; END");

  // Outside changes are seen on tursodb too.
  db->execute("DROP TRIGGER c_ai; DROP VIEW c_emails; CREATE VIEW c_emails AS SELECT id FROM c");
  std::string diff = joined(db::describeDifferences(live, db::inspect(*db, &live)));
  EXPECT_NE(diff.find("trigger \"c_ai\" is missing"), std::string::npos) << diff;
  EXPECT_NE(diff.find("view \"c_emails\": query: expected \"SELECT id, email FROM c\", got "
                      "\"SELECT id FROM c\""),
            std::string::npos)
      << diff;
}

// A file SQLite wrote, with PascalCase names (Chinook): tursodb's pragmas report the index
// name and the key columns lower-cased, which must neither hide the index's CREATE statement
// nor change the names.
TEST(InspectObjectsRemote, LowerCasedNamesReadAsWritten) {
  testing::TempDir tmp;
  std::string file = tmp.file("chinook.db");
  rt::open(file)->execute(
      "CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, CONSTRAINT [PK_Artist] PRIMARY KEY "
      "([ArtistId]));"
      "CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, [ArtistId] INTEGER NOT NULL, "
      "CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]), CONSTRAINT [FK_AlbumArtistId] FOREIGN "
      "KEY ([ArtistId]) REFERENCES [Artist] ([ArtistId]));"
      "CREATE INDEX [IFK_AlbumArtistId] ON [Album] ([ArtistId]);");
  testing::TursoServer server(file);
  auto db = rt::open(server.url());
  std::vector<db::Unrepresentable> skipped;
  ir::Schema live = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  EXPECT_TRUE(skipped.empty()) << skipped[0].name << ": " << skipped[0].reason;
  const ir::Table* album = live.findTable("Album");
  ASSERT_NE(album, nullptr);
  ASSERT_EQ(album->indexes.size(), 1u);
  EXPECT_EQ(album->indexes[0].name, "IFK_AlbumArtistId");
  EXPECT_EQ(album->indexes[0].columns.at(0).column, "ArtistId");
  ASSERT_EQ(album->foreignKeys.size(), 1u);
  EXPECT_EQ(album->foreignKeys[0].columns, std::vector<std::string>{"ArtistId"});
  EXPECT_EQ(album->foreignKeys[0].refTable, "Artist");
  EXPECT_EQ(album->foreignKeys[0].refColumns, std::vector<std::string>{"ArtistId"});
}

// tursodb stores a trigger's `<>` as `!=`: the same operator, so no drift.
TEST(InspectObjectsRemote, TriggerWrittenWithNotEqualIsNoDrift) {
  testing::TempDir tmp;
  testing::TursoServer server(tmp.file("app.db"));
  auto db = rt::open(server.url());
  ir::Schema s;
  ir::Table t;
  t.name = "accounts";
  t.columns = {intColumn("id"), intColumn("status")};
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  ir::Trigger tr;
  tr.name = "accounts_status_audit";
  tr.table = "accounts";
  tr.timing = ir::TriggerTiming::After;
  tr.event = ir::TriggerEvent::Update;
  tr.forEachRow = true;
  tr.when = "OLD.status <> NEW.status";
  tr.body = "BEGIN SELECT NEW.id; END";
  s.triggers.push_back(tr);
  ir::canonicalize(s);
  rt::applyScript(*db, codegen::sqlite::createSchemaScript(s));
  ir::Schema live = db::inspect(*db, &s);
  ir::Schema want = db::normalizeForSqlite(s);
  EXPECT_EQ(live, want) << joined(db::describeDifferences(want, live));
}

}  // namespace
}  // namespace schemac
