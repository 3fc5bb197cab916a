// Two ways a database can hold the same schema in other words (docs/remote.md): tursodb
// re-prints `<>` as `!=` in the SQL it stores, and reports the columns of keys lower-cased.
// Both are SQLite-equal (one operator; names match without regard to case), so inspect() must
// read them as the schema, while a real change written the same way is still seen.
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/ir_json.h"
#include "schemac/rt/connection.h"

namespace schemac::db {
namespace {

const char* kSchema = R"(table accounts {
  id      int  primary
  status  text
  flag    int
}
trigger accounts_status_audit after update of status on accounts for each row when sql"OLD.status <> NEW.status AND NEW.flag == 1" sql"BEGIN UPDATE accounts SET flag = 0 WHERE id = NEW.id; END"
view busy as sql"SELECT id FROM accounts WHERE status <> 'idle'"
)";

// The schema as its lowering wrote it, with the operators re-spelled.
std::string respelled(const ir::Schema& schema, const std::string& whenOp, const std::string& eq) {
  auto db = rt::open("file::memory:");
  db->execute(codegen::sqlite::createSchemaScript(schema));
  rt::ResultSet rs = db->query("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL");
  std::string out;
  for (const auto& row : rs.rows) {
    std::string sql = std::get<std::string>(row[0]);
    for (std::size_t at = 0; (at = sql.find("<>", at)) != std::string::npos; at += whenOp.size())
      sql.replace(at, 2, whenOp);
    if (std::size_t at = sql.find("=="); at != std::string::npos) sql.replace(at, 2, eq);
    out += sql + ";\n";
  }
  return out;
}

std::string inspectedJson(const std::string& sql, const ir::Schema& reference) {
  auto db = rt::open("file::memory:");
  db->execute(sql);
  return ir::toCanonicalJson(inspect(*db, &reference));
}

TEST(InspectCaseAndOperators, NotEqualAndEqualInTheirOtherSpellingAreTheSchema) {
  ir::Schema schema = testing::compileSchemaText(kSchema);
  std::string expected = ir::toCanonicalJson(normalizeForSqlite(schema));
  EXPECT_EQ(inspectedJson(respelled(schema, "<>", "=="), schema), expected);  // as written
  EXPECT_EQ(inspectedJson(respelled(schema, "!=", "="), schema), expected);   // as tursodb has it
  // A real change of the operator is still seen.
  EXPECT_NE(inspectedJson(respelled(schema, "<", "="), schema), expected);
  EXPECT_NE(inspectedJson(respelled(schema, "!=", "<="), schema), expected);
}

// SQLite reports a foreign key's columns as its clause spells them; tursodb lower-cases the
// columns of every key and index. pull writes them as the tables declare them, so the file
// compiles (the language's names are case-sensitive).
TEST(InspectCaseAndOperators, KeyColumnsAreSpelledAsTheirTablesDeclareThem) {
  auto db = rt::open("file::memory:");
  db->execute(R"(
    CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL PRIMARY KEY);
    CREATE TABLE [Album] (
      [AlbumId] INTEGER NOT NULL PRIMARY KEY,
      [ArtistId] INTEGER NOT NULL,
      CONSTRAINT [FK_AlbumArtistId] FOREIGN KEY (artistid) REFERENCES artist (artistid)
    );
    CREATE INDEX [IFK_AlbumArtistId] ON [Album] (artistid);
  )");
  ir::Schema live = inspect(*db);
  const ir::Table* album = live.findTable("Album");
  ASSERT_NE(album, nullptr);
  ASSERT_EQ(album->foreignKeys.size(), 1u);
  EXPECT_EQ(album->foreignKeys[0].columns, std::vector<std::string>{"ArtistId"});
  EXPECT_EQ(album->foreignKeys[0].refTable, "Artist");
  EXPECT_EQ(album->foreignKeys[0].refColumns, std::vector<std::string>{"ArtistId"});
  ASSERT_EQ(album->indexes.size(), 1u);
  EXPECT_EQ(album->indexes[0].name, "IFK_AlbumArtistId");
  EXPECT_EQ(album->indexes[0].columns.at(0).column, "ArtistId");
  std::string text = pullSchemaText(*db);
  EXPECT_NE(text.find("foreign FK_AlbumArtistId (ArtistId) references Artist(ArtistId)"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace schemac::db
