// schemac dump / restore: an exact round trip (dump -> restore -> dump gives the same text)
// between files and a libSQL server (tursodb), and the automatic dump before a data-losing
// migration of a remote database.
#include <gtest/gtest.h>

#include <filesystem>

#include "migrations_fixture.h"
#include "process.h"
#include "schemac/rt/connection.h"
#include "temp_dir.h"
#include "turso_server.h"

namespace schemac::rt {
namespace {

using testing::runSchemac;
using testing::TempDir;
using testing::TursoServer;

// Every kind of value, a foreign key, an index, a view and a trigger; `extras` adds a table
// with a STORED generated column, which tursodb 0.6.0 refuses (AUTOINCREMENT on tursodb is
// covered by lumenr_remote_test.cpp), and text holding a NUL byte.
void fill(Connection& db, bool extras) {
  db.execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL, score REAL, data BLOB);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES "
      "parent(id) ON DELETE CASCADE, note TEXT);"
      "CREATE INDEX child_parent ON child (parent_id);"
      "CREATE VIEW named AS SELECT c.id, p.name FROM child c JOIN parent p ON p.id = c.parent_id;"
      "CREATE TABLE audit (n INTEGER);"
      "CREATE TRIGGER child_audit AFTER INSERT ON child BEGIN INSERT INTO audit VALUES (NEW.id); "
      "END;");
  std::vector<std::vector<Value>> parents = {
      {std::int64_t{1}, std::string("it's \"x\";\n-- not a comment\r\n\ttab"), 0.1,
       Blob{{0, 1, 2, 255}}},
      {std::int64_t{2}, std::string("ünïcødé 😀"), 1.0, Blob{}},
      {std::int64_t{9223372036854775807}, std::string(""), 1e308, std::monostate{}},
      {std::int64_t{-9223372036854775807 - 1}, std::string("x"), -2.5e-300, std::monostate{}},
  };
  Blob all;
  for (int i = 0; i < 256; ++i) all.bytes.push_back(static_cast<std::uint8_t>(i));
  parents.push_back({std::int64_t{3}, std::string("all bytes"), std::monostate{}, all});
  for (auto& p : parents) db.query("INSERT INTO parent VALUES (?1, ?2, ?3, ?4)", p);
  db.execute("INSERT INTO child VALUES (1, 1, 'a'), (2, 1, NULL), (3, 2, 'b')");
  if (extras) {
    db.query("INSERT INTO parent VALUES (4, ?1, NULL, NULL)",
             std::vector<Value>{std::string("nul\0inside", 10)});
    db.execute(
        "CREATE TABLE counters (id INTEGER PRIMARY KEY AUTOINCREMENT, v INTEGER, "
        "doubled INTEGER GENERATED ALWAYS AS (v * 2) STORED);"
        "INSERT INTO counters (v) VALUES (1), (2), (3); DELETE FROM counters WHERE id = 3;");
  }
}

