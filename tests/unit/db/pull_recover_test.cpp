// `schemac pull` reads expressions back as the language spells them, never changing meaning.
#include <gtest/gtest.h>

#include <string>

#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/rt/connection.h"

namespace schemac::db {
namespace {

// The schema applied to a fresh database, then pulled.
std::string pullOf(const std::string& schemaText) {
  auto db = rt::open("file::memory:");
  db->execute(codegen::sqlite::createSchemaScript(testing::compileSchemaText(schemaText)));
  return pullSchemaText(*db);
}

inline const char* kSchema = R"(enum status { draft sent paid }
table invoices {
  id        int primary autoincrement
  status    status default draft
  archived  bool default false
  flagged   bool default true
  amount    decimal(12, 2) default 0.00 check (amount >= 0 and amount < 1000000)
  code      text default 'a\'b' check (length(code) between 1 and 10)
  seen_at   timestamp default now
  due_on    date? default now
  total     decimal(12, 2) generated (amount * 2 + 1) stored
  note      text? check (note is null or note like 'x%' or note not in ('a', 'b'))
  index open_invoices (status) where status = sent and not archived
}
)";

TEST(PullRecoverTest, ExpressionsComeBackAsTheLanguageSpellsThem) {
  std::string text = pullOf(kSchema);
  for (const char* want :
       {"default draft", "default false", "default true", "default 0.00", "default now",
        "generated (amount * 2 + 1) stored", "where status = sent and not archived",
        "check (note is null or note like \"x%\" or note not in (\"a\", \"b\"))",
        "check (amount >= 0 and amount < 1000000)"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_EQ(text.find("sql\""), std::string::npos) << text;
}

TEST(PullRecoverTest, PulledTextCompilesToTheSameDatabase) {
  std::string text = pullOf(kSchema);
  auto db = rt::open("file::memory:");
  db->execute(codegen::sqlite::createSchemaScript(testing::compileSchemaText(kSchema)));
  EXPECT_EQ(codegen::sqlite::createSchemaScript(testing::compileSchemaText(text)),
            codegen::sqlite::createSchemaScript(inspect(*db)));
}

TEST(PullRecoverTest, SqlTheLanguageCannotSpellStaysRaw) {
  auto db = rt::open("file::memory:");
  db->execute(
      "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER NOT NULL DEFAULT (abs(-1)) "
      "CHECK (a <> 5), b TEXT NOT NULL DEFAULT (CURRENT_TIMESTAMP) CHECK (b GLOB 'x*'));");
  std::string text = pullSchemaText(*db);
  EXPECT_NE(text.find("sql\"a <> 5\""), std::string::npos) << text;
  EXPECT_NE(text.find("sql\"b GLOB 'x*'\""), std::string::npos) << text;
  EXPECT_NE(text.find("CURRENT_TIMESTAMP"), std::string::npos) << text;
}

}  // namespace
}  // namespace schemac::db
