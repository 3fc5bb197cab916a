// Issue 19 on the server side: schemac's own tables read-only whatever the route (row API,
// batch, SQL console through SQLite's authorizer), typed column metadata and validation,
// decimals as exact text, the staged batch (all or nothing) and its SQL preview, paging
// backwards, relations, row-count estimates and the streamed exports.
#include "studio_fixture.h"

namespace {

using namespace studio_test;

class StudioDataTest : public StudioApiTest {
 protected:
  std::unique_ptr<schemac::rt::Connection> openWritable() const {
    return schemac::rt::open("file:" + dbPath_.string());
  }
  // The bookkeeping tables as `schemac migrate` leaves them (shape trimmed to what matters).
  void addBookkeeping() {
    openWritable()->execute(R"(
      CREATE TABLE __schemac_migrations (id INTEGER PRIMARY KEY, tag TEXT NOT NULL);
      CREATE TABLE __schemac_lock (id INTEGER PRIMARY KEY CHECK (id = 1), holder TEXT);
      INSERT INTO __schemac_migrations VALUES (1, '0001_init'), (2, '0002_posts');
    )");
  }
  json postJson(const std::string& path, const json& body, int status) {
    auto r = post(path, body.dump());
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    EXPECT_EQ(r->status, status) << path << " " << body.dump() << ": " << r->body;
    return json::parse(r->body, nullptr, false);
  }
  std::int64_t scalar(const std::string& sql) {
    auto rs = openReadOnly()->query(sql);
    return std::get<std::int64_t>(rs.rows[0][0]);
  }
};

std::vector<std::string> names(const json& tables) {
  std::vector<std::string> out;
  for (const json& t : tables) out.push_back(t["name"]);
  return out;
}

// ---- internal tables ----

TEST_F(StudioDataTest, InternalTablesAreHiddenAndListedReadOnlyWithAll) {
  addBookkeeping();
  EXPECT_EQ(names(getJson("/api/tables")["tables"]),
            (std::vector<std::string>{"odd \"name\"", "posts", "tags", "users"}));
  json all = getJson("/api/tables?all=1");
  ASSERT_EQ(all["tables"].size(), 6u);
  EXPECT_EQ(all["tables"][0]["name"], "__schemac_lock");
  EXPECT_EQ(all["tables"][1]["name"], "__schemac_migrations");
  EXPECT_EQ(all["tables"][1]["kind"], "internal");
  EXPECT_EQ(all["tables"][1]["readOnly"], true);
  EXPECT_EQ(all["tables"][1]["rows"], 2);
  EXPECT_EQ(all["tables"][5]["kind"], "table");
  EXPECT_EQ(all["tables"][5]["readOnly"], false);
  // Reading is allowed.
  json rows = getJson("/api/rows?table=__schemac_migrations");
  EXPECT_EQ(rows["rows"].size(), 2u);
  EXPECT_EQ(rows["tableReadOnly"], true);
  EXPECT_EQ(rows["kind"], "internal");
  EXPECT_EQ(rows["columns"][1]["editable"], false);
}

TEST_F(StudioDataTest, RowApiRefusesWritesToInternalTables) {
  addBookkeeping();
  std::string before = dbHash();
  const char* fragment = "is read-only in studio";
  expectRefused(post("/api/rows/update", R"({"table":"__schemac_migrations","key":[{"i":"1"}],
                                            "column":"tag","value":"x"})"),
                403, fragment, before);
  expectRefused(
      post("/api/rows/insert", R"({"table":"__schemac_migrations","values":{"id":3,"tag":"x"}})"),
      403, fragment, before);
  expectRefused(
      post("/api/rows/delete", R"({"table":"__schemac_migrations","keys":[[{"i":"1"}]]})"), 403,
      fragment, before);
  expectRefused(post("/api/rows/delete", R"({"table":"__schemac_lock","keys":[[{"i":"1"}]]})"), 403,
                fragment, before);
  auto r = post("/api/batch", R"({"edits":[
      {"op":"update","table":"users","key":[{"i":"1"}],"values":{"name":"ok"}},
      {"op":"delete","table":"__schemac_migrations","key":[{"i":"1"}]}]})");
  expectRefused(r, 403, fragment, before);
  EXPECT_EQ(json::parse(r->body)["index"], 1);
}

