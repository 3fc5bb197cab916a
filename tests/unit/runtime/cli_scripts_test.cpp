// scripts/migrate.sh and scripts/db-push.sh: thin wrappers, but their logging and their
// refusal without a terminal are behaviour worth keeping.
#include <gtest/gtest.h>

#include <filesystem>

#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::TempDir;

testing::ProcessResult runScript(const std::string& script, std::vector<std::string> args,
                                 const std::string& cwd,
                                 std::map<std::string, std::string> env = {}) {
  env["SCHEMAC"] = testing::schemacBinary();
  env.try_emplace("DATABASE_URL", "\x01");
  std::vector<std::string> argv = {"/bin/bash",
                                   std::string(SCHEMAC_SOURCE_DIR) + "/scripts/" + script};
  argv.insert(argv.end(), args.begin(), args.end());
  pid_t pid = testing::spawn(argv, cwd, env, cwd + "/.script.out", cwd + "/.script.err");
  testing::ProcessResult r;
  r.exitCode = testing::waitFor(pid);
  r.out = testing::slurp(cwd + "/.script.out");
  r.err = testing::slurp(cwd + "/.script.err");
  return r;
}

TEST(CliScriptsTest, MigrateShLogsToAFileAndKeepsTheExitCode) {
  TempDir tmp;
  testing::writeMigrationsDir(tmp, "migrations",
                              {{"init", "CREATE TABLE \"a\" (\"id\" INTEGER PRIMARY KEY);", ""},
                               {"bad", "INSERT INTO \"missing\" VALUES (1);", ""}});
  auto r =
      runScript("migrate.sh", {}, tmp.path().string(),
                {{"DATABASE_URL", "file:./app.db?authToken=secret"}, {"SCHEMAC_LOG_DIR", "ml"}});
  EXPECT_EQ(r.exitCode, 1) << r.err;
  std::vector<std::filesystem::path> logs;
  for (auto& e : std::filesystem::directory_iterator(tmp.file("ml"))) logs.push_back(e.path());
  ASSERT_EQ(logs.size(), 1u);
  std::string log = testing::slurp(logs[0].string());
  EXPECT_NE(log.find("applied 0000_init"), std::string::npos) << log;
  EXPECT_NE(log.find("migration 0001_bad failed"), std::string::npos) << log;
  EXPECT_NE(log.find("# exit 1"), std::string::npos) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
  EXPECT_NE(r.err.find("log: ml/migrate-"), std::string::npos) << r.err;
  EXPECT_EQ(readAppliedMigrations(*open(tmp.file("app.db"))).size(), 1u);
}

TEST(CliScriptsTest, DbPushRefusesWithoutATerminal) {
  TempDir tmp;
  auto r = runScript("db-push.sh", {"--url", "file:./dev.db"}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("refusing to push without a terminal"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.file("dev.db")));
}

TEST(CliScriptsTest, GenerateMigrationNeedsAName) {
  TempDir tmp;
  auto r = runScript("generate-migration.sh", {}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace schemac::rt
