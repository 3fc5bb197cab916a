// diff::touchedSchemas against the whole schemas: on random schemas and random edits (columns,
// tables, indexes, references, enums, docs, rename hints, stale hints), the migration built and
// verified from the cut-down schemas is the one built and verified from the whole ones: the
// same statements both ways, plans, warnings, rebuilt tables, renames, questions asked and
// verification result. Also the cases that must fall back to the whole schemas.
#include "schemac/diff_touched.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "db/compile_schema.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/ir_json_tables.h"
#include "schemac/migrations/migrations.h"

namespace schemac {
namespace {

struct Col {
  std::string name;
  std::string type;  // "int", "text", "e0", ...
  bool nullable = false;
  std::string extra;  // default / references
  std::string was;
};

struct Item {
  std::string text;
  std::string column;  // the column it names
};

struct Tab {
  std::string name;
  std::string doc;
  std::string was;
  std::vector<Col> cols;
  std::vector<Item> items;
};

struct Model {
  std::vector<std::vector<std::string>> enums;  // e<i>: its values
  std::vector<Tab> tables;

  std::string render() const {
    std::string out = "namespace touched\n";
    for (std::size_t i = 0; i < enums.size(); ++i) {
      out += "enum e" + std::to_string(i) + " {";
      for (const std::string& v : enums[i]) out += " " + v;
      out += " }\n";
    }
    for (const Tab& t : tables) {
      if (!t.doc.empty()) out += "/// " + t.doc + "\n";
      out += "table " + t.name + (t.was.empty() ? "" : " was " + t.was) + " {\n";
      for (const Col& c : t.cols) {
        out += "  " + c.name + " " + c.type + (c.nullable ? "?" : "") + " " + c.extra +
               (c.was.empty() ? "" : " was " + c.was) + "\n";
      }
      for (const Item& it : t.items) out += "  " + it.text + "\n";
      out += "}\n";
    }
    return out;
  }
};

class Edits {
 public:
  explicit Edits(unsigned seed) : rng_(seed) {}

  Model make() {
    Model m;
    for (int e = 0, n = 1 + pick(2); e < n; ++e) m.enums.push_back({"v0", "v1", "v2"});
    for (int i = 0, n = 6 + pick(20); i < n; ++i) addTable(m, false);
    // Sometimes references between existing tables: cycles elsewhere in the schema.
    for (int i = 0, n = pick(3) == 0 ? 1 + pick(3) : 0; i < n; ++i) addReference(m);
    return m;
  }

  // One to three random edits; `hints`: renames written with `was`.
  void edit(Model& m) {
    for (int k = 0, n = 1 + pick(3); k < n; ++k) {
      switch (pick(14)) {
        case 0:
          addTable(m, true);
          break;
        case 1:
          dropTable(m);
          break;
        case 2:
        case 3:
          addColumn(m);
          break;
        case 4:
          dropColumn(m);
          break;
        case 5:
        case 6:
          alterColumn(m);
          break;
        case 7:
          addIndex(m);
          break;
        case 8:
          dropItem(m);
          break;
        case 9:
          editEnum(m);
          break;
        case 10:
          any(m).doc = "edited " + std::to_string(pick(1000));
          break;
        case 11:
          renameTable(m);
          break;
        case 12:
          renameColumn(m);
          break;
        default:
          addReference(m);
      }
    }
  }

  int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

 private:
  Tab& any(Model& m) { return m.tables[static_cast<std::size_t>(pick(int(m.tables.size())))]; }

  std::string fresh(const char* prefix) { return prefix + std::to_string(next_++); }

  Col randomColumn(const Model& m) {
    static const char* kTypes[] = {
        "int",       "int32", "text", "varchar(20)", "bool", "decimal(10, 2)",
        "timestamp", "date",  "json", "real"};
    Col c;
    c.name = fresh("c");
    if (pick(4) == 0) {
      c.type = "e" + std::to_string(pick(int(m.enums.size())));
      if (pick(2)) c.extra = "default v0";
    } else {
      c.type = kTypes[pick(10)];
      if (c.type == "int" && pick(2)) c.extra = "default 0";
      if (c.type == "text" && pick(2)) c.extra = "default \"x\"";
      if (c.type == "bool" && pick(2)) c.extra = "default true";
      if (c.type == "timestamp" && pick(2)) c.extra = "default now";
    }
    c.nullable = pick(3) == 0;
    return c;
  }

