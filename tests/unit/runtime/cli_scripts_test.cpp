// scripts/migrate.sh and scripts/db-push.sh: thin wrappers, but their logging, their refusal
// without a terminal and keeping tokens off command lines and out of logs are behaviour worth
// keeping.
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
  env.try_emplace("SCHEMAC", testing::schemacBinary());
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

// A stand-in for schemac that records its command line and the token it got from the
// environment; `schemac redact` is the real one.
std::string recordingSchemac(const TempDir& tmp) {
  tmp.write("fake-schemac",
            "#!/bin/sh\n"
            "if [ \"$1\" = redact ]; then exec '" +
                testing::schemacBinary() +
                "' \"$@\"; fi\n"
                "printf '%s\\n' \"$*\" >>argv.txt\n"
                "printf 'token=%s\\n' \"$DATABASE_AUTH_TOKEN\" >>argv.txt\n");
  std::filesystem::permissions(tmp.file("fake-schemac"), std::filesystem::perms::owner_all);
  return tmp.file("fake-schemac");
}

TEST(CliScriptsTest, ScriptsPassTheTokenThroughTheEnvironmentOnly) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  std::string fake = recordingSchemac(tmp);
  auto r = runScript("migrate.sh", {"--auth-token", "tok-A1", "--url", "file:./x.db"}, cwd,
                     {{"SCHEMAC", fake}, {"SCHEMAC_LOG_DIR", "ml"}});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  r = runScript("db-push.sh", {"-y", "--auth-token=tok-B2"}, cwd, {{"SCHEMAC", fake}});
  EXPECT_EQ(r.exitCode, 0) << r.err;
  std::string argv = testing::slurp(tmp.file("argv.txt"));
  EXPECT_EQ(argv,
            "migrate --url file:./x.db\ntoken=tok-A1\n"
            "push\ntoken=tok-B2\n");
  for (auto& e : std::filesystem::directory_iterator(tmp.file("ml"))) {
    std::string log = testing::slurp(e.path().string());
    EXPECT_EQ(log.find("tok-A1"), std::string::npos) << log;
    EXPECT_NE(log.find("# database: file:./x.db (from --url)"), std::string::npos) << log;
  }
}

TEST(CliScriptsTest, MigrateShLogNamesAreUniqueAndShowTheDatabaseOfSchemacToml) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  testing::writeMigrationsDir(tmp, "migrations",
                              {{"init", "CREATE TABLE \"a\" (\"id\" INTEGER PRIMARY KEY);", ""}});
  tmp.write("schemac.toml", "url = \"file:./toml.db?authToken=zzz-secret\"\n");
  for (int i = 0; i < 2; ++i) {
    auto r = runScript("migrate.sh", {}, cwd, {{"SCHEMAC_LOG_DIR", "ml"}});
    EXPECT_EQ(r.exitCode, 0) << r.err;
  }
  std::vector<std::filesystem::path> logs;
  for (auto& e : std::filesystem::directory_iterator(tmp.file("ml"))) logs.push_back(e.path());
  ASSERT_EQ(logs.size(), 2u);  // two runs within a second: two files
  for (const auto& path : logs) {
    std::string log = testing::slurp(path.string());
    EXPECT_NE(log.find("# database: file:./toml.db?authToken=*** (from schemac.toml)"),
              std::string::npos)
        << log;
    EXPECT_EQ(log.find("zzz-secret"), std::string::npos) << log;
  }
  EXPECT_TRUE(std::filesystem::exists(tmp.file("toml.db")));
}

TEST(CliScriptsTest, DbPushNamesItsTargetAndRefusesAnEmptyDatabaseUrl) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  tmp.write("schemac.toml", "url = \"libsql://u:pw@db.example.io?authToken=zzz\"\n");
  auto r = runScript("db-push.sh", {}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(r.err,
            "db-push: target libsql://u:***@db.example.io?authToken=*** (from schemac.toml)\n"
            "db-push: refusing to push without a terminal; pass -y to confirm\n");
  r = runScript("db-push.sh", {"-y"}, cwd, {{"DATABASE_URL", ""}});
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("DATABASE_URL is set but empty"), std::string::npos) << r.err;
}

TEST(CliScriptsTest, GenerateMigrationNeedsAName) {
  TempDir tmp;
  auto r = runScript("generate-migration.sh", {}, tmp.path().string());
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.err.find("usage:"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace schemac::rt
