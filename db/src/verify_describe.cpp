// describeSchema(): a canonical text description of a live SQLite schema. Pragmas give the
// structure (columns, keys, foreign keys, indexes); what only the stored CREATE text holds
// (CHECKs, generated expressions, partial-index predicates) is compared as normalised token
// text: comments dropped, identifiers unquoted and lower-cased, one space between tokens.
// ALTER TABLE ADD COLUMN appends its column after the table constraints, so column
// definitions and table constraints are listed separately.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <sstream>

#include "schemac/db/verify.h"
#include "schemac/support/quote.h"

namespace schemac::db {
namespace {

struct Tok {
  enum Kind { Word, Ident, String, Punct } kind;
  std::string text;  // Word/Ident: lower-cased name; String: with quotes; Punct: as is
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<Tok> tokenize(std::string_view s) {
  std::vector<Tok> out;
  std::size_t i = 0;
  auto quoted = [&](char close) {
    std::string v;
    ++i;
    while (i < s.size()) {
      if (s[i] == close) {
        if (close != ']' && i + 1 < s.size() && s[i + 1] == close) {
          v += close;
          i += 2;
          continue;
        }
        ++i;
        break;
      }
      v += s[i++];
    }
    return v;
  };
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      std::size_t e = s.find("*/", i + 2);
      i = e == std::string_view::npos ? s.size() : e + 2;
    } else if (c == '\'') {
      out.push_back({Tok::String, support::quoteString(quoted('\''))});
    } else if (c == '"' || c == '`') {
      out.push_back({Tok::Ident, lower(quoted(c))});
    } else if (c == '[') {
      out.push_back({Tok::Ident, lower(quoted(']'))});
    } else if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
               static_cast<unsigned char>(c) >= 0x80) {
      std::size_t b = i;
      while (i < s.size() &&
             (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '.' ||
              static_cast<unsigned char>(s[i]) >= 0x80 || s[i] == '$')) {
        ++i;
      }
      out.push_back({Tok::Word, lower(std::string(s.substr(b, i - b)))});
    } else {
      // Two-character operators stay together.
      static const char* kTwo[] = {"||", "<=", ">=", "<>", "!=", "==", "<<", ">>"};
      std::string p(1, c);
      for (const char* t : kTwo) {
        if (s.substr(i, 2) == t) p = t;
      }
      i += p.size();
      out.push_back({Tok::Punct, p});
    }
  }
  return out;
}

std::string join(const std::vector<Tok>& toks, std::size_t b, std::size_t e) {
  std::string out;
  for (std::size_t i = b; i < e; ++i) {
    if (!out.empty()) out += ' ';
    out += toks[i].text;
  }
  return out;
}

std::string normalize(std::string_view sql) {
  std::vector<Tok> t = tokenize(sql);
  return join(t, 0, t.size());
}

struct CreateTableParts {
  std::map<std::string, std::string> columns;  // name -> normalised definition
  std::vector<std::string> constraints;        // normalised, sorted
  std::string options;                         // after the closing parenthesis
};

CreateTableParts splitCreateTable(std::string_view sql) {
  CreateTableParts parts;
  std::vector<Tok> t = tokenize(sql);
  std::size_t open = 0;
  while (open < t.size() && !(t[open].kind == Tok::Punct && t[open].text == "(")) ++open;
  int depth = 0;
  std::size_t itemStart = open + 1, close = t.size();
  auto addItem = [&](std::size_t b, std::size_t e) {
    if (b >= e) return;
    static const std::set<std::string> kConstraint = {"constraint", "primary", "unique", "check",
                                                      "foreign"};
    if (t[b].kind == Tok::Word && kConstraint.count(t[b].text)) {
      parts.constraints.push_back(join(t, b, e));
    } else {
      parts.columns[t[b].text] = join(t, b + 1, e);
    }
  };
  for (std::size_t i = open; i < t.size(); ++i) {
    if (t[i].kind != Tok::Punct) continue;
    if (t[i].text == "(") {
      ++depth;
    } else if (t[i].text == ")") {
      if (--depth == 0) {
        addItem(itemStart, i);
        close = i;
        break;
      }
    } else if (t[i].text == "," && depth == 1) {
      addItem(itemStart, i);
      itemStart = i + 1;
    }
  }
  if (close < t.size()) parts.options = join(t, close + 1, t.size());
  std::sort(parts.constraints.begin(), parts.constraints.end());
  return parts;
}

std::string valueText(const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) {
    std::ostringstream os;
    os << *d;
    return os.str();
  }
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "<blob>";
}

}  // namespace

