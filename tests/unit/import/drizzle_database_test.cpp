// The imported IR describes exactly the database drizzle-kit's migrations create: apply each
// fixture's real .sql migrations to a SQLite file (as drizzle's migrator does: statements
// split at `--> statement-breakpoint`), introspect it, and compare with the import.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "import/fixtures.h"
#include "runtime/process.h"
#include "schemac/compile.h"
#include "schemac/db/inspect.h"
#include "schemac/import/drizzle_import.h"
#include "schemac/rt/connection.h"

namespace schemac::importer {
namespace {

namespace fs = std::filesystem;
using testing::drizzleFixture;
using testing::drizzleKitVersions;
using testing::readText;

void applyDrizzleMigrations(rt::Connection& db, const fs::path& dir,
                            const DrizzleJournal& journal) {
  for (const DrizzleMigration& m : journal.entries) {
    std::string sql = readText(dir / (m.tag + ".sql"));
    ASSERT_FALSE(sql.empty()) << m.tag;
    const std::string breakpoint = "--> statement-breakpoint";
    std::size_t at = 0;
    while (at <= sql.size()) {
      std::size_t next = sql.find(breakpoint, at);
      std::string stmt = sql.substr(at, next == std::string::npos ? std::string::npos : next - at);
      if (stmt.find_first_not_of(" \t\r\n") != std::string::npos) db.execute(stmt);
      if (next == std::string::npos) break;
      at = next + breakpoint.size();
    }
  }
}

class DrizzleDatabaseTest : public ::testing::TestWithParam<std::tuple<std::string, bool>> {
 protected:
  void SetUp() override {
    file_ = fs::temp_directory_path() /
            ("schemac-drizzle-" +
             std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
             std::to_string(std::hash<std::string>{}(
                 ::testing::UnitTest::GetInstance()->current_test_info()->name())) +
             ".db");
    fs::remove(file_);
  }
  void TearDown() override { fs::remove(file_); }
  fs::path file_;
};

TEST_P(DrizzleDatabaseTest, ImportEqualsWhatInspectReadsFromTheMigratedDatabase) {
  const auto& [kit, withModes] = GetParam();
  fs::path dir = drizzleFixture(kit) / "drizzle";
  DrizzleJournal journal = readDrizzleJournal(dir);
  DrizzleSnapshot snapshot = readNewestDrizzleSnapshot(dir, journal);
  TsSchema modes = scanDrizzleSchemaTs(readText(drizzleFixture(kit) / "schema.ts"), "schema.ts");
  DrizzleImport imp = importDrizzleSnapshot(snapshot, withModes ? &modes : nullptr);

  auto db = rt::open("file:" + file_.string());
  applyDrizzleMigrations(*db, dir, journal);
  ir::Schema live = db::inspect(*db, &imp.schema);
  ir::Schema expected = db::normalizeForSqlite(imp.schema);
  EXPECT_EQ(db::describeDifferences(expected, live), std::vector<std::string>{});
  EXPECT_EQ(live, expected);
  // Without modes nothing needs the reference: names and spellings are the database's own
  // (a reference would pair a made-up foreign key name with the reference's).
  if (!withModes) {
    EXPECT_EQ(db::describeDifferences(expected, db::inspect(*db)), std::vector<std::string>{});
  }
}

// The same through the command line: `schemac import drizzle` in a copy of the project, then
// the .schema file it wrote compiled like any other, against the migrated database.
TEST_P(DrizzleDatabaseTest, WrittenSchemaFileDescribesTheMigratedDatabase) {
  const auto& [kit, withModes] = GetParam();
  fs::path project = fs::path(file_).replace_extension(".proj");
  fs::remove_all(project);
  fs::create_directories(project);
  fs::copy(drizzleFixture(kit) / "drizzle", project / "drizzle", fs::copy_options::recursive);
  if (withModes) {
    fs::copy(drizzleFixture(kit) / "schema.ts", project / "schema.ts");
    fs::copy(drizzleFixture(kit) / "drizzle.config.ts", project / "drizzle.config.ts");
  }
  testing::ProcessResult r = testing::runSchemac({"import", "drizzle"}, project.string());
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;

  SourceManager sm;
  DiagEngine diags(sm);
  std::optional<ir::Schema> compiled =
      compileFiles({(project / "schema/app.schema").string()}, sm, diags);
  ASSERT_TRUE(compiled);
  auto db = rt::open("file:" + file_.string());
  applyDrizzleMigrations(*db, project / "drizzle", readDrizzleJournal(project / "drizzle"));
  ir::Schema live = db::inspect(*db, &*compiled);
  EXPECT_EQ(db::describeDifferences(db::normalizeForSqlite(*compiled), live),
            std::vector<std::string>{});
  fs::remove_all(project);
}

std::string paramName(const ::testing::TestParamInfo<std::tuple<std::string, bool>>& info) {
  std::string kit = std::get<0>(info.param);
  std::replace(kit.begin(), kit.end(), '.', '_');
  return "kit_" + kit + (std::get<1>(info.param) ? "_modes" : "_plain");
}

INSTANTIATE_TEST_SUITE_P(Fixtures, DrizzleDatabaseTest,
                         ::testing::Combine(::testing::ValuesIn(drizzleKitVersions()),
                                            ::testing::Bool()),
                         paramName);

}  // namespace
}  // namespace schemac::importer
