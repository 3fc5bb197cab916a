// Views, triggers and virtual tables written in the language and created by another tool with
// its own spelling (keyword case, quoting, spacing): introspection with the schema as reference
// reads them as the schema says (status: no drift), and a real change is still one.
#include <gtest/gtest.h>

#include "codegen/sqlite_test_util.h"
#include "db/compile_schema.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"

namespace schemac {
namespace {

using testing::TempDb;

std::string joinLines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += l + "\n";
  return out;
}

constexpr const char* kSchema = R"(table docs {
  id    int primary
  title text
  hits  int default 0
}
view titles as sql"SELECT id, title FROM docs WHERE hits > 0"
trigger docs_read after update of title on docs for each row when sql'NEW.hits = OLD.hits' sql"BEGIN UPDATE docs SET hits = hits + 1 WHERE id = NEW.id; END"
trigger titles_ins instead of insert on titles sql"BEGIN INSERT INTO docs (title) VALUES (NEW.title); END"
virtual table docs_fts using fts5 sql"title, content='docs', content_rowid='id'"
)";

// The tables as schemac lowers them; the other objects as another tool spelled them.
void create(rt::Connection& db, const ir::Schema& s, const std::string& objects) {
  ir::Schema tables = s;
  tables.views.clear();
  tables.triggers.clear();
  tables.virtualTables.clear();
  rt::applyScript(db, codegen::sqlite::createSchemaScript(tables));
  db.execute(objects);
}

constexpr const char* kRespelled =
    "create view \"titles\" as select \"id\", TITLE\n  from [docs] where hits>0;"
    "CREATE TRIGGER \"docs_read\" AFTER UPDATE OF \"title\" ON \"docs\" FOR EACH ROW WHEN "
    "new.hits = old.hits BEGIN\n  update docs set hits = hits + 1 where id = new.id;\nEND;"
    "create trigger titles_ins instead of insert on titles begin insert into docs (title) "
    "values (new.title); end;"
    "CREATE VIRTUAL TABLE docs_fts USING fts5(title,  content = 'docs', content_rowid = 'id')";

TEST(InspectLanguageObjects, ARespelledObjectIsTheSchemasObject) {
  ir::Schema s = testing::compileSchemaText(kSchema);
  ASSERT_EQ(s.views.size(), 1u);
  TempDb db;
  create(*db, s, kRespelled);
  ir::Schema want = db::normalizeForSqlite(s);
  ir::Schema got = db::inspect(*db, &s, &want);
  EXPECT_EQ(got, want) << joinLines(db::describeDifferences(want, got));
  // Without a reference the database's own spelling is kept.
  ir::Schema own = db::inspect(*db);
  EXPECT_EQ(own.views.at(0).sql, "select \"id\", TITLE\n  from [docs] where hits>0");
  EXPECT_EQ(own.virtualTables.at(0).args, "title,  content = 'docs', content_rowid = 'id'");
}

TEST(InspectLanguageObjects, ARealChangeInAnotherSpellingIsADifference) {
  ir::Schema s = testing::compileSchemaText(kSchema);
  TempDb db;
  std::string changed = kRespelled;
  changed.replace(changed.find("hits>0"), 6, "hits>1");
  changed.replace(changed.find("new.hits = old.hits"), 19, "new.hits <> old.hits");
  create(*db, s, changed);
  ir::Schema want = db::normalizeForSqlite(s);
  std::string diff = joinLines(db::describeDifferences(want, db::inspect(*db, &s, &want)));
  EXPECT_NE(diff.find("view \"titles\": query: expected \"SELECT id, title FROM docs WHERE hits "
                      "> 0\", got \"select \"id\", TITLE\\n  from [docs] where hits>1\""),
            std::string::npos)
      << diff;
  EXPECT_NE(diff.find("trigger \"docs_read\": when: expected \"NEW.hits = OLD.hits\", got "
                      "\"new.hits <> old.hits\""),
            std::string::npos)
      << diff;
  EXPECT_EQ(diff.find("titles_ins"), std::string::npos) << diff;
}

}  // namespace
}  // namespace schemac
