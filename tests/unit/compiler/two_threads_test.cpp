// The compiler's two-thread paths give exactly what one thread gives: the fast parser cut in
// two halves at every possible place, the sema passes and the lowering over two halves of the
// tables (diagnostics in the same order, with the same counts), and the bump chunks the helper
// thread allocates from.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/helper_thread.h"
#include "parse/fast_parser.h"
#include "schemac/compile.h"
#include "schemac/ir_json.h"
#include "schemac/parse.h"
#include "schemac/support/bump_heap.h"

namespace schemac {
namespace {

namespace fs = std::filesystem;

// One table of the benchmark's shape, with the constructs that matter next to a cut.
std::string table(int i) {
  std::string n = std::to_string(i), parent = std::to_string(i / 2);
  return "/// Table " + n + ".\ntable t" + n + " {\n  id int primary autoincrement\n" +
         "  parent_id int? references t" + parent + "(id) on delete set null\n" +
         "  name text check (length(name) > 0)\n" +
         "  amount decimal(12, 2) default 0.00 check (amount >= -1)\n" +
         "  status state default active\n  created_at timestamp default now\n\n" +
         "  unique (name)\n  index t" + n + "_by_parent (parent_id, created_at desc) where " +
         "amount > 0\n}\n";
}

// Declarations of every kind, with comments, blank lines and `;` between them, and `}` lines
// inside a block comment (a cut there must not be used).
std::string mixedSchema(int tables) {
  std::string s = "/// The schema.\nnamespace bench.two\n\nenum state {\n  active\n  archived\n}\n";
  for (int i = 0; i < tables; ++i) {
    s += table(i);
    switch (i % 7) {
      case 0:
        s += "// a line comment after a table\n";
        break;
      case 1:
        s += "/* a block comment\n}\n with a brace line */\n";
        break;
      case 2:
        s += ";\n\nenum kind" + std::to_string(i) + " { a b\n}\n";
        break;
      case 3:
        s +=
            "view v" + std::to_string(i) + " as sql\"SELECT id FROM t" + std::to_string(i) + "\"\n";
        break;
      case 4:
        s += "trigger tr" + std::to_string(i) + " after delete on t" + std::to_string(i) +
             " for each row sql\"BEGIN SELECT 1; END\"\n";
        break;
      case 5:
        s += "virtual table fts" + std::to_string(i) + " using fts5 sql\"name\"\n";
        break;
      default:
        s += "\n\n";
    }
  }
  return s;
}

// Every place fastParseInHalves may cut `text` (the start of the line after a lone `}`).
std::vector<std::size_t> cuts(const std::string& text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; (i = text.find("\n}\n", i)) != std::string::npos; ++i) out.push_back(i);
  return out;
}

// Cut at every place: whatever the halves give must be what one go gives; returns how many
// cuts were used.
int checkEveryCut(const std::string& text, const std::string& what) {
  std::optional<syntax::FastParseResult> whole = syntax::fastParseInOneGo(0, text);
  int used = 0;
  for (std::size_t at : cuts(text)) {
    std::optional<syntax::FastParseResult> halves = syntax::fastParseInHalves(0, text, at);
    if (!halves) continue;
    ++used;
    EXPECT_TRUE(whole.has_value())
        << what << ": the halves accepted what one go declines, cut " << at;
    if (!whole) continue;
    EXPECT_TRUE(halves->module == whole->module) << what << ": cut at " << at;
    EXPECT_EQ(halves->unusedDocs, whole->unusedDocs) << what << ": cut at " << at;
  }
  return used;
}

TEST(TwoThreads, ParseInHalvesEqualsOneGoAtEveryCut) {
  std::string text = mixedSchema(40);
  ASSERT_TRUE(syntax::fastParseInOneGo(0, text).has_value());
  int used = checkEveryCut(text, "mixed");
  // Every table end but those followed by a block comment's brace line can be cut at.
  EXPECT_GE(used, 40);
  EXPECT_LT(static_cast<std::size_t>(used), cuts(text).size());
}

TEST(TwoThreads, ParseInHalvesDeclinesWhatOneGoDeclines) {
  std::string base = mixedSchema(12);
  std::vector<std::pair<std::string, std::string>> variants = {
      // a syntax error before and after every cut
      {"error first", "table x { a int (( }\n" + base},
      {"error last", base + "table x { a int (( }\n"},
      // a parenthesis open across a `}` line
      {"open paren", base + "table y {\n  a int check (a >\n}\n" + base},
      // a namespace after declarations (only the first line may hold one)
      {"late namespace", base + "namespace late\n" + base},
      // an unterminated block comment and a stray character in the second half
      {"open comment", base + "/* never closed\n}\n"},
      {"stray", base + "table z {\n  a int\n}\n#\n"},
      // a doc comment that documents nothing right before a cut, and at the end
      {"dangling doc", "table d {\n  a int\n  /// nothing\n}\n" + base + "/// at the end\n"},
  };
  for (const auto& [what, text] : variants) checkEveryCut(text, what);
}

TEST(TwoThreads, ParseInHalvesOnEverySchemaInTheRepository) {
  int files = 0;
  for (const char* dir : {"tests", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SCHEMAC_SOURCE_DIR) / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".schema") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      checkEveryCut(ss.str(), entry.path().string());
      ++files;
    }
  }
  EXPECT_GT(files, 100);
}

