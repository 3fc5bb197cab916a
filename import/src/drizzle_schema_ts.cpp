// The scanner works on tokens (identifiers, string literals, numbers, punctuation; comments
// dropped) and looks only at the shapes Drizzle schemas are written in. It never evaluates
// anything: a name or value that is not a literal is reported, not guessed.
#include "schemac/import/drizzle_schema_ts.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>

namespace schemac::importer {

namespace {

enum class Tok { Ident, String, Number, Punct, End };

struct Token {
  Tok kind = Tok::End;
  std::string text;  // a string literal's value (no quotes); the identifier / punctuation
  int line = 0;
  std::size_t begin = 0, end = 0;  // offsets in the source text
  bool is(const char* p) const { return kind == Tok::Punct && text == p; }
  bool isIdent(const char* w) const { return kind == Tok::Ident && text == w; }
};

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  int line = 1;
  std::size_t i = 0;
  std::size_t begin = 0;
  auto push = [&](Tok k, std::string t, int l) {
    out.push_back({k, std::move(t), l, begin, std::min(i, s.size())});
  };
  while (i < s.size()) {
    char c = s[i];
    begin = i;
    if (c == '\n') {
      ++line;
      ++i;
    } else if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      i += 2;
      while (i + 1 < s.size() && !(s[i] == '*' && s[i + 1] == '/')) {
        if (s[i] == '\n') ++line;
        ++i;
      }
      i += 2;
    } else if (c == '\'' || c == '"' || c == '`') {
      // A template literal with ${...} is kept whole as one (non-literal) string token;
      // the scanner only uses quoted strings as names and values.
      int start = line;
      std::string value;
      bool templ = false;
      ++i;
      while (i < s.size() && s[i] != c) {
        if (s[i] == '\\' && i + 1 < s.size()) {
          char e = s[i + 1];
          value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
          i += 2;
          continue;
        }
        if (c == '`' && s[i] == '$' && i + 1 < s.size() && s[i + 1] == '{') templ = true;
        if (s[i] == '\n') ++line;
        value += s[i++];
      }
      ++i;
      push(templ ? Tok::Punct : Tok::String, templ ? "`template`" : value, start);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
      std::size_t b = i;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '$')) {
        ++i;
      }
      push(Tok::Ident, s.substr(b, i - b), line);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t b = i;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '_')) {
        ++i;
      }
      push(Tok::Number, s.substr(b, i - b), line);
    } else if (s.compare(i, 3, "...") == 0) {
      i += 3;
      push(Tok::Punct, "...", line);
    } else if (s.compare(i, 2, "=>") == 0) {
      i += 2;
      push(Tok::Punct, "=>", line);
    } else {
      ++i;
      push(Tok::Punct, std::string(1, c), line);
    }
  }
  out.push_back({Tok::End, "", line, s.size(), s.size()});
  return out;
}

class Scanner {
 public:
  Scanner(const std::string& text, const std::string& file) : text_(text), toks_(tokenize(text)) {
    out_.file = file;
  }

  TsSchema run() {
    collectConstArrays();
    for (std::size_t i = 0; i + 1 < toks_.size(); ++i) {
      if (toks_[i].isIdent("sqliteTable") && toks_[i + 1].is("(")) i = table(i + 2);
    }
    return std::move(out_);
  }

 private:
  const Token& at(std::size_t i) const { return toks_[std::min(i, toks_.size() - 1)]; }
  void warn(int line, const std::string& what) {
    out_.warnings.push_back(out_.file + ":" + std::to_string(line) + ": " + what);
  }