TEST_F(StudioDataTest, SqlConsoleCannotWriteInternalTablesEvenWithWritesAllowed) {
  addBookkeeping();
  std::string before = dbHash();
  for (const char* sql : {
           "delete from __schemac_migrations",
           "DELETE FROM \"__SCHEMAC_MIGRATIONS\" WHERE id = 2",
           "UPDATE __schemac_migrations SET tag = 'x'",
           "INSERT INTO __schemac_lock VALUES (1, 'me')",
           "DROP TABLE __schemac_migrations",
           "ALTER TABLE __schemac_migrations ADD COLUMN x",
           "ALTER TABLE __schemac_migrations RENAME TO history",
           "CREATE INDEX sneaky ON __schemac_migrations (tag)",
           "CREATE TRIGGER sneaky AFTER INSERT ON posts BEGIN DELETE FROM __schemac_migrations; "
           "END",
           "CREATE TABLE __schemac_other (x)",
           "PRAGMA writable_schema = 1",
           "WITH gone AS (SELECT 1) DELETE FROM __schemac_migrations",
       }) {
    for (bool write : {true, false}) {
      auto r = post("/api/sql", json{{"sql", sql}, {"write", write}}.dump());
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 403) << sql << ": " << r->body;
      EXPECT_EQ(dbHash(), before) << sql;
    }
  }
  // Through another name for the same file: the authorizer goes by table name.
  auto attach =
      post("/api/sql",
           json{{"sql", "ATTACH '" + dbPath_.string() + "' AS again"}, {"write", true}}.dump());
  ASSERT_EQ(attach->status, 200) << attach->body;
  expectRefused(
      post("/api/sql", R"({"sql":"DELETE FROM again.__schemac_migrations","write":true})"), 403,
      "__schemac_migrations' is read-only in studio", before);
  EXPECT_EQ(scalar("SELECT count(*) FROM __schemac_migrations"), 2);
  // (Detached again: the same file attached twice makes BEGIN IMMEDIATE wait on itself.)
  ASSERT_EQ(post("/api/sql", R"({"sql":"DETACH again","write":true})")->status, 200);
  // A trigger made outside the studio that writes the history: a write that would fire it
  // is refused as a whole (the authorizer sees the trigger's body when the statement is
  // prepared).
  openWritable()->execute(
      "CREATE TRIGGER wipe AFTER INSERT ON posts BEGIN DELETE FROM __schemac_migrations; END");
  before = dbHash();
  expectRefused(post("/api/rows/insert", R"({"table":"posts","values":{"user_id":1,"title":"t"}})"),
                403, "__schemac_migrations' is read-only in studio", before);
  // Ordinary writes and reads of the history still work.
  auto ok = post("/api/sql", R"({"sql":"SELECT tag FROM __schemac_migrations ORDER BY id"})");
  ASSERT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(json::parse(ok->body)["rows"].size(), 2u);
  ok = post("/api/sql", json{{"sql", "CREATE TABLE scratch (x)"}, {"write", true}}.dump());
  EXPECT_EQ(ok->status, 200) << ok->body;
}

TEST_F(StudioDataTest, IgnoredTablesAreRefusedByTheConsoleToo) {
  start(false, {"po*"});
  std::string before = dbHash();
  expectRefused(post("/api/sql", R"({"sql":"DELETE FROM posts","write":true})"), 403,
                "left to other tools", before);
  expectRefused(post("/api/sql", R"({"sql":"DROP TABLE posts","write":true})"), 403,
                "left to other tools", before);
  // ON DELETE CASCADE from users into posts: the cascade is a write to posts too.
  expectRefused(post("/api/rows/delete", R"({"table":"users","keys":[[{"i":"1"}]]})"), 403,
                "left to other tools", before);
}

// ---- typed columns ----

