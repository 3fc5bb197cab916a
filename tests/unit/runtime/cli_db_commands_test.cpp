// status (with drift), push and pull round trips, on migrations generated from real schemas.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "process.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/compile.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/checksum.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::runSchemac;
using testing::TempDir;

ir::Schema compileText(const TempDir& tmp, const std::string& name, const std::string& text) {
  tmp.write(name, text);
  SourceManager sm;
  DiagEngine diags(sm);
  auto schema = compileFiles({tmp.file(name)}, sm, diags);
  std::ostringstream os;
  diags.print(os);
  if (!schema) throw std::runtime_error("compile failed: " + os.str());
  return *schema;
}

ir::Schema compilePaths(const std::vector<std::string>& paths) {
  SourceManager sm;
  DiagEngine diags(sm);
  auto schema = compileFiles(paths, sm, diags);
  std::ostringstream os;
  diags.print(os);
  if (!schema) throw std::runtime_error("compile failed: " + os.str());
  return *schema;
}

// What `schemac generate` does, through the same libraries: diff the newest snapshot against
// `next`, lower, and append the migration to `dir`.
void generate(const std::filesystem::path& dir, const ir::Schema& next, const std::string& name) {
  migrations::MigrationsDir current;
  std::string error;
  ASSERT_TRUE(migrations::readMigrationsDir(dir, &current, &error)) << error;
  ir::Schema prev;
  if (const migrations::Snapshot* s = current.newestSnapshot()) {
    ASSERT_TRUE(ir::fromJson(s->schemaJson, &prev, &error)) << error;
  }
  auto m = codegen::sqlite::buildMigration(prev, next);
  migrations::NewMigration nm;
  nm.name = name;
  nm.upSql = m.up.body();
  nm.downSql = m.down.body();
  auto warnings = diff::warnings(m.upPlan);
  nm.upNotes = codegen::sqlite::headerNotes(m.up, warnings);
  nm.downNotes = codegen::sqlite::headerNotes(m.down, diff::warnings(m.downPlan));
  nm.fingerprint = ir::fingerprint(next);
  nm.schemaJson = ir::toCanonicalJson(ir::withoutHints(next));
  nm.dataLoss = m.upPlan.losesData();
  nm.rebuildsTables = m.up.rebuildsTables();
  auto result = migrations::appendMigration(current, nm, 1700000000000).writeAll(dir);
  ASSERT_TRUE(result.ok) << result.error;
}

const char* kV1 = R"(
table users {
  id     int   primary autoincrement
  email  text  unique
  name   text?
}
table posts {
  id       int  primary autoincrement
  user_id  int  references users(id) on delete cascade
  title    text
}
)";

const char* kV2 = R"(
table users {
  id     int   primary autoincrement
  email  text  unique
  name   text?
  bio    text?
}
table posts {
  id       int  primary autoincrement
  user_id  int  references users(id) on delete cascade
  title    text
}
)";

// v1 without users.name: a data-losing change.
const char* kV1DropName = R"(
table users {
  id     int   primary autoincrement
  email  text  unique
}
table posts {
  id       int  primary autoincrement
  user_id  int  references users(id) on delete cascade
  title    text
}
)";

