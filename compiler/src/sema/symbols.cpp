// Pass 1: the symbols of the whole compilation. Tables and enums of every file share one
// namespace (a PostgreSQL enum type and a table's row type would clash too), so a table and
// an enum of the same name are a redefinition as well.
#include <string>
#include <string_view>
#include <unordered_map>

#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

std::string joinNamespace(const ast::NamespaceDecl& ns) {
  std::string out;
  for (const ast::Ident& p : ns.parts) {
    if (!out.empty()) out += '.';
    out += p.name;
  }
  return out;
}

struct GlobalName {
  bool isEnum = false;
  SourceRange range;
};

// A table's columns: their index by name, and duplicates reported.
void collectColumns(DiagEngine& diags, TableInfo& info) {
  const ast::TableDecl& t = *info.decl;
  info.columns.reserve(t.columns.size());
  info.columnIndex.reserve(t.columns.size());
  for (std::size_t i = 0; i < t.columns.size(); ++i)
    info.columnIndex.add(t.columns[i].name.name, i);
  info.columnIndex.seal();
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const ast::ColumnDecl& c = t.columns[i];
    ColumnInfo col;
    col.decl = &c;
    std::size_t first = info.columnIndex.find(c.name.name);
    if (first != i) {
      col.duplicate = true;
      diags.errorWithNote(c.name.range,
                          "duplicate column '" + c.name.name + "' in table '" + t.name.name + "'",
                          t.columns[first].name.range, "previous definition is here");
    }
    info.columns.push_back(col);
  }
}

// Reports to `diags`; with `columns` false, leaves each table's columns to collectColumns.
class SymbolCollector {
 public:
  SymbolCollector(Context& ctx, DiagEngine& diags, bool columns)
      : ctx_(ctx), diags_(diags), columns_(columns) {}
  void reserve(std::size_t names) { names_.reserve(names); }

  void module(const ast::Module& m) {
    if (m.ns) namespaceDecl(*m.ns);
    // Walk declarations in source order so "previous definition" is the earlier one.
    // (Views, triggers and virtual tables are collected by checkObjects.)
    if (m.order.size() == m.enums.size() + m.tables.size() + m.views.size() + m.triggers.size() +
                              m.virtualTables.size()) {
      for (const auto& [kind, i] : m.order) {
        if (kind == ast::Module::DeclKind::Enum) {
          enumDecl(m.enums[i]);
        } else if (kind == ast::Module::DeclKind::Table) {
          tableDecl(m.tables[i]);
        }
      }
    } else {
      for (const ast::EnumDecl& e : m.enums) enumDecl(e);
      for (const ast::TableDecl& t : m.tables) tableDecl(t);
    }
  }

 private:
  void namespaceDecl(const ast::NamespaceDecl& ns) {
    if (ctx_.schemaDoc.empty()) ctx_.schemaDoc = ns.doc;
    if (!ctx_.ns) {
      ctx_.ns = &ns;
      return;
    }
    std::string mine = joinNamespace(ns), first = joinNamespace(*ctx_.ns);
    if (mine != first) {
      diags_.errorWithNote(ns.range,
                           "namespace '" + mine + "' conflicts with namespace '" + first +
                               "' declared in another file",
                           ctx_.ns->range, "previous namespace declaration is here");
    }
  }

  // Returns false (after reporting) when the name is taken.
  bool claim(const ast::Ident& name, bool isEnum) {
    auto [it, inserted] = names_.try_emplace(name.name, GlobalName{isEnum, name.range});
    if (inserted) return true;
    const char* kind = isEnum ? "enum" : "table";
    if (it->second.isEnum == isEnum) {
      diags_.errorWithNote(name.range,
                           std::string("redefinition of ") + kind + " '" + name.name + "'",
                           it->second.range, "previous definition is here");
    } else {
      diags_.errorWithNote(name.range,
                           std::string(kind) + " '" + name.name + "' conflicts with " +
                               (it->second.isEnum ? "enum" : "table") + " '" + name.name +
                               "' (tables and enums share one namespace)",
                           it->second.range, "previous definition is here");
    }
    return false;
  }