  // The index just past the balanced group that opens at `i` ( `(`, `{`, `[` or `<` ).
  std::size_t skipGroup(std::size_t i) const {
    int depth = 0;
    for (; at(i).kind != Tok::End; ++i) {
      const Token& t = at(i);
      if (t.is("(") || t.is("{") || t.is("[")) ++depth;
      if (t.is(")") || t.is("}") || t.is("]")) --depth;
      if (depth == 0) return i + 1;
    }
    return i;
  }
  // Past one expression: up to the `,` or closing bracket that ends it at this depth.
  std::size_t skipExpr(std::size_t i) const {
    while (at(i).kind != Tok::End) {
      const Token& t = at(i);
      if (t.is(",") || t.is(")") || t.is("}") || t.is("]")) return i;
      if (t.is("(") || t.is("{") || t.is("[")) {
        i = skipGroup(i);
      } else {
        ++i;
      }
    }
    return i;
  }

  // `const NAME = ['a', 'b'] as const` (or without `as const`): the values of enums that
  // name a shared array.
  void collectConstArrays() {
    for (std::size_t i = 0; i + 3 < toks_.size(); ++i) {
      if (!(at(i).isIdent("const") || at(i).isIdent("let")) || at(i + 1).kind != Tok::Ident ||
          !at(i + 2).is("=") || !at(i + 3).is("[")) {
        continue;
      }
      if (auto values = stringArray(i + 3)) arrays_[at(i + 1).text] = *values;
    }
  }
  std::optional<std::vector<std::string>> stringArray(std::size_t i) const {
    std::vector<std::string> values;
    ++i;  // past [
    while (!at(i).is("]")) {
      if (at(i).kind != Tok::String) return std::nullopt;
      values.push_back(at(i).text);
      ++i;
      if (at(i).is(",")) ++i;
    }
    return values;
  }

  // At the first argument of sqliteTable(: the name, then the columns object (or a function
  // returning it: `(t) => ({ ... })`). Returns where scanning continues.
  std::size_t table(std::size_t i) {
    int line = at(i).line;
    if (at(i).kind != Tok::String) {
      warn(line, "a sqliteTable whose name is not a string literal; its columns are not read");
      return i;
    }
    std::string name = at(i).text;
    out_.tables.push_back(name);
    ++i;
    if (!at(i).is(",")) return i;
    ++i;
    if (!at(i).is("{")) {
      // (t) => ({ ... }) or t => ({ ... }): the object after =>.
      std::size_t j = i;
      while (at(j).kind != Tok::End && !at(j).is("=>") && j < i + 8) ++j;
      if (!at(j).is("=>")) {
        warn(line, "table \"" + name + "\": the columns are not an object literal; not read");
        return i;
      }
      i = j + 1;
      if (at(i).is("(")) ++i;
      if (!at(i).is("{")) {
        warn(line, "table \"" + name + "\": the columns are not an object literal; not read");
        return i;
      }
    }
    return columns(name, i);
  }

  // At `{` of the columns object.
  std::size_t columns(const std::string& table, std::size_t i) {
    std::size_t end = skipGroup(i);
    ++i;
    while (i < end - 1) {
      const Token& k = at(i);
      if (k.is("...")) {
        warn(k.line, "table \"" + table +
                         "\": a spread (...) in the columns is not read; its columns have the "
                         "plain types of their SQL types");
        i = skipExpr(i + 1);
      } else if ((k.kind == Tok::Ident || k.kind == Tok::String) && at(i + 1).is(":")) {
        std::size_t valueEnd = skipExpr(i + 2);
        column(table, k, i + 2, valueEnd);
        i = valueEnd;
      } else if (k.is("[")) {
        warn(k.line, "table \"" + table + "\": a computed column key is not read");
        i = skipExpr(i);
      } else if (k.kind == Tok::Ident && (at(i + 1).is(",") || at(i + 1).is("}"))) {
        warn(k.line, "table \"" + table + "\" column \"" + k.text +
                         "\": a shorthand property is not read; it has the plain type of its "
                         "SQL type");
        ++i;
      } else {
        i = skipExpr(i + 1);
      }
      if (at(i).is(",")) ++i;
    }
    return end;
  }

