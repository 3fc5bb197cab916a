// Names SQLite or schemac's own SQL would trip over, reported at compile time rather than as a
// failed migration: reserved prefixes of tables, indexes, views and triggers, control
// characters in any name, and SQLite's column limit (docs/schema-language.md, "Names").
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/support/ascii.h"
#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

// SQLITE_MAX_COLUMN as SQLite is built by default: columns of a table, of an index.
constexpr std::size_t kMaxColumns = 2000;

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && support::equalsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Why `name` cannot name a schema object, or nullptr. SQLite refuses `sqlite_*`; migrations
// use `__schemac_*` (history, lock) and a rebuild creates `__new_<table>` next to the table
// (codegen/src/sqlite_migrate/rebuild.cpp). SQLite compares names without case.
const char* reservedPrefix(std::string_view name) {
  for (const char* prefix : {"sqlite_", "__schemac_", "__new_"}) {
    if (startsWithNoCase(name, prefix)) return prefix;
  }
  return nullptr;
}

bool hasControlCharacter(std::string_view s) {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// The tables a view's query reads: the names right after FROM and JOIN, unqualified and not a
// call (a table-valued function). A name a WITH clause defines (`name AS (` or `name(cols)`)
// is not a table. Strings and comments are skipped. It misses tables in a comma join, which is
// fine: it only has to catch the common mistake before SQLite does, mid-migration.
class ViewReads {
 public:
  explicit ViewReads(std::string_view sql) {
    for (std::size_t i = 0; i < sql.size();) i = next(sql, i);
    for (std::size_t k = 0; k < words_.size(); ++k) {
      const Word& w = words_[k];
      if (w.text.empty()) continue;
      bool afterFrom = k > 0 && words_[k - 1].bare &&
                       (support::equalsIgnoreCase(words_[k - 1].text, "from") ||
                        support::equalsIgnoreCase(words_[k - 1].text, "join")) &&
                       !(k > 1 && support::equalsIgnoreCase(words_[k - 2].text, "distinct"));
      char after = k + 1 < words_.size() ? words_[k + 1].punct : 0;
      bool definesName = after == '(' || (k + 2 < words_.size() &&
                                          support::equalsIgnoreCase(words_[k + 1].text, "as") &&
                                          words_[k + 2].punct == '(');
      if (definesName) defined_.insert(support::lowerAscii(w.text));
      if (afterFrom && after != '.' && after != '(') read_.push_back(w.text);
    }
  }

  // The first name read that is not in `known` (lower-cased) nor defined by the query itself.
  std::optional<std::string> unknown(const std::set<std::string>& known) const {
    for (const std::string& n : read_) {
      std::string l = support::lowerAscii(n);
      if (known.count(l) || defined_.count(l) || l.starts_with("sqlite_") ||
          l.starts_with("pragma_")) {
        continue;
      }
      return n;
    }
    return std::nullopt;
  }

 private:
  struct Word {
    std::string text;   // empty: punctuation or a string
    bool bare = false;  // not quoted: may be a keyword (FROM, JOIN, ...)
    char punct = 0;
  };

  static bool identChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80 || c == '$';
  }

  std::size_t next(std::string_view s, std::size_t i) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) return i + 1;
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      std::size_t e = s.find('\n', i);
      return e == std::string_view::npos ? s.size() : e + 1;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      std::size_t e = s.find("*/", i + 2);
      return e == std::string_view::npos ? s.size() : e + 2;
    }
    if (c == '\'') {
      std::size_t e = i + 1;
      for (; e < s.size(); ++e) {
        if (s[e] != '\'') continue;
        if (e + 1 < s.size() && s[e + 1] == '\'') {
          ++e;  // '' stands for one quote
          continue;
        }
        break;
      }
      words_.push_back(Word{"", false, '\''});
      return std::min(s.size(), e + 1);
    }
    if (c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      std::string name;
      std::size_t e = i + 1;
      for (; e < s.size(); ++e) {
        if (s[e] == close) {
          if (close != ']' && e + 1 < s.size() && s[e + 1] == close) {
            name += close;
            ++e;
            continue;
          }
          break;
        }
        name += s[e];
      }
      words_.push_back(Word{name.empty() ? std::string(1, '?') : name, false, 0});
      return std::min(s.size(), e + 1);
    }
    if (identChar(c)) {
      std::size_t e = i;
      while (e < s.size() && identChar(s[e])) ++e;
      words_.push_back(Word{std::string(s.substr(i, e - i)), true, 0});
      return e;
    }
    words_.push_back(Word{"", false, c});
    return i + 1;
  }

  std::vector<Word> words_;
  std::vector<std::string> read_;
  std::set<std::string> defined_;
};

