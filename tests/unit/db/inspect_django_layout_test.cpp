// A database in Django's DDL layout (inline REFERENCES ... DEFERRABLE INITIALLY DEFERRED without
// constraint names, COLLATE NOCASE UNIQUE, datetime, bool, varchar(n) without checks) is exactly
// the schema that says so in the language: introspection with that schema as reference reads
// normalizeForSqlite(schema) (status: no drift), and without a reference too.
#include <gtest/gtest.h>

#include "codegen/sqlite_test_util.h"
#include "db/compile_schema.h"
#include "schemac/db/inspect.h"

namespace schemac {
namespace {

std::string joinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

constexpr const char* kDjango =
    "CREATE TABLE \"auth_user\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"email\" "
    "varchar(254) NOT NULL COLLATE NOCASE UNIQUE, \"last_login\" datetime NULL, \"is_staff\" "
    "bool NOT NULL);"
    "CREATE TABLE \"blog_post\" (\"id\" integer NOT NULL PRIMARY KEY AUTOINCREMENT, \"title\" "
    "varchar(200) NOT NULL, \"author_id\" integer NOT NULL REFERENCES \"auth_user\" (\"id\") "
    "DEFERRABLE INITIALLY DEFERRED);"
    "CREATE INDEX \"blog_post_author_id_idx\" ON \"blog_post\" (\"author_id\");"
    "CREATE TABLE \"tags\" (\"code\" text PRIMARY KEY, \"label\" text COLLATE RTRIM, CHECK "
    "(length(\"code\") > 1)) STRICT";

constexpr const char* kSchema = R"(table auth_user {
  id          int               primary autoincrement
  email       varchar(254)      unchecked collate nocase unique constraint
  last_login  timestamp(text)?  sqltype "datetime"
  is_staff    bool              unchecked sqltype "bool"
}
table blog_post {
  id         int           primary autoincrement
  title      varchar(200)  unchecked
  author_id  int

  foreign unnamed (author_id) references auth_user(id) deferrable initially deferred
  index blog_post_author_id_idx (author_id)
}
table tags strict {
  code   text  primary
  label  text? collate rtrim

  check unnamed (length(code) > 1)
}
)";

TEST(InspectDjangoLayout, TheDatabaseIsTheSchemaThatSaysSo) {
  ir::Schema s = testing::compileSchemaText(kSchema);
  ASSERT_EQ(s.tables.size(), 3u);
  testing::TempDb db;
  db->execute(kDjango);
  ir::Schema want = db::normalizeForSqlite(s);
  ir::Schema got = db::inspect(*db, &s, &want);
  EXPECT_EQ(got, want) << joinLines(db::describeDifferences(want, got));
  ir::Schema plain = db::inspect(*db);
  EXPECT_EQ(plain, want) << joinLines(db::describeDifferences(want, plain));
}

}  // namespace
}  // namespace schemac
