// Reads the CREATE TABLE / CREATE INDEX text SQLite keeps in sqlite_schema: what the pragmas
// do not report (constraint names, CHECK and GENERATED expressions, AUTOINCREMENT, comments).
// It accepts SQLite's grammar generally, not only schemac's layout, because ALTER TABLE
// rewrites the stored text (ADD COLUMN appends `, <def>` after the last column) and databases
// may come from other tools.
#include <algorithm>
#include <cctype>

#include "inspect_internal.h"
#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::db::detail {
namespace {

using codegen::sqlite::Token;
using codegen::sqlite::TokenKind;

bool isName(const Token& t) {
  return t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent ||
         t.kind == TokenKind::String;
}

// Tokens without comments, remembering for each one the comments right before it.
struct Stream {
  std::vector<Token> toks;
  std::vector<std::vector<Token>> commentsBefore;  // parallel to toks
};

Stream stripComments(std::string_view sql) {
  Stream s;
  std::vector<Token> pending;
  for (const Token& t : codegen::sqlite::tokenize(sql)) {
    if (t.isComment()) {
      pending.push_back(t);
      continue;
    }
    s.toks.push_back(t);
    s.commentsBefore.push_back(std::move(pending));
    pending.clear();
  }
  return s;
}

// Index of the ')' matching the '(' at `open`; npos when unbalanced.
std::size_t matchParen(const std::vector<Token>& toks, std::size_t open, std::size_t end) {
  int depth = 0;
  for (std::size_t i = open; i < end; ++i) {
    if (toks[i].isPunct("(")) ++depth;
    if (toks[i].isPunct(")") && --depth == 0) return i;
  }
  return std::string::npos;
}

// Doc text of `-- ` line comments: "--" and one following space removed, lines joined by '\n'.
std::string docFromComments(const std::vector<Token>& comments) {
  std::string doc;
  bool first = true;
  for (const Token& c : comments) {
    if (c.kind != TokenKind::LineComment) continue;
    std::string_view line = c.text.substr(2);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!first) doc += '\n';
    doc += line;
    first = false;
  }
  return doc;
}

// `x` when `t[i]` and `t[i + 1]` are ON CONFLICT: SQLite's conflict clauses, which the IR
// cannot describe (they change what an INSERT violating the constraint does).
bool isOnConflict(const std::vector<Token>& t, std::size_t i, std::size_t end) {
  return i + 1 < end && t[i].isWord("ON") && t[i + 1].isWord("CONFLICT");
}

// The parts of a parenthesised key list `(a COLLATE nocase, lower(b) DESC)`; `open` is the '('
// and `close` its ')'.
std::vector<ParsedIndexPart> keyParts(std::string_view sql, const std::vector<Token>& t,
                                      std::size_t open, std::size_t close) {
  std::vector<ParsedIndexPart> parts;
  std::size_t start = open + 1;
  int depth = 0;
  for (std::size_t k = open + 1; k <= close; ++k) {
    if (k < close && t[k].isPunct("(")) ++depth;
    if (k < close && t[k].isPunct(")")) --depth;
    if (k != close && !(depth == 0 && t[k].isPunct(","))) continue;
    std::size_t b = start, e = k;
    start = k + 1;
    if (b >= e) continue;
    ParsedIndexPart p;
    if (e - b > 1 && (t[e - 1].isWord("ASC") || t[e - 1].isWord("DESC"))) {
      p.desc = t[e - 1].isWord("DESC");
      --e;
    }
    if (e - b > 2 && t[e - 2].isWord("COLLATE") && isName(t[e - 1])) {
      p.collation = collationName(t[e - 1].identValue());
      e -= 2;
    }
    if (e - b == 1 && isName(t[b])) {
      p.column = t[b].identValue();
    } else {
      p.expr = trimSql(sql.substr(t[b].begin, t[e - 1].end - t[b].begin));
    }
    parts.push_back(std::move(p));
  }
  return parts;
}

// `[NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]` at `i`: sets *out and returns the index
// after it; `i` when there is none.
std::size_t deferral(const std::vector<Token>& t, std::size_t i, std::size_t end,
                     ir::Deferral* out) {
  if (i + 1 < end && t[i].isWord("NOT") && t[i + 1].isWord("DEFERRABLE")) {
    *out = ir::Deferral::NotDeferrable;
    i += 2;
  } else if (i < end && t[i].isWord("DEFERRABLE")) {
    *out = ir::Deferral::Immediate;
    ++i;
    if (i + 1 < end && t[i].isWord("INITIALLY") && t[i + 1].isWord("DEFERRED")) {
      *out = ir::Deferral::Deferred;
    }
  } else {
    return i;
  }
  if (i + 1 < end && t[i].isWord("INITIALLY")) i += 2;
  return i;
}