TEST(CliStatusTest, AppliedPendingAndDriftAfterAManualAlterTable) {
  TempDir tmp;
  std::filesystem::path dir = tmp.path() / "migrations";
  generate(dir, compileText(tmp, "v1.schema", kV1), "init");
  std::string cwd = tmp.path().string();

  // No database yet: everything pending, nothing created.
  auto r = runSchemac({"status", "--url", "app.db"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("pending  0000_init"), std::string::npos) << r.out;
  EXPECT_FALSE(std::filesystem::exists(tmp.file("app.db")));

  ASSERT_EQ(runSchemac({"migrate", "--url", "app.db"}, cwd).exitCode, 0);
  generate(dir, compileText(tmp, "v2.schema", kV2), "add_users_bio");
  r = runSchemac({"status", "--url", "app.db"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("applied  0000_init"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("pending  0001_add_users_bio"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 applied, 1 pending"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("drift: none"), std::string::npos) << r.out;

  auto m = runSchemac({"migrate", "--url", "app.db"}, cwd);
  ASSERT_EQ(m.exitCode, 0) << m.err;
  r = runSchemac({"status", "--url", "app.db"}, cwd);
  EXPECT_EQ(r.exitCode, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("drift: none"), std::string::npos) << r.out;

  // Someone alters the database by hand.
  open(tmp.file("app.db"))->execute("ALTER TABLE users ADD COLUMN hack TEXT");
  std::string before = sha256File(tmp.file("app.db"));
  r = runSchemac({"status", "--url", "app.db"}, cwd);
  EXPECT_EQ(r.exitCode, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("drift: the database differs from the schema after 0001_add_users_bio"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("users.hack"), std::string::npos) << r.out;
  EXPECT_EQ(sha256File(tmp.file("app.db")), before);  // status only reads
}

TEST(CliPushTest, PushCreatesThenRefusesDataLossWithoutForce) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  tmp.write("v1.schema", kV1);
  tmp.write("v1drop.schema", kV1DropName);
  auto r = runSchemac({"push", "v1.schema", "--url", "dev.db"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("pushing to dev.db"), std::string::npos) << r.out;
  r = runSchemac({"push", "v1.schema", "--url", "dev.db"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.out.find("nothing to push"), std::string::npos) << r.out;

  open(tmp.file("dev.db"))
      ->execute(
          "INSERT INTO users (email, name) VALUES ('a@x', 'Ada');"
          "INSERT INTO posts (user_id, title) VALUES (1, 'hello');");
  std::string before = sha256File(tmp.file("dev.db"));
  // Dropping users.name loses data: refused without a terminal unless --force.
  r = runSchemac({"push", "v1drop.schema", "--url", "dev.db"}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("push refused"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(sha256File(tmp.file("dev.db")), before);

  r = runSchemac({"push", "v1drop.schema", "--url", "dev.db", "--force"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  auto db = open(tmp.file("dev.db"));
  EXPECT_TRUE(
      db->query("SELECT 1 FROM pragma_table_info('users') WHERE name = 'name'").rows.empty());
  // The cascading child survived whatever rebuild the change needed.
  EXPECT_EQ(db->query("SELECT * FROM posts").rows.size(), 1u);
  EXPECT_EQ(db::inspect(*db, nullptr),
            db::normalizeForSqlite(compileText(tmp, "x.schema", kV1DropName)));

  // A schema error: diagnostics, exit 1, database untouched.
  tmp.write("bad.schema", "table t { id int primary\n  x nosuchtype }\n");
  before = sha256File(tmp.file("dev.db"));
  r = runSchemac({"push", "bad.schema", "--url", "dev.db"}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("bad.schema:"), std::string::npos) << r.err;
  EXPECT_EQ(sha256File(tmp.file("dev.db")), before);
}

// pull -> sql -> apply to an empty database -> pull gives the same file, on the LumenR example.
TEST(CliPullTest, RoundTripOnLumenr) {
  TempDir tmp;
  std::vector<std::string> files;
  const char* rootEnv = std::getenv("SCHEMAC_LUMENR_DIR");
  std::string root = rootEnv ? rootEnv : std::string(SCHEMAC_SOURCE_DIR) + "/examples/lumenr";
  for (const auto& dirName : {root, root + "/schema"}) {
    if (!std::filesystem::is_directory(dirName)) continue;
    for (auto& e : std::filesystem::directory_iterator(dirName)) {
      if (e.path().extension() == ".schema") files.push_back(e.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) GTEST_SKIP() << "the LumenR example has no .schema files under " << root;
  ir::Schema lumenr = compilePaths(files);
  ASSERT_GT(lumenr.tables.size(), 3u);

  auto first = open(tmp.file("first.db"));
  rt::applyScript(*first, codegen::sqlite::createSchemaScript(lumenr));
  auto r = runSchemac({"pull", "--url", "first.db", "-o", "pulled.schema"}, tmp.path().string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string pulled = testing::slurp(tmp.file("pulled.schema"));

  ir::Schema again = compilePaths({tmp.file("pulled.schema")});
  auto second = open(tmp.file("second.db"));
  rt::applyScript(*second, codegen::sqlite::createSchemaScript(again));
  r = runSchemac({"pull", "--url", "second.db"}, tmp.path().string());
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, pulled);
  // And the pulled schema describes the same database.
  EXPECT_EQ(db::inspect(*second, nullptr), db::inspect(*first, nullptr));
}

// Speed: status (listing + introspection + drift) on a 1,000-table database; the figure is
// printed (limit 300 ms on a quiet machine, docs/runtime.md), not asserted: the test checks the
// result only, so a slow or busy machine does not fail it.
TEST(CliStatusTest, ThousandTableDatabase) {
  TempDir tmp;
  std::string text;
  for (int i = 0; i < 1000; ++i) {
    text += "table t" + std::to_string(i) + " {\n  id int primary autoincrement\n  name text\n";
    if (i > 0) text += "  parent_id int? references t" + std::to_string(i - 1) + "(id)\n";
    text += "  index t" + std::to_string(i) + "_name (name)\n}\n";
  }
  std::filesystem::path dir = tmp.path() / "migrations";
  generate(dir, compileText(tmp, "big.schema", text), "init");
  std::string cwd = tmp.path().string();
  auto m = runSchemac({"migrate", "--url", "big.db"}, cwd);
  ASSERT_EQ(m.exitCode, 0) << m.err;
  double best = 1e9, bestCpu = 1e9;
  auto cpuMs = [] {
    rusage ru{};
    getrusage(RUSAGE_CHILDREN, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000.0 +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000.0;
  };
  for (int i = 0; i < 3; ++i) {
    double cpuStart = cpuMs();
    auto start = std::chrono::steady_clock::now();
    auto r = runSchemac({"status", "--url", "big.db"}, cwd);
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    bestCpu = std::min(bestCpu, cpuMs() - cpuStart);
    ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("drift: none"), std::string::npos) << r.out;
    best = std::min(best, ms);
  }
  // Wall time suffers on a loaded machine; CPU time (user + sys of the process) does not.
  std::printf("status on a 1000-table database: %.0f ms wall, %.0f ms CPU (best of 3)\n", best,
              bestCpu);
}

}  // namespace
}  // namespace schemac::rt