// compileFiles with the sema passes and the lowering on one thread or two.
struct Compiled {
  std::string ir;
  std::vector<Diagnostic> diags;
  std::size_t errors = 0, warnings = 0;
};

Compiled compileWith(const std::string& path, std::size_t minTables) {
  std::size_t before = gMinTablesForHelper.exchange(minTables);
  SourceManager sm;
  DiagEngine diags(sm);
  std::optional<ir::Schema> schema = compileFiles({path}, sm, diags);
  gMinTablesForHelper = before;
  Compiled out;
  if (schema) out.ir = ir::toCanonicalJson(*schema);
  out.diags = diags.diagnostics();
  out.errors = diags.errorCount();
  out.warnings = diags.warningCount();
  return out;
}

void expectSame(const Compiled& a, const Compiled& b, const std::string& what) {
  EXPECT_EQ(a.ir, b.ir) << what;
  EXPECT_EQ(a.errors, b.errors) << what;
  EXPECT_EQ(a.warnings, b.warnings) << what;
  ASSERT_EQ(a.diags.size(), b.diags.size()) << what;
  for (std::size_t i = 0; i < a.diags.size(); ++i) {
    const Diagnostic &x = a.diags[i], &y = b.diags[i];
    EXPECT_TRUE(x.severity == y.severity && x.range == y.range && x.message == y.message)
        << what << ": diagnostic " << i << ": " << x.message << " / " << y.message;
    ASSERT_EQ(x.notes.size(), y.notes.size()) << what << ": diagnostic " << i;
    for (std::size_t k = 0; k < x.notes.size(); ++k) {
      EXPECT_TRUE(x.notes[k].range == y.notes[k].range && x.notes[k].message == y.notes[k].message)
          << what << ": note of diagnostic " << i;
    }
  }
}

constexpr std::size_t kNever = std::numeric_limits<std::size_t>::max();

TEST(TwoThreads, SemaInHalvesEqualsOneThreadOnEverySchemaInTheRepository) {
  // A threshold of 1 sends every schema through the two-thread passes, whatever its size.
  int files = 0;
  for (const char* dir : {"tests", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SCHEMAC_SOURCE_DIR) / dir)) {
      if (!entry.is_regular_file() || entry.path().extension() != ".schema") continue;
      std::string path = entry.path().string();
      expectSame(compileWith(path, 1), compileWith(path, kNever), path);
      ++files;
    }
  }
  EXPECT_GT(files, 100);
}