class CreateTableParser {
 public:
  CreateTableParser(std::string_view sql) : sql_(sql), s_(stripComments(sql)) {}

  bool parse(ParsedTable* out, std::string* error) {
    const auto& t = s_.toks;
    std::size_t i = 0;
    if (i < t.size() && t[i].isWord("CREATE")) ++i;
    if (i < t.size() && (t[i].isWord("TEMP") || t[i].isWord("TEMPORARY"))) ++i;
    if (i >= t.size() || !t[i].isWord("TABLE")) return fail(error, "not a CREATE TABLE statement");
    ++i;
    if (i + 2 < t.size() && t[i].isWord("IF") && t[i + 1].isWord("NOT") &&
        t[i + 2].isWord("EXISTS")) {
      i += 3;
    }
    if (i >= t.size() || !isName(t[i])) return fail(error, "missing table name");
    out->name = t[i].identValue();
    ++i;
    if (i + 1 < t.size() && t[i].isPunct(".")) {  // schema-qualified
      out->name = t[i + 1].identValue();
      i += 2;
    }
    if (i >= t.size() || !t[i].isPunct("(")) return fail(error, "expected a column list");
    std::size_t close = matchParen(t, i, t.size());
    if (close == std::string::npos) return fail(error, "unbalanced parentheses");
    for (std::size_t k = close + 1; k < t.size(); ++k) {
      if (t[k].isWord("ROWID") && k > 0 && t[k - 1].isWord("WITHOUT")) out->withoutRowid = true;
      if (t[k].isWord("STRICT")) out->strict = true;
    }
    // Split the body on top-level commas.
    std::size_t start = i + 1;
    int depth = 0;
    for (std::size_t k = i + 1; k <= close; ++k) {
      if (k < close && t[k].isPunct("(")) ++depth;
      if (k < close && t[k].isPunct(")")) --depth;
      if (k == close || (depth == 0 && t[k].isPunct(","))) {
        if (k > start && !item(start, k, out, error)) return false;
        start = k + 1;
      }
    }
    return true;
  }

 private:
  static bool fail(std::string* error, std::string msg) {
    *error = std::move(msg);
    return false;
  }

  std::string textBetween(std::size_t openParen, std::size_t closeParen) const {
    const auto& t = s_.toks;
    return trimSql(sql_.substr(t[openParen].end, t[closeParen].begin - t[openParen].end));
  }

  static bool startsTableConstraint(const Token& t) {
    return t.isWord("CONSTRAINT") || t.isWord("PRIMARY") || t.isWord("UNIQUE") ||
           t.isWord("CHECK") || t.isWord("FOREIGN");
  }

  static bool startsColumnConstraint(const Token& t) {
    return t.isWord("CONSTRAINT") || t.isWord("PRIMARY") || t.isWord("NOT") || t.isWord("NULL") ||
           t.isWord("UNIQUE") || t.isWord("CHECK") || t.isWord("DEFAULT") || t.isWord("COLLATE") ||
           t.isWord("REFERENCES") || t.isWord("GENERATED") || t.isWord("AS");
  }

  // A parenthesised list of names starting at `open`; returns the index after ')'.
  std::size_t nameList(std::size_t open, std::size_t end, std::vector<std::string>* names) const {
    const auto& t = s_.toks;
    if (open >= end || !t[open].isPunct("(")) return open;
    std::size_t close = matchParen(t, open, end);
    if (close == std::string::npos) return end;
    for (std::size_t k = open + 1; k < close; ++k) {
      // Only the first name of each element (skips COLLATE x / ASC / DESC).
      if (isName(t[k]) && (t[k - 1].isPunct("(") || t[k - 1].isPunct(","))) {
        names->push_back(t[k].identValue());
      }
    }
    return close + 1;
  }