  void enumDecl(const ast::EnumDecl& e) {
    EnumInfo info;
    info.decl = &e;
    info.duplicate = !claim(e.name, true);
    info.valueIndex.reserve(e.values.size());
    for (std::size_t i = 0; i < e.values.size(); ++i) info.valueIndex.add(e.values[i].name.name, i);
    info.valueIndex.seal();
    for (std::size_t i = 0; i < e.values.size(); ++i) {
      const ast::EnumValueDecl& v = e.values[i];
      std::size_t first = info.valueIndex.find(v.name.name);
      if (first != i) {
        diags_.errorWithNote(v.name.range,
                             "duplicate value '" + v.name.name + "' in enum '" + e.name.name + "'",
                             e.values[first].name.range, "previous definition is here");
      }
    }
    if (e.values.empty()) {
      diags_.error(e.name.range, "enum '" + e.name.name + "' has no values");
    }
    if (!info.duplicate) ctx_.enumIndex.add(e.name.name, ctx_.enums.size());
    ctx_.enums.push_back(std::move(info));
  }

  void tableDecl(const ast::TableDecl& t) {
    TableInfo info;
    info.decl = &t;
    info.duplicate = !claim(t.name, false);
    if (columns_) collectColumns(diags_, info);
    if (t.columns.empty()) {
      diags_.error(t.name.range, "table '" + t.name.name + "' has no columns");
    }
    if (!info.duplicate) ctx_.tableIndex.add(t.name.name, ctx_.tables.size());
    ctx_.tables.push_back(std::move(info));
  }

  Context& ctx_;
  DiagEngine& diags_;
  bool columns_;
  // Only looked up, never iterated; keys view names in the AST.
  std::unordered_map<std::string_view, GlobalName> names_;
};

}  // namespace

namespace {

// One pass over the declarations in source order; `columns` as SymbolCollector's.
void collect(Context& ctx, const std::vector<ast::Module>& modules, DiagEngine& diags,
             bool columns) {
  SymbolCollector collector(ctx, diags, columns);
  std::size_t tables = 0, enums = 0;
  for (const ast::Module& m : modules) tables += m.tables.size(), enums += m.enums.size();
  ctx.tables.reserve(tables);
  ctx.enums.reserve(enums);
  ctx.modules.reserve(modules.size());
  collector.reserve(tables + enums);
  ctx.tableIndex.reserve(tables);
  ctx.enumIndex.reserve(enums);
  for (const ast::Module& m : modules) {
    ctx.modules.push_back(&m);
    collector.module(m);
  }
  ctx.tableIndex.seal();
  ctx.enumIndex.seal();
}

}  // namespace

void collectSymbols(Context& ctx, const std::vector<ast::Module>& modules) {
  std::size_t tables = 0;
  for (const ast::Module& m : modules) tables += m.tables.size();
  if (useHelperFor(tables)) {
    // Names first, then the columns of the tables on two threads. That reports in the one-pass
    // order only when the names report nothing (duplicate columns are then the only findings,
    // in table order); otherwise start over with the one pass.
    DiagEngine names(ctx.diags().sources());
    collect(ctx, modules, names, false);
    if (names.errorCount() == 0 && names.warningCount() == 0) {
      forEachTable(ctx, [&](TableInfo& t) { collectColumns(ctx.diags(), t); });
      return;
    }
    ctx.modules.clear();
    ctx.ns = nullptr;
    ctx.schemaDoc.clear();
    ctx.tables.clear();
    ctx.enums.clear();
    ctx.tableIndex = NameIndex();
    ctx.enumIndex = NameIndex();
  }
  collect(ctx, modules, ctx.diags(), true);
}

}  // namespace schemac::sema
