// Pass 5: indexes, checks and foreign keys, normalised from column modifiers and table items
// into plans that carry their final names. Unnamed ones get deterministic names derived
// from the table and columns (`users_email_key`, `invoices_status_idx`, `users_email_check`,
// `users_check`, `users_check1`, `invoices_user_id_fkey`), so names are stable across
// compilations. Then the names are checked: index names are global (SQLite keeps indexes
// and tables in one namespace per database), constraint names are per table.
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>

#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

// An expression part (nullptr) counts as `expr`: `users_expr_idx` for `index (lower(email))`.
std::string joinColumns(const std::vector<const ast::Ident*>& cols) {
  std::string out;
  for (const ast::Ident* c : cols) out += "_" + (c ? c->name : std::string("expr"));
  return out;
}

// The derived name of an index with expression parts: `<table>_<parts>_idx`, numbered from 1
// (`users_expr1_idx`) when an earlier index of the table already has that name, since two
// expression indexes on one table are not unusual.
std::string expressionIndexName(const TableInfo& t, const std::string& base, const char* suffix) {
  auto taken = [&](const std::string& n) {
    for (const IndexPlan& p : t.indexes) {
      if (p.name == n) return true;
    }
    return false;
  };
  std::string name = base + suffix;
  for (int n = 1; taken(name); ++n) name = base + std::to_string(n) + suffix;
  return name;
}

void planTable(Context& ctx, TableInfo& t) {
  const std::string& table = t.name();
  // Each vector grows once (a plan holds four vectors and a name: moving them costs).
  std::size_t indexes = t.decl->uniques.size() + t.decl->indexes.size();
  std::size_t checks = t.decl->checks.size(), foreignKeys = t.decl->foreignKeys.size();
  for (const ColumnInfo& c : t.columns) {
    indexes += !c.decl->unique.empty() + !c.decl->uniqueConstraint.empty();
    checks += !c.decl->checks.empty();
    foreignKeys += !c.decl->references.empty();
  }
  t.indexes.reserve(indexes);
  t.checks.reserve(checks);
  t.foreignKeys.reserve(foreignKeys);
  // Column modifiers first, in column order; then items in declared order.
  for (const ColumnInfo& c : t.columns) {
    if (c.duplicate) continue;  // its names would only repeat the first column's
    const ast::ColumnDecl& d = *c.decl;
    if (!d.unique.empty()) {
      IndexPlan p;
      p.name = table + "_" + d.name.name + "_key";
      p.generatedName = true;
      p.unique = true;
      p.columns = {&d.name};
      p.desc = {false};
      p.exprs = {nullptr};
      p.collations = {nullptr};
      p.range = p.nameRange = d.unique[0];
      t.indexes.push_back(std::move(p));
    }
    if (!d.uniqueConstraint.empty()) {
      IndexPlan p;
      p.name = table + "_" + d.name.name + "_key";
      p.generatedName = true;
      p.unique = p.constraint = p.unnamed = true;
      p.columns = {&d.name};
      p.desc = {false};
      p.exprs = {nullptr};
      p.collations = {nullptr};
      p.range = p.nameRange = d.uniqueConstraint[0];
      t.indexes.push_back(std::move(p));
    }
    if (!d.checks.empty()) {
      t.checks.push_back(
          {table + "_" + d.name.name + "_check", true, &d.checks[0], d.checks[0].range, false});
    }
    if (!d.references.empty()) {
      ForeignKeyPlan p;
      p.name = table + "_" + d.name.name + "_fkey";
      p.generatedName = true;
      p.columns = {&d.name};
      p.references = &d.references[0];
      p.fromColumn = true;
      p.range = p.nameRange = d.references[0].range;
      t.foreignKeys.push_back(std::move(p));
    }
  }
  for (const ast::UniqueItem& u : t.decl->uniques) {
    IndexPlan p;
    p.unique = true;
    for (const ast::Ident& id : u.columns) {
      p.columns.push_back(&id);
      p.desc.push_back(false);
      p.exprs.push_back(nullptr);
      p.collations.push_back(nullptr);
    }
    for (const ast::IndexPart& part : u.parts) {  // `unique constraint`: columns only
      if (part.expr) {
        ctx.diags().error(part.expr->range,
                          "a unique constraint's parts are columns (SQLite allows no expression "
                          "there); write a 'unique index' for an expression");
        p.columnsOk = false;
        continue;
      }
      p.columns.push_back(&part.column);
      p.desc.push_back(part.desc);
      p.exprs.push_back(nullptr);
      p.collations.push_back(part.collation ? &*part.collation : nullptr);
    }
    p.constraint = u.constraint;
    p.unnamed = u.constraint && !u.name;
    p.generatedName = !u.name;
    p.name = u.name ? u.name->name : table + joinColumns(p.columns) + "_key";
    p.range = u.range;
    p.nameRange = u.name ? u.name->range : u.range;
    t.indexes.push_back(std::move(p));
  }
  for (const ast::IndexItem& ix : t.decl->indexes) {
    IndexPlan p;
    p.unique = ix.unique;
    bool anyExpr = false;
    for (const ast::IndexPart& part : ix.parts) {
      p.columns.push_back(part.expr ? nullptr : &part.column);
      p.desc.push_back(part.desc);
      p.exprs.push_back(part.expr ? &*part.expr : nullptr);
      p.collations.push_back(part.collation ? &*part.collation : nullptr);
      anyExpr = anyExpr || part.expr;
    }
    p.generatedName = !ix.name;
    if (ix.name) {
      p.name = ix.name->name;
    } else if (anyExpr) {
      p.name = expressionIndexName(t, table + joinColumns(p.columns), ix.unique ? "_key" : "_idx");
    } else {
      p.name = table + joinColumns(p.columns) + (ix.unique ? "_key" : "_idx");
    }
    p.where = ix.where ? &*ix.where : nullptr;
    p.range = ix.range;
    p.nameRange = ix.name ? ix.name->range : ix.range;
    t.indexes.push_back(std::move(p));
  }
  int unnamedChecks = 0;
  for (const ast::CheckItem& c : t.decl->checks) {
    CheckPlan p;
    p.expr = &c.expr;
    p.unnamed = c.unnamed;
    if (c.name) {
      p.name = c.name->name;
      p.nameRange = c.name->range;
    } else {
      p.name = table + "_check" + (unnamedChecks ? std::to_string(unnamedChecks) : "");
      ++unnamedChecks;
      p.generatedName = true;
      p.nameRange = c.range;
    }
    t.checks.push_back(std::move(p));
  }
  for (const ast::ForeignItem& f : t.decl->foreignKeys) {
    ForeignKeyPlan p;
    for (const ast::Ident& id : f.columns) p.columns.push_back(&id);
    p.references = &f.references;
    p.unnamed = f.unnamed;
    p.generatedName = !f.name;
    p.name = f.name ? f.name->name : table + joinColumns(p.columns) + "_fkey";
    p.range = f.range;
    p.nameRange = f.name ? f.name->range : f.range;
    t.foreignKeys.push_back(std::move(p));
  }
}