TEST(DumpRestoreTest, ExactRoundTripBetweenFiles) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  fill(*open(tmp.file("a.db")), true);
  auto r = runSchemac({"dump", "--url", "a.db", "-o", "a.sql"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_NE(r.err.find("wrote a.sql from a.db (4 tables, 14 rows)"), std::string::npos) << r.err;
  std::string dump = testing::slurp(tmp.file("a.sql"));
  EXPECT_NE(dump.find("X'000102FF'"), std::string::npos);
  EXPECT_NE(dump.find("'it''s \"x\";\n-- not a comment\r\n\ttab'"), std::string::npos);
  EXPECT_NE(dump.find("CAST(X'6E756C00696E73696465' AS TEXT)"), std::string::npos);
  EXPECT_NE(dump.find("0.10000000000000001"), std::string::npos);
  EXPECT_NE(dump.find("UPDATE sqlite_sequence SET seq=3 WHERE name='counters';\n"
                      "INSERT INTO sqlite_sequence(name,seq) SELECT 'counters',3 WHERE NOT "
                      "EXISTS(SELECT 1 FROM sqlite_sequence WHERE name='counters');\n"),
            std::string::npos);
  // Parents before children.
  EXPECT_LT(dump.find("INSERT INTO \"parent\""), dump.find("INSERT INTO \"child\""));
  r = runSchemac({"restore", "a.sql", "--url", "b.db"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runSchemac({"dump", "--url", "b.db"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  EXPECT_EQ(r.out, dump);
  // The restored database behaves the same: AUTOINCREMENT continues after 3, the trigger fires.
  auto b = open(tmp.file("b.db"));
  b->execute("INSERT INTO counters (v) VALUES (10); INSERT INTO child VALUES (9, 2, 'z')");
  EXPECT_EQ(std::get<std::int64_t>(b->query("SELECT max(id) FROM counters").rows[0][0]), 4);
  EXPECT_EQ(
      std::get<std::int64_t>(b->query("SELECT doubled FROM counters WHERE id = 4").rows[0][0]), 20);
  EXPECT_EQ(std::get<std::int64_t>(b->query("SELECT count(*) FROM audit").rows[0][0]), 4);
  // Restoring into a database that is not empty: refused, nothing changed.
  r = runSchemac({"restore", "a.sql", "--url", "b.db"}, cwd);
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_NE(r.err.find("restore needs an empty database"), std::string::npos) << r.err;
  EXPECT_EQ(std::get<std::int64_t>(b->query("SELECT count(*) FROM child").rows[0][0]), 4);
}

std::vector<std::string> insertLines(const std::string& dump) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = dump.find("\nINSERT INTO ", pos)) != std::string::npos) {
    std::size_t end = dump.find(");\n", pos);
    out.push_back(dump.substr(pos + 1, end - pos));
    pos = end;
  }
  return out;
}

TEST(DumpRestoreTest, ExactRoundTripThroughALibsqlServer) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  fill(*open(tmp.file("a.db")), false);
  auto r = runSchemac({"dump", "--url", "a.db", "-o", "a.sql"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string dump = testing::slurp(tmp.file("a.sql"));
  TursoServer server(tmp.file("remote.db"));
  r = runSchemac({"restore", "a.sql", "--url", server.url()}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  r = runSchemac({"dump", "--url", server.url(), "-o", "remote.sql"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  std::string remoteDump = testing::slurp(tmp.file("remote.sql"));
  // Every row came through exactly (tursodb re-spells the stored CREATE statements, e.g.
  // "parent(id)" as "parent (id)", so only the rows are compared with the file's dump).
  EXPECT_EQ(insertLines(remoteDump), insertLines(dump));
  EXPECT_EQ(insertLines(dump).size(), 11u);
  // And back from the server into a file: the same dump again, byte for byte.
  r = runSchemac({"restore", "remote.sql", "--url", "c.db"}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.err;
  r = runSchemac({"dump", "--url", "c.db"}, cwd);
  EXPECT_EQ(r.out, remoteDump);
  // A dump whose rows break a foreign key: the restore is rolled back whole.
  std::string broken = dump;
  broken.insert(broken.find("CREATE INDEX"),
                "INSERT INTO \"child\"(\"id\",\"parent_id\",\"note\") VALUES(50,777,'orphan');\n");
  tmp.write("broken.sql", broken);
  TursoServer second(tmp.file("second.db"));
  r = runSchemac({"restore", "broken.sql", "--url", second.url()}, cwd);
  EXPECT_EQ(r.exitCode, 1) << r.out;
  EXPECT_NE(r.err.find("restore broke foreign keys"), std::string::npos) << r.err;
  EXPECT_TRUE(open(second.url())->query("SELECT name FROM sqlite_schema").rows.empty());
}

TEST(DumpRestoreTest, DataLosingRemoteMigrationIsDumpedFirst) {
  TempDir tmp;
  std::string cwd = tmp.path().string();
  TursoServer server(tmp.file("loss.db"));
  testing::FixtureMigration init{"init", "CREATE TABLE t (id INTEGER PRIMARY KEY, old TEXT);",
                                 "DROP TABLE t;"};
  testing::FixtureMigration drop{"drop_old", "ALTER TABLE t DROP COLUMN old;", "", false, true};
  testing::writeMigrationsDir(tmp, "migrations", {init});
  ASSERT_EQ(runSchemac({"migrate", "--url", server.url()}, cwd).exitCode, 0);
  open(server.url())->execute("INSERT INTO t VALUES (1, 'precious')");
  testing::writeMigrationsDir(tmp, "migrations", {init, drop});
  auto r = runSchemac({"migrate", "--url", server.url()}, cwd);
  ASSERT_EQ(r.exitCode, 0) << r.out << r.err;
  std::string backup;
  for (auto& e : std::filesystem::directory_iterator(tmp.path())) {
    std::string name = e.path().filename().string();
    if (name.rfind("127.0.0.1_", 0) == 0 && name.find("-0001_drop_old.sql") != std::string::npos) {
      backup = name;
    }
  }
  ASSERT_FALSE(backup.empty()) << r.out;
  EXPECT_NE(r.out.find("dumped the database to " + backup + " (0001_drop_old loses data)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(testing::slurp(tmp.file(backup)).find("'precious'"), std::string::npos);
}

}  // namespace
}  // namespace schemac::rt
