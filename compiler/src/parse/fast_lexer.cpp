#include "parse/fast_lexer.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <iterator>
#include <string>
#include <utility>

namespace schemac::syntax {
namespace {

struct Keyword {
  std::string_view text;
  Tok kind;
};

constexpr Keyword kKeywords[] = {
    {"namespace", Tok::Namespace},
    {"enum", Tok::Enum},
    {"table", Tok::Table},
    {"was", Tok::Was},
    {"primary", Tok::Primary},
    {"autoincrement", Tok::Autoincrement},
    {"unique", Tok::Unique},
    {"default", Tok::Default},
    {"references", Tok::References},
    {"check", Tok::Check},
    {"generated", Tok::Generated},
    {"sqltype", Tok::Sqltype},
    {"unchecked", Tok::Unchecked},
    {"stored", Tok::Stored},
    {"virtual", Tok::Virtual},
    {"index", Tok::Index},
    {"where", Tok::Where},
    {"foreign", Tok::Foreign},
    {"on", Tok::On},
    {"delete", Tok::Delete},
    {"update", Tok::Update},
    {"cascade", Tok::Cascade},
    {"restrict", Tok::Restrict},
    {"set", Tok::Set},
    {"no", Tok::No},
    {"action", Tok::Action},
    {"asc", Tok::Asc},
    {"desc", Tok::Desc},
    {"and", Tok::And},
    {"or", Tok::Or},
    {"not", Tok::Not},
    {"is", Tok::Is},
    {"in", Tok::In},
    {"like", Tok::Like},
    {"between", Tok::Between},
    {"null", Tok::Null},
    {"true", Tok::True},
    {"false", Tok::False},
    {"now", Tok::Now},
    // SQLite table constructs
    {"collate", Tok::Collate},
    {"constraint", Tok::Constraint},
    {"deferrable", Tok::Deferrable},
    {"initially", Tok::Initially},
    {"nullable_legacy", Tok::NullableLegacy},
    {"strict", Tok::Strict},
    {"without", Tok::Without},
    // views, triggers, virtual tables
    {"view", Tok::View},
    {"trigger", Tok::Trigger},
    {"before", Tok::Before},
    {"after", Tok::After},
    {"instead", Tok::Instead},
    {"of", Tok::Of},
    {"insert", Tok::Insert},
    {"for", Tok::For},
    {"each", Tok::Each},
    {"row", Tok::Row},
    {"when", Tok::When},
    {"as", Tok::As},
    {"using", Tok::Using},
};

// Keywords grouped by first letter ('a'..'w'), so a word is compared with a handful of
// candidates, not all of them (a linear scan over the table was most of the lexer's time).
struct KeywordIndex {
  std::array<std::uint8_t, 24> begin{};  // kKeywords positions sorted by first letter
  std::array<std::uint8_t, 24> end{};
  std::array<std::uint8_t, std::size(kKeywords)> order{};
};

constexpr KeywordIndex makeKeywordIndex() {
  KeywordIndex ix;
  std::size_t n = 0;
  for (char c = 'a'; c <= 'w'; ++c) {
    ix.begin[c - 'a'] = static_cast<std::uint8_t>(n);
    for (std::size_t k = 0; k < std::size(kKeywords); ++k) {
      if (kKeywords[k].text[0] == c) ix.order[n++] = static_cast<std::uint8_t>(k);
    }
    ix.end[c - 'a'] = static_cast<std::uint8_t>(n);
  }
  return ix;
}

constexpr KeywordIndex kKeywordIndex = makeKeywordIndex();
static_assert(kKeywordIndex.end['w' - 'a'] == std::size(kKeywords),
              "every keyword starts with a letter from 'a' to 'w'");

Tok keywordOrIdent(std::string_view word) {
  // Keywords are 2 to 15 lowercase letters (or '_'); anything else is an identifier at once.
  if (word.size() < 2 || word.size() > 15 || word[0] < 'a' || word[0] > 'w') return Tok::Ident;
  const std::size_t letter = static_cast<std::size_t>(word[0] - 'a');
  for (std::size_t i = kKeywordIndex.begin[letter]; i < kKeywordIndex.end[letter]; ++i) {
    const Keyword& k = kKeywords[kKeywordIndex.order[i]];
    if (k.text.size() != word.size()) continue;
    // A byte loop: words are short and usually differ early, a memcmp call costs more.
    std::size_t j = 1;
    while (j < word.size() && k.text[j] == word[j]) ++j;
    if (j == word.size()) return k.kind;
  }
  return Tok::Ident;
}

constexpr bool isIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// One lookup per character in the loops that scan names (most of a schema's bytes).
constexpr std::array<bool, 256> kIdentChar = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) {
    t[c] = isIdentStart(static_cast<unsigned char>(c)) || (c >= '0' && c <= '9');
  }
  return t;
}();
constexpr bool isIdentChar(unsigned char c) { return kIdentChar[c]; }
constexpr bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Index just past a string literal starting with the quote at `i`, or 0 if unterminated.
std::size_t scanString(std::string_view s, std::size_t i) {
  char quote = s[i];
  for (++i; i < s.size(); ++i) {
    char c = s[i];
    if (c == quote) return i + 1;
    if (c == '\r' || c == '\n') return 0;
    if (c == '\\') {
      if (i + 1 >= s.size() || s[i + 1] == '\r' || s[i + 1] == '\n') return 0;
      ++i;
    }
  }
  return 0;
}

}  // namespace

