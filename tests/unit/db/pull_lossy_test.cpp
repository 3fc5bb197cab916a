// An object the language cannot describe: without --lossy an error naming each one; with it,
// left out (with what hangs on it) and listed, one comment each, the rest still round-trips.
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

constexpr const char* kLossy = R"(
  CREATE TABLE o (id INTEGER PRIMARY KEY, name TEXT UNIQUE ON CONFLICT REPLACE);
  CREATE TABLE r (id INTEGER PRIMARY KEY, o_id INTEGER REFERENCES o(id), n INTEGER NOT NULL);
  CREATE TRIGGER o_ai AFTER INSERT ON o BEGIN SELECT 1; END;
  CREATE VIEW v(a) AS SELECT id FROM r;
)";

TEST(PullLossy, WithoutLossyAnObjectTheLanguageCannotSayIsAnErrorNamingIt) {
  TempDb db;
  db->execute(kLossy);
  try {
    pull(*db);
    FAIL() << "pull succeeded";
  } catch (const InspectError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("view \"v\" cannot be described in the schema language: names its columns"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("(and 1 more: table \"o\")"), std::string::npos) << what;
    EXPECT_NE(what.find("--lossy"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(PullLossy, LossyLeavesOutEachObjectAndWhatHangsOnItWithACommentEach) {
  TempDb db;
  db->execute(kLossy);
  PullOptions options;
  options.lossy = true;
  PullResult result = pull(*db, options);
  std::vector<std::string> lost;
  for (const Unrepresentable& u : result.lost) lost.push_back(describeLost(u));
  ASSERT_EQ(lost.size(), 4u) << result.text;
  for (const std::string& l : lost) {
    EXPECT_NE(result.text.find("// lossy: " + l + "\n"), std::string::npos) << l << result.text;
  }
  EXPECT_NE(result.text.find("//   CREATE TABLE o (id INTEGER PRIMARY KEY, name TEXT UNIQUE ON "
                             "CONFLICT REPLACE)"),
            std::string::npos)
      << result.text;
  EXPECT_NE(result.text.find("// lossy: foreign key \"r_o_id_fkey\" not kept: on \"r\" "
                             "references \"o\", which is not kept\n"),
            std::string::npos)
      << result.text;
  EXPECT_NE(result.text.find("// lossy: trigger \"o_ai\" not kept: on \"o\", which is not kept\n"),
            std::string::npos)
      << result.text;
  // The rest is there and compiles: r without its foreign key.
  ir::Schema compiled = testing::compileSchemaText(result.text);
  ASSERT_NE(compiled.findTable("r"), nullptr) << result.text;
  EXPECT_TRUE(compiled.findTable("r")->foreignKeys.empty());
  EXPECT_EQ(compiled.findTable("o"), nullptr);
  EXPECT_TRUE(compiled.views.empty());
  EXPECT_TRUE(compiled.triggers.empty());
}

}  // namespace
}  // namespace schemac::db
