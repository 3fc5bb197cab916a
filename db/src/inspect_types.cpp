// The logical type of a column read from its declared type and the checks on it, shared by
// inspect() and normalizeForSqlite() so that the two agree by construction.
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "inspect_internal.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"
#include "schemac/db/inspect.h"

namespace schemac::db::detail {
namespace {

namespace sq = codegen::sqlite;

std::string upperAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A declared type split into its words and integer arguments: "DECIMAL(12, 2)" -> DECIMAL, {12, 2}.
struct DeclaredType {
  std::string name;  // upper case, words joined by one space
  std::vector<int> args;
  bool argsAreInts = true;
};

DeclaredType splitDeclared(const std::string& declared) {
  DeclaredType d;
  bool inArgs = false;
  for (const sq::Token& t : sq::tokenize(declared)) {
    if (t.isPunct("(")) {
      inArgs = true;
    } else if (inArgs && t.kind == sq::TokenKind::Number) {
      bool digits = std::all_of(t.text.begin(), t.text.end(),
                                [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (!digits || t.text.size() > 9) d.argsAreInts = false;
      d.args.push_back(digits && t.text.size() <= 9 ? std::atoi(std::string(t.text).c_str()) : 0);
    } else if (inArgs && !t.isPunct(",") && !t.isPunct(")")) {
      d.argsAreInts = false;
    } else if (!inArgs) {
      if (!d.name.empty()) d.name += ' ';
      d.name += upperAscii(std::string(t.text));
    }
  }
  return d;
}

ir::Type kind(ir::TypeKind k) {
  ir::Type t;
  t.kind = k;
  return t;
}

// The logical type of a declared type. schemac's own names map back one to one; other names
// (databases made by other tools) map by SQLite's affinity rules.
ir::Type typeFromDeclared(const std::string& declared) {
  DeclaredType d = splitDeclared(declared);
  using K = ir::TypeKind;
  if (d.args.empty()) {
    static const std::map<std::string, K> kExact = {
        {"INTEGER", K::Int},
        {"INT", K::Int32},
        {"REAL", K::Real},
        {"TEXT", K::Text},
        {"BOOLEAN", K::Bool},
        {"TIMESTAMP", K::Timestamp},
        {"DATE", K::Date},
        {"UUID", K::Uuid},
        {"BLOB", K::Blob},
        {"JSON", K::Json},
        // Django's spelling of a boolean: NUMERIC affinity, as BOOLEAN.
        {"BOOL", K::Bool},
    };
    if (auto it = kExact.find(d.name); it != kExact.end()) return kind(it->second);
    if (d.name == "TIMESTAMP_S") {  // lowering's name for timestamp(s)
      ir::Type t = kind(K::Timestamp);
      t.unit = ir::TimeUnit::Seconds;
      return t;
    }
    if (d.name == "TIMESTAMP_TEXT") {  // lowering's name for timestamp(text)
      ir::Type t = kind(K::Timestamp);
      t.unit = ir::TimeUnit::Text;
      return t;
    }
  }
  // Django's, Rails' (`datetime(6)`) and Prisma's `DATETIME` hold ISO-8601 text: timestamp(text),
  // which keeps the declared type (NUMERIC affinity) as its sqltype.
  if (d.name == "DATETIME" && d.args.size() <= 1 && d.argsAreInts) {
    ir::Type t = kind(K::Timestamp);
    t.unit = ir::TimeUnit::Text;
    return t;
  }
  if (d.argsAreInts && (d.name == "DECIMAL" || d.name == "NUMERIC") && !d.args.empty() &&
      d.args.size() <= 2) {
    ir::Type t = kind(K::Decimal);
    t.precision = d.args[0];
    t.scale = d.args.size() == 2 ? d.args[1] : 0;
    return t;
  }
  if (d.argsAreInts && d.name == "VARCHAR" && d.args.size() == 1) {
    ir::Type t = kind(K::Varchar);
    t.length = d.args[0];
    return t;
  }
  // SQLite's affinity rules (datatype3.html section 3.1), in their order.
  if (d.name.find("INT") != std::string::npos) return kind(K::Int);
  if (d.name.find("CHAR") != std::string::npos || d.name.find("CLOB") != std::string::npos ||
      d.name.find("TEXT") != std::string::npos) {
    return kind(K::Text);
  }
  if (d.name.empty() || d.name.find("BLOB") != std::string::npos) return kind(K::Blob);
  // REAL affinity, and NUMERIC without a precision: the closest logical type is a double.
  return kind(K::Real);
}

// The values of an enum check `"col" IN ('a', 'b')`, exactly as lowering writes it.
std::optional<std::vector<std::string>> enumCheckValues(const std::string& column,
                                                        const std::string& check) {
  std::vector<sq::Token> toks;
  for (const sq::Token& t : sq::tokenize(check)) {
    if (!t.isComment()) toks.push_back(t);
  }
  if (toks.size() < 4 ||
      (toks[0].kind != sq::TokenKind::QuotedIdent && toks[0].kind != sq::TokenKind::Word) ||
      toks[0].identValue() != column || !toks[1].isWord("IN") || !toks[2].isPunct("(")) {
    return std::nullopt;
  }
  std::vector<std::string> values;
  std::size_t i = 3;
  while (i < toks.size() && toks[i].kind == sq::TokenKind::String) {
    values.push_back(toks[i].stringValue());
    ++i;
    if (i < toks.size() && toks[i].isPunct(",")) ++i;
  }
  if (i + 1 != toks.size() || !toks[i].isPunct(")")) return std::nullopt;
  // Only lowering's spelling counts (up to spacing and quoting), so that a re-lowered schema
  // gives the same text.
  ir::Schema probe;
  ir::Enum e;
  e.name = "e";
  for (const std::string& v : values) e.values.push_back({v, "", {}});
  probe.enums.push_back(e);
  ir::Column c;
  c.name = column;
  c.type.kind = ir::TypeKind::Enum;
  c.type.enumName = "e";
  if (!detail::sameSql(sq::impliedCheck(probe, c), check)) return std::nullopt;
  return values;
}

// A column declared `VARCHAR` without a length (tursodb re-prints `VARCHAR(16)` so after ALTER
// TABLE) that carries lowering's length check `length("c") <= N`: the varchar(N) it was.
std::optional<int> varcharLengthFromCheck(const std::string& declared, const std::string& column,
                                          const std::vector<ParsedCheck>& checks) {
  if (strncasecmp(declared.c_str(), "VARCHAR", 7) != 0 || declared.find('(') != std::string::npos) {
    return std::nullopt;  // the common case, decided without tokenizing
  }
  DeclaredType d = splitDeclared(declared);
  if (d.name != "VARCHAR" || !d.args.empty()) return std::nullopt;
  for (const ParsedCheck& c : checks) {
    if (!c.name.empty()) continue;
    std::string canonical = detail::canonicalSql(c.sql);
    std::size_t space = canonical.rfind(' ');
    if (space == std::string::npos) continue;
    std::string n = canonical.substr(space + 1);
    if (n.empty() || n.size() > 9 || !std::all_of(n.begin(), n.end(), [](char ch) {
          return std::isdigit(static_cast<unsigned char>(ch));
        })) {
      continue;
    }
    ir::Column probe;
    probe.name = column;
    probe.type = kind(ir::TypeKind::Varchar);
    probe.type.length = std::atoi(n.c_str());
    if (detail::sameSql(sq::impliedCheck(ir::Schema{}, probe), c.sql)) return probe.type.length;
  }
  return std::nullopt;
}

// Removes and returns true when `checks` holds an unnamed check with this text (up to spacing
// and quoting).
bool takeCheck(std::vector<ParsedCheck>& checks, const std::string& sql) {
  for (auto it = checks.begin(); it != checks.end(); ++it) {
    if (it->name.empty() && detail::sameSql(it->sql, sql)) {
      checks.erase(it);
      return true;
    }
  }
  return false;
}

// Refines the declared type with the CHECK it implies (bool, varchar, json, enum), consuming
// that check. A bool, varchar or json declared type whose check the table lacks is
// `unchecked`: a table made by another tool (Django's `varchar(150)`, `bool`), which lowering
// the pulled schema must not give a check it never had. Returns the enum values for an enum
// column.
std::optional<std::vector<std::string>> refineType(ir::Column& col,
                                                   std::vector<ParsedCheck>& checks) {
  ir::Schema none;
  ir::Column probe = col;
  switch (col.type.kind) {
    case ir::TypeKind::Bool:
    case ir::TypeKind::Varchar:
    case ir::TypeKind::Json:
      col.unchecked = !takeCheck(checks, sq::impliedCheck(none, col));
      return std::nullopt;
    case ir::TypeKind::Text: {
      probe.type.kind = ir::TypeKind::Json;
      if (takeCheck(checks, sq::impliedCheck(none, probe))) {
        col.type.kind = ir::TypeKind::Json;
        return std::nullopt;
      }
      for (auto it = checks.begin(); it != checks.end(); ++it) {
        if (!it->name.empty()) continue;
        if (auto values = enumCheckValues(col.name, it->sql)) {
          checks.erase(it);
          col.type.kind = ir::TypeKind::Enum;
          return values;
        }
      }
      return std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::string uniqueName(const std::string& base, const std::set<std::string>& taken) {
  if (!taken.count(base)) return base;
  for (int n = 1;; ++n) {
    std::string candidate = base + std::to_string(n);
    if (!taken.count(candidate)) return candidate;
  }
}

InferredType inferColumnType(const std::string& declared, const std::string& column,
                             std::vector<ParsedCheck>& checks) {
  InferredType out;
  ir::Column c;
  c.name = column;
  c.type = typeFromDeclared(declared);
  bool bareVarchar = false;
  if (auto n = varcharLengthFromCheck(declared, column, checks)) {
    c.type = kind(ir::TypeKind::Varchar);
    c.type.length = *n;
    bareVarchar = true;  // tursodb re-prints VARCHAR(16) so: no sqltype of its own
  }
  out.enumValues = refineType(c, checks);
  out.type = c.type;
  out.unchecked = c.unchecked;
  if (!bareVarchar && !sq::sameDeclaredType(declared, sq::typeName(out.type))) {
    out.sqlType = declared;
  }
  return out;
}

}  // namespace schemac::db::detail

namespace schemac::db {

ir::Type typeOfDeclared(const std::string& declared) {
  std::vector<detail::ParsedCheck> none;
  return detail::inferColumnType(declared, "", none).type;
}

}  // namespace schemac::db
