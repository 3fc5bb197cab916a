#include "schemac/rt/connection.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "schemac/rt/sqlite.h"
#include "schemac/rt/url.h"
#include "temp_dir.h"

namespace schemac::rt {
namespace {

using testing::TempDir;

std::string openError(const std::string& url, const OpenOptions& options = {}) {
  try {
    open(url, options);
  } catch (const DbError& e) {
    return e.what();
  }
  return "<no error>";
}

TEST(DatabaseUrlTest, ClassifiesSchemes) {
  EXPECT_EQ(parseDatabaseUrl("file:./local.db").kind, UrlKind::SqliteFile);
  EXPECT_EQ(parseDatabaseUrl("file:./local.db").path, "./local.db");
  EXPECT_EQ(parseDatabaseUrl("file:/abs/x.db").path, "/abs/x.db");
  EXPECT_EQ(parseDatabaseUrl("file:///abs/x.db").path, "/abs/x.db");
  EXPECT_EQ(parseDatabaseUrl("file:a%20b.db?mode=ro").path, "a b.db");
  EXPECT_EQ(parseDatabaseUrl("rel/x.db").path, "rel/x.db");
  EXPECT_EQ(parseDatabaseUrl("file::memory:").kind, UrlKind::SqliteMemory);
  EXPECT_EQ(parseDatabaseUrl(":memory:").kind, UrlKind::SqliteMemory);
  EXPECT_EQ(parseDatabaseUrl("libsql://db.example.io").kind, UrlKind::RemoteLibsql);
  EXPECT_EQ(parseDatabaseUrl("https://db.example.io").kind, UrlKind::RemoteLibsql);
  EXPECT_EQ(parseDatabaseUrl("http://127.0.0.1:8080").kind, UrlKind::RemoteLibsql);
  EXPECT_EQ(parseDatabaseUrl("postgres://u:p@h/db").kind, UrlKind::Postgres);
  EXPECT_THROW(parseDatabaseUrl(""), DbError);
  EXPECT_THROW(parseDatabaseUrl("mysql://h/db"), DbError);
  EXPECT_THROW(parseDatabaseUrl("file://otherhost/x.db"), DbError);
}

TEST(DatabaseUrlTest, RedactsCredentials) {
  EXPECT_EQ(redactUrl("postgres://user:secret@host/db"), "postgres://user:***@host/db");
  EXPECT_EQ(redactUrl("libsql://x.turso.io?authToken=abc&tls=1"),
            "libsql://x.turso.io?authToken=***&tls=1");
  EXPECT_EQ(redactUrl("file:./local.db"), "file:./local.db");
}

TEST(ConnectionTest, RemoteFailsOnFirstUseAndPostgresIsRejected) {
  // Opening a remote URL sends nothing; the first statement names the host, never the token.
  auto db = open("http://127.0.0.1:1?authToken=secret");
  EXPECT_TRUE(db->isRemote());
  EXPECT_EQ(db->displayUrl(), "http://127.0.0.1:1?authToken=***");
  try {
    db->query("SELECT 1");
    FAIL() << "expected a connection error";
  } catch (const DbError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("connection refused by 127.0.0.1:1"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret"), std::string::npos) << what;
  }
  EXPECT_NE(openError("postgres://u:pw@h/db").find("PostgreSQL is not supported yet"),
            std::string::npos);
  EXPECT_EQ(openError("postgres://u:pw@h/db").find("pw"), std::string::npos);
}

TEST(ConnectionTest, MemoryQueryWithTypedValues) {
  auto db = open("file::memory:");
  EXPECT_FALSE(db->isRemote());
  db->execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT);");
  std::vector<Value> params = {std::int64_t{42}, 2.5, std::string("héllo"), Blob{{0, 1, 255}},
                               std::monostate{}};
  auto ins = db->query("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)", params);
  EXPECT_EQ(ins.changes, 1);
  EXPECT_EQ(ins.lastInsertRowid, 1);
  auto rs = db->query("SELECT i, r, s, b, n FROM t");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"i", "r", "s", "b", "n"}));
  EXPECT_EQ(rs.rows[0], params);
}

TEST(ConnectionTest, PreparedStatementTypedBindAndGet) {
  auto db = open(":memory:");
  db->execute("CREATE TABLE u (id INTEGER PRIMARY KEY, email TEXT NOT NULL, age INTEGER)");
  auto ins = db->prepare("INSERT INTO u (email, age) VALUES (?1, ?2)");
  for (int i = 0; i < 3; ++i) {
    ins->bind(1, "user" + std::to_string(i));
    ins->bind(2, i == 1 ? std::optional<int>() : std::optional<int>(20 + i));
    EXPECT_EQ(ins->run(), 1);
  }
  auto sel = db->prepare("SELECT id, email, age FROM u WHERE id >= ?1 ORDER BY id");
  sel->bind(1, 2);
  ASSERT_TRUE(sel->step());
  EXPECT_EQ(sel->get<int>(0), 2);
  EXPECT_EQ(sel->get<std::string>(1), "user1");
  EXPECT_EQ(sel->get<std::optional<std::int64_t>>(2), std::nullopt);
  EXPECT_THROW(sel->get<std::int64_t>(2), DbError);  // NULL read as non-optional
  ASSERT_TRUE(sel->step());
  EXPECT_EQ(sel->get<std::optional<std::int64_t>>(2), 22);
  EXPECT_FALSE(sel->step());
  // Running again after completion starts over with the same bindings.
  ASSERT_TRUE(sel->step());
  EXPECT_EQ(sel->get<int>(0), 2);
  EXPECT_THROW(db->prepare("SELECT 1; SELECT 2"), DbError);
  EXPECT_THROW(db->query("SELECT ?1, ?2", std::vector<Value>{std::int64_t{1}}), DbError);
}

