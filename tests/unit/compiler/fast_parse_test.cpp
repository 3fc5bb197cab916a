// The fast parser against the ANTLR reference parser: on every schema in the repository and
// on the inputs where the grammar has to decide between readings, both must build the same
// AST (ranges, docs and comments included) and the same warnings, and the fast parser must
// decline whatever the grammar rejects.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "schemac/ast_dump.h"
#include "schemac/parse.h"

namespace schemac {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  bool referenceOk = false;
  bool fastAccepted = false;
  bool same = false;  // only meaningful when both are true
  std::string detail;
};

std::string render(const DiagEngine& diags, const SourceManager& sm) {
  std::string out;
  for (const Diagnostic& d : diags.diagnostics()) out += renderText(d, sm);
  return out;
}

Outcome compare(const std::string& text) {
  SourceManager sm;
  FileId file = sm.addBuffer("input.schema", text);
  DiagEngine refDiags(sm);
  ast::Module reference = parseReference(sm, file, refDiags);
  DiagEngine fastDiags(sm);
  std::optional<ast::Module> fast = parseFast(sm, file, fastDiags);
  Outcome o;
  o.referenceOk = !refDiags.hadErrors();
  if (!o.referenceOk) o.detail = render(refDiags, sm);
  o.fastAccepted = fast.has_value();
  if (fast) {
    std::string refText = render(refDiags, sm);
    std::string fastText = render(fastDiags, sm);
    o.same = *fast == reference && refText == fastText;
    if (!o.same) {
      o.detail = "reference:\n" + ast::dump(reference) + refText + "\nfast:\n" + ast::dump(*fast) +
                 fastText;
      if (ast::dump(reference) == ast::dump(*fast) && refText == fastText) {
        o.detail += "\n(the dumps agree: ranges, docs or comments differ)";
      }
    }
  }
  return o;
}

// Both parse, identically.
void expectSame(const std::string& text) {
  Outcome o = compare(text);
  EXPECT_TRUE(o.referenceOk) << text << "\n" << o.detail;
  EXPECT_TRUE(o.fastAccepted) << text;
  EXPECT_TRUE(o.same) << text << "\n" << o.detail;
}

// Valid, but outside what the fast parser mirrors: it declines and ANTLR parses it.
void expectDeclined(const std::string& text) {
  Outcome o = compare(text);
  EXPECT_TRUE(o.referenceOk) << text;
  EXPECT_FALSE(o.fastAccepted) << text;
}

// The grammar rejects it, and the fast parser declines (so the user sees ANTLR's words).
void expectRejected(const std::string& text) {
  Outcome o = compare(text);
  EXPECT_FALSE(o.referenceOk) << text;
  EXPECT_FALSE(o.fastAccepted) << text;
}

TEST(FastParse, AgreesOnEverySchemaInTheRepository) {
  std::vector<fs::path> files;
  for (const char* dir : {"tests", "examples", "docs"}) {
    fs::path root = fs::path(SCHEMAC_SOURCE_DIR) / dir;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      const fs::path& p = entry.path();
      if (entry.is_regular_file() &&
          (p.extension() == ".schema" || p.parent_path().filename() == "corpus")) {
        files.push_back(p);
      }
    }
  }
  ASSERT_GT(files.size(), 100u);
  int accepted = 0;
  for (const fs::path& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    Outcome o = compare(ss.str());
    if (o.fastAccepted) {
      ++accepted;
      EXPECT_TRUE(o.referenceOk) << p << ": the fast parser accepts what the grammar rejects";
      EXPECT_TRUE(o.same) << p << "\n" << o.detail;
    } else {
      // Valid schemas must take the fast path; declining is only for invalid input.
      EXPECT_FALSE(o.referenceOk) << p << ": valid, but the fast parser declined it";
    }
  }
  EXPECT_GT(accepted, 50);
}

