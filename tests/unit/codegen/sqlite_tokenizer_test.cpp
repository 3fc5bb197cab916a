#include "schemac/codegen/sqlite_tokenizer.h"

#include <gtest/gtest.h>

namespace schemac {
namespace {

namespace sq = codegen::sqlite;
using sq::TokenKind;

std::string kinds(std::string_view sql) {
  std::string out;
  for (const sq::Token& t : sq::tokenize(sql)) {
    static const char* kNames[] = {"W", "Q", "S", "B", "N", "V", "P", "L", "C", "?"};
    out += std::string(kNames[static_cast<int>(t.kind)]) + "[" + std::string(t.text) + "] ";
  }
  return out;
}

TEST(SqliteTokenizer, Kinds) {
  EXPECT_EQ(
      kinds("CREATE TABLE \"a\"\"b\" (`c` [d e], 'it''s', x'0F', 1.5e3, .5, 0x1f, ?1, :n)"),
      "W[CREATE] W[TABLE] Q[\"a\"\"b\"] P[(] Q[`c`] Q[[d e]] P[,] S['it''s'] P[,] B[x'0F'] P[,] "
      "N[1.5e3] P[,] N[.5] P[,] N[0x1f] P[,] V[?1] P[,] V[:n] P[)] ");
  EXPECT_EQ(kinds("a||b<=c>=d<>e!=f==g->>h -- done\n/* block */x"),
            "W[a] P[||] W[b] P[<=] W[c] P[>=] W[d] P[<>] W[e] P[!=] W[f] P[==] W[g] P[->>] W[h] "
            "L[-- done] C[/* block */] W[x] ");
  EXPECT_EQ(kinds("'unterminated"), "?['unterminated] ");
  EXPECT_EQ(kinds("/* open"), "C[/* open] ");
  EXPECT_EQ(kinds("größe #"), "W[größe] ?[#] ");
}

TEST(SqliteTokenizer, Values) {
  auto toks = sq::tokenize("\"a\"\"b\" `c``d` [e\"f] 'it''s' plain");
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(toks[0].identValue(), "a\"b");
  EXPECT_EQ(toks[1].identValue(), "c`d");
  EXPECT_EQ(toks[2].identValue(), "e\"f");
  EXPECT_EQ(toks[3].stringValue(), "it's");
  EXPECT_EQ(toks[3].identValue(), "it's");
  EXPECT_EQ(toks[4].identValue(), "plain");
  EXPECT_TRUE(toks[4].isWord("PLAIN"));
  EXPECT_FALSE(toks[0].isWord("A\"B"));
}

TEST(SqliteTokenizer, Literals) {
  for (const char* s :
       {"1", "-1", "+2.5", "'x'", "'it''s'", "NULL", "null", "x'00'", " -- c\n 7 "}) {
    EXPECT_TRUE(sq::isPlainLiteral(s)) << s;
  }
  for (const char* s :
       {"", "1 + 1", "(1)", "lower('x')", "- -1", "CURRENT_TIMESTAMP", "\"x\"", "'a' 'b'"}) {
    EXPECT_FALSE(sq::isPlainLiteral(s)) << s;
  }
  EXPECT_TRUE(sq::isBlankOrComment("  -- a\n /* b */ \n"));
}

// isPlainLiteral decides common defaults without tokenizing: every short string over the
// characters that matter answers as the tokens say.
TEST(SqliteTokenizer, PlainLiteralShortcutAgreesWithTheTokens) {
  auto byTokens = [](std::string_view s) {
    std::vector<sq::Token> toks;
    for (const sq::Token& t : sq::tokenize(s)) {
      if (!t.isComment()) toks.push_back(t);
    }
    if (toks.size() == 1) {
      return toks[0].kind == sq::TokenKind::String || toks[0].kind == sq::TokenKind::Blob ||
             toks[0].kind == sq::TokenKind::Number || toks[0].isWord("NULL");
    }
    return toks.size() == 2 && (toks[0].isPunct("-") || toks[0].isPunct("+")) &&
           toks[1].kind == sq::TokenKind::Number;
  };
  const std::string alphabet = "'0.-+ xe9";
  std::vector<std::string> all{""};
  for (int len = 1; len <= 5; ++len) {
    std::vector<std::string> longer;
    for (const std::string& s : all) {
      if (s.size() + 1 != static_cast<std::size_t>(len)) continue;
      for (char c : alphabet) longer.push_back(s + c);
    }
    all.insert(all.end(), longer.begin(), longer.end());
  }
  for (const std::string& s : all) EXPECT_EQ(sq::isPlainLiteral(s), byTokens(s)) << s;
  EXPECT_FALSE(sq::isBlankOrComment("-- a\nSELECT 1"));
}

}  // namespace
}  // namespace schemac
