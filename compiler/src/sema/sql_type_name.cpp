#include "sema/sql_type_name.h"

#include <cctype>
#include <string>

namespace schemac::sema {
namespace {

bool isWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// A signed number at `i` ([+-]digits[.digits]); advances `i`, false if there is none.
bool signedNumber(std::string_view s, std::size_t& i) {
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t start = i;
  while (i < s.size() && isDigit(s[i])) ++i;
  if (i == start) return false;
  if (i + 1 < s.size() && s[i] == '.' && isDigit(s[i + 1])) {
    ++i;
    while (i < s.size() && isDigit(s[i])) ++i;
  }
  return true;
}

// Words that would end the type in CREATE TABLE and begin a column constraint
// (`"c" integer primary` is not a type named "integer primary").
constexpr std::string_view kConstraintWords[] = {"constraint", "primary", "not",      "null",
                                                 "unique",     "check",   "default",  "collate",
                                                 "references", "as",      "generated"};

bool isConstraintWord(std::string_view word) {
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view w : kConstraintWords) {
    if (lower == w) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> sqlTypeNameProblem(std::string_view s) {
  if (s.empty()) return "is empty";
  if (s.size() > kMaxSqlTypeLength) {
    return "is longer than " + std::to_string(kMaxSqlTypeLength) + " characters";
  }
  int depth = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return "contains a control character";
    if (c == ';') return "contains ';'";
    if (c == '"' || c == '\'' || c == '`' || c == '[' || c == ']') {
      return std::string("contains a quote character (") + c + ")";
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth < 0) return "has unbalanced parentheses";
  }
  if (depth != 0) return "has unbalanced parentheses";
  const char* expected =
      "is not a type name (expected words separated by single spaces, optionally followed by "
      "'(n)' or '(n, m)', as in 'VARCHAR(30)' or 'DECIMAL(10, 2)')";
  // name (' ' name)*
  std::size_t i = 0;
  for (;;) {
    if (i >= s.size() || !isWordStart(s[i])) return expected;
    std::size_t start = i;
    while (i < s.size() && isWordChar(s[i])) ++i;
    std::string_view word = s.substr(start, i - start);
    if (isConstraintWord(word)) {
      return "contains the SQL keyword '" + std::string(word) +
             "', which would start a column constraint";
    }
    if (i == s.size()) return std::nullopt;
    if (s[i] == ' ' && i + 1 < s.size() && isWordStart(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  // ' '? '(' number (',' ' '? number)? ')'
  if (s[i] == ' ') ++i;
  if (i >= s.size() || s[i] != '(') return expected;
  ++i;
  if (!signedNumber(s, i)) return expected;
  if (i < s.size() && s[i] == ',') {
    ++i;
    if (i < s.size() && s[i] == ' ') ++i;
    if (!signedNumber(s, i)) return expected;
  }
  if (i + 1 != s.size() || s[i] != ')') return expected;
  return std::nullopt;
}

bool isIntegerTypeName(std::string_view text) {
  constexpr std::string_view kInteger = "integer";
  if (text.size() != kInteger.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != kInteger[i]) return false;
  }
  return true;
}

}  // namespace schemac::sema