  bool item(std::size_t begin, std::size_t end, ParsedTable* out, std::string* error) {
    const auto& t = s_.toks;
    if (startsTableConstraint(t[begin])) return tableConstraint(begin, end, out, error);
    if (!isName(t[begin])) return fail(error, "unexpected '" + std::string(t[begin].text) + "'");
    ParsedColumn col;
    col.name = t[begin].identValue();
    col.doc = docFromComments(s_.commentsBefore[begin]);
    std::size_t i = begin + 1;
    while (i < end && !startsColumnConstraint(t[i])) {  // the declared type
      if (t[i].isPunct("(")) {
        std::size_t c = matchParen(t, i, end);
        i = c == std::string::npos ? end : c + 1;
      } else {
        ++i;
      }
    }
    if (i > begin + 1) {
      col.declaredType =
          trimSql(sql_.substr(t[begin + 1].begin, t[i - 1].end - t[begin + 1].begin));
    }
    std::string pendingName;
    std::size_t ownFk = std::string::npos;  // this column's REFERENCES clause in foreignKeys
    while (i < end) {
      const Token& k = t[i];
      if (isOnConflict(t, i, end)) {
        out->unsupported = "column \"" + col.name + "\" has an ON CONFLICT clause";
        i += 2;
        continue;
      }
      if (ownFk != std::string::npos) {
        std::size_t after = deferral(t, i, end, &out->foreignKeys[ownFk].deferral);
        if (after != i) {
          i = after;
          continue;
        }
      }
      if (k.isWord("PRIMARY") && i + 1 < end && t[i + 1].isWord("KEY")) {
        out->primaryKey = {col.name};
        out->primaryKeyName = pendingName;
        pendingName.clear();
        i += 2;
        continue;
      }
      if (k.isWord("UNIQUE")) {
        out->uniques.push_back({pendingName, {ParsedIndexPart{col.name, "", "", false}}});
        pendingName.clear();
        ++i;
        continue;
      }
      if (k.isWord("COLLATE") && i + 1 < end) {
        col.collation = collationName(t[i + 1].identValue());
        pendingName.clear();
        i += 2;
        continue;
      }
      if (k.isWord("CONSTRAINT") && i + 1 < end) {
        pendingName = t[i + 1].identValue();
        i += 2;
        continue;
      }
      if (k.isWord("CHECK") && i + 1 < end && t[i + 1].isPunct("(")) {
        std::size_t c = matchParen(t, i + 1, end);
        if (c == std::string::npos) return fail(error, "unbalanced CHECK");
        col.checks.push_back({pendingName, textBetween(i + 1, c)});
        pendingName.clear();
        i = c + 1;
        continue;
      }
      if (k.isWord("AS") && i + 1 < end && t[i + 1].isPunct("(")) {
        std::size_t c = matchParen(t, i + 1, end);
        if (c == std::string::npos) return fail(error, "unbalanced GENERATED");
        col.generatedSql = textBetween(i + 1, c);
        pendingName.clear();
        i = c + 1;
        continue;
      }
      if (k.isWord("AUTOINCREMENT")) col.autoincrement = true;
      if (k.isWord("REFERENCES") && i + 1 < end) {
        ParsedForeignKey fk;
        fk.name = pendingName;
        fk.columns = {col.name};
        fk.refTable = t[i + 1].identValue();
        ownFk = out->foreignKeys.size();
        out->foreignKeys.push_back(std::move(fk));
        pendingName.clear();
        i += 2;
        continue;
      }
      if (k.isWord("DEFAULT")) {
        pendingName.clear();
        ++i;
        if (i < end && (t[i].isPunct("-") || t[i].isPunct("+"))) ++i;
        if (i < end && t[i].isPunct("(")) {
          std::size_t c = matchParen(t, i, end);
          i = c == std::string::npos ? end : c + 1;
        } else {
          ++i;
        }
        continue;
      }
      if (k.isPunct("(")) {
        std::size_t c = matchParen(t, i, end);
        i = c == std::string::npos ? end : c + 1;
        continue;
      }
      if (startsColumnConstraint(k)) pendingName.clear();
      ++i;
    }
    out->columns.push_back(std::move(col));
    return true;
  }