bool isName(Tok t) {
  switch (t) {
    case Tok::Ident:
    case Tok::Quoted:
    case Tok::Namespace:
    case Tok::Enum:
    case Tok::Table:
    case Tok::Stored:
    case Tok::Virtual:
    case Tok::Where:
    case Tok::Delete:
    case Tok::Update:
    case Tok::Cascade:
    case Tok::Restrict:
    case Tok::Set:
    case Tok::No:
    case Tok::Action:
    case Tok::Asc:
    case Tok::Desc:
    case Tok::Collate:
    case Tok::Constraint:
    case Tok::Deferrable:
    case Tok::Initially:
    case Tok::NullableLegacy:
    case Tok::Strict:
    case Tok::Without:
    // views, triggers, virtual tables
    case Tok::View:
    case Tok::Trigger:
    case Tok::Before:
    case Tok::After:
    case Tok::Instead:
    case Tok::Of:
    case Tok::Insert:
    case Tok::For:
    case Tok::Each:
    case Tok::Row:
    case Tok::When:
    case Tok::As:
    case Tok::Using:
      return true;
    default:
      return false;
  }
}

bool isEnumValueName(Tok t) {
  return isName(t) || (t >= Tok::Namespace && t <= Tok::Now && t != Tok::Was);
}

bool fastLex(std::string_view s, int maxNesting, LexedFile& out) {
  LexStop stop;
  return fastLexPart(s, LexPart{}, maxNesting, out, stop);
}

