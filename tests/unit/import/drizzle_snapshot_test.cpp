// Reading drizzle-kit's journal and snapshots: the real fixtures, and each kind of bad input
// (one clear ImportError naming the file).
#include "schemac/import/drizzle_snapshot.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "import/fixtures.h"
#include "schemac/import/drizzle_journal.h"

namespace schemac::importer {
namespace {

namespace fs = std::filesystem;
using testing::drizzleFixture;
using testing::drizzleKitVersions;
using testing::readText;

TEST(DrizzleSnapshotTest, ReadsTheNewestSnapshotOfEveryFixture) {
  for (const std::string& kit : drizzleKitVersions()) {
    SCOPED_TRACE(kit);
    fs::path dir = drizzleFixture(kit) / "drizzle";
    DrizzleJournal journal = readDrizzleJournal(dir);
    EXPECT_EQ(journal.dialect, "sqlite");
    ASSERT_EQ(journal.entries.size(), 2u);
    EXPECT_EQ(journal.entries[1].idx, 1);
    EXPECT_GT(journal.entries[1].when, journal.entries[0].when);
    DrizzleSnapshot s = readNewestDrizzleSnapshot(dir, journal);
    EXPECT_EQ(s.file.filename(), "0001_snapshot.json");
    EXPECT_EQ(s.version, kit == "0.20.18" ? "5" : "6");
    ASSERT_EQ(s.tables.size(), 4u);
    const DrizzleTable& users = s.tables[3];
    EXPECT_EQ(users.name, "users");
    // Columns in declaration order (the order of CREATE TABLE), not sorted.
    ASSERT_GE(users.columns.size(), 3u);
    EXPECT_EQ(users.columns[0].name, "id");
    EXPECT_EQ(users.columns[1].name, "email");
    EXPECT_EQ(users.columns[1].type, "text(256)");
    EXPECT_TRUE(users.columns[0].autoincrement);
    EXPECT_EQ(users.columns[2].defaultSql, "'anonymous'");
    const DrizzleTable& tags = s.tables[0];
    EXPECT_EQ(tags.name, "invoice_tags");
    ASSERT_EQ(tags.compositePrimaryKeys.size(), 1u);
    EXPECT_EQ(tags.compositePrimaryKeys[0].columns,
              (std::vector<std::string>{"invoice_id", "tag"}));
    ASSERT_EQ(tags.foreignKeys.size(), 3u);
    EXPECT_EQ(tags.foreignKeys[1].onDelete, "set null");
    EXPECT_EQ(tags.foreignKeys[1].onUpdate, "cascade");
  }
}

// A copy of a fixture's drizzle folder in a temp dir, to break.
class BrokenDrizzleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schemac-import-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::copy(drizzleFixture("0.31.10") / "drizzle", dir_, fs::copy_options::recursive);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    std::ofstream(dir_ / rel, std::ios::binary | std::ios::trunc) << text;
  }
  void replaceIn(const std::string& rel, const std::string& from, const std::string& to) {
    std::string t = readText(dir_ / rel);
    auto at = t.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    t.replace(at, from.size(), to);
    write(rel, t);
  }
  std::string errorOf() {
    try {
      readNewestDrizzleSnapshot(dir_, readDrizzleJournal(dir_));
    } catch (const ImportError& e) {
      return e.what();
    }
    return "(no error)";
  }
  fs::path dir_;
};

TEST_F(BrokenDrizzleTest, NoFolder) {
  fs::remove_all(dir_);
  EXPECT_NE(errorOf().find("no Drizzle migrations folder"), std::string::npos) << errorOf();
}

TEST_F(BrokenDrizzleTest, NoJournal) {
  fs::remove(dir_ / "meta/_journal.json");
  EXPECT_NE(errorOf().find("_journal.json: no Drizzle journal"), std::string::npos) << errorOf();
}

TEST_F(BrokenDrizzleTest, MalformedJournal) {
  write("meta/_journal.json", "{\"version\": \"7\", \"dialect\": ");
  EXPECT_NE(errorOf().find("_journal.json: malformed JSON"), std::string::npos) << errorOf();
}

TEST_F(BrokenDrizzleTest, OtherDialect) {
  replaceIn("meta/_journal.json", "\"dialect\": \"sqlite\"", "\"dialect\": \"postgresql\"");
  EXPECT_NE(errorOf().find("dialect \"postgresql\" is not supported"), std::string::npos)
      << errorOf();
}

TEST_F(BrokenDrizzleTest, JournalNamesAMissingSnapshot) {
  fs::remove(dir_ / "meta/0001_snapshot.json");
  std::string e = errorOf();
  EXPECT_NE(e.find("migration 1 (\"0001_tags\") has no snapshot"), std::string::npos) << e;
  EXPECT_NE(e.find("0001_snapshot.json"), std::string::npos) << e;
}

TEST_F(BrokenDrizzleTest, UnknownSnapshotVersion) {
  replaceIn("meta/0001_snapshot.json", "\"version\": \"6\"", "\"version\": \"9\"");
  std::string e = errorOf();
  EXPECT_NE(e.find("0001_snapshot.json: unknown snapshot version \"9\""), std::string::npos) << e;
}

TEST_F(BrokenDrizzleTest, MalformedSnapshot) {
  write("meta/0001_snapshot.json", "{\"version\": \"6\", \"dialect\": \"sqlite\"}");
  std::string e = errorOf();
  EXPECT_NE(e.find("0001_snapshot.json: not a Drizzle snapshot: the snapshot has no \"tables\""),
            std::string::npos)
      << e;
}

}  // namespace
}  // namespace schemac::importer