// A deterministic mutation fuzzer in the unit suite (the libFuzzer target does the same
// check open-ended): small edits of the repository's schemas, mostly near-misses of valid
// input, where the two parsers would disagree if the fast one mis-mirrored a decision.
TEST(FastParse, AgreesOnMutatedSchemas) {
  const std::vector<std::string> pieces = {" ",
                                           "\n",
                                           "(",
                                           ")",
                                           ",",
                                           ";",
                                           "{",
                                           "}",
                                           "?",
                                           "`q`",
                                           "1",
                                           "1.5",
                                           "'s'",
                                           "sql\"x\"",
                                           "-",
                                           "not ",
                                           "check ",
                                           "unique ",
                                           "index ",
                                           "primary ",
                                           "default ",
                                           "where ",
                                           "was ",
                                           "on ",
                                           "delete ",
                                           "set ",
                                           "null ",
                                           "and ",
                                           "or ",
                                           "in ",
                                           "between ",
                                           "like ",
                                           "is ",
                                           "=",
                                           "||",
                                           "view v as ",
                                           "trigger ",
                                           "after insert on t ",
                                           "instead of ",
                                           "of a ",
                                           "for each row ",
                                           "when sql\"1\" ",
                                           "virtual table ",
                                           "using fts5 ",
                                           "/// d\n",
                                           "// c\n",
                                           "/* b */",
                                           "x ",
                                           "int ",
                                           "references t(id) ",
                                           "generated (1) ",
                                           "foreign (a) references t(a) ",
                                           "table ",
                                           "enum ",
                                           "stored ",
                                           "desc ",
                                           "f(",
                                           "autoincrement ",
                                           "sqltype \"integer\" ",
                                           "unchecked ",
                                           "(s)",
                                           "collate nocase ",
                                           "unique constraint ",
                                           "nullable_legacy ",
                                           "deferrable initially deferred ",
                                           "without rowid ",
                                           "strict ",
                                           "unnamed ",
                                           "lower(a) "};
  std::vector<std::string> seeds;
  for (const char* dir : {"tests/lit/parse", "tests/lit/fmt", "tests/fuzz/corpus", "examples"}) {
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(SCHEMAC_SOURCE_DIR) / dir)) {
      if (!entry.is_regular_file() || entry.file_size() > 4000) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      seeds.push_back(ss.str());
    }
  }
  ASSERT_GT(seeds.size(), 10u);
  std::uint64_t state = 0x9e3779b97f4a7c15ULL;
  auto next = [&state](std::size_t bound) {  // xorshift64*: the same sequence on every run
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return static_cast<std::size_t>((state * 0x2545f4914f6cdd1dULL) >> 33) % bound;
  };
  int accepted = 0;
  int declined = 0;  // valid, but left to the ANTLR path: costs speed, never correctness
  int total = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = seeds[next(seeds.size())];
    if (text.empty()) continue;
    int edits = 1 + static_cast<int>(next(2));
    for (int e = 0; e < edits; ++e) {
      std::size_t at = next(text.size() + 1);
      switch (next(3)) {
        case 0:
          text.insert(at, pieces[next(pieces.size())]);
          break;
        case 1:
          text.erase(at, 1 + next(12));
          break;
        default: {  // move a slice elsewhere
          std::size_t len = 1 + next(20);
          std::string slice = text.substr(at, len);
          text.erase(at, len);
          text.insert(next(text.size() + 1), slice);
        }
      }
    }
    Outcome o = compare(text);
    ++total;
    if (!o.fastAccepted) {
      declined += o.referenceOk;
      continue;
    }
    ++accepted;
    ASSERT_TRUE(o.referenceOk) << "the fast parser accepts what the grammar rejects:\n" << text;
    ASSERT_TRUE(o.same) << text << "\n" << o.detail;
  }
  // The check is only worth something if many mutants still parse.
  EXPECT_GT(accepted, total / 20);
  std::printf("mutants: %d, accepted by both parsers: %d, valid but declined: %d\n", total,
              accepted, declined);
}