TEST(ConnectionTest, ErrorsCarrySqliteMessageAndStatement) {
  auto db = open("file::memory:");
  db->execute("CREATE TABLE t (x INTEGER NOT NULL UNIQUE); INSERT INTO t VALUES (1);");
  try {
    db->execute("INSERT INTO t VALUES (2);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (3);");
    FAIL() << "expected a UNIQUE violation";
  } catch (const DbError& e) {
    EXPECT_NE(e.dbMessage().find("UNIQUE constraint failed: t.x"), std::string::npos);
    EXPECT_EQ(e.sql(), "INSERT INTO t VALUES (1);");
    EXPECT_EQ(e.code(), SQLITE_CONSTRAINT_UNIQUE);
  }
  try {
    db->query("SELEC 1");
    FAIL();
  } catch (const DbError& e) {
    EXPECT_NE(e.dbMessage().find("syntax error"), std::string::npos);
    EXPECT_EQ(e.sql(), "SELEC 1");
  }
}

TEST(ConnectionTest, FileUrlsAndPaths) {
  TempDir dir;
  std::string path = dir.file("a.db");
  {
    auto db = open("file:" + path);
    db->execute("CREATE TABLE t (x); INSERT INTO t VALUES (7);");
    EXPECT_EQ(std::filesystem::path(db->localFile()), std::filesystem::path(path));
    EXPECT_FALSE(db->capabilities().remote);
    EXPECT_TRUE(db->capabilities().backup);
  }
  // Plain absolute path, then a relative file: URL from the directory.
  EXPECT_EQ(std::get<std::int64_t>(open(path)->query("SELECT x FROM t").rows[0][0]), 7);
  auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  EXPECT_EQ(std::get<std::int64_t>(open("file:./a.db")->query("SELECT x FROM t").rows[0][0]), 7);
  EXPECT_EQ(std::get<std::int64_t>(open("a.db")->query("SELECT x FROM t").rows[0][0]), 7);
  std::filesystem::current_path(cwd);
  auto fk = open(path)->query("PRAGMA foreign_keys");
  EXPECT_EQ(std::get<std::int64_t>(fk.rows[0][0]), 1);
}

TEST(ConnectionTest, BadFilesFailAtOpenWithOneLine) {
  TempDir dir;
  dir.write("text.db",
            "this is not a database, just some text that is long enough........"
            "...............................................................");
  std::string err = openError(dir.file("text.db"));
  EXPECT_NE(err.find("file is not a database"), std::string::npos) << err;
  EXPECT_EQ(err.find('\n'), std::string::npos);

  OpenOptions noCreate;
  noCreate.create = false;
  err = openError(dir.file("missing.db"), noCreate);
  EXPECT_NE(err.find("does not exist"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(dir.file("missing.db")));

  err = openError(dir.path().string());
  EXPECT_NE(err.find("is a directory"), std::string::npos) << err;

  // Read-only file: refused for writing, fine for reading.
  std::string ro = dir.file("ro.db");
  open(ro)->execute("CREATE TABLE t (x)");
  chmod(ro.c_str(), 0444);
  err = openError(ro);
  EXPECT_NE(err.find("read-only"), std::string::npos) << err;
  chmod(ro.c_str(), 0000);
  err = openError(ro);
  EXPECT_NE(err.find("permission denied"), std::string::npos) << err;
  chmod(ro.c_str(), 0644);
  OpenOptions readOnly;
  readOnly.readOnly = true;
  EXPECT_NO_THROW(open(ro, readOnly)->query("SELECT * FROM t"));
}

TEST(ConnectionTest, BusyTimeoutWaitsForAWriter) {
  TempDir dir;
  std::string path = dir.file("busy.db");
  auto a = open(path);
  a->execute("CREATE TABLE t (x)");
  OpenOptions quick;
  quick.busyTimeoutMs = 50;
  auto b = open(path, quick);
  a->execute("BEGIN IMMEDIATE");
  try {
    b->execute("BEGIN IMMEDIATE");
    FAIL() << "expected SQLITE_BUSY";
  } catch (const DbError& e) {
    EXPECT_EQ(e.code() & 0xff, SQLITE_BUSY);
    EXPECT_NE(e.dbMessage().find("locked"), std::string::npos);
  }
  // With a longer timeout the second writer waits until the first commits.
  OpenOptions patient;
  patient.busyTimeoutMs = 5000;
  auto c = open(path, patient);
  std::thread committer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    a->execute("COMMIT");
  });
  EXPECT_NO_THROW(c->execute("BEGIN IMMEDIATE; INSERT INTO t VALUES (1); COMMIT;"));
  committer.join();
}

}  // namespace
}  // namespace schemac::rt