class StudioTypedTest : public StudioDataTest {
 protected:
  void SetUp() override {
    StudioDataTest::SetUp();
    openWritable()->execute(R"(
      CREATE TABLE invoices (
        id INTEGER PRIMARY KEY,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'paid')),
        amount TEXT NOT NULL CHECK (amount >= 0),
        price NUMERIC,
        paid INTEGER NOT NULL DEFAULT 0,
        at INTEGER,
        meta TEXT,
        ref TEXT,
        note TEXT);
      INSERT INTO invoices (id, status, amount, price, at, meta, note)
        VALUES (1, 'draft', '12345678901234567.89', 12.5, 1700000000, '{"a":1}', ''),
               (2, 'sent', '0.10', 0.1, NULL, NULL, NULL);
    )");
    std::ofstream(schemaFile_) << R"(enum invoice_status { draft sent paid }
table invoices {
  id      int             primary
  status  invoice_status  default draft
  amount  decimal(20, 2)  sqltype "TEXT" check (amount >= 0)
  price   decimal(10, 2)?
  paid    bool            default false
  at      timestamp(s)?
  meta    json?
  ref     uuid?
  note    text?
}
)";
  }
};

TEST_F(StudioTypedTest, ColumnsCarryTheirLogicalTypes) {
  json body = getJson("/api/rows?table=invoices");
  std::map<std::string, json> logical;
  for (const json& c : body["columns"]) logical[c["name"]] = c["logical"];
  EXPECT_EQ(logical["id"], json::parse(R"({"kind":"int"})"));
  EXPECT_EQ(
      logical["status"],
      json::parse(R"({"kind":"enum","name":"invoice_status","values":["draft","sent","paid"]})"));
  EXPECT_EQ(logical["amount"], json::parse(R"({"kind":"decimal","precision":20,"scale":2})"));
  EXPECT_EQ(logical["paid"], json::parse(R"({"kind":"bool"})"));
  EXPECT_EQ(logical["at"], json::parse(R"({"kind":"timestamp","unit":"s"})"));
  EXPECT_EQ(logical["meta"], json::parse(R"({"kind":"json"})"));
  EXPECT_EQ(logical["ref"], json::parse(R"({"kind":"uuid"})"));
  EXPECT_EQ(body["columns"][2]["nullable"], false);
  EXPECT_EQ(body["columns"][5]["nullable"], true);
  // Without the schema file, the live CHECK still gives the enum its values.
  std::ofstream(schemaFile_) << "table other {\n  id int primary\n}\n";
  body = getJson("/api/rows?table=invoices");
  EXPECT_EQ(body["columns"][1]["logical"]["kind"], "enum") << body["columns"][1].dump();
  EXPECT_EQ(body["columns"][1]["logical"]["values"], json::parse(R"(["draft","sent","paid"])"));
}

TEST_F(StudioTypedTest, DecimalsComeBackAsExactTextAndNullIsNotEmpty) {
  json body = getJson("/api/rows?table=invoices");
  ASSERT_EQ(body["rows"].size(), 2u);
  // Stored as TEXT (19 digits do not survive a double): that text, exactly.
  EXPECT_EQ(body["rows"][0]["cells"][2], json::parse(R"({"d":"12345678901234567.89"})"));
  EXPECT_EQ(body["rows"][1]["cells"][2], json::parse(R"({"d":"0.10"})"));
  // Stored as REAL (NUMERIC affinity): SQLite's text of it, not 0.10000000000000001.
  EXPECT_EQ(body["rows"][1]["cells"][3], json::parse(R"({"d":"0.1"})"));
  EXPECT_EQ(body["rows"][0]["cells"][3], json::parse(R"({"d":"12.5"})"));
  EXPECT_EQ(body["rows"][0]["cells"][8], json::parse(R"({"s":""})"));
  EXPECT_TRUE(body["rows"][1]["cells"][8].is_null());
  // Written back as exact text.
  json r = postJson("/api/rows/update",
                    {{"table", "invoices"},
                     {"key", json::parse(R"([{"i":"2"}])")},
                     {"column", "amount"},
                     {"value", json::parse(R"({"d":"98765432109876543.21"})")}},
                    200);
  EXPECT_EQ(r["row"]["cells"][2], json::parse(R"({"d":"98765432109876543.21"})"));
}