TEST(FastParse, AmbiguousCheckAndUniqueFollowTheGrammar) {
  // Within a line `check (...)` belongs to the column; at the start of a line it is an item.
  expectSame("table t { a int check (a > 0)\n b int }");
  expectSame("table t { a int\n check (a > 0)\n b int }");
  expectSame("table t { a int /* x\n */ check (a > 0) }");
  expectSame("table t { a int check positive (a > 0) }");
  expectSame("table t { a int\n check positive (a > 0) }");
  // `unique`: a modifier, a unique item, or the start of a unique index.
  expectSame("table t { a int unique\n b int }");
  expectSame("table t { a int unique }");
  expectSame("table t { a int unique default 1 }");
  expectSame("table t { a int\n unique (a) }");
  expectSame("table t { a int unique (a) }");
  expectSame("table t { a int unique a_key (a) }");
  expectSame("table t { a int\n unique index i (a) }");
  expectSame("table t { a int\n unique\n b int }");
  expectSame("table t { a int unique\n index i (a) }");
  expectSame("table t { a int primary\n b int }");
  expectSame("table t { a int primary (a) }");
  expectSame("table t { a int\n primary (a) }");
}

TEST(FastParse, IndexWhereAndKeywordNames) {
  expectSame("table t { a int\n index i (a) where a > 1\n b int }");
  expectSame("table t { a int\n index (a desc, b asc) }");
  expectSame("table t { desc int\n index (desc desc) }");
  expectSame("table t { a int\n index i (a)\n where text }");
  // Only the column reading (`where int default 3`) succeeds here; the fast parser tries the
  // where clause first and leaves the input to ANTLR.
  expectDeclined("table t { a int\n index i (a)\n where int default 3 }");
  expectSame("table t { set int\n delete text\n `select` int\n where int? }");
  expectSame("enum e { namespace enum table primary unique default null true now on }");
  expectSame("enum e was f { a was b, c; d was e was f }");
  expectSame("namespace a.b.c\n;\ntable t was u was v { a int was b was c; }");
}

// Every keyword, and words one letter away from one, as names where the grammar allows them
// (the lexer looks keywords up by first letter and length).
TEST(FastParse, KeywordsAndNearKeywordsLexAsTheGrammarDoes) {
  const std::vector<std::string> keywords = {"namespace",  "enum",
                                             "table",      "was",
                                             "primary",    "autoincrement",
                                             "unique",     "default",
                                             "references", "check",
                                             "generated",  "sqltype",
                                             "unchecked",  "stored",
                                             "virtual",    "index",
                                             "where",      "foreign",
                                             "on",         "delete",
                                             "update",     "cascade",
                                             "restrict",   "set",
                                             "no",         "action",
                                             "asc",        "desc",
                                             "and",        "or",
                                             "not",        "is",
                                             "in",         "like",
                                             "between",    "null",
                                             "true",       "false",
                                             "now",        "collate",
                                             "constraint", "deferrable",
                                             "initially",  "nullable_legacy",
                                             "strict",     "without",
                                             "view",       "trigger",
                                             "before",     "after",
                                             "instead",    "of",
                                             "insert",     "for",
                                             "each",       "row",
                                             "when",       "as",
                                             "using"};
  std::string values;
  std::string columns;
  for (const std::string& k : keywords) {
    if (k != "was") values += " " + k;  // enumValueName: every keyword but `was`
    for (std::string near : {k + "x", k.substr(0, k.size() - 1), "x" + k, "_" + k.substr(1)}) {
      if (near.size() < 2 || near == "a" || near == "i" || near == "o" || near == "n") continue;
      columns += "  " + near + " int\n";
      values += " " + near;
    }
    std::string upper = k;
    upper[0] = static_cast<char>(upper[0] - 'a' + 'A');
    values += " " + upper;
  }
  expectSame("enum e {" + values + " }\ntable t {\n  id int primary\n" + columns + "}\n");
}

