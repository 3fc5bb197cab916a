// fmt: golden layout, idempotence, and meaning preserved (same AST dump, same comments) on
// hand-written inputs and on every .schema file of the repository.
#include "schemac/format.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schemac/ast_dump.h"
#include "schemac/parse.h"

namespace schemac {
namespace {

struct Result {
  std::optional<std::string> text;
  std::string ast;
  std::vector<std::string> comments;
  std::string errors;
};

Result formatText(const std::string& source) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId id = sm.addBuffer("in.schema", source);
  Result r;
  ast::Module m = parse(sm, id, diags);
  // fmt writes timestamp(ms), the default unit, as plain `timestamp`: the same meaning.
  for (ast::TableDecl& t : m.tables) {
    for (ast::ColumnDecl& c : t.columns) {
      if (c.type.name.name == "timestamp" && c.type.unit && c.type.unit->name == "ms" &&
          !c.type.unit->backticked) {
        c.type.unit.reset();
      }
    }
  }
  r.ast = ast::dump(m);
  for (const ast::Comment& c : m.comments) r.comments.push_back(c.text);
  r.text = formatFile(sm, id, diags);
  std::ostringstream os;
  diags.print(os);
  r.errors = os.str();
  return r;
}

// fmt(x) parses to the same AST, keeps every comment, and fmt(fmt(x)) == fmt(x).
void expectSound(const std::string& source, const std::string& what) {
  Result first = formatText(source);
  ASSERT_TRUE(first.text) << what << "\n" << first.errors;
  Result second = formatText(*first.text);
  ASSERT_TRUE(second.text) << what << ": formatted text does not parse\n"
                           << second.errors << *first.text;
  EXPECT_EQ(first.ast, second.ast) << what << "\n" << *first.text;
  EXPECT_EQ(*first.text, *second.text) << what << ": not idempotent";
  ASSERT_EQ(first.comments.size(), second.comments.size()) << what;
  for (std::size_t i = 0; i < first.comments.size(); ++i) {
    std::string a = first.comments[i];
    while (!a.empty() && (a.back() == ' ' || a.back() == '\t')) a.pop_back();
    EXPECT_EQ(a, second.comments[i]) << what;
  }
}

TEST(Format, SpecExampleGolden) {
  const char* in = R"(/// LumenR billing schema.
namespace lumenr.db   // C++ namespace

enum invoice_status { draft, sent, paid, void }
/// People who can sign in.
table users {
  id int primary autoincrement
  email text unique check (length(email)>3)
  name text?   // nullable
  role text default "member"; created_at timestamp default now
}


table invoices {
  id int primary autoincrement
  user_id int references users(id) on delete cascade
  amount decimal(12,2) check (amount >= 0)

  unique (user_id, amount)
  index invoices_open (user_id) where amount!=0
}
)";
  const char* want = R"(/// LumenR billing schema.
namespace lumenr.db  // C++ namespace

enum invoice_status { draft sent paid void }

/// People who can sign in.
table users {
  id          int        primary autoincrement
  email       text       unique check (length(email) > 3)
  name        text?  // nullable
  role        text       default "member"
  created_at  timestamp  default now
}

table invoices {
  id       int             primary autoincrement
  user_id  int             references users(id) on delete cascade
  amount   decimal(12, 2)  check (amount >= 0)

  unique (user_id, amount)
  index invoices_open (user_id) where amount != 0
}
)";
  Result r = formatText(in);
  ASSERT_TRUE(r.text) << r.errors;
  EXPECT_EQ(*r.text, want);
  expectSound(in, "spec example");
}

TEST(Format, CommentsEverywhere) {
  const char* in = R"x(// header


namespace   a.b;
enum color {red, green /* g */ ,blue was azure} // colors
table t was old {  // hdr
  `index` int primary autoincrement; name text? default 'x' // trailing
  /// documented
  amount decimal(12,2) default -5 check ((amount >= 0))


  // before unique
  unique(name)
  check pos ( amount  between 1 and 10 )
  f text default sql"datetime('now')" /* inner */
     was g
  // last
}
// the end
)x";
  const char* want = R"x(// header

