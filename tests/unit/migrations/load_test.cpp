// loadMigrations(): a migrations directory as the database commands read it.
#include "schemac/migrations/load.h"

#include <gtest/gtest.h>

#include "runtime/migrations_fixture.h"
#include "runtime/temp_dir.h"

namespace schemac::migrations {
namespace {

using testing::TempDir;
using testing::writeMigrationsDir;

TEST(LoadMigrationsTest, ReportsMissingAndCorruptInputs) {
  TempDir tmp;
  auto err = [&](const std::string& dir) {
    try {
      loadMigrations(tmp.file(dir));
    } catch (const MigrationsDirError& e) {
      return std::string(e.what());
    }
    return std::string("<no error>");
  };
  EXPECT_NE(err("nope").find("does not exist"), std::string::npos);
  tmp.write("m1/meta/_journal.json", "{\"entries\": [ {\"idx\": 0, ");
  EXPECT_NE(err("m1").find("corrupt migrations journal"), std::string::npos) << err("m1");
  EXPECT_EQ(err("m1").find('\n'), std::string::npos);
  tmp.write("m2/meta/_journal.json",
            "{\"entries\": [{\"idx\": 0, \"tag\": \"0000_init\"}], \"version\": 1}");
  EXPECT_NE(err("m2").find("listed in the journal but missing"), std::string::npos);
  tmp.write("m3/meta/_journal.json",
            "{\"entries\": [{\"idx\": 0, \"tag\": \"../x\"}], \"version\": 1}");
  EXPECT_NE(err("m3").find("invalid tag"), std::string::npos);
  tmp.write("m4/meta/_journal.json", "{\"entries\": {}}");
  EXPECT_NE(err("m4").find("`entries` list"), std::string::npos);
}

TEST(LoadMigrationsTest, DetectsFilesEditedSinceGeneration) {
  TempDir tmp;
  writeMigrationsDir(tmp, "m",
                     {{"init", "CREATE TABLE a (x);", "DROP TABLE a;"},
                      {"add_y", "ALTER TABLE a ADD COLUMN y;", "ALTER TABLE a DROP COLUMN y;"}});
  EXPECT_TRUE(loadMigrations(tmp.file("m")).editedFiles.empty());
  tmp.write("m/0001_add_y.sql", "ALTER TABLE users ADD COLUMN age TEXT;\n");
  auto dir = loadMigrations(tmp.file("m"));
  EXPECT_EQ(dir.editedFiles, std::vector<std::string>{"0001_add_y.sql"});
  EXPECT_EQ(snapshotPath(tmp.file("m"), dir.journal.entries[1]),
            std::filesystem::path(tmp.file("m")) / "meta" / "0001_snapshot.json");
}

}  // namespace
}  // namespace schemac::migrations