  // One column: `[t.]builder([name][, { options }])` followed by chained calls.
  void column(const std::string& table, const Token& key, std::size_t i, std::size_t end) {
    TsColumn c;
    c.table = table;
    c.key = key.text;
    c.line = key.line;
    if (at(i).kind == Tok::Ident && at(i + 1).is(".") && at(i + 2).kind == Tok::Ident &&
        at(i + 3).is("(")) {
      i += 2;  // t.integer(...)
    }
    if (at(i).kind != Tok::Ident || !at(i + 1).is("(")) {
      warn(c.line, "table \"" + table + "\" column \"" + c.key +
                       "\": not a column builder call; it has the plain type of its SQL type");
      return;
    }
    c.builder = at(i).text;
    std::size_t argsEnd = skipGroup(i + 1);
    std::size_t a = i + 2;
    if (at(a).kind == Tok::String) {
      c.name = at(a).text;
      ++a;
      if (at(a).is(",")) ++a;
    } else if (!at(a).is("{") && !at(a).is(")")) {
      warn(c.line, "table \"" + table + "\" column \"" + c.key +
                       "\": the column name is not a string literal; not read");
      return;
    }
    if (c.name.empty()) {
      c.name = c.key;
      c.nameFromKey = true;
    }
    if (at(a).is("{")) options(c, a);
    // Chained calls: only $type<...>() matters here.
    for (std::size_t j = argsEnd; j < end; ++j) {
      if (at(j).is(".") && at(j + 1).isIdent("$type") && at(j + 2).is("<")) {
        std::size_t k = j + 3;
        int depth = 1;
        for (; at(k).kind != Tok::End && k < end; ++k) {
          if (at(k).is("<")) ++depth;
          if (at(k).is(">") && --depth == 0) break;
        }
        if (k > j + 3) c.tsType = text_.substr(at(j + 3).begin, at(k - 1).end - at(j + 3).begin);
      }
    }
    out_.columns.push_back(std::move(c));
  }

  // `{ mode: 'timestamp', enum: [...] | NAME, length: 256 }` at `{`.
  void options(TsColumn& c, std::size_t i) {
    std::size_t end = skipGroup(i);
    ++i;
    auto where = [&] { return "table \"" + c.table + "\" column \"" + c.name + "\""; };
    while (i < end - 1) {
      const Token& k = at(i);
      std::size_t valueEnd = (k.kind == Tok::Ident || k.kind == Tok::String) && at(i + 1).is(":")
                                 ? skipExpr(i + 2)
                                 : skipExpr(i + 1);
      if (k.isIdent("mode") && at(i + 1).is(":")) {
        if (at(i + 2).kind == Tok::String && valueEnd == i + 3) {
          c.mode = at(i + 2).text;
        } else {
          warn(k.line, where() + ": the mode is not a string literal; not read");
        }
      } else if (k.isIdent("length") && at(i + 1).is(":")) {
        if (at(i + 2).kind == Tok::Number && valueEnd == i + 3) {
          c.length = std::atoi(at(i + 2).text.c_str());
        }
      } else if (k.isIdent("enum") && at(i + 1).is(":")) {
        if (at(i + 2).is("[")) {
          if (auto values = stringArray(i + 2)) {
            c.enumValues = *values;
          } else {
            warn(k.line, where() + ": the enum values are not string literals; not read");
          }
        } else if (at(i + 2).kind == Tok::Ident && valueEnd == i + 3) {
          c.enumConst = at(i + 2).text;
          if (auto it = arrays_.find(c.enumConst); it != arrays_.end()) {
            c.enumValues = it->second;
          }
        } else {
          warn(k.line, where() + ": the enum is not an array or a const name; not read");
        }
      }
      i = valueEnd;
      if (at(i).is(",")) ++i;
    }
  }

  const std::string& text_;
  std::vector<Token> toks_;
  std::map<std::string, std::vector<std::string>> arrays_;
  TsSchema out_;
};

}  // namespace

TsSchema scanDrizzleSchemaTs(const std::string& text, const std::string& file) {
  return Scanner(text, file).run();
}

}  // namespace schemac::importer