  Col reference(const std::string& target) {
    static const char* kActions[] = {"", "on delete cascade", "on delete set null"};
    Col c;
    c.name = fresh("r");
    c.type = "int";
    c.nullable = true;
    c.extra = "references " + target + "(id) " + kActions[pick(3)];
    return c;
  }

  void addTable(Model& m, bool edited) {
    Tab t;
    // Random names, so that name order and reference order disagree.
    t.name = std::string(1, char('a' + pick(26))) + fresh("t");
    t.cols.push_back({"id", "int", false, "primary autoincrement", ""});
    for (int i = 0, n = 1 + pick(5); i < n; ++i) t.cols.push_back(randomColumn(m));
    if (!m.tables.empty()) {
      for (int i = 0, n = pick(3); i < n; ++i) t.cols.push_back(reference(any(m).name));
    }
    if (pick(3) == 0) t.cols.push_back(reference(t.name));  // itself
    if (pick(2)) t.doc = "table " + t.name;
    std::string c = t.cols[1].name;
    if (pick(2)) t.items.push_back({"index " + t.name + "_" + c + "_i (" + c + ")", c});
    if (pick(3) == 0) t.items.push_back({"unique (" + c + ")", c});
    if (edited && pick(4) == 0 && !m.tables.empty()) {
      // A reference cycle: an existing table now references the new one too.
      any(m).cols.push_back(reference(t.name));
    }
    m.tables.push_back(std::move(t));
    sortTables(m);
  }

  static void sortTables(Model& m) {
    std::sort(m.tables.begin(), m.tables.end(),
              [](const Tab& a, const Tab& b) { return a.name < b.name; });
  }

  // Drops a table and every reference to it.
  void dropTable(Model& m) {
    if (m.tables.size() < 3) return;
    std::size_t i = static_cast<std::size_t>(pick(int(m.tables.size())));
    std::string name = m.tables[i].name;
    m.tables.erase(m.tables.begin() + static_cast<std::ptrdiff_t>(i));
    for (Tab& t : m.tables) dropReferencesTo(t, name);
  }

  static void dropReferencesTo(Tab& t, const std::string& name) {
    std::vector<std::string> gone;
    for (const Col& c : t.cols) {
      if (c.extra.find("references " + name + "(") != std::string::npos) gone.push_back(c.name);
    }
    for (const std::string& g : gone) removeColumn(t, g);
  }

  static void removeColumn(Tab& t, std::string name) {  // by value: it may be a column's
    t.cols.erase(
        std::remove_if(t.cols.begin(), t.cols.end(), [&](const Col& c) { return c.name == name; }),
        t.cols.end());
    t.items.erase(std::remove_if(t.items.begin(), t.items.end(),
                                 [&](const Item& it) { return it.column == name; }),
                  t.items.end());
  }

  void addColumn(Model& m) {
    Tab& t = any(m);
    Col c = pick(4) == 0 ? reference(any(m).name) : randomColumn(m);
    // At the end (ADD COLUMN) or in the middle (a rebuild).
    std::size_t at =
        pick(3) == 0 ? 1 + static_cast<std::size_t>(pick(int(t.cols.size()))) : t.cols.size();
    t.cols.insert(t.cols.begin() + static_cast<std::ptrdiff_t>(std::min(at, t.cols.size())), c);
  }

  void dropColumn(Model& m) {
    Tab& t = any(m);
    if (t.cols.size() < 2) return;
    removeColumn(t, t.cols[1 + static_cast<std::size_t>(pick(int(t.cols.size()) - 1))].name);
  }

  void alterColumn(Model& m) {
    Tab& t = any(m);
    if (t.cols.size() < 2) return;
    Col& c = t.cols[1 + static_cast<std::size_t>(pick(int(t.cols.size()) - 1))];
    if (c.extra.find("references") != std::string::npos) {
      c.extra += " on update cascade";
    } else if (pick(2)) {
      c.nullable = !c.nullable;
    } else {
      std::string name = c.name;
      c = randomColumn(m);
      c.name = name;
    }
  }