std::string describeSchema(rt::Connection& db) {
  std::vector<std::string> lines;
  rt::ResultSet tables = db.query(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\' AND name NOT LIKE '\\_\\_schemac\\_%' ESCAPE '\\' ORDER BY name");
  // Index texts in one query: a lookup per index would scan sqlite_master each time.
  std::map<std::string, std::string> indexSql;
  for (const auto& row :
       db.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
           .rows) {
    indexSql[valueText(row[0])] = valueText(row[1]);
  }
  for (const auto& row : tables.rows) {
    std::string name = valueText(row[0]);
    std::string t = "table " + lower(name);
    lines.push_back(t);
    CreateTableParts parts = splitCreateTable(valueText(row[1]));
    if (!parts.options.empty()) lines.push_back(t + " options: " + parts.options);

    rt::ResultSet cols = db.query("PRAGMA table_xinfo(" + support::quoteString(name) + ")");
    for (const auto& c : cols.rows) {
      std::string cname = lower(valueText(c[1]));
      lines.push_back(t + " column " + valueText(c[0]) + " " + cname + " type=" + valueText(c[2]) +
                      " notnull=" + valueText(c[3]) + " default=" + valueText(c[4]) +
                      " pk=" + valueText(c[5]) + " hidden=" + valueText(c[6]));
      auto it = parts.columns.find(cname);
      lines.push_back(t + " column " + cname +
                      " sql: " + (it == parts.columns.end() ? "?" : it->second));
    }
    for (const std::string& k : parts.constraints) lines.push_back(t + " constraint: " + k);

    // Foreign keys: grouped by id, listed by content (ids follow declaration order).
    rt::ResultSet fks = db.query("PRAGMA foreign_key_list(" + support::quoteString(name) + ")");
    std::map<std::string, std::string> byId;  // id -> "from cols -> table(to cols) actions"
    std::map<std::string, std::pair<std::string, std::string>> fkCols;
    std::map<std::string, std::string> fkTail;
    for (const auto& f : fks.rows) {
      std::string id = valueText(f[0]);
      auto& [from, to] = fkCols[id];
      from += (from.empty() ? "" : ", ") + lower(valueText(f[3]));
      to += (to.empty() ? "" : ", ") + lower(valueText(f[4]));
      fkTail[id] = lower(valueText(f[2])) + " on update " + valueText(f[5]) + " on delete " +
                   valueText(f[6]) + " match " + valueText(f[7]);
    }
    std::vector<std::string> fkLines;
    for (const auto& [id, ft] : fkCols) {
      fkLines.push_back(t + " foreign key (" + ft.first + ") -> " + fkTail[id] + " (" + ft.second +
                        ")");
    }
    std::sort(fkLines.begin(), fkLines.end());
    lines.insert(lines.end(), fkLines.begin(), fkLines.end());

    // Indexes: named ones by name; automatic ones (inline UNIQUE / PRIMARY KEY) by content.
    rt::ResultSet idx = db.query("PRAGMA index_list(" + support::quoteString(name) + ")");
    std::vector<std::string> idxLines;
    for (const auto& ix : idx.rows) {
      std::string iname = valueText(ix[1]);
      std::string cols;
      rt::ResultSet xi = db.query("PRAGMA index_xinfo(" + support::quoteString(iname) + ")");
      for (const auto& k : xi.rows) {
        if (valueText(k[5]) != "1") continue;
        cols += (cols.empty() ? "" : ", ") +
                (std::holds_alternative<std::monostate>(k[2]) ? std::string("<expr>")
                                                              : lower(valueText(k[2]))) +
                (valueText(k[3]) == "1" ? " desc" : "") + " collate " + valueText(k[4]);
      }
      bool automatic = iname.rfind("sqlite_autoindex_", 0) == 0;
      std::string line = t + " index " + (automatic ? std::string("<auto>") : lower(iname)) +
                         " unique=" + valueText(ix[2]) + " origin=" + valueText(ix[3]) +
                         " partial=" + valueText(ix[4]) + " (" + cols + ")";
      if (!automatic) {
        auto it = indexSql.find(iname);
        if (it != indexSql.end()) line += " sql: " + normalize(it->second);
      }
      idxLines.push_back(line);
    }
    std::sort(idxLines.begin(), idxLines.end());
    lines.insert(lines.end(), idxLines.begin(), idxLines.end());
  }
  rt::ResultSet others = db.query(
      "SELECT type, name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY name");
  for (const auto& row : others.rows) {
    lines.push_back(valueText(row[0]) + " " + lower(valueText(row[1])) + ": " +
                    normalize(valueText(row[2])));
  }
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::string describeDifference(const std::string& expected, const std::string& actual) {
  auto split = [](const std::string& s) {
    std::vector<std::string> v;
    std::istringstream is(s);
    for (std::string l; std::getline(is, l);) v.push_back(l);
    return v;
  };
  std::vector<std::string> a = split(expected), b = split(actual);
  std::multiset<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  std::string out;
  for (const std::string& l : a) {
    auto it = sb.find(l);
    if (it == sb.end()) {
      out += "- " + l + "\n";
    } else {
      sb.erase(it);
    }
  }
  for (const std::string& l : b) {
    auto it = sa.find(l);
    if (it == sa.end()) {
      out += "+ " + l + "\n";
    } else {
      sa.erase(it);
    }
  }
  if (out.empty() && a != b) out = "(same facts in a different order)\n";
  return out;
}

}  // namespace schemac::db
