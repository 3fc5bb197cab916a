// Issue 14, item 2: generate's verification and `schemac migrate` apply a script through the
// same splitter and apply path, so a migration with a trigger body holding ';', a string
// holding a breakpoint line and comments holding ';' gives the same schema and rows both ways.
#include <gtest/gtest.h>

#include "schemac/db/verify.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "schemac/rt/sql_script.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

const char* kTricky =
    "-- schemac migration 0000_tricky (up)\n"
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL); -- a comment; with ';'\n"
    "--> statement-breakpoint\n"
    "CREATE TABLE log (note_id INTEGER, what TEXT);\n"
    "--> statement-breakpoint\n"
    "/* a block comment; with ; and\n"
    "--> statement-breakpoint\n"
    "inside */\n"
    "CREATE TRIGGER notes_log AFTER INSERT ON notes BEGIN\n"
    "  INSERT INTO log VALUES (new.id, 'inserted; ok');\n"
    "  INSERT INTO log VALUES (new.id, 'second;');\n"
    "END;\n"
    "--> statement-breakpoint\n"
    "INSERT INTO notes (id, body) VALUES (1, 'line one\n"
    "--> statement-breakpoint\n"
    "line three; still the same string');\n";

// Every row of a table, one line each, for comparing two databases.
std::string rows(Connection& db, const std::string& table) {
  std::string out;
  auto rs = db.query("SELECT * FROM " + table + " ORDER BY rowid");
  for (const auto& r : rs.rows) {
    for (const Value& v : r) {
      if (auto s = std::get_if<std::string>(&v)) out += "'" + *s + "' ";
      if (auto i = std::get_if<std::int64_t>(&v)) out += std::to_string(*i) + " ";
    }
    out += "\n";
  }
  return out;
}

TEST(ApplyPath, SplitterKeepsTriggerBodiesStringsAndCommentsWhole) {
  std::vector<std::string> s = splitScript(kTricky);
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[2].substr(s[2].size() - 3), "END");
  EXPECT_NE(s[3].find("--> statement-breakpoint\nline three; still the same string'"),
            std::string::npos);
}

TEST(ApplyPath, VerificationAndMigrateApplyTheSameStatements) {
  testing::TempDir dir;
  // What generate's in-memory verification runs (db::verifyMigration calls rt::applyScript).
  auto verified = open("file:" + (dir.path() / "verified.db").string());
  applyScript(*verified, kTricky, {.subject = "migration"});

  // What `schemac migrate` runs.
  auto migrated = open("file:" + (dir.path() / "migrated.db").string());
  Migration m;
  m.idx = 0;
  m.tag = "0000_tricky";
  m.upSql = kTricky;
  MigrateResult result = migrate(*migrated, {m});
  ASSERT_EQ(result.applied.size(), 1u);

  EXPECT_EQ(db::describeSchema(*verified), db::describeSchema(*migrated));
  EXPECT_EQ(rows(*verified, "notes"), rows(*migrated, "notes"));
  EXPECT_EQ(rows(*verified, "log"), rows(*migrated, "log"));
  EXPECT_EQ(rows(*migrated, "notes"),
            "1 'line one\n--> statement-breakpoint\nline three; still the same string' \n");
  EXPECT_EQ(rows(*migrated, "log"), "1 'inserted; ok' \n1 'second;' \n");

  // The trigger was kept whole: it fires with both of its statements afterwards too.
  for (Connection* db : {verified.get(), migrated.get()}) {
    db->execute("INSERT INTO notes (id, body) VALUES (2, 'x')");
    EXPECT_EQ(db->query("SELECT count(*) FROM log WHERE note_id = 2").rows.at(0).at(0),
              Value{std::int64_t{2}});
  }
}

TEST(ApplyPath, AFailingStatementLeavesNothingBehindOnEitherPath) {
  testing::TempDir dir;
  std::string bad =
      std::string(kTricky) + "--> statement-breakpoint\nINSERT INTO nowhere VALUES (1);\n";
  auto a = open("file:" + (dir.path() / "a.db").string());
  EXPECT_THROW(applyScript(*a, bad, {.subject = "migration"}), MigrateError);
  auto b = open("file:" + (dir.path() / "b.db").string());
  Migration m;
  m.tag = "0000_tricky";
  m.upSql = bad;
  try {
    migrate(*b, {m});
    FAIL() << "expected the migration to fail";
  } catch (const MigrateError& e) {
    EXPECT_EQ(e.statement(), "INSERT INTO nowhere VALUES (1)");
  }
  for (Connection* db : {a.get(), b.get()}) {
    EXPECT_TRUE(
        db->query("SELECT name FROM sqlite_schema WHERE name IN ('notes', 'log')").rows.empty());
  }
}

}  // namespace
}  // namespace schemac::rt
