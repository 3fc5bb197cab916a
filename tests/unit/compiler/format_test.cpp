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
