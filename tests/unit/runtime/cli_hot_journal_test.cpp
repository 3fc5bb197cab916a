// A database left with a hot journal by a writer that was killed mid-transaction: the reading
// commands (status, dump, pull) roll it back and read the last committed state; without write
// access they say which journal is in the way and what to do, in one line.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

#include "process.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::runSchemac;
using testing::TempDir;
namespace fs = std::filesystem;

int64_t countRows(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM t", -1, &st, nullptr);
  int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return n;
}

// A child begins a large insert (a one-page cache spills it into the database file) and dies
// without committing or closing: what `kill -9` of a writer leaves behind.
void killWriterMidTransaction(const std::string& path) {
  pid_t pid = fork();
  if (pid == 0) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_exec(db,
                 "PRAGMA cache_size=1; BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT "
                 "i+1 FROM n WHERE i<2000) INSERT INTO t(v) SELECT hex(randomblob(200)) FROM n;",
                 nullptr, nullptr, nullptr);
    _exit(0);
  }
  ASSERT_EQ(testing::waitFor(pid), 0);
  ASSERT_TRUE(fs::exists(path + "-journal"));
  ASSERT_GT(fs::file_size(path + "-journal"), 0u);
}

class HotJournal : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp.write("app.schema", "table t {\n  id  int    primary\n  v   text?\n}\n");
    auto g = runSchemac({"generate", "app.schema", "--out", "migrations"}, cwd());
    ASSERT_EQ(g.exitCode, 0) << g.err;
    auto m = runSchemac({"migrate", "--out", "migrations", "--url", "app.db"}, cwd());
    ASSERT_EQ(m.exitCode, 0) << m.err;
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(db_().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO t(v) VALUES ('kept')", nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    killWriterMidTransaction(db_());
  }
  std::string cwd() const { return tmp.path().string(); }
  std::string db_() const { return tmp.file("app.db"); }
  TempDir tmp;
};

TEST_F(HotJournal, StatusRollsItBack) {
  auto r = runSchemac({"status", "--out", "migrations", "--url", "app.db"}, cwd());
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.err.find("readonly"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db_() + "-journal"));
  EXPECT_EQ(countRows(db_()), 1);
}

TEST_F(HotJournal, DumpRollsItBackAndDumpsTheCommittedRows) {
  auto r = runSchemac({"dump", "--url", "app.db"}, cwd());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("'kept'"), std::string::npos);
  EXPECT_EQ(r.out.find("INSERT INTO \"t\"(\"id\",\"v\") VALUES(2,"), std::string::npos);
  EXPECT_FALSE(fs::exists(db_() + "-journal"));
}

TEST_F(HotJournal, PullRollsItBack) {
  auto r = runSchemac({"pull", "--url", "app.db", "-o", "pulled.schema"}, cwd());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(testing::slurp(tmp.file("pulled.schema")).find("table t {"), std::string::npos);
  EXPECT_FALSE(fs::exists(db_() + "-journal"));
  EXPECT_EQ(countRows(db_()), 1);
}

// Without write access nothing is changed and the one line names the journal.
TEST_F(HotJournal, ReadOnlyFileNamesTheJournal) {
  fs::permissions(db_(), fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  auto size = fs::file_size(db_());
  for (std::vector<std::string> args : {std::vector<std::string>{"pull", "--url", "app.db"},
                                        {"dump", "--url", "app.db"},
                                        {"status", "--out", "migrations", "--url", "app.db"}}) {
    auto r = runSchemac(args, cwd());
    EXPECT_EQ(r.exitCode, 1) << args[0] << ": " << r.err;
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("'app.db-journal' is the journal of a transaction that was interrupted"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("readonly"), std::string::npos) << r.err;
  }
  EXPECT_TRUE(fs::exists(db_() + "-journal"));
  EXPECT_EQ(fs::file_size(db_()), size);
}

}  // namespace
}  // namespace schemac::rt