TEST_F(StudioTypedTest, ValuesAreCheckedByTheSchemasRules) {
  std::string before = dbHash();
  auto update = [&](const std::string& column, const json& value) {
    return post("/api/rows/update", json{{"table", "invoices"},
                                         {"key", json::parse(R"([{"i":"1"}])")},
                                         {"column", column},
                                         {"value", value}}
                                        .dump());
  };
  auto refused = [&](const httplib::Result& r, int status, const std::string& fragment,
                     const std::string& column) {
    expectRefused(r, status, fragment, before);
    EXPECT_EQ(json::parse(r->body).value("column", ""), column) << r->body;
  };
  refused(update("status", "boss"), 400, "'boss' is not one of draft, sent, paid", "status");
  refused(update("paid", "maybe"), 400, "is not a boolean", "paid");
  refused(update("at", "yesterday"), 400, "is not an integer timestamp (unix seconds)", "at");
  refused(update("meta", "{broken"), 400, "is not valid JSON", "meta");
  refused(update("ref", "not-a-uuid"), 400, "is not a UUID", "ref");
  refused(update("amount", "12.345"), 400, "does not fit decimal(20, 2)", "amount");
  refused(update("amount", "1e5x"), 400, "is not a decimal number", "amount");
  refused(update("amount", nullptr), 409, "NOT NULL constraint failed: invoices.amount", "amount");
  // What only the database knows comes back as its message.
  expectRefused(update("amount", "-1"), 409, "CHECK constraint failed", before);
  // Good values pass; a boolean as text becomes 1.
  json ok = json::parse(update("paid", "true")->body);
  EXPECT_EQ(ok["row"]["cells"][4], json::parse(R"({"i":"1"})")) << ok.dump();
  EXPECT_EQ(update("status", "paid")->status, 200);
  EXPECT_EQ(update("ref", "123e4567-e89b-12d3-a456-426614174000")->status, 200);
}

// ---- staged edits ----

TEST_F(StudioDataTest, BatchIsAllOrNothing) {
  std::string before = dbHash();
  json edits = json::parse(R"([
    {"op":"update","table":"users","key":[{"i":"1"}],"values":{"name":"O'Brien","bio":null}},
    {"op":"insert","table":"posts","values":{"user_id":2,"title":"new"}},
    {"op":"delete","table":"tags","key":["a",1]},
    {"op":"insert","table":"posts","values":{"user_id":1,"title":""}}
  ])");
  json err = postJson("/api/batch", {{"edits", edits}}, 409);
  EXPECT_NE(err["error"].get<std::string>().find("CHECK constraint failed"), std::string::npos);
  EXPECT_EQ(err["index"], 3);
  EXPECT_EQ(dbHash(), before);  // the first three were rolled back
  // A row that is gone fails the batch the same way.
  json gone = edits;
  gone[3] = json::parse(R"({"op":"delete","table":"users","key":[{"i":"5000"}]})");
  EXPECT_EQ(postJson("/api/batch", {{"edits", gone}}, 404)["index"], 3);
  EXPECT_EQ(dbHash(), before);

  edits.erase(3);
  json done = postJson("/api/batch", {{"edits", edits}}, 200);
  EXPECT_EQ(done["applied"], 3);
  EXPECT_EQ(done["results"][0]["row"]["cells"][2]["s"], "O'Brien");
  EXPECT_EQ(done["results"][1]["row"]["cells"][2]["s"], "new");
  auto db = openReadOnly();
  auto rs = db->query("SELECT name, bio IS NULL FROM users WHERE id = 1");
  EXPECT_EQ(std::get<std::string>(rs.rows[0][0]), "O'Brien");
  EXPECT_EQ(scalar("SELECT count(*) FROM posts"), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM tags"), 2);
}