  void addIndex(Model& m) {
    Tab& t = any(m);
    const Col& c = t.cols[static_cast<std::size_t>(pick(int(t.cols.size())))];
    t.items.push_back(
        {"index " + t.name + "_" + c.name + "_x" + std::to_string(pick(1000)) + " (" + c.name + ")",
         c.name});
  }

  void dropItem(Model& m) {
    Tab& t = any(m);
    if (!t.items.empty()) t.items.erase(t.items.begin() + pick(int(t.items.size())));
  }

  void editEnum(Model& m) {
    std::vector<std::string>& e = m.enums[static_cast<std::size_t>(pick(int(m.enums.size())))];
    if (pick(2) && e.size() > 2) {
      e.pop_back();  // v0 (the defaults') stays
    } else {
      e.push_back(fresh("v"));
    }
  }

  void renameTable(Model& m) {
    Tab& t = any(m);
    std::string old = t.name;
    t.name = std::string(1, char('a' + pick(26))) + fresh("n");
    t.was = pick(4) ? old : "";  // without a hint: dropped and created
    for (Tab& o : m.tables) {
      for (Col& c : o.cols) {
        const std::string ref = "references " + old + "(";
        if (auto at = c.extra.find(ref); at != std::string::npos) {
          c.extra.replace(at, ref.size(), "references " + t.name + "(");
        }
      }
    }
    sortTables(m);
  }

  void renameColumn(Model& m) {
    Tab& t = any(m);
    if (t.cols.size() < 2) return;
    Col& c = t.cols[1 + static_cast<std::size_t>(pick(int(t.cols.size()) - 1))];
    std::string old = c.name;
    c.name = fresh("c");
    c.was = pick(4) ? old : "";
    for (Item& it : t.items) {
      if (it.column != old) continue;
      it.column = c.name;
      for (std::size_t at; (at = it.text.find(old)) != std::string::npos;) {
        it.text.replace(at, old.size(), c.name);
      }
    }
  }

  void addReference(Model& m) { any(m).cols.push_back(reference(any(m).name)); }

  std::mt19937 rng_;
  int next_ = 0;
};

std::vector<std::string> lines(const diff::Plan& p) {
  std::vector<std::string> out;
  for (const diff::Change& c : p.changes) out.push_back(diff::summaryLine(c));
  for (const std::string& w : diff::warnings(p)) out.push_back("warning: " + w);
  return out;
}

struct Built {
  codegen::sqlite::Migration m;
  db::VerifyResult v;
  std::vector<std::string> questions;
};

Built build(const ir::Schema& prev, const ir::Schema& next, bool confirm) {
  Built b;
  diff::DiffOptions o;
  if (confirm) {
    o.confirmRename = [&b](const std::string& t, const std::string& d, const std::string& a) {
      b.questions.push_back(t + " " + d + " " + a);
      return (t.size() + d.size() + a.size()) % 2 == 0;
    };
  }
  b.m = codegen::sqlite::buildMigration(prev, next, o);
  b.v = db::verifyMigration(prev, next, b.m);
  return b;
}

TEST(DiffTouched, SameMigrationAsTheWholeSchemas) {
  int cut = 0, leftOut = 0, cases = 0;
  for (unsigned seed = 1; seed <= 100; ++seed) {
    Edits edits(seed);
    Model before = edits.make();
    if (edits.pick(5) == 0) before.tables[0].was = "stale_name";  // a hint that stays
    Model after = before;
    edits.edit(after);
    SCOPED_TRACE("seed " + std::to_string(seed) + "\n--- before\n" + before.render() +
                 "--- after\n" + after.render());
    ir::Schema prev = ir::withoutHints(testing::compileSchemaText(before.render()));
    ir::Schema next = testing::compileSchemaText(after.render());
    if (::testing::Test::HasFailure()) return;
    ++cases;
    std::optional<diff::TouchedSchemas> t = diff::touchedSchemas(ir::toCanonicalJson(prev), next);
    if (!t) continue;
    ++cut;
    leftOut += t->unchanged > 0;
    EXPECT_EQ(t->previous.tables.size() + t->unchanged, prev.tables.size());
    EXPECT_EQ(t->next.tables.size() + t->unchanged, next.tables.size());
    const bool confirm = seed % 3 == 0;
    Built whole = build(prev, next, confirm);
    Built part = build(t->previous, t->next, confirm);
    EXPECT_EQ(part.m.up.statements, whole.m.up.statements);
    EXPECT_EQ(part.m.down.statements, whole.m.down.statements);
    EXPECT_EQ(part.m.up.rebuiltTables, whole.m.up.rebuiltTables);
    EXPECT_EQ(part.m.down.rebuiltTables, whole.m.down.rebuiltTables);
    EXPECT_EQ(lines(part.m.upPlan), lines(whole.m.upPlan));
    EXPECT_EQ(lines(part.m.downPlan), lines(whole.m.downPlan));
    EXPECT_EQ(part.m.upPlan.renames, whole.m.upPlan.renames);
    EXPECT_EQ(diff::suggestName(part.m.upPlan), diff::suggestName(whole.m.upPlan));
    EXPECT_EQ(part.questions, whole.questions);
    EXPECT_EQ(part.v.ok, whole.v.ok);
    EXPECT_EQ(part.v.stage, whole.v.stage);
    EXPECT_EQ(part.v.difference, whole.v.difference);
    if (::testing::Test::HasFailure()) return;
  }
  // Most edits are cut down (the rest: reference cycles, index names reused), and most cuts
  // leave tables out: the comparison above is not between two whole schemas.
  EXPECT_GT(cut, cases * 2 / 3);
  EXPECT_GT(leftOut, cut / 2);
}

ir::Schema compiled(const std::string& text) { return testing::compileSchemaText(text); }

const char* kBase = R"(
enum st { a b }
table users {
  id int primary autoincrement
  email text
  status st default a
}
table posts {
  id int primary autoincrement
  user_id int references users(id)
  title text
}
table tags {
  id int primary autoincrement
  label text
}
)";

TEST(DiffTouched, KeepsOnlyWhatAChangeConcerns) {
  ir::Schema prev = compiled(kBase);
  std::string text = kBase;
  text.replace(text.find("  label text"), 12, "  label text\n  color text?");
  auto t = diff::touchedSchemas(ir::toCanonicalJson(prev), compiled(text));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->next.tables.size(), 1u);
  EXPECT_EQ(t->next.tables[0].name, "tags");
  EXPECT_EQ(t->unchanged, 2u);
  EXPECT_EQ(t->changed, 1u);
  EXPECT_EQ(t->next.enums, prev.enums);

