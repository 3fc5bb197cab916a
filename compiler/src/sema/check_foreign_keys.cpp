// Pass 6: foreign keys. The referenced table and columns must exist, the column counts and
// types must match exactly (int and int32 are different types: the key values must compare
// equal in every dialect), and the referenced columns must be the primary key or carry a
// unique constraint, as SQLite and PostgreSQL both require.
#include <algorithm>
#include <set>
#include <string>

#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string columnList(const std::string& table, const std::vector<std::string>& cols) {
  std::string out = table + "(";
  for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? ", " : "") + cols[i];
  return out + ")";
}

// Whether the set of columns is the table's primary key or a (non-partial) unique index.
// nullopt when the table's own declarations were wrong, so no verdict is possible.
std::optional<bool> isUniqueKey(const TableInfo& t, const std::vector<std::string>& cols) {
  std::set<std::string> want(cols.begin(), cols.end());
  if (t.primaryKeyRange && t.primaryKey.empty()) return std::nullopt;
  if (std::set<std::string>(t.primaryKey.begin(), t.primaryKey.end()) == want) return true;
  for (const IndexPlan& p : t.indexes) {
    if (!p.unique) continue;
    if (!p.columnsOk) return std::nullopt;
    if (p.where) continue;  // a partial index does not make the key unique
    // Nor does one on expressions or with its own collations (SQLite: "foreign key mismatch").
    if (std::count(p.columns.begin(), p.columns.end(), nullptr) != 0) continue;
    if (std::count(p.collations.begin(), p.collations.end(), nullptr) !=
        static_cast<std::ptrdiff_t>(p.collations.size()))
      continue;
    std::set<std::string> have;
    for (const ast::Ident* c : p.columns) have.insert(c->name);
    if (have == want) return true;
  }
  return false;
}

void checkActions(Context& ctx, const ForeignKeyPlan& fk,
                  const std::vector<const ColumnInfo*>& local) {
  const ast::Actions& a = fk.references->actions;
  auto check = [&](const std::optional<ast::FkAction>& action, const char* when) {
    if (action != ast::FkAction::SetNull) return;
    for (const ColumnInfo* c : local) {
      if (!c->nullable()) {
        ctx.diags().errorWithNote(fk.references->range,
                                  std::string("'") + when +
                                      " set null' needs nullable columns, but '" +
                                      c->decl->name.name + "' is not nullable",
                                  c->decl->type.range, "declared here");
        return;
      }
    }
  };
  check(a.onDelete, "on delete");
  check(a.onUpdate, "on update");
}

void checkForeignKey(Context& ctx, const TableInfo& t, const ForeignKeyPlan& fk) {
  const bool fromColumn = fk.fromColumn;
  std::vector<const ColumnInfo*> local;
  bool localOk = true;
  for (const ast::Ident* id : fk.columns) {
    const ColumnInfo* c = fromColumn ? t.findColumn(id->name) : lookupColumn(ctx, t, *id);
    if (!c) {
      localOk = false;
      continue;
    }
    local.push_back(c);
  }
  const ast::References& ref = *fk.references;
  TableInfo* target = ctx.findTable(ref.table.name);
  if (!target) {
    std::vector<std::string> names;
    for (const auto& [n, i] : ctx.tableIndex) names.emplace_back(n);
    ctx.diags().error(ref.table.range,
                      "unknown table '" + ref.table.name + "'" + didYouMean(ref.table.name, names));
    return;
  }
  std::vector<std::string> refNames;
  std::vector<const ColumnInfo*> refCols;
  if (ref.columns.empty()) {
    // `references t` alone means t's primary key.
    if (target->primaryKey.empty()) {
      if (!target->primaryKeyRange) {
        ctx.diags().errorWithNote(ref.table.range,
                                  "table '" + target->name() + "' has no primary key to reference",
                                  target->decl->name.range, "table declared here");
      }
      return;
    }
    refNames = target->primaryKey;
    for (const std::string& n : refNames) refCols.push_back(target->findColumn(n));
  } else {
    bool ok = true;
    for (const ast::Ident& id : ref.columns) {
      const ColumnInfo* c = lookupColumn(ctx, *target, id);
      if (!c) {
        ok = false;
        continue;
      }
      refNames.push_back(id.name);
      refCols.push_back(c);
    }
    if (!ok) return;
  }
  if (fk.columns.size() != refNames.size()) {
    ctx.diags().error(ref.range, "foreign key has " + plural(fk.columns.size(), "column") +
                                     " but references " + plural(refNames.size(), "column"));
    return;
  }
  if (localOk) {
    for (std::size_t i = 0; i < local.size(); ++i) {
      const ColumnInfo& mine = *local[i];
      const ColumnInfo& theirs = *refCols[i];
      if (!mine.type || !theirs.type || *mine.type == *theirs.type) continue;
      SourceRange at = fromColumn ? mine.decl->type.range : fk.columns[i]->range;
      ctx.diags().errorWithNote(at,
                                "foreign key column '" + mine.decl->name.name + "' has type " +
                                    ir::typeToString(*mine.type) + " but the referenced column '" +
                                    target->name() + "." + theirs.decl->name.name + "' has type " +
                                    ir::typeToString(*theirs.type),
                                theirs.decl->type.range, "referenced column declared here");
    }
    checkActions(ctx, fk, local);
  }
  std::optional<bool> unique = isUniqueKey(*target, refNames);
  if (unique == false) {
    ctx.diags().errorWithNote(ref.range,
                              "referenced columns " + columnList(target->name(), refNames) +
                                  " are not the primary key of '" + target->name() +
                                  "' and have no unique constraint",
                              target->decl->name.range, "table declared here");
  }
}

}  // namespace

void checkForeignKeys(Context& ctx) {
  forEachTable(ctx, [&](const TableInfo& t) {
    for (const ForeignKeyPlan& fk : t.foreignKeys) checkForeignKey(ctx, t, fk);
  });
}

}  // namespace schemac::sema
