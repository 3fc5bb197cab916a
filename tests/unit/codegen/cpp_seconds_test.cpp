// timestamp(s) in generated C++: a seconds column is rt::TimestampSeconds (std::chrono::
// sys_seconds) and reads and writes whole unix seconds, so a value Drizzle wrote is the same
// instant in C++; `timestamp` stays milliseconds.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "codegen/seconds_test_ir.h"
#include "codegen/seconds_test_schema.h"
#include "codegen/sqlite_test_util.h"
#include "schemac/codegen/cpp.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;
using namespace schemac::testing;

TEST(CppSeconds, CheckedInHeaderIsUpToDate) {
  std::string path = std::string(SCHEMAC_SOURCE_DIR) + "/tests/unit/codegen/seconds_test_schema.h";
  std::string generated = codegen::cpp::generateHeader(secondsTestSchema(), {});
  if (std::getenv("SCHEMAC_UPDATE_GOLDENS")) std::ofstream(path, std::ios::binary) << generated;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(ss.str() == generated)
      << path << " is stale: regenerate with SCHEMAC_UPDATE_GOLDENS=1";
  EXPECT_NE(generated.find("::schemac::rt::TimestampSeconds created_at"), std::string::npos);
  EXPECT_NE(generated.find("std::optional<::schemac::rt::Timestamp> at_ms"), std::string::npos);
  // The descriptor names the declared type the database has.
  EXPECT_NE(generated.find("\"TIMESTAMP_S\""), std::string::npos);
  EXPECT_NE(generated.find("\"integer\""), std::string::npos);
}

// 2023-11-14T22:13:20Z.
constexpr sys_seconds kInstant = sys_days{2023y / November / 14} + 22h + 13min + 20s;

struct Events {
  TempDb db;
  Events() { rt::applyScript(*db, codegen::sqlite::createSchemaScript(secondsTestSchema())); }
};

TEST(CppSeconds, ValueDrizzleWroteIsTheSameInstant) {
  ASSERT_EQ(kInstant.time_since_epoch().count(), 1700000000);
  Events e;
  // Written as drizzle-orm writes integer({ mode: 'timestamp' }): Math.floor(date / 1000).
  e.db->execute(
      "INSERT INTO events (id, created_at, seen_at, at_ms) VALUES (1, 1700000000, 1700000000, "
      "1700000000000)");
  auto row = rt::find(*e.db, st::db::events, 1);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->created_at, kInstant);
  EXPECT_EQ(row->seen_at, kInstant);
  ASSERT_TRUE(row->at_ms);
  EXPECT_EQ(*row->at_ms, time_point_cast<milliseconds>(kInstant));
}

TEST(CppSeconds, CppWritesWholeSecondsThatSqliteReadsAsTheInstant) {
  Events e;
  rt::insert(*e.db, st::db::events,
             {.id = 7,
              .created_at = kInstant,
              .seen_at = kInstant + 1s,
              .at_ms = time_point_cast<milliseconds>(kInstant) + 5ms});
  EXPECT_EQ(scalar(*e.db, "SELECT created_at FROM events"), "1700000000");
  EXPECT_EQ(scalar(*e.db,
                   "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch') "
                   "FROM events"),
            "2023-11-14T22:13:20Z");
  EXPECT_EQ(scalar(*e.db, "SELECT seen_at FROM events"), "1700000001");
  EXPECT_EQ(scalar(*e.db, "SELECT at_ms FROM events"), "1700000000005");
  // Filters compare in the column's own unit.
  auto found = rt::select(*e.db, st::db::events).where(st::db::events.seen_at > kInstant).all();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 7);
}

// A milliseconds value for a seconds column would lose precision: it does not compile. A seconds
// value for a milliseconds column converts exactly.
template <typename V>
concept ComparableWithSeenAt = requires(V v) {
  st::db::events.seen_at > v;
};
static_assert(ComparableWithSeenAt<rt::TimestampSeconds>);
static_assert(!ComparableWithSeenAt<rt::Timestamp>);

TEST(CppSeconds, ASecondsValueForAMillisecondsColumnConverts) {
  Events e;
  rt::insert(*e.db, st::db::events, {.id = 1, .at_ms = time_point_cast<milliseconds>(kInstant)});
  EXPECT_EQ(rt::select(*e.db, st::db::events).where(st::db::events.at_ms == kInstant).all().size(),
            1u);
}

TEST(CppSeconds, DefaultNowIsTheCurrentSecond) {
  Events e;
  auto before = floor<seconds>(system_clock::now());
  rt::insert(*e.db, st::db::events, {.id = 1});
  auto row = rt::find(*e.db, st::db::events, 1);
  ASSERT_TRUE(row);
  EXPECT_GE(row->created_at, before - 1s);
  EXPECT_LE(row->created_at, before + 60s);
  EXPECT_EQ(row->seen_at, std::nullopt);
}

}  // namespace
}  // namespace schemac