  // users changes: posts references it (one hop back).
  text = kBase;
  text.replace(text.find("  email text"), 12, "  email text?");
  t = diff::touchedSchemas(ir::toCanonicalJson(prev), compiled(text));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->next.tables.size(), 2u);
  EXPECT_EQ(t->next.tables[0].name, "posts");
  EXPECT_EQ(t->next.tables[1].name, "users");

  // posts changes: users, which it references, comes along.
  text = kBase;
  text.replace(text.find("  title text"), 12, "  title text?");
  t = diff::touchedSchemas(ir::toCanonicalJson(prev), compiled(text));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.tables.size(), 2u);

  // A changed enum brings its users (and what they need).
  text = kBase;
  text.replace(text.find("enum st { a b }"), 15, "enum st { a b c }");
  t = diff::touchedSchemas(ir::toCanonicalJson(prev), compiled(text));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.tables.size(), 2u);  // users, and posts referencing it

  // A doc is text too: the table is compared, found different, and diffs to nothing.
  text = kBase;
  text.replace(text.find("table tags"), 10, "/// Tags.\ntable tags");
  t = diff::touchedSchemas(ir::toCanonicalJson(prev), compiled(text));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.tables.size(), 1u);
  EXPECT_TRUE(diff::diff(t->previous, t->next).empty());
}

TEST(DiffTouched, FallsBackToTheWholeSchemas) {
  ir::Schema prev = compiled(kBase);
  const std::string json = ir::toCanonicalJson(prev);
  // Views (and the other SQLite extras).
  EXPECT_FALSE(diff::touchedSchemas(
      json, compiled(std::string(kBase) + "view v as sql\"SELECT id FROM users\"\n")));
  EXPECT_FALSE(diff::touchedSchemas(
      json, compiled(std::string(kBase) + "table s strict {\n  id int primary\n}\n")));
  // A reference cycle among the kept tables.
  std::string text = kBase;
  text.replace(text.find("  email text"), 12,
               "  email text\n  last_post int? references posts(id)");
  EXPECT_FALSE(diff::touchedSchemas(json, compiled(text)));
  // Text not laid out canonically.
  ir::Schema next = compiled(kBase);
  EXPECT_FALSE(diff::touchedSchemas("{\"tables\": []}", next));
  std::string edited = json;
  edited.replace(edited.find("\n    {", edited.find("\"tables\"")), 6, "\n   {");
  EXPECT_FALSE(diff::touchedSchemas(edited, next));
  // Unchanged schemas cut down to nothing.
  auto t = diff::touchedSchemas(json, next);
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->next.tables.empty());
  EXPECT_EQ(t->unchanged, 3u);
}

