// A server that re-prints the CREATE statements it stores (tursodb 0.6.0: `DECIMAL (12, 2)`,
// `length ("slug")`, bare names, and after ALTER TABLE no CONSTRAINT names and `VARCHAR` without
// its length) holds the same schema: inspect() must read it as the schema, and still see a
// real change written in that spelling. The statements below are spelled as tursodb stored
// them in a session against it (docs/remote.md).
#include <gtest/gtest.h>

#include <string>

#include "db/compile_schema.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"
#include "schemac/ir_json.h"
#include "schemac/rt/connection.h"

namespace schemac::db {
namespace {

const char* kSchema = R"(enum stage { draft sent }
table orgs {
  id          int             primary autoincrement
  slug        varchar(64)     unique
  total       decimal(12, 2)  default 0.00 check (total >= 0)
  stage       stage           default draft
  settings    json?
  created_at  timestamp       default now

  check orgs_slug_long (length(trim(slug)) > 2)
  index orgs_sent (created_at) where stage = sent
}
table members {
  id      int  primary
  org_id  int
  role    varchar(16)?

  foreign members_org (org_id) references orgs(id) on delete cascade
}
)";

// orgs as tursodb prints a CREATE TABLE; members as it re-prints a table after ALTER TABLE.
const char* kOrgs =
    R"(CREATE TABLE "orgs" ("id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "slug" VARCHAR (64) NOT NULL CHECK (length ("slug") <= 64), "total" DECIMAL (12, 2) NOT NULL DEFAULT 0.00, "stage" TEXT NOT NULL DEFAULT 'draft' CHECK ("stage" IN ('draft', 'sent')), "settings" TEXT CHECK ("settings" IS NULL OR json_valid ("settings")), "created_at" TIMESTAMP NOT NULL DEFAULT (CAST ((julianday ('now') - 2440587.5) * 86400000 AS INTEGER)), CONSTRAINT "orgs_slug_long" CHECK (length (trim ("slug")) > 2), CONSTRAINT "orgs_total_check" CHECK ("total" >= 0 /* never negative */));
CREATE INDEX "orgs_sent" ON "orgs" ("created_at") WHERE "stage" = 'sent';
CREATE UNIQUE INDEX "orgs_slug_key" ON "orgs" ("slug");
)";
const char* kMembers =
    R"(CREATE TABLE members (id INTEGER NOT NULL PRIMARY KEY, org_id INTEGER NOT NULL, role VARCHAR CHECK(length ("role") <= 16), FOREIGN KEY (org_id) REFERENCES orgs(id) ON DELETE CASCADE);
)";

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

ir::Schema inspected(const std::string& sql, const ir::Schema& reference) {
  auto db = rt::open("file::memory:");
  db->execute(sql);
  return inspect(*db, &reference);
}

TEST(InspectRespelledTest, ARespelledSchemaIsTheSchema) {
  ir::Schema schema = testing::compileSchemaText(kSchema);
  EXPECT_EQ(ir::toCanonicalJson(inspected(std::string(kOrgs) + kMembers, schema)),
            ir::toCanonicalJson(normalizeForSqlite(schema)));
}

TEST(InspectRespelledTest, RealChangesInThatSpellingAreStillSeen) {
  ir::Schema schema = testing::compileSchemaText(kSchema);
  std::string expected = ir::toCanonicalJson(normalizeForSqlite(schema));
  std::string sql = std::string(kOrgs) + kMembers;
  // A check's bound, a default, a partial index's predicate, a length, a foreign key action.
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {R"("total" >= 0 /*)", R"("total" >= 1 /*)"},
           {"DEFAULT 0.00", "DEFAULT 1.00"},
           {R"(WHERE "stage" = 'sent')", R"(WHERE "stage" = 'draft')"},
           {R"(length ("role") <= 16))", R"(length ("role") <= 17))"},
           {"ON DELETE CASCADE", "ON DELETE SET NULL"},
           {"AUTOINCREMENT ", ""},
       }) {
    EXPECT_NE(ir::toCanonicalJson(inspected(replaced(sql, from, to), schema)), expected)
        << from << " -> " << to;
  }
}

TEST(InspectRespelledTest, WithoutAReferenceTheDatabaseSpellingIsKept) {
  auto db = rt::open("file::memory:");
  db->execute(std::string(kOrgs) + kMembers);
  ir::Schema live = inspect(*db);
  const ir::Table* members = live.findTable("members");
  ASSERT_NE(members, nullptr);
  // The lost constraint name is made up as sema would; the length comes from the check.
  ASSERT_EQ(members->foreignKeys.size(), 1u);
  EXPECT_EQ(members->foreignKeys[0].name, "members_org_id_fkey");
  const ir::Column* role = members->findColumn("role");
  ASSERT_NE(role, nullptr);
  EXPECT_EQ(role->type.kind, ir::TypeKind::Varchar);
  EXPECT_EQ(role->type.length, 16);
  const ir::Table* orgs = live.findTable("orgs");
  ASSERT_NE(orgs, nullptr);
  ASSERT_EQ(orgs->checks.size(), 2u);
  EXPECT_EQ(orgs->checks[0].expr.text, R"(length (trim ("slug")) > 2)");
}

// pull reads tursodb's spelling back as the language's expressions, not as sql"..." text.
// (Without the comment in a check: pull keeps such a check as sql"..." so as not to lose it.)
TEST(InspectRespelledTest, PullWritesReadableExpressions) {
  auto db = rt::open("file::memory:");
  db->execute(replaced(kOrgs, " /* never negative */", "") + kMembers);
  std::string text = pullSchemaText(*db);
  EXPECT_EQ(text.find("sql\""), std::string::npos) << text;
  for (const char* want : {"check orgs_total_check (total >= 0)", "default now", "default draft",
                           "check orgs_slug_long (length(trim(slug)) > 2)", "where stage = sent"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
}

}  // namespace
}  // namespace schemac::db