bool fastLexPart(std::string_view s, LexPart part, int maxNesting, LexedFile& out, LexStop& stop) {
  out.tokens.clear();
  out.comments.clear();
  const std::size_t n = s.size();
  out.tokens.reserve((std::min(part.stopAt, n) - std::min(part.begin, n)) / 4 + part.lookahead + 1);
  std::size_t i = part.begin;
  bool newline = true;  // a line break since the previous token (true before the first)
  std::uint32_t docStart = 0;
  int parens = 0;
  int prefixRun = 0;
  std::size_t lastEnd = i;                               // end of the last token or comment
  std::size_t stopAfter = static_cast<std::size_t>(-1);  // token count to stop at

  auto push = [&](Tok kind, std::size_t begin, std::size_t end) {
    const auto docEnd = static_cast<std::uint32_t>(out.comments.size());
    out.tokens.push_back({kind, newline, static_cast<std::uint32_t>(begin),
                          static_cast<std::uint32_t>(end), docStart, docEnd});
    lastEnd = end;
    newline = false;
    docStart = docEnd;
    // parens + prefixRun <= maxNesting held after the previous token; only `(` and a prefix
    // operator can raise the sum, every other token leaves it or lowers it.
    if (kind == Tok::Minus || kind == Tok::Not) return parens + ++prefixRun <= maxNesting;
    prefixRun = 0;
    if (kind == Tok::LParen) return ++parens <= maxNesting;
    if (kind == Tok::RParen && parens > 0) --parens;
    return true;
  };
  auto comment = [&](LexedComment::Kind kind, std::size_t begin, std::size_t end) {
    out.comments.push_back(
        {kind, static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
    lastEnd = end;
  };

  while (i < n) {
    if (i >= part.stopAt) [[unlikely]] {
      if (!stop.reached) {
        stop.reached = true;
        stop.token = static_cast<std::uint32_t>(out.tokens.size());
        stop.comment = static_cast<std::uint32_t>(out.comments.size());
        stop.clean = lastEnd <= part.stopAt && parens == 0 && prefixRun == 0 &&
                     docStart == out.comments.size() && part.stopAt > 0 &&
                     s[part.stopAt - 1] == '\n';
        stopAfter = out.tokens.size() + part.lookahead;
      }
      if (out.tokens.size() >= stopAfter) {
        out.tokens.push_back({Tok::Eof, newline, static_cast<std::uint32_t>(i),
                              static_cast<std::uint32_t>(i), docStart, docStart});
        return true;
      }
    }
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const unsigned char next = i + 1 < n ? static_cast<unsigned char>(s[i + 1]) : 0;
    std::size_t start = i;
    Tok kind;
    switch (c) {
      case '\n':
        newline = true;
        [[fallthrough]];
      case ' ':
      case '\t':
      case '\r':
      case '\f':
        // Columns are aligned with runs of spaces: skip a run in one go.
        ++i;
        while (i < n && (s[i] == ' ' || s[i] == '\t')) ++i;
        continue;
      case '/':
        if (next == '/') {
          std::size_t end = i + 2;
          while (end < n && s[end] != '\n' && s[end] != '\r') ++end;
          // `///` then anything but a fourth slash is a doc comment; `////` is a plain one.
          bool doc = i + 2 < n && s[i + 2] == '/' && !(i + 3 < n && s[i + 3] == '/');
          comment(doc ? LexedComment::Kind::Doc : LexedComment::Kind::Line, i, end);
          i = end;
          continue;
        }
        if (next == '*') {
          std::size_t close = s.find("*/", i + 2);
          if (close == std::string_view::npos) return false;
          std::size_t end = close + 2;
          for (std::size_t k = i; k < end; ++k) {
            if (s[k] == '\n') newline = true;
          }
          comment(LexedComment::Kind::Block, i, end);
          i = end;
          continue;
        }
        kind = Tok::Slash;
        ++i;
        break;
      case '{':
        kind = Tok::LBrace, ++i;
        break;
      case '}':
        kind = Tok::RBrace, ++i;
        break;
      case '(':
        kind = Tok::LParen, ++i;
        break;
      case ')':
        kind = Tok::RParen, ++i;
        break;
      case ',':
        kind = Tok::Comma, ++i;
        break;
      case ';':
        kind = Tok::Semi, ++i;
        break;
      case '.':
        kind = Tok::Dot, ++i;
        break;
      case '?':
        kind = Tok::Question, ++i;
        break;
      case '+':
        kind = Tok::Plus, ++i;
        break;
      case '-':
        kind = Tok::Minus, ++i;
        break;
      case '*':
        kind = Tok::Star, ++i;
        break;
      case '%':
        kind = Tok::Percent, ++i;
        break;
      case '=':
        kind = Tok::Eq, ++i;
        break;
      case '|':
        if (next != '|') return false;
        kind = Tok::Concat, i += 2;
        break;
      case '!':
        if (next != '=') return false;
        kind = Tok::Neq, i += 2;
        break;
      case '<':
        if (next == '=') {
          kind = Tok::Le, i += 2;
        } else {
          kind = Tok::Lt, ++i;
        }
        break;
      case '>':
        if (next == '=') {
          kind = Tok::Ge, i += 2;
        } else {
          kind = Tok::Gt, ++i;
        }
        break;
      case '"':
      case '\'':
        i = scanString(s, i);
        if (i == 0) return false;
        kind = Tok::String;
        break;
      case '`':
        for (++i;; ++i) {
          if (i >= n || s[i] == '\r' || s[i] == '\n') return false;
          if (s[i] == '`') {
            if (i + 1 < n && s[i + 1] == '`') {
              ++i;  // a doubled backtick stands for one
              continue;
            }
            break;
          }
        }
        ++i;
        kind = Tok::Quoted;
        break;
      default:
        if (isDigit(c)) {
          while (i < n && isDigit(static_cast<unsigned char>(s[i]))) ++i;
          kind = Tok::Int;
          if (i + 1 < n && s[i] == '.' && isDigit(static_cast<unsigned char>(s[i + 1]))) {
            i += 2;
            while (i < n && isDigit(static_cast<unsigned char>(s[i]))) ++i;
            kind = Tok::Decimal;
          }
          break;
        }
        if (isIdentStart(c)) {
          while (i < n && isIdentChar(static_cast<unsigned char>(s[i]))) ++i;
          std::string_view word = s.substr(start, i - start);
          if (word == "sql" && i < n && (s[i] == '"' || s[i] == '\'')) {
            i = scanString(s, i);
            if (i == 0) return false;
            kind = Tok::RawSql;
          } else {
            kind = keywordOrIdent(word);
          }
          break;
        }
        return false;  // a character no token starts with (the slow path names it)
    }
    if (!push(kind, start, i)) return false;
  }
  if (!stop.reached && part.stopAt <= n) {
    // The file ends at stopAt (or in the whitespace after it): nothing for a second part.
    stop.reached = true;
    stop.token = static_cast<std::uint32_t>(out.tokens.size());
    stop.comment = static_cast<std::uint32_t>(out.comments.size());
  }
  push(Tok::Eof, n, n);
  return true;
}

}  // namespace schemac::syntax
