// `schemac pull` as a process on real database files.
#include <gtest/gtest.h>

#include <filesystem>

#include "process.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/rt/checksum.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::runSchemac;
using testing::TempDir;

const char* kSchemaSql =
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE users (id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL REFERENCES orgs(id) "
    "ON DELETE CASCADE, email TEXT NOT NULL CHECK (length(email) > 3), nick TEXT);"
    "CREATE INDEX users_org ON users(org_id, email DESC) WHERE nick IS NOT NULL;";

TEST(CliPullTest, WritesTheSchemaAndLeavesTheDatabaseAlone) {
  TempDir tmp;
  open(tmp.file("app.db"))->execute(kSchemaSql);
  std::string before = sha256File(tmp.file("app.db"));
  auto r =
      runSchemac({"pull", "--url", "file:./app.db", "-o", "pulled.schema"}, tmp.path().string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string text = testing::slurp(tmp.file("pulled.schema"));
  EXPECT_NE(text.find("table users {"), std::string::npos) << text;
  EXPECT_NE(text.find("  nick    text?\n"), std::string::npos) << text;
  EXPECT_NE(text.find("foreign unnamed (org_id) references orgs(id) on delete cascade"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("id    int   primary autoincrement"), std::string::npos) << text;
  EXPECT_EQ(sha256File(tmp.file("app.db")), before);
  // Standard output by default; the same bytes as the file, every time.
  r = runSchemac({"pull", "--url", "app.db"}, tmp.path().string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, text);
  // And the text is what renderSchemaText makes of the introspected IR, read as the language.
  auto db = open(tmp.file("app.db"));
  EXPECT_EQ(db::renderSchemaText(db::recoverExpressions(db::inspect(*db))), text);
}

TEST(CliPullTest, BadInputsAreOneLineAndCreateNothing) {
  TempDir tmp;
  auto r = runSchemac({"pull", "--url", "missing.db", "-o", "out.schema"}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.file("missing.db")));
  EXPECT_FALSE(std::filesystem::exists(tmp.file("out.schema")));
  tmp.write("text.db", std::string(2048, 'z'));
  r = runSchemac({"pull", "--url", "text.db"}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("file is not a database"), std::string::npos) << r.err;
  r = runSchemac({"pull", "--url", "http://127.0.0.1:1"}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("connection refused by 127.0.0.1:1"), std::string::npos) << r.err;
  // An output path that cannot be written: no partial file, database untouched.
  open(tmp.file("app.db"))->execute(kSchemaSql);
  r = runSchemac({"pull", "--url", "app.db", "-o", "no/such/dir/out.schema"}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace schemac::rt