// Single operands (parsed without the descent) next to every token that continues one.
TEST(FastParse, LoneOperandsAndTheirNeighbours) {
  for (const char* operand :
       {"1", "1.5", "'s'", "sql'x'", "true", "false", "null", "now", "name", "`q n`", "delete"}) {
    for (const char* rest : {"",
                             " + 1",
                             " - 1",
                             " * 2",
                             " / 2",
                             " % 2",
                             " || 'x'",
                             " = 1",
                             " != 1",
                             " < 1",
                             " <= 1",
                             " > 1",
                             " >= 1",
                             " is null",
                             " is not null",
                             " in (1)",
                             " not in (1)",
                             " like 'a'",
                             " not like 'a'",
                             " between 1 and 2",
                             " not between 1 and 2",
                             " and true",
                             " or false"}) {
      std::string e = std::string(operand) + rest;
      expectSame("table t {\n  a int default " + e + " check (" + e + ")\n  b int\n}\n");
      expectSame("table t { a int\n index i (a) where " + e + "\n}");
      expectSame("table t { a int generated (f(" + e + ", " + e + ")) stored }");
    }
  }
  expectSame("table t { a int default name\n  check (a) }");
  expectSame("table t { a int default f(x)\n b int }");
}

// Invalid UTF-8 is reported at its byte, wherever it falls in the 8-byte ASCII steps.
TEST(FastParse, InvalidUtf8IsFoundAtEveryOffset) {
  for (std::size_t at = 0; at < 20; ++at) {
    for (const char* bad : {"\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80"}) {
      std::string text = "/* " + std::string(at, 'x') + bad + " */ table t { a int }";
      SourceManager sm;
      FileId file = sm.addBuffer("input.schema", text);
      DiagEngine diags(sm);
      parse(sm, file, diags);
      ASSERT_EQ(diags.diagnostics().size(), 1u) << at;
      EXPECT_EQ(diags.diagnostics()[0].message, "invalid UTF-8 in source file");
      EXPECT_EQ(diags.diagnostics()[0].range->begin.offset, 3 + at) << at;
    }
  }
  // Valid multi-byte characters across the steps are accepted by both parsers.
  for (std::size_t at = 0; at < 10; ++at) {
    expectSame("/// " + std::string(at, 'x') + "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n" +
               "table t { a int }");
  }
}

// Around the nesting limit (parentheses plus runs of prefix operators, counted by the fast
// lexer as parse.cpp counts them): the fast path accepts exactly what the reference accepts.
TEST(FastParse, NestingLimitMatchesTheReference) {
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  for (int d = 96; d <= 102; ++d) {
    const std::vector<std::string> exprs = {
        std::string(d, '(') + "1" + std::string(d, ')'),
        repeat("-", d) + "1",
        repeat("not ", d) + "true",
        std::string(d / 2, '(') + repeat("-", d / 2) + "1" + std::string(d / 2, ')'),
        repeat("(- ", d / 2) + "1" + std::string(d / 2, ')'),
        "(1) + " + std::string(d, '(') + "1" + std::string(d, ')'),
        "-(1) + " + repeat("-", d) + "1",
    };
    for (const std::string& e : exprs) {
      std::string text = "table t { a int check (" + e + ") }";
      Outcome o = compare(text);
      EXPECT_EQ(o.fastAccepted, o.referenceOk) << d << ": " << e;
      if (o.fastAccepted && o.referenceOk) {
        EXPECT_TRUE(o.same) << d << ": " << e << o.detail;
      }
    }
  }
}