TEST_F(StudioDataTest, BatchPreviewShowsTheExactStatements) {
  std::string before = dbHash();
  json body = json::parse(R"({"edits":[
    {"op":"update","table":"users","key":[{"i":"1"}],"values":{"name":"O'Brien","score":{"r":"2.5"}}},
    {"op":"insert","table":"users","values":{"email":"a@b.c","avatar":{"b":"00ff"}}},
    {"op":"delete","table":"tags","key":["a",{"i":"1"}]},
    {"op":"update","table":"users","key":[{"i":"1"}],"values":{"nope":1}}
  ]})");
  json p = postJson("/api/batch/preview", body, 200);
  EXPECT_EQ(p["statements"][0],
            "UPDATE \"users\" SET \"name\" = 'O''Brien', \"score\" = 2.5 WHERE rowid = 1;");
  EXPECT_EQ(p["statements"][1],
            "INSERT INTO \"users\" (\"email\", \"avatar\") VALUES ('a@b.c', X'00FF');");
  EXPECT_EQ(p["statements"][2], "DELETE FROM \"tags\" WHERE \"a\" = 'a' AND \"b\" = 1;");
  EXPECT_TRUE(p["statements"][3].is_null());
  ASSERT_EQ(p["errors"].size(), 1u);
  EXPECT_EQ(p["errors"][0]["index"], 3);
  EXPECT_NE(p["errors"][0]["error"].get<std::string>().find("no column named 'nope'"),
            std::string::npos);
  EXPECT_EQ(p["sql"].get<std::string>().rfind("BEGIN IMMEDIATE;\nUPDATE", 0), 0u) << p["sql"];
  EXPECT_EQ(dbHash(), before);
}

// ---- navigation ----

TEST_F(StudioDataTest, LastPageAndPagingBackwards) {
  json last = getJson("/api/rows?table=users&limit=50&last=1");
  ASSERT_EQ(last["rows"].size(), 50u);
  EXPECT_EQ(last["rows"][0]["key"][0]["i"], "71");
  EXPECT_EQ(last["rows"][49]["key"][0]["i"], "120");
  EXPECT_TRUE(last["next"].is_null());
  ASSERT_TRUE(last["prev"].is_string());
  json page = getJson("/api/rows?table=users&limit=50&before=" + param(last["prev"]));
  EXPECT_EQ(page["rows"][0]["key"][0]["i"], "21");
  EXPECT_EQ(page["rows"][49]["key"][0]["i"], "70");
  ASSERT_TRUE(page["next"].is_string());
  page = getJson("/api/rows?table=users&limit=50&before=" + param(page["prev"]));
  EXPECT_EQ(page["rows"].size(), 20u);  // the first page, short when walked backwards
  EXPECT_EQ(page["rows"][0]["key"][0]["i"], "1");
  EXPECT_TRUE(page["prev"].is_null());
  EXPECT_TRUE(getJson("/api/rows?table=users&limit=50")["prev"].is_null());

  // Under a sort with NULLs and duplicates: backwards from the last page visits every row in
  // exactly the forward order.
  for (const char* dir : {"asc", "desc"}) {
    std::string base = std::string("/api/rows?table=users&limit=7&sort=name&dir=") + dir;
    std::vector<std::string> forward, backward;
    json p = getJson(base);
    while (true) {
      for (const json& r : p["rows"]) forward.push_back(r["key"][0]["i"]);
      if (p["next"].is_null()) break;
      p = getJson(base + "&after=" + param(p["next"]));
    }
    p = getJson(base + "&last=1");
    while (true) {
      for (auto it = p["rows"].rbegin(); it != p["rows"].rend(); ++it) {
        backward.push_back((*it)["key"][0]["i"]);
      }
      if (p["prev"].is_null()) break;
      p = getJson(base + "&before=" + param(p["prev"]));
    }
    std::reverse(backward.begin(), backward.end());
    EXPECT_EQ(forward.size(), 120u);
    EXPECT_EQ(backward, forward) << dir;
  }
  EXPECT_EQ(get("/api/rows?table=users&last=1&after=[]")->status, 400);
}

TEST_F(StudioDataTest, SortOnAnUnindexedColumnIsFlagged) {
  EXPECT_EQ(getJson("/api/rows?table=users&sort=email")["sortIndexed"], true);  // UNIQUE
  EXPECT_EQ(getJson("/api/rows?table=users&sort=id")["sortIndexed"], true);     // the rowid
  EXPECT_EQ(getJson("/api/rows?table=users&sort=name")["sortIndexed"], false);
  EXPECT_EQ(getJson("/api/rows?table=tags&sort=a")["sortIndexed"], true);  // WITHOUT ROWID key
  EXPECT_EQ(getJson("/api/rows?table=users")["sortIndexed"], true);
}