TEST(DiffTouched, SplitsCanonicalTextIntoTables) {
  ir::Schema s = compiled(kBase);
  ir::Schema rest;
  std::vector<ir::TableText> tables;
  const std::string json = ir::toCanonicalJson(s);  // the texts point into it
  ASSERT_TRUE(ir::splitCanonicalTables(json, 0, &rest, &tables));
  ASSERT_EQ(tables.size(), 3u);
  std::string scratch;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    EXPECT_EQ(tables[i].name, s.tables[i].name);
    EXPECT_TRUE(ir::sameTableJson(s.tables[i], tables[i].text, 0, &scratch));
    ir::Table t;
    ASSERT_TRUE(ir::tableFromJson(tables[i].text, &t));
    EXPECT_EQ(t, s.tables[i]);
  }
  EXPECT_FALSE(ir::sameTableJson(s.tables[0], tables[1].text, 0, &scratch));
  // In batches, as touchedSchemas compares them: 200 pairs, every fourth one different.
  std::vector<const ir::Table*> many;
  std::vector<std::string_view> texts;
  for (std::size_t i = 0; i < 200; ++i) {
    many.push_back(&s.tables[i % 3]);
    texts.push_back(tables[(i % 4 == 3 ? i + 1 : i) % 3].text);
  }
  std::vector<char> same;
  ir::sameTablesJson(many, texts, 0, &same);
  ASSERT_EQ(same.size(), 200u);
  for (std::size_t i = 0; i < 200; ++i) EXPECT_EQ(same[i] != 0, i % 4 != 3) << i;
  EXPECT_EQ(rest.enums, s.enums);
  EXPECT_EQ(rest.ns, s.ns);
  EXPECT_TRUE(rest.tables.empty());
  // No tables at all.
  ASSERT_TRUE(ir::splitCanonicalTables(ir::toCanonicalJson(ir::Schema{}), 0, &rest, &tables));
  EXPECT_TRUE(tables.empty());
}

// The schema as a snapshot file nests it (two more spaces), read in place: the same tables.
TEST(DiffTouched, ReadsTheSchemaInsideASnapshotFile) {
  ir::Schema s = compiled(kBase);
  const std::string file = migrations::snapshotToJson(migrations::makeSnapshot(
      "sqlite", ir::fingerprint(s), migrations::kRootSnapshotId, ir::toCanonicalJson(s)));
  std::string_view schema = migrations::snapshotSchemaText(file);
  ASSERT_FALSE(schema.empty());
  EXPECT_EQ(schema.front(), '{');
  EXPECT_EQ(schema.back(), '}');
  std::optional<diff::PreviousTables> nested = diff::previousTables(schema, 2);
  ASSERT_TRUE(nested);
  ASSERT_EQ(nested->tables.size(), 3u);
  EXPECT_EQ(nested->rest.enums, s.enums);
  std::string scratch;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(ir::sameTableJson(s.tables[i], nested->tables[i].text, 2, &scratch));
    EXPECT_FALSE(ir::sameTableJson(s.tables[i], nested->tables[i].text, 0, &scratch));
    ir::Table t;
    ASSERT_TRUE(ir::tableFromJson(nested->tables[i].text, &t));
    EXPECT_EQ(t, s.tables[i]);
  }
  std::string text = kBase;
  text.replace(text.find("  label text"), 12, "  label text\n  color text?");
  auto t = diff::touchedSchemas(*nested, compiled(text));
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.tables.size(), 1u);
  EXPECT_EQ(t->unchanged, 2u);
  // Not nested as said: refused.
  EXPECT_FALSE(diff::previousTables(schema, 0));
  EXPECT_TRUE(migrations::snapshotSchemaText("{}").empty());
}

}  // namespace
}  // namespace schemac