class NameChecker {
 public:
  explicit NameChecker(Context& ctx) : ctx_(ctx) {}

  void run() {
    forEachTable(ctx_, [&](const TableInfo& t) { table(t); });
    for (const EnumInfo& e : ctx_.enums) {
      plain(e.decl->name, "enum");
      for (const ast::EnumValueDecl& v : e.decl->values) plain(v.name, "enum value");
    }
    if (!ctx_.views.empty()) views();
    for (const ast::TriggerDecl* t : ctx_.triggers) object(t->name, "trigger");
    for (const ast::VirtualTableDecl* v : ctx_.virtualTables) object(v->name, "virtual table");
  }

 private:
  // The names, and the tables a view reads (only then are the known names gathered).
  void views() {
    std::set<std::string> known;
    for (const TableInfo& t : ctx_.tables) known.insert(support::lowerAscii(t.name()));
    for (const ast::ViewDecl* v : ctx_.views) known.insert(support::lowerAscii(v->name.name));
    for (const ast::VirtualTableDecl* v : ctx_.virtualTables) {
      known.insert(support::lowerAscii(v->name.name));
    }
    for (const ast::ViewDecl* v : ctx_.views) {
      object(v->name, "view");
      if (std::optional<std::string> missing = ViewReads(v->query.text).unknown(known)) {
        ctx_.diags().error(v->query.range,
                           "view '" + v->name.name + "' reads unknown table '" + *missing + "'");
      }
    }
  }

  void table(const TableInfo& t) {
    object(t.decl->name, "table");
    for (const ast::ColumnDecl& c : t.decl->columns) plain(c.name, "column");
    if (t.decl->columns.size() > kMaxColumns) {
      ctx_.diags().error(t.decl->name.range,
                         "table '" + t.name() + "' has " + std::to_string(t.decl->columns.size()) +
                             " columns; SQLite allows at most " + std::to_string(kMaxColumns));
    }
    for (const IndexPlan& ix : t.indexes) {
      // A derived name comes from the table's, which is reported already.
      if (!ix.generatedName) checkReserved(ix.name, ix.nameRange, "index");
      if (ix.columns.size() > kMaxColumns) {
        ctx_.diags().error(ix.range,
                           "index '" + ix.name + "' has " + std::to_string(ix.columns.size()) +
                               " columns; SQLite allows at most " + std::to_string(kMaxColumns));
      }
    }
  }

  // A name that becomes an object in sqlite_schema.
  void object(const ast::Ident& name, const char* what) {
    if (!plain(name, what)) return;
    checkReserved(name.name, name.range, what);
  }

  void checkReserved(const std::string& name, SourceRange range, const char* what) {
    if (const char* prefix = reservedPrefix(name)) {
      ctx_.diags().error(range, std::string(what) + " name '" + name + "' is reserved (names " +
                                    "starting with '" + prefix + "' are used by " +
                                    (std::string_view(prefix) == "sqlite_" ? "SQLite" : "schemac") +
                                    ")");
    }
  }

  // Returns false after reporting a control character in the name.
  bool plain(const ast::Ident& name, const char* what) {
    if (!hasControlCharacter(name.name)) return true;
    ctx_.diags().error(
        name.range, std::string(what) + " name '" + name.name + "' contains a control character");
    return false;
  }

  Context& ctx_;
};

}  // namespace

void checkNames(Context& ctx) { NameChecker(ctx).run(); }

}  // namespace schemac::sema