TEST_F(StudioDataTest, BigTablesGetAnEstimateAndAnExactCountOnRequest) {
  openWritable()->execute(R"(
    CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 12000)
      INSERT INTO big SELECT i, 'v' || i FROM n;
    DELETE FROM big WHERE id BETWEEN 100 AND 199;
  )");
  auto entry = [&](const std::string& name) {
    json list = getJson("/api/tables");
    for (const json& t : list["tables"]) {
      if (t["name"] == name) return t;
    }
    return json();
  };
  json big = entry("big");
  EXPECT_EQ(big["estimate"], true);
  EXPECT_EQ(big["rows"], 12000);  // max(rowid): an upper bound
  EXPECT_EQ(entry("users")["estimate"], false);
  EXPECT_EQ(entry("users")["rows"], 120);
  EXPECT_EQ(getJson("/api/rows?table=big&limit=1")["total"],
            json::parse(R"({"rows":12000,"estimate":true})"));
  EXPECT_TRUE(getJson("/api/rows?table=big&limit=1&filters=" +
                      param(R"([{"column":"v","op":"eq","value":"v1"}])"))["total"]
                  .is_null());
  EXPECT_EQ(getJson("/api/count?table=big"),
            json::parse(R"({"table":"big","rows":11900,"estimate":false})"));
  big = entry("big");
  EXPECT_EQ(big["rows"], 11900);
  EXPECT_EQ(big["estimate"], false);
  // A change by another connection drops the remembered count; ANALYZE's figure is used.
  openWritable()->execute("DELETE FROM big WHERE id > 11000; ANALYZE;");
  big = entry("big");
  EXPECT_EQ(big["rows"], 10900);  // sqlite_stat1
  EXPECT_EQ(big["estimate"], true);
  // The studio's own writes refresh the list too.
  postJson("/api/sql", {{"sql", "DELETE FROM big WHERE id > 5000"}, {"write", true}}, 200);
  EXPECT_EQ(entry("big")["rows"], 4900);
  EXPECT_EQ(entry("big")["estimate"], false);
}

// ---- relations ----

TEST_F(StudioDataTest, RelationsOfARow) {
  openWritable()->execute(
      "INSERT INTO posts (user_id, title) VALUES (1, 'again'), (1, 'more'), (3, 'x')");
  json rel = getJson("/api/relations?table=users&key=" + param(R"([{"i":"1"}])"));
  ASSERT_EQ(rel["referencedBy"].size(), 1u);
  json by = rel["referencedBy"][0];
  EXPECT_EQ(by["table"], "posts");
  EXPECT_EQ(by["columns"], json::parse(R"(["user_id"])"));
  EXPECT_EQ(by["refColumns"], json::parse(R"(["id"])"));
  EXPECT_EQ(by["count"], 3);
  EXPECT_EQ(by["more"], false);
  // The filter lists exactly those rows.
  json rows = getJson("/api/rows?table=posts&filters=" + param(by["filters"].dump()));
  EXPECT_EQ(rows["rows"].size(), 3u);
  EXPECT_EQ(getJson("/api/relations?table=users&key=" +
                    param(R"([{"i":"9"}])"))["referencedBy"][0]["count"],
            0);
  // A post points at its user.
  json post = getJson("/api/relations?table=posts&key=" + param(R"([{"i":"1"}])"));
  ASSERT_EQ(post["references"].size(), 1u);
  EXPECT_EQ(post["references"][0]["table"], "users");
  EXPECT_EQ(post["references"][0]["key"], json::parse(R"([{"i":"1"}])"));
  // /api/rows lists the table's foreign keys for linking cells.
  EXPECT_EQ(getJson("/api/rows?table=posts")["foreignKeys"],
            json::parse(R"([{"columns":["user_id"],"table":"users","refColumns":["id"]}])"));
  EXPECT_EQ(get("/api/relations?table=users&key=" + param(R"([{"i":"5000"}])"))->status, 404);
}

// ---- export ----

// RFC 4180 records (fields may hold quoted commas, quotes and line breaks); a field that was
// quoted is marked with a leading '\1' so that "" (empty text) differs from NULL.
std::vector<std::vector<std::string>> parseCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    std::string& field = rows.back().back();
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
      if (field.empty()) field = "\1";
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      field += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

