// What a database made by other tools holds comes back from `schemac pull` in the language,
// compiles, and re-creates the same database: collations, deferrable keys, constraint names,
// inline UNIQUE constraints, nullable legacy keys, WITHOUT ROWID, STRICT, expression and
// partial indexes, views, triggers and virtual tables.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codegen/sqlite_test_util.h"
#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"

namespace schemac::db {
namespace {

using schemac::testing::TempDb;

constexpr const char* kEveryConstruct = R"(
  CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" varchar(254) NOT NULL COLLATE NOCASE UNIQUE, "is_staff" bool NOT NULL,
    "joined" datetime NOT NULL, "score" decimal(10, 2) NOT NULL DEFAULT 0);
  CREATE TABLE "shop_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED,
    "code" text NOT NULL, CONSTRAINT "shop_order_code_uq" UNIQUE ("code"),
    CHECK (length("code") > 2));
  CREATE INDEX "shop_order_lower" ON "shop_order" (lower("code") COLLATE NOCASE, "id" DESC)
    WHERE "code" != '';
  CREATE TABLE tags (name TEXT PRIMARY KEY, label TEXT);
  CREATE TABLE kv (k TEXT NOT NULL, v BLOB, CONSTRAINT kv_pk PRIMARY KEY (k)) WITHOUT ROWID;
  CREATE TABLE st (id INTEGER PRIMARY KEY, n INT NOT NULL, t TEXT) STRICT;
  CREATE VIRTUAL TABLE docs_fts USING fts5(title, body);
  CREATE VIEW recent AS SELECT id, code FROM shop_order WHERE id > 10;
  CREATE TRIGGER order_ai AFTER INSERT ON shop_order FOR EACH ROW WHEN NEW.code = 'x'
  BEGIN
    UPDATE shop_order SET code = 'it''s "y"' WHERE id = NEW.id;
  END;
  CREATE TRIGGER recent_del INSTEAD OF DELETE ON recent BEGIN DELETE FROM shop_order WHERE id = OLD.id; END;
)";

TEST(PullRoundTrip, EveryConstructComesBackInTheLanguage) {
  TempDb db;
  db->execute(kEveryConstruct);
  std::string text = pullSchemaText(*db);
  for (const char* want :
       {"collate nocase", "deferrable initially deferred",
        "unique constraint shop_order_code_uq (code)", "primary nullable_legacy",
        "table kv without rowid {", "primary kv_pk (k)", "table st strict {",
        "virtual table docs_fts using fts5 sql\"title, body\"",
        "view recent as sql\"SELECT id, code FROM shop_order WHERE id > 10\"",
        "trigger order_ai after insert on shop_order for each row when sql\"NEW.code = 'x'\"",
        "'it''s \\\"y\\\"'", "trigger recent_del instead of delete on recent sql\"BEGIN",
        "(lower(code) collate nocase, id desc) where code != \"\"", "check unnamed"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
}

TEST(PullRoundTrip, ThePulledSchemaRecreatesTheSameDatabase) {
  TempDb original;
  original->execute(kEveryConstruct);
  std::string text = pullSchemaText(*original);
  ir::Schema compiled = testing::compileSchemaText(text);
  TempDb rebuilt;
  rebuilt->execute(codegen::sqlite::createSchemaScript(compiled));
  ir::Schema expected = normalizeForSqlite(compiled);
  EXPECT_EQ(describeDifferences(expected, inspect(*original, &compiled, &expected)),
            std::vector<std::string>{});
  EXPECT_EQ(describeDifferences(expected, inspect(*rebuilt, &compiled, &expected)),
            std::vector<std::string>{});
  // And pulling the rebuilt database writes the same file: a fixed point.
  EXPECT_EQ(pullSchemaText(*rebuilt), text);
}

}  // namespace
}  // namespace schemac::db