// Index columns must exist and appear once.
void checkIndexColumns(Context& ctx, TableInfo& t) {
  for (IndexPlan& p : t.indexes) {
    for (std::size_t i = 0; i < p.columns.size(); ++i) {
      if (!p.columns[i]) continue;  // an expression part: checkExpressions resolves its names
      const ast::Ident& id = *p.columns[i];
      if (!lookupColumn(ctx, t, id)) {
        p.columnsOk = false;
        continue;
      }
      for (std::size_t j = 0; j < i; ++j) {
        if (p.columns[j] && p.columns[j]->name == id.name) {
          ctx.diags().error(id.range, "column '" + id.name + "' appears twice in " +
                                          (p.unique ? "unique constraint" : "index") + " '" +
                                          p.name + "'");
          p.columnsOk = false;
          break;
        }
      }
    }
  }
}

struct Taken {
  std::string_view what;  // "index", "table", "check", "foreign key", "unique constraint"
  SourceRange range;
};

std::string described(std::string_view kind, const std::string& name, bool generated) {
  return std::string(kind) + " name '" + name + "'" +
         (generated ? " (derived for this declaration)" : "");
}

// Names taken so far; only looked up, never iterated, so the order of diagnostics does not
// depend on it. Keys view names owned by the Context's tables and plans.
using TakenNames = std::unordered_map<std::string_view, Taken>;

}  // namespace

void planConstraints(Context& ctx) {
  forEachTable(ctx, [&](TableInfo& t) {
    planTable(ctx, t);
    checkIndexColumns(ctx, t);
  });
}

void checkConstraintNames(Context& ctx) {
  TakenNames global;
  std::size_t globalNames = ctx.tables.size();
  for (const TableInfo& t : ctx.tables) globalNames += t.indexes.size();
  global.reserve(globalNames);
  for (const TableInfo& t : ctx.tables) {
    if (!t.duplicate) global.emplace(t.name(), Taken{"table", t.decl->name.range});
  }
  TakenNames local;
  for (const TableInfo& t : ctx.tables) {
    if (t.duplicate) continue;  // its derived names would repeat the first table's
    local.clear();
    auto claim = [&](TakenNames& names, std::string_view kind, const std::string& name,
                     bool generated, SourceRange at) {
      auto [it, inserted] = names.try_emplace(name, Taken{kind, at});
      if (inserted) return;
      if (it->second.what == "table") {
        ctx.diags().errorWithNote(at,
                                  described(kind, name, generated) + " conflicts with table '" +
                                      name + "' (indexes and tables share one namespace)",
                                  it->second.range, "table declared here");
      } else {
        ctx.diags().errorWithNote(
            at, "duplicate " + described(kind, name, generated), it->second.range,
            "previous " + std::string(it->second.what) + " '" + name + "' is here");
      }
    };
    for (const IndexPlan& p : t.indexes) {
      if (p.constraint) continue;
      claim(global, "index", p.name, p.generatedName, p.nameRange);
      local.try_emplace(p.name, Taken{"index", p.nameRange});
    }
    // A UNIQUE constraint's name is not an index name in the database: it is per table.
    for (const IndexPlan& p : t.indexes) {
      if (p.constraint) claim(local, "unique constraint", p.name, p.generatedName, p.nameRange);
    }
    for (const CheckPlan& p : t.checks) {
      claim(local, "check", p.name, p.generatedName, p.nameRange);
    }
    for (const ForeignKeyPlan& p : t.foreignKeys) {
      claim(local, "foreign key", p.name, p.generatedName, p.nameRange);
    }
  }
}

}  // namespace schemac::sema