  bool tableConstraint(std::size_t begin, std::size_t end, ParsedTable* out, std::string* error) {
    const auto& t = s_.toks;
    std::string name;
    std::size_t i = begin;
    if (t[i].isWord("CONSTRAINT")) {
      if (i + 1 >= end) return fail(error, "CONSTRAINT without a name");
      name = t[i + 1].identValue();
      i += 2;
    }
    if (i >= end) return true;
    if (t[i].isWord("CHECK") && i + 1 < end && t[i + 1].isPunct("(")) {
      std::size_t c = matchParen(t, i + 1, end);
      if (c == std::string::npos) return fail(error, "unbalanced CHECK");
      out->checks.push_back({name, textBetween(i + 1, c)});
    } else if (t[i].isWord("FOREIGN") && i + 2 < end && t[i + 1].isWord("KEY")) {
      ParsedForeignKey fk;
      fk.name = name;
      std::size_t k = nameList(i + 2, end, &fk.columns);
      if (k < end && t[k].isWord("REFERENCES") && k + 1 < end) fk.refTable = t[k + 1].identValue();
      for (; k < end; ++k) {
        if (t[k].isPunct("(")) {
          std::size_t c = matchParen(t, k, end);
          if (c == std::string::npos) break;
          k = c;
          continue;
        }
        std::size_t after = deferral(t, k, end, &fk.deferral);
        if (after != k) k = after - 1;
      }
      out->foreignKeys.push_back(std::move(fk));
    } else if ((t[i].isWord("PRIMARY") || t[i].isWord("UNIQUE")) && i + 1 < end) {
      std::size_t open = t[i].isWord("PRIMARY") ? i + 2 : i + 1;
      if (open >= end || !t[open].isPunct("(")) return fail(error, "expected a key column list");
      std::size_t c = matchParen(t, open, end);
      if (c == std::string::npos) return fail(error, "unbalanced key column list");
      std::vector<ParsedIndexPart> parts = keyParts(sql_, t, open, c);
      if (t[i].isWord("UNIQUE")) {
        out->uniques.push_back({name, std::move(parts)});
      } else {
        out->primaryKey.clear();
        for (const ParsedIndexPart& p : parts) out->primaryKey.push_back(p.column);
        out->primaryKeyName = name;
      }
      for (std::size_t k = c + 1; k < end; ++k) {
        if (isOnConflict(t, k, end))
          out->unsupported = "a table constraint has an ON CONFLICT clause";
      }
    }
    return true;
  }

  std::string_view sql_;
  Stream s_;
};

}  // namespace

std::string trimSql(std::string_view s) {
  auto ws = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return std::string(s);
}

namespace {

bool plainIdentifier(std::string_view s) {
  if (s.empty() || std::isdigit(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
  });
}

std::string upper(std::string_view s) {
  std::string u(s);
  for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return u;
}

// One token as canonicalSql writes it.
std::string canonicalToken(const Token& t) {
  if (t.kind == TokenKind::Word) return upper(t.text);
  if (t.kind == TokenKind::QuotedIdent && plainIdentifier(t.identValue())) {
    return upper(t.identValue());
  }
  // SQLite's two spellings of (in)equality are one operator; tursodb re-prints `<>` as `!=`.
  if (t.isPunct("<>")) return "!=";
  if (t.isPunct("==")) return "=";
  return std::string(t.text);
}

}  // namespace

std::string canonicalSql(std::string_view sql) {
  std::vector<std::string> words;
  for (const Token& t : codegen::sqlite::tokenize(sql)) {
    if (!t.isComment()) words.push_back(canonicalToken(t));
  }
  // `((x))` is `(x)`: drop a pair whose content is exactly one more pair (lowering wraps a
  // raw default in parentheses, and servers keep or drop their own).
  std::vector<std::size_t> match(words.size(), std::string::npos), open;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (words[k] == "(") open.push_back(k);
    if (words[k] == ")" && !open.empty()) {
      match[open.back()] = k;
      open.pop_back();
    }
  }
  std::vector<bool> drop(words.size(), false);
  for (std::size_t k = 0; k + 1 < words.size(); ++k) {
    std::size_t close = match[k];
    if (close != std::string::npos && words[k + 1] == "(" && match[k + 1] + 1 == close) {
      drop[k] = drop[close] = true;
    }
  }
  std::size_t kept = 0;
  for (std::size_t k = 0; k < words.size(); ++k) {
    if (drop[k]) continue;
    if (kept != k) words[kept] = std::move(words[k]);
    ++kept;
  }
  words.resize(kept);
  // Drop parentheses around the whole text, while the first '(' closes at the very end.
  std::size_t lo = 0, hi = words.size();
  while (hi - lo >= 2 && words[lo] == "(" && words[hi - 1] == ")") {
    int depth = 0;
    std::size_t k = lo;
    for (; k < hi; ++k) {
      if (words[k] == "(") ++depth;
      if (words[k] == ")" && --depth == 0) break;
    }
    if (k != hi - 1) break;
    ++lo;
    --hi;
  }
  std::string out;
  for (std::size_t k = lo; k < hi; ++k) {
    if (k > lo) out += ' ';
    out += words[k];
  }
  return out;
}

