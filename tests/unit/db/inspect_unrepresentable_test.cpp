// inspect() with an `unrepresentable` list: an object the IR cannot describe is skipped and
// listed (kind, name, reason, its CREATE statement) while the rest is read; without the list
// it is an InspectError naming the object.
#include <gtest/gtest.h>

#include "codegen/sqlite_test_util.h"
#include "schemac/db/inspect.h"

namespace schemac {
namespace {

using testing::TempDb;

constexpr const char* kSchema =
    "CREATE TABLE t (a TEXT, b INT);"
    "CREATE INDEX t_b ON t (b);"
    "CREATE INDEX t_lower ON t (lower(a));"
    "CREATE TABLE u (id INTEGER PRIMARY KEY)";

TEST(InspectUnrepresentable, WithoutAListTheObjectIsAnErrorNamingIt) {
  TempDb db;
  db->execute(kSchema);
  try {
    db::inspect(*db);
    FAIL() << "expected InspectError";
  } catch (const db::InspectError& e) {
    EXPECT_STREQ(e.what(),
                 "index \"t_lower\": on \"t\" indexes an expression, which schemac cannot "
                 "represent");
  }
}

TEST(InspectUnrepresentable, WithAListTheObjectIsSkippedAndListed) {
  TempDb db;
  db->execute(kSchema);
  std::vector<db::Unrepresentable> skipped;
  ir::Schema got = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].kind, "index");
  EXPECT_EQ(skipped[0].name, "t_lower");
  EXPECT_NE(skipped[0].reason.find("expression"), std::string::npos);
  EXPECT_EQ(skipped[0].sql, "CREATE INDEX t_lower ON t (lower(a))");
  // The rest is read: both tables, and t's other index.
  ASSERT_EQ(got.tables.size(), 2u);
  ASSERT_EQ(got.tables[0].indexes.size(), 1u);
  EXPECT_EQ(got.tables[0].indexes[0].name, "t_b");
  EXPECT_EQ(got.tables[1].name, "u");
}

TEST(InspectUnrepresentable, NothingListedForARepresentableDatabase) {
  TempDb db;
  db->execute("CREATE TABLE t (a TEXT, b INT); CREATE INDEX t_b ON t (b)");
  std::vector<db::Unrepresentable> skipped;
  ir::Schema got = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(got.tables.size(), 1u);
}

}  // namespace
}  // namespace schemac