namespace a.b

enum color {
  red
  green  /* g */
  blue was azure
}  // colors

table t was old {  // hdr
  `index`  int             primary autoincrement
  name     text?           default 'x'  // trailing
  /// documented
  amount   decimal(12, 2)  default -5 check ((amount >= 0))

  // before unique
  unique (name)
  check pos (amount between 1 and 10)
  /* inner */
  f        text            default sql"datetime('now')" was g
  // last
}

// the end
)x";
  Result r = formatText(in);
  ASSERT_TRUE(r.text) << r.errors;
  EXPECT_EQ(*r.text, want);
  expectSound(in, "comments");
}

TEST(Format, ExpressionsKeepTheirMeaning) {
  expectSound(R"x(table t {
  a int check (-(-a) > - -1 and not (a in (1, 2) or a not between 3 and 4))
  b text check (b || 'x' not like "y%" and b is not null and lower(b) = upper(`b`))
  c real generated ((a + 1) * 2 / 3 % 4) stored default 1.5 check (c != 2)
  `where` int check (`where` = 1) was `primary`
  `on` int
  `x y` int
})x",
              "expressions");
}

TEST(Format, EmptyAndLongEnums) {
  std::string longEnum = "enum e {";
  for (int i = 0; i < 30; ++i) longEnum += " value_" + std::to_string(i);
  longEnum += " }\ntable t {}\nenum f {}\n";
  Result r = formatText(longEnum);
  ASSERT_TRUE(r.text);
  EXPECT_NE(r.text->find("enum e {\n  value_0\n"), std::string::npos) << *r.text;
  EXPECT_NE(r.text->find("table t {}\n\nenum f {}\n"), std::string::npos) << *r.text;
  expectSound(longEnum, "enums");
  EXPECT_EQ(*formatText("").text, "");
  EXPECT_EQ(*formatText("// only\n").text, "// only\n");
}

// A `///` comment the parser attaches to nothing (it warns) must stay so: fmt neither moves it
// before something it would document nor drops the separator that made it document nothing.
TEST(Format, StrayDocCommentsStayStray) {
  const char* cases[] = {
      // inside a column, before a modifier (the fuzzer's reproducer)
      "table t {\n  name text\n  /// d\n  was g\n}\n",
      // inside a column elsewhere
      "table t {\n  a /// d\n  int\n  b int\n}\n",
      "table t {\n  a int default /// d\n 1 primary\n  b int\n}\n",
      "table t {\n  a int check (a > /// d\n 0)\n  b int\n}\n",
      "table t {\n  a int primary check (a > /// d\n 0) default 1\n  b int\n}\n",
      "table t {\n  a int check (a > 0) /// d\n  default 1 check (a < 9)\n  b int\n}\n",
      "table t {\n  b int /// d\n  unique\n  index (b)\n}\n",
      "table t {\n  b int /// d\n  unique; index (b)\n}\n",
      "table t {\n  b int /// d\n  unique\n  unique index (b)\n}\n",
      "table t {\n  a /// d1\n  int // p\n  /// d2\n  /// d3\n  primary\n  /// d4\n  was b\n}\n",
      // before `}`, at the end of the file, before table items, twice in a row
      "table t {\n  a int\n  /// d\n}\n",
      "table t {\n  a int /// d\n}\n",
      "table t { /// d\n}\n",
      "table t {}\n/// d\n",
      "table t {} /// d\n",
      "table t {\n  a int\n  /// d\n  index (a)\n  /// e\n  unique (a)\n  /// f\n  check (a > 0)\n"
      "  /// g\n  primary (a)\n  /// h\n  foreign (a) references u(b)\n}\n",
      "table t {\n  a int\n  index (a /// d\n  , b)\n  c int\n}\n",
      "/// a\n/// b\n",
      "table t {\n  a int\n  /// d1\n  /// d2\n}\n",
      // in an enum
      "enum e {\n  a\n  /// d\n}\n",
      "enum e { a /// d\n}\n",
      "enum e { a /// d\n  , b }\n",
      "enum e { a /// d\n  ; b /// e\n  /// f\n , /// g\n c }\n",
      "enum e { a was /// d\n  b, c }\n",
      "enum e { a /// d\n  was b was c, c }\n",
      "enum e /// d\n  { a }\n",
      "enum /// d\n  e was f { a }\n",
      // separators
      "table t {\n  name text /// d\n  ; age int\n}\n",
      "table t {\n  name text /// d\n\n  ;\n\n  age int\n}\n",
      "table t {\n  name text /// d\n  // plain\n  ;; /// e\n  age int\n}\n",
      "table t { /// d\n  ; a int }\n",
      "table t {\n  a int\n  /// d\n  ; b int\n}\n",
      "table t {\n  a int\n  /// d\n  ; index (a)\n}\n",
      "table a {} /// d\n; table b {}\n",
      "table a {}\n\n/// d\n;\ntable b {}\n",
      "/// d\n;table b {}\n",
      "namespace a /// d\n; table t {}\n",
      "enum e { a } /// d\n; enum f { b }\n",
      // declaration headers
      "table /// d\n  t {}\n",
      "table t /// d\n  {}\n",
      "table t /// d\n  { a int }\n",
      "table t /// d\n  was u was v /// e\n { /// f\n a int }\n",
      "/// doc\ntable // p\n t was /// d\n u {}\n",
      "namespace /// d\n  a.b\n",
      "namespace a /// d\n  .b\n",
      "namespace a. /// d\n  b.c\n",
  };
  for (const char* in : cases) expectSound(in, in);
}

