// The studio's JSON API over real SQLite files: a server started in-process on port 0 and
// httplib's client. Every refused request must be a 4xx with a clear message and leave the
// database file byte-for-byte unchanged (compared by SHA-256).
#include "studio_fixture.h"

namespace {

using namespace studio_test;

// ---- auth ----

TEST_F(StudioApiTest, RowsCarryEachColumnsLogicalType) {
  {
    auto db = schemac::rt::open("file:" + dbPath_.string());
    db->execute(
        "CREATE TABLE ev (id INTEGER PRIMARY KEY, at TIMESTAMP_S, ms TIMESTAMP, n integer)");
  }
  auto types = [&](const std::string& table) {
    std::vector<std::string> out;
    json body = getJson("/api/rows?table=" + table);
    EXPECT_TRUE(body.contains("columns")) << body.dump();
    for (const json& c : body["columns"]) out.push_back(c["logicalType"].get<std::string>());
    return out;
  };
  // Not in the schema file: inferred from the declared types.
  EXPECT_EQ(types("ev"), (std::vector<std::string>{"int", "timestamp(s)", "timestamp", "int"}));
  // The schema file's type wins (a Drizzle integer column that holds milliseconds).
  std::ofstream(schemaFile_) << "table ev {\n  id int primary\n  at timestamp?\n}\n";
  EXPECT_EQ(types("ev"), (std::vector<std::string>{"int", "timestamp", "timestamp", "int"}));
  EXPECT_EQ(types("users")[1], "text");
}

TEST_F(StudioApiTest, MissingTokenIs401) {
  std::string before = dbHash();
  expectRefused(client_->Get("/api/tables"), 401, "missing access token", before);
  expectRefused(client_->Post("/api/rows/delete", R"({"table":"users","keys":[[{"i":"1"}]]})",
                              "application/json"),
                401, "missing access token", before);
}

TEST_F(StudioApiTest, WrongTokenIs401) {
  std::string before = dbHash();
  expectRefused(client_->Get("/api/tables", {{"X-Studio-Token", "0123"}}), 401,
                "wrong access token", before);
  std::string almost = server_->token();
  almost.back() = almost.back() == 'a' ? 'b' : 'a';
  expectRefused(client_->Get("/api/tables", {{"Authorization", "Bearer " + almost}}), 401,
                "wrong access token", before);
  auto page = client_->Get("/?token=nope");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 401);
}