namespace {

// Bytes canonicalSql may drop or change: spacing, identifier quotes and parentheses.
bool ignorable(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '`' || c == '[' ||
         c == ']' || c == '(' || c == ')';
}

// A necessary condition for equal canonicalSql forms, checked without tokenizing: the same
// bytes once the ignorable ones are skipped, ignoring ASCII case. Most different texts fail it.
bool sameSignature(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && ignorable(a[i])) ++i;
    while (j < b.size() && ignorable(b[j])) ++j;
    if (i == a.size() || j == b.size()) return i == a.size() && j == b.size();
    if (std::toupper(static_cast<unsigned char>(a[i])) !=
        std::toupper(static_cast<unsigned char>(b[j]))) {
      return false;
    }
    ++i;
    ++j;
  }
}

}  // namespace

bool sameSql(std::string_view a, std::string_view b) {
  if (a == b) return true;
  // The signature keeps comments, which canonicalSql drops: only a test for text without them.
  auto hasComment = [](std::string_view s) {
    return s.find("--") != std::string_view::npos || s.find("/*") != std::string_view::npos;
  };
  // Nor does it know that `<>` is `!=` and `==` is `=`.
  auto hasOperatorSpelling = [](std::string_view s) {
    return s.find("<>") != std::string_view::npos || s.find("==") != std::string_view::npos ||
           s.find("!=") != std::string_view::npos;
  };
  bool shortcut =
      !hasComment(a) && !hasComment(b) && !hasOperatorSpelling(a) && !hasOperatorSpelling(b);
  if (shortcut && !sameSignature(a, b)) return false;
  return canonicalSql(a) == canonicalSql(b);
}

std::optional<std::size_t> sqlPrefixLength(std::string_view text, std::string_view prefix) {
  if (text.substr(0, prefix.size()) == prefix) return prefix.size();
  std::vector<Token> want;
  for (const Token& t : codegen::sqlite::tokenize(prefix)) {
    if (!t.isComment()) want.push_back(t);
  }
  std::size_t k = 0, end = 0;
  for (const Token& t : codegen::sqlite::tokenize(text)) {
    if (k == want.size()) break;
    if (t.isComment()) continue;
    if (canonicalToken(t) != canonicalToken(want[k])) return std::nullopt;
    ++k;
    end = t.end;
  }
  if (k != want.size()) return std::nullopt;
  return end;
}

bool parseCreateTable(std::string_view sql, ParsedTable* out, std::string* error) {
  *out = ParsedTable{};
  return CreateTableParser(sql).parse(out, error);
}

std::optional<std::string> parseIndexWhere(std::string_view sql) {
  std::vector<Token> toks;
  for (const Token& t : codegen::sqlite::tokenize(sql)) {
    if (!t.isComment()) toks.push_back(t);
  }
  // The predicate follows the first top-level WHERE after the indexed column list.
  int depth = 0;
  bool seenList = false;
  for (const Token& t : toks) {
    if (t.isPunct("(")) ++depth;
    if (t.isPunct(")") && --depth == 0) seenList = true;
    if (seenList && depth == 0 && t.isWord("WHERE")) {
      std::string rest = trimSql(sql.substr(t.end));
      while (!rest.empty() && rest.back() == ';') rest = trimSql(rest.substr(0, rest.size() - 1));
      return rest;
    }
  }
  return std::nullopt;
}

std::string collationName(std::string_view name) {
  std::string u = upper(name);
  if (u == "BINARY" || u == "NOCASE" || u == "RTRIM") {
    for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return u;
  }
  return std::string(name);
}

std::optional<std::vector<ParsedIndexPart>> parseIndexParts(std::string_view sql) {
  std::vector<Token> toks;
  for (const Token& t : codegen::sqlite::tokenize(sql)) {
    if (!t.isComment()) toks.push_back(t);
  }
  // CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table ( parts ) [WHERE ...]
  for (std::size_t k = 0; k + 2 < toks.size(); ++k) {
    if (toks[k].isWord("ON") && isName(toks[k + 1])) {
      std::size_t open = k + 2;
      if (open + 1 < toks.size() && toks[open].isPunct(".")) open += 2;  // schema.table
      if (open >= toks.size() || !toks[open].isPunct("(")) return std::nullopt;
      std::size_t close = matchParen(toks, open, toks.size());
      if (close == std::string::npos) return std::nullopt;
      return keyParts(sql, toks, open, close);
    }
  }
  return std::nullopt;
}

}  // namespace schemac::db::detail