TEST_F(StudioDataTest, CsvExportEqualsTheTable) {
  openWritable()->execute(R"(
    UPDATE users SET bio = 'a, "quoted"' || char(10) || 'line' WHERE id = 1;
    UPDATE users SET bio = '' WHERE id = 2;
  )");
  auto r = get("/api/export?table=users&format=csv");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Disposition"), "attachment; filename=\"users.csv\"");
  auto rows = parseCsv(r->body);
  ASSERT_EQ(rows.size(), 121u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"id", "email", "name", "bio", "avatar", "prefs", "score"}));
  auto db = openReadOnly();
  auto rs =
      db->query("SELECT id, email, name, bio, hex(avatar), prefs, score FROM users ORDER BY id");
  ASSERT_EQ(rs.rows.size(), 120u);
  for (std::size_t i = 0; i < rs.rows.size(); ++i) {
    const auto& want = rs.rows[i];
    const auto& got = rows[i + 1];
    ASSERT_EQ(got.size(), 7u);
    EXPECT_EQ(got[0], std::to_string(std::get<std::int64_t>(want[0])));
    for (int c : {1, 2, 3, 5}) {
      if (std::holds_alternative<std::monostate>(want[c])) {
        EXPECT_EQ(got[c], "") << "NULL is an empty field, row " << i;
      } else {
        std::string s = std::get<std::string>(want[c]);
        bool quotedInCsv = !got[c].empty() && got[c][0] == '\1';
        EXPECT_EQ(quotedInCsv ? got[c].substr(1) : got[c], s) << "row " << i;
        if (s.empty()) {
          EXPECT_TRUE(quotedInCsv) << "empty text is \"\"";
        }
      }
    }
    std::string hex = std::get<std::string>(want[4]);
    for (char& ch : hex) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_EQ(got[4], hex.empty() ? "" : "\\x" + hex);
    EXPECT_EQ(std::stod(got[6]), std::get<double>(want[6]));
  }
  // A filtered, sorted view.
  r = get("/api/export?table=users&sort=id&dir=desc&filters=" +
          param(R"([{"column":"id","op":"le","value":3}])"));
  rows = parseCsv(r->body);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[1][0], "3");
  EXPECT_EQ(rows[3][0], "1");
}

TEST_F(StudioDataTest, JsonExportAndConsoleExport) {
  auto r = get("/api/export?table=tags&format=json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body), json::parse(R"([{"a":"a","b":1,"note":"x"},
      {"a":"a","b":2,"note":"y"},{"a":"b","b":1,"note":null}])"));
  r = get("/api/export?table=users&format=json&filters=" +
          param(R"([{"column":"id","op":"eq","value":5}])"));
  json five = json::parse(r->body);
  ASSERT_EQ(five.size(), 1u);
  EXPECT_EQ(five[0]["avatar"]["b"].get<std::string>().substr(0, 6), "00ff10");
  EXPECT_EQ(five[0]["score"], 2.5);

  r = post("/api/sql/export", R"({"sql":"SELECT id, email FROM users WHERE id <= 2 ORDER BY id"})");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->body, "id,email\r\n1,user1@example.com\r\n2,user2@example.com\r\n");
  r = post("/api/sql/export", R"({"sql":"SELECT 1 WHERE 0","format":"json"})");
  EXPECT_EQ(json::parse(r->body), json::array());
  std::string before = dbHash();
  expectRefused(post("/api/sql/export", R"({"sql":"DELETE FROM users"})"), 403,
                "only queries can be exported", before);
  expectRefused(get("/api/export?table=users&format=xml"), 400, "unknown export format", before);
  // Bounded memory: a table bigger than many chunks streams whole.
  openWritable()->execute(R"(
    CREATE TABLE big (id INTEGER PRIMARY KEY, v TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
      INSERT INTO big SELECT i, 'v' || i FROM n;
  )");
  r = get("/api/export?table=big");
  auto rows = parseCsv(r->body);
  ASSERT_EQ(rows.size(), 5001u);
  EXPECT_EQ(rows[5000], (std::vector<std::string>{"5000", "v5000"}));
}

}  // namespace