TEST(TwoThreads, SemaInHalvesKeepsTheOrderOfManyErrors) {
  fs::path path = fs::temp_directory_path() /
                  ("schemac_two_threads_" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".schema");
  // Errors of several passes in both halves.
  std::string text = "enum state { active archived }\n";
  for (int i = 0; i < 400; ++i) {
    std::string t = table(i);
    if (i % 3 == 0) t.replace(t.find("length(name)"), 12, "length(nosuch)");
    if (i % 5 == 0) t.replace(t.find("references t"), 12, "references nosuch_t");
    if (i % 7 == 0) t.replace(t.find("default active"), 14, "default 'nope'");
    if (i % 11 == 0) t.replace(t.find("created_at timestamp"), 20, "created_at nosuchtype");
    if (i % 13 == 0) t.replace(t.find("unique (name)"), 13, "unique (nosuchcol)");
    if (i % 17 == 0) t.replace(t.find("  name text"), 11, "  name text primary");
    if (i % 19 == 0) t.replace(t.find("  created_at"), 0, "  amount int\n");  // duplicate
    text += t;
  }
  std::ofstream(path) << text;
  Compiled two = compileWith(path.string(), 64), one = compileWith(path.string(), kNever);
  EXPECT_GT(one.errors, 300u);
  expectSame(two, one, "400 tables with errors");
  // The first table's name again: a clash of names, which the symbols pass reports before
  // the duplicate columns of later tables (it then collects in one pass).
  text += table(400);
  text.replace(text.rfind("table t400"), 10, "table t0  ");
  std::ofstream(path) << text;
  two = compileWith(path.string(), 64), one = compileWith(path.string(), kNever);
  fs::remove(path);
  expectSame(two, one, "400 tables with errors and a clash");
}

TEST(TwoThreads, DiagEngineAppendKeepsOrderAndCounts) {
  SourceManager sm;
  DiagEngine a(sm), b(sm);
  a.error({{0, 1}, {0, 2}}, "first");
  for (std::size_t i = 0; i < DiagEngine::kMaxKept + 5; ++i) b.error({{0, 3}, {0, 4}}, "more");
  b.warning({{0, 5}, {0, 6}}, "late warning");  // past the cap: counted, not kept
  a.append(std::move(b));
  EXPECT_EQ(a.errorCount(), DiagEngine::kMaxKept + 6);
  EXPECT_EQ(a.warningCount(), 1u);
  ASSERT_EQ(a.diagnostics().size(), DiagEngine::kMaxKept);
  EXPECT_EQ(a.diagnostics()[0].message, "first");
  EXPECT_EQ(a.diagnostics()[1].message, "more");
}

TEST(TwoThreads, BumpChunksAreAlignedDistinctAndOwned) {
  ASSERT_TRUE(support::bump::install());
  std::set<void*> seen;
  int local = 0;
  {
    support::bump::Scope scope;
    EXPECT_EQ(support::bump::tryAllocate(std::size_t{3} << 20), nullptr)
        << "more than a chunk is left to malloc";
    for (std::size_t n : {0, 1, 15, 16, 17, 1000, 100000}) {
      void* p = support::bump::tryAllocate(n);
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u);
      EXPECT_TRUE(support::bump::owns(p));
      EXPECT_TRUE(seen.insert(p).second);
    }
    // A chunk's worth and more: the next chunk follows.
    for (int i = 0; i < 40; ++i) {
      void* p = support::bump::tryAllocate(100000);
      ASSERT_NE(p, nullptr);
      EXPECT_TRUE(seen.insert(p).second);
    }
  }
  EXPECT_EQ(support::bump::tryAllocate(16), nullptr) << "no scope, no bump";
  EXPECT_FALSE(support::bump::owns(&local));
  EXPECT_FALSE(support::bump::owns(nullptr));
}

}  // namespace
}  // namespace schemac