TEST_F(StudioApiTest, WrongHostIs403) {
  std::string before = dbHash();
  httplib::Headers h = auth_;
  h.emplace("Host", "evil.example.com:" + std::to_string(server_->port()));
  expectRefused(client_->Get("/api/tables", h), 403, "forbidden Host", before);
  httplib::Headers other = auth_;
  other.emplace("Host", "127.0.0.1:1");
  expectRefused(client_->Get("/api/tables", other), 403, "forbidden Host", before);
  httplib::Headers page = {{"Host", "rebind.attacker.test:" + std::to_string(server_->port())}};
  auto r = client_->Get("/?token=" + server_->token(), page);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  // localhost is the same machine: allowed.
  httplib::Headers local = auth_;
  local.emplace("Host", "localhost:" + std::to_string(server_->port()));
  auto ok = client_->Get("/api/tables", local);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(StudioApiTest, ForeignOriginIs403) {
  std::string before = dbHash();
  httplib::Headers h = writeHeaders_;
  h.emplace("Origin", "http://evil.example.com");
  expectRefused(client_->Post("/api/rows/delete", h, R"({"table":"users","keys":[[{"i":"1"}]]})",
                              "application/json"),
                403, "forbidden Origin", before);
}

TEST_F(StudioApiTest, WriteWithoutCsrfHeaderIs403) {
  std::string before = dbHash();
  expectRefused(client_->Post("/api/rows/delete", auth_,
                              R"({"table":"users","keys":[[{"i":"1"}]]})", "application/json"),
                403, "X-Studio-CSRF", before);
  httplib::Headers wrong = auth_;
  wrong.emplace("X-Studio-CSRF", server_->token());
  expectRefused(client_->Post("/api/sql", wrong, R"({"sql":"DELETE FROM users","write":true})",
                              "application/json"),
                403, "X-Studio-CSRF", before);
}

TEST_F(StudioApiTest, PageAndAssetsAreServed) {
  auto page = client_->Get("/?token=" + server_->token());
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("X-Studio-Token"), std::string::npos);  // studio.js, inlined
  EXPECT_NE(page->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  auto js = client_->Get("/assets/studio.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->status, 200);
  EXPECT_NE(js->body.find("X-Studio-Token"), std::string::npos);
  auto missing = client_->Get("/assets/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  json unknown = getJson("/api/nope", 404);
  EXPECT_EQ(unknown["error"], "no such endpoint");
}

// ---- reading ----

TEST_F(StudioApiTest, TablesWithRowCounts) {
  json t = getJson("/api/tables");
  ASSERT_EQ(t["tables"].size(), 4u);
  EXPECT_EQ(t["tables"][0]["name"], "odd \"name\"");
  EXPECT_EQ(t["tables"][3]["name"], "users");
  EXPECT_EQ(t["tables"][3]["rows"], 120);
  EXPECT_EQ(t["tables"][2]["rows"], 3);
}

// schemac.toml `ignore` (docs/adopting.md): ignored tables are not listed (unless ?all=1),
// may be read, and are never written.
TEST_F(StudioApiTest, IgnoredTablesAreHiddenAndNeverWritten) {
  start(false, {"po*", "TAGS"});
  json t = getJson("/api/tables");
  ASSERT_EQ(t["tables"].size(), 2u);
  EXPECT_EQ(t["tables"][0]["name"], "odd \"name\"");
  EXPECT_EQ(t["tables"][1]["name"], "users");
  json all = getJson("/api/tables?all=1");
  ASSERT_EQ(all["tables"].size(), 4u);
  EXPECT_EQ(all["tables"][1]["name"], "posts");
  EXPECT_EQ(all["tables"][1]["kind"], "ignored");
  EXPECT_EQ(all["tables"][1]["readOnly"], true);
  json rows = getJson("/api/rows?table=posts");
  EXPECT_EQ(rows["rows"].size(), 2u);
  EXPECT_EQ(rows["tableReadOnly"], true);
  std::string before = dbHash();
  expectRefused(post("/api/rows/insert", R"({"table":"posts","values":{"user_id":1,"title":"x"}})"),
                403, "left to other tools", before);
  expectRefused(post("/api/rows/delete", R"({"table":"tags","keys":[["a",1]]})"), 403,
                "left to other tools", before);
  std::string diagram = get("/api/diagram?format=mmd")->body;
  EXPECT_EQ(diagram.find("posts"), std::string::npos) << diagram;
  EXPECT_NE(diagram.find("users"), std::string::npos) << diagram;
}

TEST_F(StudioApiTest, KeysetPagesCoverEveryRowOnce) {
  std::vector<std::string> ids;
  std::string after;
  int pages = 0;
  for (;;) {
    std::string path = "/api/rows?table=users&limit=25";
    if (!after.empty()) path += "&after=" + param(after);
    json page = getJson(path);
    ++pages;
    for (const json& r : page["rows"]) ids.push_back(r["key"][0]["i"]);
    if (page["next"].is_null()) break;
    after = page["next"];
  }
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(ids.size(), 120u);
  for (int i = 0; i < 120; ++i) EXPECT_EQ(ids[i], std::to_string(i + 1));
}

TEST_F(StudioApiTest, SortDescendingWithNullsMatchesSqlite) {
  // name has NULLs (every 10th) and duplicates: the cursor must carry (name, rowid).
  std::vector<std::string> got;
  std::string after;
  for (;;) {
    std::string path = "/api/rows?table=users&limit=7&sort=name&dir=desc";
    if (!after.empty()) path += "&after=" + param(after);
    json page = getJson(path);
    for (const json& r : page["rows"]) got.push_back(r["key"][0]["i"]);
    if (page["next"].is_null()) break;
    after = page["next"];
  }
  auto db = openReadOnly();
  auto rs = db->query("SELECT rowid FROM users ORDER BY name DESC, rowid DESC");
  std::vector<std::string> want;
  for (const auto& row : rs.rows) want.push_back(std::to_string(std::get<std::int64_t>(row[0])));
  EXPECT_EQ(got, want);
}

TEST_F(StudioApiTest, CompositeKeyTableWithoutRowid) {
  json page = getJson("/api/rows?table=tags&limit=2");
  EXPECT_EQ(page["key"], json::parse(R"(["a","b"])"));
  ASSERT_EQ(page["rows"].size(), 2u);
  EXPECT_EQ(page["rows"][1]["key"], json::parse(R"([{"s":"a"},{"i":"2"}])"));
  json rest = getJson("/api/rows?table=tags&limit=2&after=" + param(page["next"]));
  ASSERT_EQ(rest["rows"].size(), 1u);
  EXPECT_EQ(rest["rows"][0]["key"], json::parse(R"([{"s":"b"},{"i":"1"}])"));
  EXPECT_TRUE(rest["rows"][0]["cells"][2].is_null());
  auto r = post("/api/rows/update",
                R"({"table":"tags","key":[{"s":"b"},{"i":"1"}],"column":"note","value":"z"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["row"]["cells"][2]["s"], "z");
}

TEST_F(StudioApiTest, CellEncodings) {
  json page = getJson("/api/rows?table=users&limit=10");
  const json& rows = page["rows"];
  EXPECT_EQ(rows[2]["cells"][2], json::parse(R"({"s":""})"));  // empty text, not NULL
  json tenth = getJson("/api/rows?table=users&limit=1&after=" + param(R"([{"i":"9"}])"));
  EXPECT_TRUE(tenth["rows"][0]["cells"][2].is_null());  // NULL
  EXPECT_EQ(rows[3]["cells"][3]["n"], 500);             // long text shortened
  EXPECT_EQ(rows[3]["cells"][3]["s"].get<std::string>().size(), 200u);
  EXPECT_EQ(rows[4]["cells"][4]["n"], 103);  // blob: size + hex preview
  EXPECT_EQ(rows[4]["cells"][4]["b"].get<std::string>().substr(0, 6), "00ff10");
  EXPECT_EQ(rows[5]["cells"][5]["j"],
            "{\n  \"n\": [\n    1,\n    2\n  ],\n  \"theme\": \"dark\"\n}");
  EXPECT_EQ(rows[0]["cells"][6]["r"], "0.5");
  json full = getJson("/api/cell?table=users&column=bio&key=" + param(R"([{"i":"4"}])"));
  EXPECT_EQ(full["value"]["s"].get<std::string>().size(), 500u);
}

TEST_F(StudioApiTest, FiltersBindTheirValues) {
  json page = getJson("/api/rows?table=users&filters=" +
                      param(R"([{"column":"email","op":"contains","value":"user11"}])"));
  ASSERT_EQ(page["rows"].size(), 11u);  // user11, user110..119
  json nulls = getJson("/api/rows?table=users&limit=100&filters=" +
                       param(R"([{"column":"name","op":"null"}])"));
  EXPECT_EQ(nulls["rows"].size(), 12u);
  json num = getJson("/api/rows?table=users&filters=" +
                     param(R"([{"column":"score","op":"ge","value":"59.5"}])"));
  EXPECT_EQ(num["rows"].size(), 2u);  // text compared with REAL affinity
}

// ---- bad input ----

TEST_F(StudioApiTest, UnknownTableAndColumn) {
  std::string before = dbHash();
  expectRefused(get("/api/rows?table=nope"), 404, "no table named 'nope'", before);
  expectRefused(get("/api/rows?table=sqlite_schema"), 404, "no table named", before);
  expectRefused(get("/api/rows?table=users&sort=nope"), 400, "has no column named 'nope'", before);
  expectRefused(
      post("/api/rows/update", R"({"table":"users","key":[{"i":"1"}],"column":"nope","value":1})"),
      400, "has no column named 'nope'", before);
  expectRefused(post("/api/rows/insert", R"({"table":"users","values":{"nope":1}})"), 400,
                "has no column named 'nope'", before);
  expectRefused(get("/api/cell?table=users&column=nope&key=%5B1%5D"), 400, "no column", before);
}

TEST_F(StudioApiTest, InjectionInIdentifiersIsRefused) {
  std::string before = dbHash();
  for (const char* table :
       {"users; DROP TABLE users; --", "users\" --", "users\"; DELETE FROM users; --",
        "(SELECT * FROM users)", "users WHERE 1=1"}) {
    expectRefused(get(std::string("/api/rows?table=") + param(table)), 404, "no table named",
                  before);
    expectRefused(post("/api/rows/delete", json{{"table", table}, {"keys", {{1}}}}.dump()), 404,
                  "no table named", before);
  }
  for (const char* col : {"id; DROP TABLE users", "(SELECT 1)", "id\" DESC --", "1", "rowid"}) {
    expectRefused(get(std::string("/api/rows?table=users&sort=") + param(col)), 400,
                  "has no column named", before);
    json filter = json::array({{{"column", col}, {"op", "eq"}, {"value", 1}}});
    expectRefused(get("/api/rows?table=users&filters=" + param(filter.dump())), 400,
                  "has no column named", before);
    expectRefused(
        post("/api/rows/update",
             json{{"table", "users"}, {"key", {1}}, {"column", col}, {"value", 1}}.dump()),
        400, "has no column named", before);
  }
  expectRefused(get("/api/rows?table=users&sort=id&dir=" + param("desc; DROP TABLE users")), 400,
                "'dir' must be asc or desc", before);
  expectRefused(get("/api/rows?table=users&filters=" +
                    param(R"([{"column":"id","op":"= 1 OR 1=1 --","value":1}])")),
                400, "unknown filter operator", before);
  // Values are bound, never spliced: a classic payload matches nothing and changes nothing.
  json none = getJson("/api/rows?table=users&filters=" +
                      param(R"([{"column":"email","op":"eq","value":"' OR '1'='1"}])"));
  EXPECT_TRUE(none["rows"].empty());
  json none2 = getJson("/api/rows?table=users&filters=" +
                       param(R"([{"column":"id","op":"eq","value":"1; DROP TABLE users"}])"));
  EXPECT_TRUE(none2["rows"].empty());
  auto r = post(
      "/api/rows/update",
      R"({"table":"users","key":[{"i":"999"}],"column":"name","value":"x'); DROP TABLE users; --"})");
  expectRefused(r, 404, "no row with this key", before);
  EXPECT_EQ(getJson("/api/tables")["tables"][3]["rows"], 120);
}

TEST_F(StudioApiTest, PageSizeBounds) {
  std::string before = dbHash();
  expectRefused(get("/api/rows?table=users&limit=0"), 400, "between 1 and 1000", before);
  expectRefused(get("/api/rows?table=users&limit=1000000000"), 400, "between 1 and 1000", before);
  expectRefused(get("/api/rows?table=users&limit=-5"), 400, "between 1 and 1000", before);
  expectRefused(get("/api/rows?table=users&limit=ten"), 400, "between 1 and 1000", before);
  EXPECT_EQ(getJson("/api/rows?table=users&limit=1000")["rows"].size(), 120u);
}

TEST_F(StudioApiTest, MalformedJsonIs400) {
  std::string before = dbHash();
  for (const char* path :
       {"/api/rows/update", "/api/rows/insert", "/api/rows/delete", "/api/sql"}) {
    expectRefused(post(path, "{\"table\": \"users\", "), 400, "malformed JSON", before);
    expectRefused(post(path, "[1,2]"), 400, "must be a JSON object", before);
  }
  expectRefused(get("/api/rows?table=users&filters=" + param("[{oops")), 400, "filters", before);
  expectRefused(get("/api/rows?table=users&after=" + param("not json")), 400, "not a cursor",
                before);
  expectRefused(get("/api/rows?table=users&after=" + param(R"([{"i":"x"}])")), 400,
                "not an integer", before);
  expectRefused(post("/api/rows/update",
                     R"({"table":"users","key":[{"i":"1"}],"column":"name","value":{"q":"1"}})"),
                400, "unknown value tag", before);
  expectRefused(
      post("/api/rows/update", R"({"table":"users","key":[1,2],"column":"name","value":"x"})"), 400,
      "row key must be an array of 1", before);
  expectRefused(post("/api/rows/delete", R"({"table":"users","keys":[]})"), 400, "non-empty array",
                before);
}

// ---- writing ----

TEST_F(StudioApiTest, EditInsertDelete) {
  auto r = post("/api/rows/update",
                R"({"table":"users","key":[{"i":"7"}],"column":"name","value":{"s":"Ada"}})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["row"]["cells"][2]["s"], "Ada");
  r = post("/api/rows/update",
           R"({"table":"users","key":[{"i":"7"}],"column":"name","value":null})");
  ASSERT_EQ(r->status, 200) << r->body;
  r = post("/api/rows/insert",
           R"({"table":"users","values":{"email":"new@example.com","score":{"s":"2.5"}}})");
  ASSERT_EQ(r->status, 201) << r->body;
  json inserted = json::parse(r->body)["row"];
  EXPECT_EQ(inserted["key"][0]["i"], "121");
  EXPECT_EQ(inserted["cells"][6]["r"], "2.5");  // text converted by the column's affinity
  r = post("/api/rows/delete", R"({"table":"users","keys":[[{"i":"121"}],[{"i":"120"}]]})");
  ASSERT_EQ(r->status, 200) << r->body;
  auto db = openReadOnly();
  auto rs = db->query("SELECT count(*), sum(name IS NULL) FROM users WHERE id IN (7, 120, 121)");
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0][0]), 1);
  EXPECT_EQ(std::get<std::int64_t>(rs.rows[0][1]), 1);
}

TEST_F(StudioApiTest, ConstraintFailuresChangeNothing) {
  std::string before = dbHash();
  expectRefused(
      post("/api/rows/update",
           R"({"table":"users","key":[{"i":"2"}],"column":"email","value":"user1@example.com"})"),
      409, "UNIQUE constraint failed: users.email", before);
  expectRefused(post("/api/rows/update",
                     R"({"table":"users","key":[{"i":"2"}],"column":"email","value":null})"),
                409, "NOT NULL constraint failed: users.email", before);
  expectRefused(post("/api/rows/insert", R"({"table":"posts","values":{"user_id":1,"title":""}})"),
                409, "CHECK constraint failed", before);
  expectRefused(
      post("/api/rows/insert", R"({"table":"posts","values":{"user_id":999,"title":"x"}})"), 409,
      "FOREIGN KEY constraint failed", before);
  expectRefused(
      post("/api/rows/delete", R"({"table":"users","keys":[[{"i":"1"}],[{"i":"5000"}]]})"), 409,
      "nothing was deleted", before);
  expectRefused(post("/api/rows/update",
                     R"({"table":"users","key":[{"i":"1"}],"column":"id","value":"abc"})"),
                400, "datatype mismatch", before);
}

TEST_F(StudioApiTest, ReadOnlyDatabaseRefusesWrites) {
  server_.reset();
  fs::permissions(dbPath_, fs::perms::owner_read | fs::perms::group_read);
  start();
  EXPECT_TRUE(server_->readOnly());
  std::string before = dbHash();
  expectRefused(post("/api/rows/update",
                     R"({"table":"users","key":[{"i":"1"}],"column":"name","value":"x"})"),
                403, "read-only", before);
  expectRefused(post("/api/rows/insert", R"({"table":"users","values":{"email":"a@b.c"}})"), 403,
                "read-only", before);
  expectRefused(post("/api/sql", R"({"sql":"DELETE FROM users","write":true})"), 403, "read-only",
                before);
  EXPECT_EQ(getJson("/api/rows?table=users&limit=3")["rows"].size(), 3u);
}

TEST_F(StudioApiTest, ReadOnlyOptionRefusesWrites) {
  start(/*readOnly=*/true);
  std::string before = dbHash();
  expectRefused(post("/api/rows/delete", R"({"table":"users","keys":[[{"i":"1"}]]})"), 403,
                "read-only", before);
}

// ---- SQL console ----

TEST_F(StudioApiTest, SqlConsoleIsReadOnlyByDefault) {
  std::string before = dbHash();
  auto r = post("/api/sql", R"({"sql":"SELECT id, email FROM users WHERE id <= 3 ORDER BY id"})");
  ASSERT_EQ(r->status, 200) << r->body;
  json res = json::parse(r->body);
  EXPECT_EQ(res["columns"], json::parse(R"(["id","email"])"));
  EXPECT_EQ(res["rows"].size(), 3u);
  for (const char* sql : {"DELETE FROM users", "DROP TABLE users", "UPDATE users SET name = 'x'",
                          "CREATE TABLE t (x)", "PRAGMA user_version = 5"}) {
    expectRefused(post("/api/sql", json{{"sql", sql}}.dump()), 403, "writes to the database",
                  before);
  }
  expectRefused(post("/api/sql", R"({"sql":"SELECT 1; DROP TABLE users"})"), 400,
                "expected one SQL statement", before);
  expectRefused(post("/api/sql", R"({"sql":"SELEC nonsense"})"), 400, "syntax error", before);
  r = post("/api/sql", R"({"sql":"DELETE FROM posts WHERE id = 1","write":true})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["changes"], 1);
  EXPECT_NE(dbHash(), before);
}

// ---- schema ----

TEST_F(StudioApiTest, DiagramFormats) {
  auto svg = get("/api/diagram?format=svg");
  ASSERT_TRUE(svg);
  ASSERT_EQ(svg->status, 200) << svg->body;
  EXPECT_EQ(svg->get_header_value("Content-Type"), "image/svg+xml");
  EXPECT_NE(svg->body.find("<svg"), std::string::npos);
  EXPECT_NE(svg->body.find(">users<"), std::string::npos);
  auto dot = get("/api/diagram?format=dot");
  EXPECT_NE(dot->body.find("\"posts\":c1 -> \"users\":c0 [label=\"on delete cascade\""),
            std::string::npos)
      << dot->body;
  auto mmd = get("/api/diagram?format=mmd");
  EXPECT_NE(mmd->body.find("users ||--o{ posts : \"user_id (on delete cascade)\""),
            std::string::npos)
      << mmd->body;
  std::string before = dbHash();
  expectRefused(get("/api/diagram?format=png"), 400, "unknown diagram format", before);
}

TEST_F(StudioApiTest, MismatchAgainstSchemaFiles) {
  json m = getJson("/api/mismatch");
  EXPECT_EQ(m["files"]["schema"]["tables"].size(), 1u);
  EXPECT_TRUE(m["applied"]["schema"].is_null());
  EXPECT_NE(m["applied"]["note"].get<std::string>().find("migration"), std::string::npos);
  std::string push = m["push"]["changes"].dump();
  EXPECT_NE(push.find("- table posts"), std::string::npos) << push;
  EXPECT_NE(push.find("- column users.bio"), std::string::npos) << push;
  EXPECT_FALSE(m["push"]["sql"].empty());
  EXPECT_FALSE(m["push"]["warnings"].empty());
}

// The page that answers "why does my app fail on a missing column": a database migrated with
// the LumenR example's migrations, then changed from outside.
TEST(StudioMismatchTest, DriftAfterAnOutsideAlterTable) {
  char pattern[] = "/tmp/schemac-studio-mismatch-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  fs::path dir = pattern;
  fs::path example = fs::path(SCHEMAC_SOURCE_DIR) / "examples" / "lumenr";
  std::string url = "file:" + (dir / "lumenr.db").string();
  {
    auto db = schemac::rt::open(url);
    schemac::migrations::MigrationList migrations =
        schemac::migrations::loadMigrations(example / "migrations");
    schemac::rt::migrate(*db, migrations.migrations);
    db->execute("ALTER TABLE users ADD COLUMN nickname TEXT");
  }
  StudioOptions o;
  o.url = url;
  o.port = 0;
  o.migrationsDir = (example / "migrations").string();
  for (const char* f : {"accounts", "audit", "billing"}) {
    o.schemaFiles.push_back((example / "schema" / (std::string(f) + ".schema")).string());
  }
  {
    Server server(o);
    server.start();
    httplib::Client client("127.0.0.1", server.port());
    auto r = client.Get("/api/mismatch", {{"X-Studio-Token", server.token()}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    json m = json::parse(r->body);
    EXPECT_EQ(m["applied"]["label"], "after 0000_init");
    EXPECT_EQ(m["drift"], json::parse(R"(["+ column users.nickname"])"));
    EXPECT_TRUE(m["pending"].empty());
    EXPECT_TRUE(m["generate"]["changes"].empty()) << m["generate"];
    EXPECT_EQ(m["push"]["changes"],
              json::parse(R"j(["- column users.nickname (drops its values)"])j"));
    EXPECT_EQ(m["push"]["sql"],
              json::parse(R"(["ALTER TABLE \"users\" DROP COLUMN \"nickname\";"])"));
    EXPECT_EQ(m["applied"]["schema"]["tables"].size(), m["files"]["schema"]["tables"].size());
  }
  fs::remove_all(dir);
}

}  // namespace