TEST(Format, ReservedWordsAreBacktickedAsNames) {
  // pull writes names through formatName: a column named like a modifier word must come back
  // as that column, not as a modifier of the one before.
  for (const char* word : {"sqltype", "unchecked", "generated", "index", "now"}) {
    EXPECT_EQ(formatName(word), std::string("`") + word + "`") << word;
  }
  // The words of the SQLite table constructs, and `unnamed` (`check unnamed (...)`).
  for (const char* word : {"collate", "constraint", "deferrable", "initially", "nullable_legacy",
                           "strict", "without", "unnamed"}) {
    EXPECT_EQ(formatName(word), std::string("`") + word + "`") << word;
  }
  EXPECT_EQ(formatName("rowid"), "rowid");
  EXPECT_EQ(formatName("sql_type"), "sql_type");
  EXPECT_EQ(formatName("timestamp"), "timestamp");
  std::string text = "table t {\n  id int primary\n  " + formatName("unchecked") + " bool\n}\n";
  Result r = formatText(text);
  ASSERT_TRUE(r.text) << r.errors;
  EXPECT_NE(r.ast.find("column \"unchecked\" type \"bool\""), std::string::npos) << r.ast;
}

TEST(Format, SyntaxErrorGivesNothing) {
  Result r = formatText("table t { a }");
  EXPECT_FALSE(r.text);
  EXPECT_NE(r.errors.find("error:"), std::string::npos);
}

TEST(Format, EveryRepositorySchemaIsSound) {
  namespace fs = std::filesystem;
  int count = 0;
  for (const char* dir : {"tests", "examples"}) {
    fs::path root = fs::path(SCHEMAC_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".schema") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      std::string text = ss.str();
      // lit tests mix several files (split-file) and RUN lines; syntax error cases are
      // meant not to parse. Check only the ones that parse.
      SourceManager sm;
      DiagEngine diags(sm);
      parse(sm, sm.addBuffer("x", text), diags);
      if (diags.hadErrors()) continue;
      expectSound(text, entry.path().string());
      ++count;
    }
  }
  EXPECT_GT(count, 0);  // at least the fmt lit tests and the fuzz seeds
}

}  // namespace
}  // namespace schemac
