// inspect() with an `unrepresentable` list: an object the IR cannot describe is skipped and
// listed (kind, name, reason, its CREATE statement) while the rest is read; without the list
// it is an InspectError naming the object.
#include <gtest/gtest.h>

#include "codegen/sqlite_test_util.h"
#include "schemac/db/inspect.h"

namespace schemac {
namespace {

using testing::TempDb;

// A view naming its columns has no place in the IR (View is a name and a query).
constexpr const char* kSchema =
    "CREATE TABLE t (a TEXT, b INT);"
    "CREATE INDEX t_b ON t (b);"
    "CREATE VIEW t_view (x) AS SELECT a FROM t;"
    "CREATE VIEW t_plain AS SELECT b FROM t;"
    "CREATE TABLE u (id INTEGER PRIMARY KEY)";

TEST(InspectUnrepresentable, WithoutAListTheObjectIsAnErrorNamingIt) {
  TempDb db;
  db->execute(kSchema);
  try {
    db::inspect(*db);
    FAIL() << "expected InspectError";
  } catch (const db::InspectError& e) {
    EXPECT_STREQ(e.what(), "view \"t_view\": names its columns (CREATE VIEW v(a, b) AS ...)");
  }
}

TEST(InspectUnrepresentable, WithAListTheObjectIsSkippedAndListed) {
  TempDb db;
  db->execute(kSchema);
  std::vector<db::Unrepresentable> skipped;
  ir::Schema got = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0].kind, "view");
  EXPECT_EQ(skipped[0].name, "t_view");
  EXPECT_EQ(skipped[0].reason, "names its columns (CREATE VIEW v(a, b) AS ...)");
  EXPECT_EQ(skipped[0].sql, "CREATE VIEW t_view (x) AS SELECT a FROM t");
  // The rest is read: both tables, t's index, the other view.
  ASSERT_EQ(got.tables.size(), 2u);
  ASSERT_EQ(got.tables[0].indexes.size(), 1u);
  EXPECT_EQ(got.tables[0].indexes[0].name, "t_b");
  EXPECT_EQ(got.tables[1].name, "u");
  ASSERT_EQ(got.views.size(), 1u);
  EXPECT_EQ(got.views[0].name, "t_plain");
}

TEST(InspectUnrepresentable, NothingListedForARepresentableDatabase) {
  TempDb db;
  db->execute("CREATE TABLE t (a TEXT, b INT); CREATE INDEX t_b ON t (lower(a))");
  std::vector<db::Unrepresentable> skipped;
  ir::Schema got = db::inspect(*db, nullptr, nullptr, {}, &skipped);
  EXPECT_TRUE(skipped.empty());
  EXPECT_EQ(got.tables.size(), 1u);
}

}  // namespace
}  // namespace schemac
