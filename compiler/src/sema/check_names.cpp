// Names SQLite or schemac's own SQL would trip over, reported at compile time rather than as a
// failed migration: reserved prefixes of tables, indexes, views and triggers, control
// characters in any name, and SQLite's column limit (docs/schema-language.md, "Names").
#include <string>
#include <string_view>

#include "schemac/support/ascii.h"
#include "sema/context.h"

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

class NameChecker {
 public:
  explicit NameChecker(Context& ctx) : ctx_(ctx) {}

  void run() {
    for (const TableInfo& t : ctx_.tables) table(t);
    for (const EnumInfo& e : ctx_.enums) {
      plain(e.decl->name, "enum");
      for (const ast::EnumValueDecl& v : e.decl->values) plain(v.name, "enum value");
    }
    for (const ast::ViewDecl* v : ctx_.views) object(v->name, "view");
    for (const ast::TriggerDecl* t : ctx_.triggers) object(t->name, "trigger");
    for (const ast::VirtualTableDecl* v : ctx_.virtualTables) object(v->name, "virtual table");
  }

 private:
  void table(const TableInfo& t) {
    object(t.decl->name, "table");
    for (const ast::ColumnDecl& c : t.decl->columns) plain(c.name, "column");
    if (t.decl->columns.size() > kMaxColumns) {
      ctx_.diags.error(t.decl->name.range,
                       "table '" + t.name() + "' has " + std::to_string(t.decl->columns.size()) +
                           " columns; SQLite allows at most " + std::to_string(kMaxColumns));
    }
    for (const IndexPlan& ix : t.indexes) {
      // A derived name comes from the table's, which is reported already.
      if (!ix.generatedName) checkReserved(ix.name, ix.nameRange, "index");
      if (ix.columns.size() > kMaxColumns) {
        ctx_.diags.error(ix.range,
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
      ctx_.diags.error(range, std::string(what) + " name '" + name + "' is reserved (names " +
                                  "starting with '" + prefix + "' are used by " +
                                  (std::string_view(prefix) == "sqlite_" ? "SQLite" : "schemac") +
                                  ")");
    }
  }

  // Returns false after reporting a control character in the name.
  bool plain(const ast::Ident& name, const char* what) {
    if (!hasControlCharacter(name.name)) return true;
    ctx_.diags.error(name.range,
                     std::string(what) + " name '" + name.name + "' contains a control character");
    return false;
  }

  Context& ctx_;
};

}  // namespace

void checkNames(Context& ctx) { NameChecker(ctx).run(); }

}  // namespace schemac::sema