TEST(FastParse, ExpressionsKeepShapeRangesAndQuotes) {
  expectSame(
      "table t {\n"
      "  a int default -(-1) check (a between 1 and 2 and a not between 3 and 4)\n"
      "  b text default 'x\\'y' check (b like \"%a\" or b not like '_' or b is not null)\n"
      "  c text default sql\"datetime('now')\" check (c in ('a', \"b\") and c not in (lower(c)))\n"
      "  d decimal(12, 2) default 1.50 check (d * 2 / 3 % 4 + 1 - 2 >= 0 or 'x' || 'y' = 'xy')\n"
      "  e bool default not not true check (e != false and e = 1 or e <= 1 or e < 2)\n"
      "  f timestamp default now generated (coalesce(a, b, f()) || `c d`) stored\n"
      "  g int? references t(a) on delete set null on update no action\n"
      "  h int references t(a) on update set default on delete cascade\n"
      "}\n");
  expectSame("table t { a int check ((((a)))) }");
  expectSame("table t { a int default sql'x' generated (a) virtual }");
}

TEST(FastParse, TimestampUnitsSqltypeAndUnchecked) {
  expectSame(
      "enum e { a b }\n"
      "table t {\n"
      "  a timestamp(s) sqltype \"integer\" default now\n"
      "  b timestamp(ms)?\n"
      "  c bool unchecked sqltype 'integer'\n"
      "  d e unchecked\n"
      "  e varchar(30) sqltype \"NVARCHAR (120)\" unchecked was f\n"
      "  `sqltype` text sqltype \"text(256)\"\n"
      "  `unchecked` json\n"
      "  unchecked\n"  // a modifier on the next line still belongs to the column
      "}\n");
  // Any word parses as a unit (sema judges it); like every keyword but `was`, both new words
  // may name enum values.
  expectSame("table t { a timestamp(seconds) b int(s) }");
  expectSame("enum e { sqltype unchecked }");
  expectRejected("table t { sqltype int }");
  expectRejected("table t { unchecked int }");
  expectRejected("table t { a text sqltype }");
  expectRejected("table t { a text sqltype integer }");
  expectRejected("table t { a text sqltype sql\"x\" }");
  expectRejected("table t { a timestamp(s, 1) }");
  expectRejected("table t { a timestamp(1, s) }");
  expectRejected("table t { a text sqltype 'bad \\q escape' }");
}

TEST(FastParse, TstypeIsAContextualWord) {
  expectSame("table t { a json tstype \"{ x: number }\" b json? tstype 'string[]' unchecked }");
  expectSame("table t { tstype text\n  a json tstype \"x\"\n  tstype2 int }");
  expectSame("enum tstype { tstype }");
  expectRejected("table t { a json tstype }");
  expectSame("table t { a json tstype x }");  // a column `tstype` of type `x`
  expectRejected("table t { a json tstype 'bad \\q escape' }");
}

