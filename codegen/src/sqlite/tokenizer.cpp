#include <cctype>
#include <optional>

#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::codegen::sqlite {
namespace {

bool isIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool isIdentChar(unsigned char c) { return isIdentStart(c) || std::isdigit(c) || c == '$'; }

// Offset one past a literal that starts at `i` with `open` and ends at `close`, where a doubled
// close character stands for itself. npos when unterminated.
std::size_t scanQuoted(std::string_view s, std::size_t i, char close) {
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] != close) continue;
    if (close != ']' && j + 1 < s.size() && s[j + 1] == close) {
      ++j;
      continue;
    }
    return j + 1;
  }
  return std::string_view::npos;
}

std::size_t scanNumber(std::string_view s, std::size_t i) {
  std::size_t j = i;
  if (s[j] == '0' && j + 1 < s.size() && (s[j + 1] == 'x' || s[j + 1] == 'X')) {
    j += 2;
    while (j < s.size() && std::isxdigit(static_cast<unsigned char>(s[j]))) ++j;
    return j;
  }
  while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  if (j < s.size() && s[j] == '.') {
    ++j;
    while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
  }
  if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
    std::size_t k = j + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (k < s.size() && std::isdigit(static_cast<unsigned char>(s[k]))) {
      j = k;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
    }
  }
  return j;
}

std::string undouble(std::string_view inner, char q) {
  std::string out;
  out.reserve(inner.size());
  for (std::size_t i = 0; i < inner.size(); ++i) {
    out += inner[i];
    if (inner[i] == q && i + 1 < inner.size() && inner[i + 1] == q) ++i;
  }
  return out;
}

}  // namespace

bool Token::isWord(std::string_view upper) const {
  if (kind != TokenKind::Word || text.size() != upper.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(text[i])) != upper[i]) return false;
  }
  return true;
}

std::string Token::identValue() const {
  if (text.size() >= 2) {
    char open = text.front();
    char close = text.back();
    if ((open == '"' && close == '"') || (open == '`' && close == '`') ||
        (open == '\'' && close == '\'')) {
      return undouble(text.substr(1, text.size() - 2), open);
    }
    if (open == '[' && close == ']') return std::string(text.substr(1, text.size() - 2));
  }
  return std::string(text);
}

std::string Token::stringValue() const {
  if (kind != TokenKind::String || text.size() < 2) return std::string(text);
  return undouble(text.substr(1, text.size() - 2), '\'');
}

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  auto push = [&](TokenKind k, std::size_t end) {
    if (end == std::string_view::npos || end > s.size()) {
      end = s.size();
      k = TokenKind::Unknown;
    }
    out.push_back(Token{k, i, end, s.substr(i, end - i)});
    i = end;
  };
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char next = i + 1 < s.size() ? s[i + 1] : '\0';
    if (std::isspace(c)) {
      ++i;
    } else if (c == '-' && next == '-') {
      std::size_t nl = s.find('\n', i);
      push(TokenKind::LineComment, nl == std::string_view::npos ? s.size() : nl);
    } else if (c == '/' && next == '*') {
      std::size_t close = s.find("*/", i + 2);
      // SQLite accepts an unterminated block comment at the end of input.
      push(TokenKind::BlockComment, close == std::string_view::npos ? s.size() : close + 2);
    } else if (c == '\'') {
      push(TokenKind::String, scanQuoted(s, i, '\''));
    } else if (c == '"' || c == '`') {
      push(TokenKind::QuotedIdent, scanQuoted(s, i, static_cast<char>(c)));
    } else if (c == '[') {
      push(TokenKind::QuotedIdent, scanQuoted(s, i, ']'));
    } else if ((c == 'x' || c == 'X') && next == '\'') {
      std::size_t end = scanQuoted(s, i + 1, '\'');
      push(TokenKind::Blob, end);
    } else if (std::isdigit(c) || (c == '.' && std::isdigit(static_cast<unsigned char>(next)))) {
      push(TokenKind::Number, scanNumber(s, i));
    } else if (isIdentStart(c)) {
      std::size_t j = i + 1;
      while (j < s.size() && isIdentChar(static_cast<unsigned char>(s[j]))) ++j;
      push(TokenKind::Word, j);
    } else if (c == '?' || c == ':' || c == '@' || c == '$') {
      std::size_t j = i + 1;
      while (j < s.size() && isIdentChar(static_cast<unsigned char>(s[j]))) ++j;
      push(TokenKind::Variable, j);
    } else {
      static constexpr std::string_view kThree[] = {"->>"};
      static constexpr std::string_view kTwo[] = {
          "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->"};
      std::string_view rest = s.substr(i);
      std::size_t len = 0;
      for (std::string_view op : kThree) {
        if (rest.substr(0, 3) == op) len = 3;
      }
      if (len == 0) {
        for (std::string_view op : kTwo) {
          if (rest.substr(0, 2) == op) len = 2;
        }
      }
      if (len == 0 && std::string_view("(),;.+-*/%=<>&|~").find(static_cast<char>(c)) !=
                          std::string_view::npos) {
        len = 1;
      }
      push(len ? TokenKind::Punct : TokenKind::Unknown, i + (len ? len : 1));
    }
  }
  return out;
}

namespace {

// The shapes a rendered column default nearly always has (`'text'`, `0`, `-1.5`), decided
// without tokenizing: tokenizing every default was a tenth of the CREATE script's time.
// nullopt: anything else, for the tokenizer to decide.
std::optional<bool> quickPlainLiteral(std::string_view s) {
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') {
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] != '\'') continue;
      if (i + 2 < s.size() && s[i + 1] == '\'') {
        ++i;  // a doubled quote inside the string
        continue;
      }
      return std::nullopt;
    }
    return true;
  }
  auto digits = [&](std::size_t i) {
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i;
  };
  const std::size_t start = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const std::size_t whole = digits(start);
  if (whole == start) return std::nullopt;
  if (whole == s.size()) return true;
  if (s[whole] == '.' && digits(whole + 1) == s.size() && whole + 1 < s.size()) return true;
  return std::nullopt;
}

}  // namespace

bool isPlainLiteral(std::string_view sql) {
  if (std::optional<bool> quick = quickPlainLiteral(sql)) return *quick;
  std::vector<Token> toks;
  for (const Token& t : tokenize(sql)) {
    if (!t.isComment()) toks.push_back(t);
  }
  if (toks.size() == 1) {
    const Token& t = toks[0];
    return t.kind == TokenKind::String || t.kind == TokenKind::Blob ||
           t.kind == TokenKind::Number || t.isWord("NULL");
  }
  return toks.size() == 2 && (toks[0].isPunct("-") || toks[0].isPunct("+")) &&
         toks[1].kind == TokenKind::Number;
}

bool isBlankOrComment(std::string_view sql) {
  for (const Token& t : tokenize(sql)) {
    if (!t.isComment()) return false;
  }
  return true;
}

}  // namespace schemac::codegen::sqlite
