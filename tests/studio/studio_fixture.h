// The fixture of the studio API tests: a server started in-process on port 0 over a temp
// SQLite file (users, posts, a WITHOUT ROWID table, an oddly named one) and httplib's client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "schemac/migrations/load.h"
#include "schemac/rt/checksum.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "schemac/studio/server.h"

namespace fs = std::filesystem;
using nlohmann::json;
using schemac::studio::Server;
using schemac::studio::StudioOptions;

namespace studio_test {

inline std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class StudioApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/schemac-studio-test-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    dbPath_ = dir_ / "app.db";
    auto db = schemac::rt::open("file:" + dbPath_.string());
    db->execute(R"(
      CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT,
                          bio TEXT, avatar BLOB, prefs TEXT, score REAL);
      CREATE TABLE posts (id INTEGER PRIMARY KEY,
                          user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                          title TEXT NOT NULL CHECK (length(title) > 0));
      CREATE TABLE tags (a TEXT NOT NULL, b INTEGER NOT NULL, note TEXT, PRIMARY KEY (a, b))
        WITHOUT ROWID;
      CREATE TABLE "odd ""name""" ("we'ird col" TEXT);
    )");
    db->execute("BEGIN");
    for (int i = 1; i <= 120; ++i) {
      std::vector<schemac::rt::Value> row = {
          std::int64_t{i}, "user" + std::to_string(i) + "@example.com",
          i % 10 == 0 ? schemac::rt::Value{} : schemac::rt::Value{"name" + std::to_string(i % 7)},
          std::int64_t{i} * 0.5};
      db->query("INSERT INTO users (id, email, name, score) VALUES (?1, ?2, ?3, ?4)", row);
    }
    db->execute(R"(
      UPDATE users SET name = '' WHERE id = 3;
      UPDATE users SET bio = printf('%.500c', 'x') WHERE id = 4;
      UPDATE users SET prefs = '{"theme":"dark","n":[1,2]}' WHERE id = 6;
      INSERT INTO posts (user_id, title) VALUES (1, 'hello'), (2, 'world');
      INSERT INTO tags VALUES ('a', 1, 'x'), ('a', 2, 'y'), ('b', 1, NULL);
      INSERT INTO "odd ""name""" VALUES ('v');
      COMMIT;
    )");
    schemac::rt::Blob avatar{{0x00, 0xff, 0x10}};
    avatar.bytes.resize(103, 0);
    std::vector<schemac::rt::Value> blob = {avatar};
    db->query("UPDATE users SET avatar = ?1 WHERE id = 5", blob);
    db.reset();
    start();
  }

  void TearDown() override {
    server_.reset();
    std::error_code ec;
    fs::permissions(dbPath_, fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }

  void start(bool readOnly = false, std::vector<std::string> ignore = {}) {
    server_.reset();
    StudioOptions o;
    o.url = "file:" + dbPath_.string();
    o.port = 0;
    o.readOnly = readOnly;
    o.ignore = std::move(ignore);
    o.migrationsDir = (dir_ / "migrations").string();
    schemaFile_ = dir_ / "app.schema";
    std::ofstream(schemaFile_)
        << "table users {\n  id int primary\n  email text unique\n  name text?\n}\n";
    o.schemaFiles = {schemaFile_.string()};
    server_ = std::make_unique<Server>(o);
    server_->start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
    auth_ = {{"X-Studio-Token", server_->token()}};
    auto s = client_->Get("/api/session", auth_);
    ASSERT_TRUE(s);
    ASSERT_EQ(s->status, 200) << s->body;
    csrf_ = json::parse(s->body)["csrf"].get<std::string>();
    writeHeaders_ = auth_;
    writeHeaders_.emplace("X-Studio-CSRF", csrf_);
  }

  std::unique_ptr<schemac::rt::Connection> openReadOnly() const {
    schemac::rt::OpenOptions o;
    o.readOnly = true;
    return schemac::rt::open("file:" + dbPath_.string(), o);
  }

  std::string dbHash() const { return schemac::rt::sha256Hex(readFile(dbPath_)); }

  httplib::Result get(const std::string& path) { return client_->Get(path, auth_); }
  httplib::Result post(const std::string& path, const std::string& body) {
    return client_->Post(path, writeHeaders_, body, "application/json");
  }
  json getJson(const std::string& path, int status = 200) {
    auto r = get(path);
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << path << ": " << r->body;
    return json::parse(r->body);
  }

  // A refused request: `status`, an "error" mentioning `fragment`, the file unchanged.
  void expectRefused(const httplib::Result& r, int status, const std::string& fragment,
                     const std::string& hashBefore) {
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, status) << r->body;
    json body = json::parse(r->body, nullptr, false);
    ASSERT_FALSE(body.is_discarded()) << r->body;
    EXPECT_NE(body.value("error", "").find(fragment), std::string::npos) << r->body;
    EXPECT_EQ(dbHash(), hashBefore);
  }

  static std::string param(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  fs::path dir_, dbPath_, schemaFile_;
  std::unique_ptr<Server> server_;
  std::unique_ptr<httplib::Client> client_;
  httplib::Headers auth_, writeHeaders_;
  std::string csrf_;
};

}  // namespace studio_test
