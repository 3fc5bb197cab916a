#include "schemac/rt/sql_script.h"

#include <sqlite3.h>

#include <cctype>

namespace schemac::rt {
namespace {

bool isSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Skips the string, quoted name or comment starting at `i`; false when none starts there.
// An unterminated one runs to the end of the text (SQLite then reports the statement).
bool skipQuotedOrComment(std::string_view s, std::size_t& i) {
  char c = s[i];
  if (c == '\'' || c == '"' || c == '`' || c == '[') {
    char close = c == '[' ? ']' : c;
    for (std::size_t j = i + 1; j < s.size(); ++j) {
      if (s[j] != close) continue;
      // A doubled quote is an escaped one ('it''s'); brackets have no escape.
      if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
        ++j;
        continue;
      }
      i = j + 1;
      return true;
    }
    i = s.size();
    return true;
  }
  if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
    std::size_t nl = s.find('\n', i);
    i = nl == std::string_view::npos ? s.size() : nl;
    return true;
  }
  if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
    std::size_t end = s.find("*/", i + 2);
    i = end == std::string_view::npos ? s.size() : end + 2;
    return true;
  }
  return false;
}

// True when the text holds nothing but whitespace, comments and semicolons.
bool onlyComments(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (isSpace(s[i]) || s[i] == ';') {
      ++i;
      continue;
    }
    std::size_t before = i;
    if (s[i] == '\'' || s[i] == '"' || s[i] == '`' || s[i] == '[') return false;
    if (!skipQuotedOrComment(s, i) || i == before) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Whether `text` (a statement so far) is complete as SQLite sees it; `withSemicolon` asks
// whether it would be if a ';' followed.
bool complete(std::string_view text, bool withSemicolon) {
  std::string copy(text);
  if (withSemicolon) copy += "\n;";
  return sqlite3_complete(copy.c_str()) != 0;
}

// Whether the line starting at `pos` is a breakpoint line (spaces and a '\r' around allowed).
bool breakpointLineAt(std::string_view s, std::size_t pos, std::size_t* lineEnd) {
  std::size_t nl = s.find('\n', pos);
  std::size_t end = nl == std::string_view::npos ? s.size() : nl;
  if (trim(s.substr(pos, end - pos)) != kStatementBreakpoint) return false;
  *lineEnd = end;
  return true;
}

}  // namespace

std::vector<std::string> splitScript(std::string_view script, bool breakpoints) {
  std::vector<std::string> out;
  std::size_t start = 0;
  auto emit = [&](std::size_t end) {
    std::string_view piece = script.substr(start, end - start);
    if (!onlyComments(piece)) out.emplace_back(trim(piece));
  };
  std::size_t i = 0;
  bool lineStart = true;
  while (i < script.size()) {
    char c = script[i];
    if (lineStart && breakpoints) {
      std::size_t pos = i;
      while (pos < script.size() && (script[pos] == ' ' || script[pos] == '\t')) ++pos;
      std::size_t lineEnd = 0;
      if (pos < script.size() && script[pos] == '-' && breakpointLineAt(script, i, &lineEnd) &&
          complete(script.substr(start, i - start), true)) {
        emit(i);
        start = lineEnd;
        i = lineEnd;
        continue;
      }
    }
    lineStart = false;
    if (c == '\n') {
      lineStart = true;
      ++i;
      continue;
    }
    std::size_t before = i;
    if (skipQuotedOrComment(script, i)) {
      // A line comment stops at its newline, which the next turn sees as a line start.
      if (i == before) ++i;
      continue;
    }
    if (c == ';') {
      if (complete(script.substr(start, i + 1 - start), false)) {
        emit(i);
        start = i + 1;
      }
    }
    ++i;
  }
  emit(script.size());
  return out;
}

}  // namespace schemac::rt