TEST(FastParse, SqliteTableConstructsFollowTheGrammar) {
  expectSame(
      "table t was u without rowid strict {\n"
      "  id int primary\n"
      "  a text collate nocase unique constraint\n"
      "  b text? collate `My Coll` primary nullable_legacy\n"
      "  c int references t(id) on delete cascade deferrable initially deferred\n"
      "  d int references t(id) deferrable\n"
      "  e int references t(id) deferrable initially immediate\n"
      "  index ix (lower(a), b collate nocase desc, (c), sql\"x\" asc, a + 1) where c > 0\n"
      "  primary pk (a, b) nullable_legacy\n"
      "  unique constraint (a, b)\n"
      "  unique constraint uq (a)\n"
      "  check unnamed (c > 0)\n"
      "  check `unnamed` (c > 1)\n"
      "  foreign unnamed (d) references t(id) deferrable\n"
      "}\n");
  expectSame("table t strict { a timestamp(text) default now }");
  // The words stay names: at the start of a line each begins a column.
  expectSame(
      "table strict { collate text\n constraint int\n deferrable int\n initially int\n"
      " nullable_legacy int\n without int\n strict int }");
  expectSame("table t { a int\n collate text }");
  expectSame("table t { a int primary\n nullable_legacy int }");
  expectSame("table t { a int references t(a)\n deferrable int }");
  expectSame("table t { a int references t(a) deferrable\n initially int }");
  expectSame("table t { a int unique\n constraint int }");
  expectSame("enum e { collate constraint deferrable initially nullable_legacy strict without }");
  // `unique constraint`: the modifier within a line, else (or before `(`) an item.
  expectSame("table t { a int unique constraint\n b int }");
  expectSame("table t { a int\n unique constraint (a) }");
  expectSame("table t { a int unique constraint (a) }");
  expectSame("table t { a int unique constraint c (a) }");
  expectSame("table t { a int\n b int\n unique constraint (a collate nocase asc, b desc) }");
  expectSame("table t { a int\n unique constraint u (lower(a)) }");  // sema rejects it
  expectSame("table t { a int\n unique\n constraint (a) }");
  expectSame("table t { a int unique `constraint` (a) }");
  // `primary NAME (`: an item even right after a column.
  expectSame("table t { a int primary pk (a) }");
  expectSame("table t { a int primary\n pk int }");
  expectSame("table t { a int\n index (a collate nocase) }");
  expectSame("table t { a int\n index (collate) }");
  expectRejected("table t without { a int }");
  expectRejected("table t without rowdi { a int }");
  expectRejected("table t { a int references t(a) deferrable initially later }");
  expectRejected("table t { a int collate }");
  expectRejected("table t { a int\n unique constraint }");
  // Only `nullable_legacy nullable_legacy` as a column (name and type) parses here: the
  // fast parser takes the marker first and leaves the input to ANTLR.
  expectDeclined("table t { a int\n primary (a) nullable_legacy nullable_legacy }");
}

TEST(FastParse, DocsAndCommentsAttachTheSameWay) {
  expectSame(
      "/// file doc\n"
      "//// not a doc\n"
      "///\n"
      "/// ns\n"
      "namespace n // trailing\n"
      "/* block */ /// enum doc\n"
      "enum e {\n"
      "  /// value doc\r\n"
      "  a /// dangling\n"
      "}\n"
      "/// table doc  \n"
      "table t {\n"
      "  /// column doc\n"
      "  a int // c\n"
      "  /// orphan before an item\n"
      "  primary (a)\n"
      "}\n"
      "/// at the end\n");
  expectSame("///x\ntable t { a int }");
  expectSame("table t { a int }\r\n// crlf\r\n");
}

TEST(FastParse, LexicalEdgeCases) {
  expectSame("table `a``b` { `x y` int default 1.5 check (x < 1) }");
  expectRejected("table t { a int default 12 check (a.b) }");
  expectRejected("table t { a int check (a <> 1) }");
  expectSame("table t { sqlx text default sqlx }");
  expectSame("table t{a int default'x'check(a>0)}");
  expectSame("");
  expectSame("// only a comment");
}

TEST(FastParse, DeclinesWhatTheGrammarRejects) {
  expectRejected("table t { a int check }");
  expectRejected("table t { a int default }");
  expectRejected("table t { a int default 1 = 2 = 3 }");
  expectRejected("table t { a int references u(a, b) }");
  expectRejected("table t { a int references u(a) on delete cascade on delete restrict }");
  expectRejected("table t { a varchar(99999999999) }");
  expectRejected("table t { `` int }");
  expectRejected("table t { a text default 'bad \\q escape' }");
  expectRejected("table t { a text default 'unterminated }");
  expectRejected("table t { a int } /* unterminated");
  expectRejected("table t { a int default 1 | 2 }");
  expectRejected("table t { a int default ! }");
  expectRejected("table t { é int }");
  expectRejected("namespace a namespace b");
  std::string deep = "table t { a int check (";
  for (int i = 0; i < 150; ++i) deep += "(";
  deep += "a";
  for (int i = 0; i < 150; ++i) deep += ")";
  expectRejected(deep + ") }");
  std::string chain = "table t { a int check (a";
  for (int i = 0; i < 300; ++i) chain += " + a";
  expectRejected(chain + " > 0) }");
}

}  // namespace
}  // namespace schemac
