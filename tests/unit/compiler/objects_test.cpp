// Views, triggers and virtual tables through the front end: the AST both parsers build (equal,
// ranges included), the words that stay usable as names, sema's checks and the IR, and fmt.
// The lit tests (tests/lit/{parse,sema,fmt}) cover the same end to end, with locations.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "schemac/ast_dump.h"
#include "schemac/format.h"
#include "schemac/parse.h"
#include "schemac/sema.h"

namespace schemac {
namespace {

struct Parsed {
  SourceManager sm;
  DiagEngine diags{sm};
  ast::Module module;
  FileId file = 0;
  std::string errors() const {
    std::ostringstream os;
    diags.print(os);
    return os.str();
  }
  std::string slice(SourceRange r) const {
    return std::string(sm.contents(file).substr(r.begin.offset, r.end.offset - r.begin.offset));
  }
};

std::unique_ptr<Parsed> parseText(const std::string& text) {
  auto p = std::make_unique<Parsed>();
  p->file = p->sm.addBuffer("test.schema", text);
  p->module = parse(p->sm, p->file, p->diags);
  return p;
}

// Both parsers accept `text` and build the same AST; returns it.
ast::Module parsedByBoth(const std::string& text) {
  SourceManager sm;
  FileId file = sm.addBuffer("input.schema", text);
  DiagEngine refDiags(sm), fastDiags(sm);
  ast::Module reference = parseReference(sm, file, refDiags);
  std::optional<ast::Module> fast = parseFast(sm, file, fastDiags);
  EXPECT_FALSE(refDiags.hadErrors()) << text;
  EXPECT_TRUE(fast.has_value()) << "the fast parser declined:\n" << text;
  if (fast) {
    EXPECT_TRUE(*fast == reference) << text << "\nreference:\n"
                                    << ast::dump(reference) << "fast:\n"
                                    << ast::dump(*fast);
    EXPECT_EQ(fastDiags.diagnostics().size(), refDiags.diagnostics().size()) << text;
  }
  return reference;
}

// The grammar rejects `text` and the fast parser declines it (ANTLR words the error).
void expectRejected(const std::string& text) {
  SourceManager sm;
  FileId file = sm.addBuffer("input.schema", text);
  DiagEngine refDiags(sm), fastDiags(sm);
  parseReference(sm, file, refDiags);
  EXPECT_TRUE(refDiags.hadErrors()) << text;
  EXPECT_FALSE(parseFast(sm, file, fastDiags).has_value()) << text;
}

struct Analyzed {
  std::optional<ir::Schema> schema;
  std::vector<std::string> errors;
  std::string printed;
};

// Parses each text as one file and analyzes them together.
Analyzed analyzeTexts(const std::vector<std::string>& texts) {
  SourceManager sm;
  DiagEngine diags(sm);
  std::vector<ast::Module> modules;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    FileId f = sm.addBuffer("f" + std::to_string(i) + ".schema", texts[i]);
    modules.push_back(parse(sm, f, diags));
  }
  Analyzed a;
  if (!diags.hadErrors()) a.schema = sema::analyze(modules, diags);
  for (const Diagnostic& d : diags.diagnostics()) {
    if (d.severity == Severity::Error) a.errors.push_back(d.message);
  }
  std::ostringstream os;
  diags.print(os);
  a.printed = os.str();
  return a;
}

const char* kTable = "table t { id int primary; a int; b int; email text }\n";

// ---- parsing ----

TEST(ObjectsParse, ViewTriggerAndVirtualTableFields) {
  auto p = parseText(std::string(kTable) +
                     "/// The view.\n"
                     "view v as sql\"SELECT id FROM t\"\n"
                     "/// The trigger.\n"
                     "trigger t_au after update of a, b on t for each row when sql'NEW.a > 0' "
                     "sql\"BEGIN SELECT 1; END\"\n"
                     "virtual table f using fts5 sql\"email\"\n"
                     "virtual table r using rtree\n");
  ASSERT_EQ(p->errors(), "");
  const ast::Module& m = p->module;
  ASSERT_EQ(m.order.size(), 5u);
  EXPECT_EQ(m.order[1], std::make_pair(ast::Module::DeclKind::View, std::size_t{0}));
  EXPECT_EQ(m.order[2], std::make_pair(ast::Module::DeclKind::Trigger, std::size_t{0}));
  EXPECT_EQ(m.order[4], std::make_pair(ast::Module::DeclKind::VirtualTable, std::size_t{1}));

  ASSERT_EQ(m.views.size(), 1u);
  EXPECT_EQ(m.views[0].doc, "The view.");
  EXPECT_EQ(m.views[0].query.kind, ast::ExprKind::Raw);
  EXPECT_EQ(m.views[0].query.text, "SELECT id FROM t");
  EXPECT_EQ(p->slice(m.views[0].range), "view v as sql\"SELECT id FROM t\"");

  ASSERT_EQ(m.triggers.size(), 1u);
  const ast::TriggerDecl& t = m.triggers[0];
  EXPECT_EQ(t.doc, "The trigger.");
  EXPECT_EQ(t.name.name, "t_au");
  EXPECT_EQ(t.timing, ast::TriggerTiming::After);
  EXPECT_EQ(p->slice(t.timingRange), "after");
  EXPECT_EQ(t.event, ast::TriggerEvent::Update);
  ASSERT_TRUE(t.of);
  EXPECT_EQ(p->slice(*t.of), "of a, b");
  ASSERT_EQ(t.columns.size(), 2u);
  EXPECT_EQ(t.columns[1].name, "b");
  EXPECT_EQ(t.target.name, "t");
  ASSERT_TRUE(t.forEachRow);
  EXPECT_EQ(p->slice(*t.forEachRow), "for each row");
  ASSERT_TRUE(t.when);
  EXPECT_EQ(t.when->text, "NEW.a > 0");
  EXPECT_EQ(t.when->quote, '\'');
  EXPECT_EQ(t.body.text, "BEGIN SELECT 1; END");

  ASSERT_EQ(m.virtualTables.size(), 2u);
  EXPECT_EQ(m.virtualTables[0].module.name, "fts5");
  ASSERT_TRUE(m.virtualTables[0].args);
  EXPECT_EQ(m.virtualTables[0].args->text, "email");
  EXPECT_FALSE(m.virtualTables[1].args);
  EXPECT_EQ(p->slice(m.virtualTables[1].range), "virtual table r using rtree");
}

TEST(ObjectsParse, BothParsersBuildTheSameTree) {
  parsedByBoth(std::string(kTable) + "view v as sql\"SELECT 1\"");
  parsedByBoth("trigger x before insert on t sql'BEGIN SELECT 1; END'");
  parsedByBoth("trigger x before delete on t for each row sql\"BEGIN SELECT 1; END\";");
  parsedByBoth("trigger x instead of update of `a b`, c on v when sql\"1\" sql\"BEGIN END\"");
  parsedByBoth("trigger x after update on t\n  when sql\"NEW.a <> OLD.a\"\n  sql\"BEGIN END\"");
  parsedByBoth("virtual table `f t` using fts5\nvirtual table r using rtree sql\"id, x0, x1\"");
  parsedByBoth(
      "/// doc\n"
      "view v /* inner */ as sql\"SELECT 1\" // trailing\n"
      "trigger x after\n"
      "  /// a doc documenting nothing: a warning in both\n"
      "  insert on t sql\"BEGIN END\"\n"
      "enum e { a }\n"
      "virtual table f using fts5; table t { id int }\n");
  // Escapes decode the same way.
  ast::Module m = parsedByBoth("view v as sql\"SELECT 'a\\tb', \\\"c\\\"\"");
  ASSERT_EQ(m.views.size(), 1u);
  EXPECT_EQ(m.views[0].query.text, "SELECT 'a\tb', \"c\"");
}

TEST(ObjectsParse, NewWordsStayUsableAsNames) {
  // Every word of the new declarations is contextual: a name anywhere a name goes.
  ast::Module m = parsedByBoth(
      "table view {\n"
      "  trigger int primary\n"
      "  before text\n"
      "  after text\n"
      "  instead text\n"
      "  of int\n"
      "  insert int\n"
      "  for int\n"
      "  each int\n"
      "  row int\n"
      "  when int default when + row\n"
      "  as text\n"
      "  using text\n"
      "  index (row desc, of) where each > 0\n"
      "}\n"
      "enum trigger { view before after insert }\n"
      "view as as sql\"SELECT 1\"\n"
      "trigger trigger after insert on view sql\"BEGIN END\"\n"
      "trigger of before update of of, row on view sql\"BEGIN END\"\n"
      "virtual table using using using\n");
  ASSERT_EQ(m.tables.size(), 1u);
  EXPECT_EQ(m.tables[0].columns.size(), 12u);
  ASSERT_EQ(m.triggers.size(), 2u);
  EXPECT_EQ(m.triggers[1].name.name, "of");
  EXPECT_EQ(m.triggers[1].columns.size(), 2u);
  EXPECT_EQ(m.triggers[1].target.name, "view");
  ASSERT_EQ(m.virtualTables.size(), 1u);
  EXPECT_EQ(m.virtualTables[0].name.name, "using");
  EXPECT_EQ(m.virtualTables[0].module.name, "using");
}

TEST(ObjectsParse, RejectedAndWordedByTheGrammar) {
  expectRejected("view v sql\"SELECT 1\"");
  expectRejected("view v as \"SELECT 1\"");
  expectRejected("view v as sql\"bad \\q escape\"");
  expectRejected("trigger x insert on t sql\"BEGIN END\"");
  expectRejected("trigger x instead insert on v sql\"BEGIN END\"");
  expectRejected("trigger x after insert t sql\"BEGIN END\"");
  expectRejected("trigger x after insert on t");
  expectRejected("trigger x after insert on t for row sql\"BEGIN END\"");
  expectRejected("trigger x after insert on t when sql\"1\"");
  expectRejected("trigger x after update of on t sql\"BEGIN END\"");
  expectRejected("virtual table f fts5");
  expectRejected("virtual f using fts5");
  expectRejected("virtual table f using sql\"x\"");
  expectRejected("table t { id int view v as sql\"x\" }");

  auto p = parseText("trigger x after insert t sql\"BEGIN END\"");
  EXPECT_NE(p->errors().find("expected 'on' or 'of' after 'insert', found 't'"), std::string::npos)
      << p->errors();
  p = parseText("trigger\n");
  EXPECT_NE(p->errors().find("expected a trigger name after 'trigger'"), std::string::npos)
      << p->errors();
  p = parseText("virtual table f using\n");
  EXPECT_NE(p->errors().find("expected a module name after 'using'"), std::string::npos)
      << p->errors();
}

TEST(ObjectsParse, ABrokenDeclarationDoesNotSwallowTheNext) {
  auto p = parseText(
      "trigger a on t sql\"BEGIN END\"\n"
      "trigger b after on t sql\"BEGIN END\"\n"
      "virtual table c using sql\"x\"\n"
      "table d { x }\n");
  std::string e = p->errors();
  EXPECT_NE(e.find("1:11: error: expected 'before', 'after' or 'instead' after 'a'"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("2:17: error: expected 'delete', 'update' or 'insert' after 'after'"),
            std::string::npos)
      << e;
  EXPECT_NE(e.find("3:23: error: expected a module name after 'using'"), std::string::npos) << e;
  EXPECT_NE(e.find("4:13: error: expected a column type after 'x'"), std::string::npos) << e;
}

// ---- sema and IR ----

TEST(ObjectsSema, LowersAsWrittenAndSortedByName) {
  Analyzed a =
      analyzeTexts({std::string(kTable) +
                        "/// V doc\n"
                        "view v2 as sql\"SELECT a FROM t\"\n"
                        "view v1 as sql\"SELECT b FROM t\"\n"
                        "trigger z_t before update of a, b on t for each row when sql\"NEW.a > 0\" "
                        "sql\"BEGIN SELECT 1; END\"\n",
                    "trigger a_t instead of delete on v1 sql'begin delete from t; end'\n"
                    "virtual table s using fts5 sql\"email, content='t'\"\n"
                    "virtual table r using rtree\n"});
  ASSERT_TRUE(a.schema) << a.printed;
  const ir::Schema& s = *a.schema;
  ASSERT_EQ(s.views.size(), 2u);
  EXPECT_EQ(s.views[0].name, "v1");
  EXPECT_EQ(s.views[1].sql, "SELECT a FROM t");
  EXPECT_EQ(s.views[1].doc, "V doc");

  ASSERT_EQ(s.triggers.size(), 2u);
  const ir::Trigger& first = s.triggers[0];
  EXPECT_EQ(first.name, "a_t");
  EXPECT_EQ(first.table, "v1");
  EXPECT_EQ(first.timing, ir::TriggerTiming::InsteadOf);
  EXPECT_EQ(first.event, ir::TriggerEvent::Delete);
  EXPECT_TRUE(first.columns.empty());
  EXPECT_FALSE(first.forEachRow);
  EXPECT_EQ(first.when, "");
  EXPECT_EQ(first.body, "begin delete from t; end");
  const ir::Trigger& second = s.triggers[1];
  EXPECT_EQ(second.timing, ir::TriggerTiming::Before);
  EXPECT_EQ(second.event, ir::TriggerEvent::Update);
  EXPECT_EQ(second.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(second.forEachRow);
  EXPECT_EQ(second.when, "NEW.a > 0");

  ASSERT_EQ(s.virtualTables.size(), 2u);
  EXPECT_EQ(s.virtualTables[0].name, "r");
  EXPECT_EQ(s.virtualTables[0].module, "rtree");
  EXPECT_EQ(s.virtualTables[0].args, "");
  EXPECT_EQ(s.virtualTables[1].args, "email, content='t'");
  EXPECT_TRUE(ir::usesSqliteExtras(s));
}

TEST(ObjectsSema, EveryRuleHasItsError) {
  struct Case {
    std::string text;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"view t as sql\"SELECT 1\"", "view 't' conflicts with table 't'"},
      {"enum t2 { a }\nvirtual table t2 using fts5",
       "virtual table 't2' conflicts with enum 't2' (enums, tables, views and virtual tables "
       "share one namespace)"},
      {"view v as sql\"SELECT 1\"\nview v as sql\"SELECT 1\"", "redefinition of view 'v'"},
      {"virtual table v using fts5\nview v as sql\"SELECT 1\"",
       "view 'v' conflicts with virtual table 'v'"},
      {"table u { id int primary; x text unique }\nview u_x_key as sql\"SELECT 1\"",
       "view 'u_x_key' conflicts with index 'u_x_key' (SQLite keeps tables, views and indexes "
       "in one namespace)"},
      {"trigger x after insert on t sql\"BEGIN END\"\ntrigger x after delete on t sql\"BEGIN "
       "END\"",
       "redefinition of trigger 'x'"},
      {"trigger x after insert on tt sql\"BEGIN END\"",
       "unknown table 'tt' in trigger 'x' (did you mean 't'?)"},
      {"trigger x instead of insert on nowhere sql\"BEGIN END\"",
       "unknown view 'nowhere' in trigger 'x'"},
      {"trigger x instead of insert on t sql\"BEGIN END\"",
       "an 'instead of' trigger must be on a view, but 't' is a table (use 'before' or 'after')"},
      {"view v as sql\"SELECT 1\"\ntrigger x after insert on v sql\"BEGIN END\"",
       "an 'after' trigger must be on a table, but 'v' is a view (use 'instead of')"},
      {"virtual table f using fts5\ntrigger x after insert on f sql\"BEGIN END\"",
       "trigger 'x' is on virtual table 'f' (SQLite has no triggers on virtual tables)"},
      {"enum e { a }\ntrigger x after insert on e sql\"BEGIN END\"",
       "trigger 'x' is on enum 'e'; a trigger is on a table or a view"},
      {"trigger x after delete of a on t sql\"BEGIN END\"",
       "'of' columns are only allowed on an 'update' trigger, not on 'delete'"},
      {"trigger x after update of a, zz on t sql\"BEGIN END\"", "unknown column 'zz' in table 't'"},
      {"view v as sql\"\"", "view 'v' has an empty query"},
      {"view v as sql\"SELECT 1;\"",
       "the query of view 'v' ends with ';' (write the statement alone)"},
      {"trigger x after insert on t when sql\"\" sql\"BEGIN END\"",
       "empty 'when' condition in trigger 'x'"},
      {"trigger x after insert on t sql\"SELECT 1\"",
       "the body of trigger 'x' must be 'BEGIN ... END' (as in SQLite)"},
      {"trigger x after insert on t sql\"BEGIN SELECT 1; END;\"",
       "the body of trigger 'x' must be 'BEGIN ... END' (as in SQLite)"},
  };
  for (const Case& c : cases) {
    Analyzed a = analyzeTexts({std::string(kTable) + c.text});
    EXPECT_FALSE(a.schema) << c.text;
    ASSERT_EQ(a.errors.size(), 1u) << c.text << "\n" << a.printed;
    EXPECT_EQ(a.errors[0], c.error) << c.text;
  }
}

TEST(ObjectsSema, TargetsResolveAcrossFilesAndOrder) {
  // The trigger comes first, its view in a later file.
  Analyzed a = analyzeTexts({"trigger x instead of insert on v sql\"BEGIN END\"", kTable,
                             "view v as sql\"SELECT * FROM t\""});
  EXPECT_TRUE(a.schema) << a.printed;
  // A table and an enum declared after a view still clash with it.
  a = analyzeTexts({"view t as sql\"SELECT 1\"", kTable});
  ASSERT_EQ(a.errors.size(), 1u) << a.printed;
  EXPECT_EQ(a.errors[0], "view 't' conflicts with table 't'");
}

// ---- fmt ----

TEST(ObjectsFormat, CanonicalOneLinersThatRoundTrip) {
  const std::string in =
      "view   v   as   sql'SELECT 1'\n"
      "trigger x   after   update   of a,b   on t\n  for each row\n  when sql\"NEW.a<>1\"\n"
      "  sql\"BEGIN SELECT 1; END\"\n"
      "virtual   table f   using fts5\n";
  SourceManager sm;
  DiagEngine diags(sm);
  FileId f = sm.addBuffer("in.schema", in);
  std::optional<std::string> out = formatFile(sm, f, diags);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "view v as sql'SELECT 1'\n"
            "\n"
            "trigger x after update of a, b on t for each row when sql\"NEW.a<>1\" "
            "sql\"BEGIN SELECT 1; END\"\n"
            "\n"
            "virtual table f using fts5\n");
  FileId g = sm.addBuffer("out.schema", *out);
  std::optional<std::string> again = formatFile(sm, g, diags);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *out);
  // Same declarations after formatting (ranges aside).
  DiagEngine d2(sm);
  EXPECT_EQ(ast::dump(parse(sm, f, d2)), ast::dump(parse(sm, g, d2)));
}

TEST(ObjectsFormat, NamesAreQuotedOnlyWhereNeeded) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId f = sm.addBuffer("in.schema",
                          "trigger `on` before insert on `a b` sql\"BEGIN END\"\n"
                          "view view as sql\"SELECT 1\"\n");
  std::optional<std::string> out = formatFile(sm, f, diags);
  ASSERT_TRUE(out);
  EXPECT_EQ(*out,
            "trigger `on` before insert on `a b` sql\"BEGIN END\"\n"
            "\n"
            "view view as sql\"SELECT 1\"\n");
}

}  // namespace
}  // namespace schemac
