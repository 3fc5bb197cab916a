// support::quoteIdent / quoteString, and that SQLite reads back exactly the quoted text.
#include "schemac/support/quote.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>

namespace schemac::support {
namespace {

TEST(Quote, Ident) {
  EXPECT_EQ(quoteIdent("users"), "\"users\"");
  EXPECT_EQ(quoteIdent(""), "\"\"");
  EXPECT_EQ(quoteIdent("a \"b\""), "\"a \"\"b\"\"\"");
  EXPECT_EQ(quoteIdent("\""), "\"\"\"\"");
  EXPECT_EQ(quoteIdent("it's"), "\"it's\"");  // only the identifier quote is doubled
  EXPECT_EQ(quoteIdent("select"), "\"select\"");
  EXPECT_EQ(quoteIdent("naïve \"日本\" 🙂"), "\"naïve \"\"日本\"\" 🙂\"");
}

TEST(Quote, String) {
  EXPECT_EQ(quoteString(""), "''");
  EXPECT_EQ(quoteString("it's"), "'it''s'");
  EXPECT_EQ(quoteString("''"), "''''''");
  EXPECT_EQ(quoteString("\"\""), "'\"\"'");  // only the string quote is doubled
  EXPECT_EQ(quoteString("back\\slash\nnewline"), "'back\\slash\nnewline'");
  EXPECT_EQ(quoteString("ça 'va' ✓"), "'ça ''va'' ✓'");
}

// The rules above are SQLite's: a table named with quotes and non-ASCII text round-trips, and a
// quoted string literal evaluates to the original text.
TEST(Quote, SqliteReadsBackTheOriginal) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(":memory:", &raw), SQLITE_OK);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
  auto one = [&](const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db.get(), sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sql;
    std::string out;
    if (sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    return out;
  };
  for (std::string name : {"plain", "a \"b\" c", "\"", "it's", "日本 \"語\"", "🙂\"\"🙂"}) {
    ASSERT_EQ(
        sqlite3_exec(
            db.get(),
            ("CREATE TABLE " + quoteIdent(name) + " (" + quoteIdent(name + "\"col") + ")").c_str(),
            nullptr, nullptr, nullptr),
        SQLITE_OK)
        << name;
    EXPECT_EQ(one("SELECT name FROM sqlite_schema WHERE name = " + quoteString(name)), name);
    EXPECT_EQ(one("SELECT name FROM pragma_table_info(" + quoteString(name) + ")"), name + "\"col");
    EXPECT_EQ(one("SELECT " + quoteString(name)), name);
  }
}

}  // namespace
}  // namespace schemac::support
