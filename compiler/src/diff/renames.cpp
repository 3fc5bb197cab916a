// Rename resolution (hints, explicit renames, interactive confirmation) and the renamed view
// of the previous schema that the differ compares against the next one.
#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "diff/diff_internal.h"

namespace schemac::diff {
namespace {

template <typename T>
bool hasName(const std::vector<T>& v, const std::string& n) {
  return std::any_of(v.begin(), v.end(), [&](const T& x) { return x.name == n; });
}

template <typename T>
const T* byName(const std::vector<T>& v, const std::string& n) {
  for (const T& x : v) {
    if (x.name == n) return &x;
  }
  return nullptr;
}

// Resolves the `was` hints between two lists of named things into `out` (old -> new).
// Forward: a hint on a `to` item naming a `from` item. Backward: a hint on a `from` item
// naming a `to` item. A hint is used only when the old name is gone from `to`, the new name
// is absent from `from`, and neither side is already part of a rename.
template <typename T>
void resolveHints(const std::vector<T>& from, const std::vector<T>& to,
                  std::map<std::string, std::string>& out) {
  std::set<std::string> usedOld, usedNew;
  for (const auto& [o, n] : out) {
    usedOld.insert(o);
    usedNew.insert(n);
  }
  auto tryPair = [&](const std::string& oldName, const std::string& newName) {
    if (oldName == newName || usedOld.count(oldName) || usedNew.count(newName)) return false;
    if (!hasName(from, oldName) || hasName(to, oldName)) return false;
    if (!hasName(to, newName) || hasName(from, newName)) return false;
    out[oldName] = newName;
    usedOld.insert(oldName);
    usedNew.insert(newName);
    return true;
  };
  for (const T& t : to) {
    for (const std::string& h : t.renamedFrom) {
      if (tryPair(h, t.name)) break;
    }
  }
  for (const T& f : from) {
    for (const std::string& h : f.renamedFrom) {
      if (tryPair(f.name, h)) break;
    }
  }
}

// Keeps only the explicit renames that make sense for these two lists.
template <typename T>
std::map<std::string, std::string> validExplicit(const std::map<std::string, std::string>& given,
                                                 const std::vector<T>& from,
                                                 const std::vector<T>& to) {
  std::map<std::string, std::string> out;
  for (const auto& [o, n] : given) {
    if (hasName(from, o) && !hasName(to, o) && hasName(to, n) && !hasName(from, n)) out[o] = n;
  }
  return out;
}

std::string mapped(const std::map<std::string, std::string>& m, const std::string& n) {
  auto it = m.find(n);
  return it == m.end() ? n : it->second;
}

const std::map<std::string, std::string>* mapFor(
    const std::map<std::string, std::map<std::string, std::string>>& m, const std::string& k) {
  auto it = m.find(k);
  return it == m.end() ? nullptr : &it->second;
}

void mapExpr(ir::Expr& e, const std::map<std::string, std::string>* cols,
             const std::map<std::string, std::string>* values) {
  if (e.kind == ir::ExprKind::Column && cols) e.text = mapped(*cols, e.text);
  if (e.kind == ir::ExprKind::EnumValue && values) e.text = mapped(*values, e.text);
  for (ir::Expr& a : e.args) mapExpr(a, cols, values);
}

}  // namespace

Renames Renames::reversed() const {
  Renames r;
  for (const auto& [o, n] : tables) r.tables[n] = o;
  for (const auto& [o, n] : enums) r.enums[n] = o;
  for (const auto& [table, cols] : columns) {
    // Keyed by the table's name on the new side of the reversed diff, i.e. the old name.
    std::string key = table;
    for (const auto& [o, n] : tables) {
      if (n == table) key = o;
    }
    for (const auto& [o, n] : cols) r.columns[key][n] = o;
  }
  for (const auto& [en, vals] : enumValues) {
    std::string key = en;
    for (const auto& [o, n] : enums) {
      if (n == en) key = o;
    }
    for (const auto& [o, n] : vals) r.enumValues[key][n] = o;
  }
  return r;
}

namespace detail {

Renames resolveRenames(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options) {
  Renames r;
  r.tables = validExplicit(options.renames.tables, from.tables, to.tables);
  resolveHints(from.tables, to.tables, r.tables);
  r.enums = validExplicit(options.renames.enums, from.enums, to.enums);
  resolveHints(from.enums, to.enums, r.enums);

  // Enum values, per enum present on both sides.
  for (const ir::Enum& te : to.enums) {
    std::string oldName = te.name;
    for (const auto& [o, n] : r.enums) {
      if (n == te.name) oldName = o;
    }
    const ir::Enum* fe = byName(from.enums, oldName);
    if (!fe) continue;
    std::map<std::string, std::string> vals;
    if (auto* given = mapFor(options.renames.enumValues, te.name)) {
      vals = validExplicit(*given, fe->values, te.values);
    }
    resolveHints(fe->values, te.values, vals);
    if (!vals.empty()) r.enumValues[te.name] = std::move(vals);
  }

  // Columns, per table present on both sides (in `to` order, so prompts are deterministic).
  std::unordered_map<std::string_view, const ir::Table*> fromTables;
  for (const ir::Table& t : from.tables) fromTables[t.name] = &t;
  std::map<std::string, std::string> oldTableName;  // new -> old
  for (const auto& [o, n] : r.tables) oldTableName[n] = o;
  for (const ir::Table& tt : to.tables) {
    auto on = oldTableName.find(tt.name);
    auto ftIt = fromTables.find(on == oldTableName.end() ? tt.name : on->second);
    if (ftIt == fromTables.end()) continue;
    const ir::Table* ft = ftIt->second;
    std::map<std::string, std::string> cols;
    if (auto* given = mapFor(options.renames.columns, tt.name)) {
      cols = validExplicit(*given, ft->columns, tt.columns);
    }
    resolveHints(ft->columns, tt.columns, cols);

    if (options.confirmRename) {
      std::set<std::string> usedOld, usedNew;
      for (const auto& [o, n] : cols) {
        usedOld.insert(o);
        usedNew.insert(n);
      }
      for (const ir::Column& added : tt.columns) {
        if (hasName(ft->columns, added.name) || usedNew.count(added.name)) continue;
        for (const ir::Column& dropped : ft->columns) {
          if (hasName(tt.columns, dropped.name) || usedOld.count(dropped.name)) continue;
          ir::Type dt = dropped.type;
          if (dt.kind == ir::TypeKind::Enum) dt.enumName = mapped(r.enums, dt.enumName);
          if (!(dt == added.type)) continue;
          if (options.confirmRename(tt.name, dropped.name, added.name)) {
            cols[dropped.name] = added.name;
            usedOld.insert(dropped.name);
            usedNew.insert(added.name);
            break;
          }
        }
      }
    }
    if (!cols.empty()) r.columns[tt.name] = std::move(cols);
  }
  return r;
}

}  // namespace detail

namespace detail {

bool touchedByRenames(const ir::Table& t, const Renames& r) {
  if (r.empty()) return false;
  if (r.tables.count(t.name) || r.columns.count(mapped(r.tables, t.name))) return true;
  for (const ir::ForeignKey& fk : t.foreignKeys) {
    if (r.tables.count(fk.refTable) || r.columns.count(mapped(r.tables, fk.refTable))) return true;
  }
  for (const ir::Column& c : t.columns) {
    if (c.type.kind != ir::TypeKind::Enum) continue;
    if (r.enums.count(c.type.enumName) || r.enumValues.count(mapped(r.enums, c.type.enumName))) {
      return true;
    }
  }
  return false;
}

void renameTable(ir::Table& t, const Renames& r) {
  t.name = mapped(r.tables, t.name);
  const auto* cols = mapFor(r.columns, t.name);
  // Enum value renames of every enum the table uses, for checks and predicates (first wins
  // when two enums rename the same value name differently).
  std::map<std::string, std::string> tableValues;
  for (ir::Column& c : t.columns) {
    if (cols) c.name = mapped(*cols, c.name);
    if (c.type.kind == ir::TypeKind::Enum) {
      c.type.enumName = mapped(r.enums, c.type.enumName);
      if (auto* vals = mapFor(r.enumValues, c.type.enumName)) {
        tableValues.insert(vals->begin(), vals->end());
      }
    }
  }
  for (ir::Column& c : t.columns) {
    const std::map<std::string, std::string>* vals =
        c.type.kind == ir::TypeKind::Enum ? mapFor(r.enumValues, c.type.enumName) : nullptr;
    if (c.defaultValue) mapExpr(*c.defaultValue, cols, vals);
    if (c.generated) mapExpr(c.generated->expr, cols, &tableValues);
  }
  if (cols) {
    for (std::string& k : t.primaryKey) k = mapped(*cols, k);
  }
  for (ir::Index& ix : t.indexes) {
    if (cols) {
      for (ir::IndexColumn& ic : ix.columns) ic.column = mapped(*cols, ic.column);
    }
    if (ix.where) mapExpr(*ix.where, cols, &tableValues);
  }
  for (ir::Check& ck : t.checks) mapExpr(ck.expr, cols, &tableValues);
  for (ir::ForeignKey& fk : t.foreignKeys) {
    if (cols) {
      for (std::string& c : fk.columns) c = mapped(*cols, c);
    }
    fk.refTable = mapped(r.tables, fk.refTable);
    if (auto* refCols = mapFor(r.columns, fk.refTable)) {
      for (std::string& c : fk.refColumns) c = mapped(*refCols, c);
    }
  }
}

void renameEnum(ir::Enum& e, const Renames& r) {
  e.name = mapped(r.enums, e.name);
  if (auto* vals = mapFor(r.enumValues, e.name)) {
    for (ir::EnumValue& v : e.values) v.name = mapped(*vals, v.name);
  }
}

}  // namespace detail

ir::Schema applyRenames(const ir::Schema& from, const Renames& r) {
  ir::Schema s = from;
  if (r.empty()) return s;
  for (ir::Enum& e : s.enums) detail::renameEnum(e, r);
  for (ir::Table& t : s.tables) detail::renameTable(t, r);
  // A trigger's table and `of` columns follow (SQLite's RENAME rewrites them); raw SQL does not.
  for (ir::Trigger& tr : s.triggers) {
    if (auto it = r.tables.find(tr.table); it != r.tables.end()) tr.table = it->second;
    if (auto it = r.columns.find(tr.table); it != r.columns.end()) {
      for (std::string& c : tr.columns) {
        if (auto n = it->second.find(c); n != it->second.end()) c = n->second;
      }
    }
  }
  ir::canonicalize(s);
  return s;
}

}  // namespace schemac::diff
