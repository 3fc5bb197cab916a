// diff(): compares the renamed view of the previous schema with the next one and lists the
// changes in a fixed order:
//   1. enums created / renamed / values renamed, added, reordered
//   2. tables renamed, then created (referenced tables first)
//   3. per kept table, by name: columns renamed, indexes / foreign keys / checks dropped,
//      columns added, altered, dropped, reordered, primary key, checks / foreign keys /
//      indexes added
//   4. tables dropped (referencing tables first)
//   5. enum values dropped, enums dropped
// wrapped in: 0. triggers, views and virtual tables dropped (removed or changed), and
//             6. virtual tables, views and triggers created (new or changed), by name.
// Docs, `tstype` (TypeScript only) and rename hints are not compared: they are not changes.
// Neither is the spelling of a `sqltype` (case, spaces).
#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <string_view>
#include <unordered_map>

#include "diff/diff_internal.h"

namespace schemac::diff {
namespace {

template <typename T>
const T* byName(const std::vector<T>& v, const std::string& n) {
  for (const T& x : v) {
    if (x.name == n) return &x;
  }
  return nullptr;
}

// Declared types compare as SQLite reads them: case-insensitively, whitespace ignored
// (`NUMERIC(10,2)` is `numeric(10, 2)`).
std::string declaredKey(const std::string& t) {
  std::string out;
  for (char c : t) {
    if (c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

unsigned columnChanges(const ir::Column& a, const ir::Column& b) {
  unsigned m = 0;
  if (!(a.type == b.type)) m |= kType;
  if (a.nullable != b.nullable) m |= kNullability;
  if (!(a.defaultValue == b.defaultValue)) m |= kDefault;
  if (!(a.generated == b.generated)) m |= kGenerated;
  if (a.autoincrement != b.autoincrement) m |= kAutoincrement;
  if (declaredKey(a.sqlType) != declaredKey(b.sqlType)) m |= kSqlType;
  if (a.unchecked != b.unchecked) m |= kUnchecked;
  if (declaredKey(a.collation) != declaredKey(b.collation)) m |= kCollation;
  return m;
}

// Views, triggers and virtual tables compare without their docs.
template <typename T>
bool sameObject(T a, T b) {
  a.doc.clear();
  b.doc.clear();
  return a == b;
}

template <typename T, typename Drop, typename Add>
void diffObjects(const std::vector<T>& from, const std::vector<T>& to, Drop drop, Add add) {
  for (const T& f : from) {
    const T* t = byName(to, f.name);
    if (!t || !sameObject(*t, f)) drop(f);
  }
  for (const T& t : to) {
    const T* f = byName(from, t.name);
    if (!f || !sameObject(*f, t)) add(t);
  }
}

// The names of `a` that are also in `b`, in `a`'s order.
template <typename T>
std::vector<std::string> commonNames(const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<std::string> out;
  for (const T& x : a) {
    if (byName(b, x.name)) out.push_back(x.name);
  }
  return out;
}

template <typename T, typename Drop, typename Add>
void diffNamed(const std::vector<T>& from, const std::vector<T>& to, Drop drop, Add add) {
  // Both lists are sorted by name; a changed item is dropped then added.
  for (const T& f : from) {
    const T* t = byName(to, f.name);
    if (!t || !(*t == f)) drop(f);
  }
  for (const T& t : to) {
    const T* f = byName(from, t.name);
    if (!f || !(*f == t)) add(t);
  }
}

class Differ {
 public:
  Differ(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options) : to_(to) {
    plan_.renames = detail::resolveRenames(from, to, options);
    // The renamed view of `from`: only the tables a rename touches are copied.
    for (const ir::Table& t : from.tables) {
      const ir::Table* m = &t;
      if (detail::touchedByRenames(t, plan_.renames)) {
        owned_.push_back(t);
        detail::renameTable(owned_.back(), plan_.renames);
        m = &owned_.back();
      }
      mappedList_.push_back(m);
      mappedTables_[m->name] = m;
    }
    mappedEnums_ = from.enums;
    for (ir::Enum& e : mappedEnums_) detail::renameEnum(e, plan_.renames);
    std::sort(mappedEnums_.begin(), mappedEnums_.end(),
              [](const ir::Enum& a, const ir::Enum& b) { return a.name < b.name; });
    for (const ir::Table& t : to_.tables) toTables_[t.name] = &t;
    // Triggers follow the renames of their table and `of` columns (SQLite's RENAME does the
    // same to the stored trigger); their raw SQL is compared as written.
    mappedTriggers_ = from.triggers;
    for (ir::Trigger& tr : mappedTriggers_) {
      if (auto it = plan_.renames.tables.find(tr.table); it != plan_.renames.tables.end()) {
        tr.table = it->second;
      }
      if (auto it = plan_.renames.columns.find(tr.table); it != plan_.renames.columns.end()) {
        for (std::string& c : tr.columns) {
          if (auto r = it->second.find(c); r != it->second.end()) c = r->second;
        }
      }
    }
    fromViews_ = &from.views;
    fromVirtual_ = &from.virtualTables;
  }

  Plan run() {
    objectsFirst();
    enumsFirst();
    tables();
    enumsLast();
    objectsLast();
    for (Change& c : plan_.changes) {
      detail::classify(c);
      if (c.safety == Safety::MayFail && implied(c)) {
        c.safety = Safety::Safe;
        c.reason.clear();
      }
      if (c.safety == Safety::Safe) collationTightens(c);
    }
    return std::move(plan_);
  }

 private:
  // Dropped or changed triggers, views and virtual tables go first: nothing of them may hang
  // on a table the plan changes.
  void objectsFirst() {
    diffObjects(
        mappedTriggers_, to_.triggers, [&](const ir::Trigger& t) { add(DropTrigger{t}); },
        [](const ir::Trigger&) {});
    diffObjects(
        *fromViews_, to_.views, [&](const ir::View& v) { add(DropView{v}); },
        [](const ir::View&) {});
    diffObjects(
        *fromVirtual_, to_.virtualTables,
        [&](const ir::VirtualTable& v) { add(DropVirtualTable{v}); },
        [](const ir::VirtualTable&) {});
  }

  void objectsLast() {
    diffObjects(
        *fromVirtual_, to_.virtualTables, [](const ir::VirtualTable&) {},
        [&](const ir::VirtualTable& v) { add(CreateVirtualTable{v}); });
    diffObjects(
        *fromViews_, to_.views, [](const ir::View&) {},
        [&](const ir::View& v) { add(CreateView{v}); });
    diffObjects(
        mappedTriggers_, to_.triggers, [](const ir::Trigger&) {},
        [&](const ir::Trigger& t) { add(CreateTrigger{t}); });
  }

  // A column whose collation changes while a unique index or key uses it with the column's
  // own collation: values distinct before may be equal after (binary -> nocase: 'A' and 'a').
  void collationTightens(Change& c) const {
    auto* x = std::get_if<AlterColumn>(&c.kind);
    if (!x || !(x->what & kCollation)) return;
    const ir::Table* t = toTable(x->table);
    if (!t) return;
    std::string by;
    auto usesColumn = [&](const std::vector<ir::IndexColumn>& parts) {
      return std::any_of(parts.begin(), parts.end(), [&](const ir::IndexColumn& p) {
        return !p.expr && p.column == x->to.name && p.collation.empty();
      });
    };
    for (const ir::Index& i : t->indexes) {
      if (i.unique && usesColumn(i.columns)) {
        by = "unique index " + i.name;
        break;
      }
    }
    if (by.empty() &&
        std::find(t->primaryKey.begin(), t->primaryKey.end(), x->to.name) != t->primaryKey.end()) {
      by = "the primary key";
    }
    // Back to binary only tells more values apart: it cannot fail.
    if (by.empty() || x->to.collation.empty() || declaredKey(x->to.collation) == "binary") return;
    std::string coll = x->to.collation.empty() ? "binary" : x->to.collation;
    c.safety = Safety::MayFail;
    c.reason = "changes the collation of " + x->table + "." + x->to.name + " to " + coll + ": " +
               by + " fails if two rows become equal under it";
  }

  // An added constraint that the previous table already enforced (an action or a name
  // changed), or an enum check that no column has, cannot fail on existing rows.
  bool implied(const Change& c) const {
    if (auto* x = std::get_if<AddForeignKey>(&c.kind)) {
      const ir::Table* m = mappedTable(x->table);
      if (!m) return false;
      return std::any_of(m->foreignKeys.begin(), m->foreignKeys.end(),
                         [&](const ir::ForeignKey& f) {
                           return f.columns == x->fk.columns && f.refTable == x->fk.refTable &&
                                  f.refColumns == x->fk.refColumns;
                         });
    }
    if (auto* x = std::get_if<CreateIndex>(&c.kind)) {
      const ir::Table* m = mappedTable(x->table);
      if (!m) return false;
      return std::any_of(m->indexes.begin(), m->indexes.end(), [&](const ir::Index& i) {
        return i.unique && i.columns == x->index.columns && i.where == x->index.where;
      });
    }
    // A value removed from an enum fails on the CHECKs of the columns using it; when every
    // such column is `unchecked` there is none. (An enum no column uses stays "may fail":
    // a dialect with enum types checks the type itself.)
    if (auto* x = std::get_if<DropEnumValue>(&c.kind)) {
      bool used = false;
      for (const ir::Table& t : to_.tables) {
        for (const ir::Column& col : t.columns) {
          if (col.type.kind != ir::TypeKind::Enum || col.type.enumName != x->enumName) continue;
          if (!col.unchecked) return false;
          used = true;
        }
      }
      return used;
    }
    if (auto* x = std::get_if<AddCheck>(&c.kind)) {
      const ir::Table* m = mappedTable(x->table);
      if (!m) return false;
      return std::any_of(m->checks.begin(), m->checks.end(),
                         [&](const ir::Check& k) { return k.expr == x->check.expr; });
    }
    return false;
  }

  void add(ChangeKind k) { plan_.changes.push_back(Change{std::move(k), Safety::Safe, {}}); }

  void enumsFirst() {
    for (const auto& [o, n] : plan_.renames.enums) add(RenameEnum{o, n});
    for (const ir::Enum& e : to_.enums) {
      const ir::Enum* m = byName(mappedEnums_, e.name);
      if (!m) {
        add(CreateEnum{e});
        continue;
      }
      if (auto it = plan_.renames.enumValues.find(e.name); it != plan_.renames.enumValues.end()) {
        // In the enum's declared order, not the map's.
        for (const ir::EnumValue& v : e.values) {
          for (const auto& [o, n] : it->second) {
            if (n == v.name) add(RenameEnumValue{e.name, o, n});
          }
        }
      }
      for (const ir::EnumValue& v : e.values) {
        if (!byName(m->values, v.name)) add(AddEnumValue{e.name, v.name});
      }
      std::vector<std::string> before = commonNames(m->values, e.values);
      std::vector<std::string> after = commonNames(e.values, m->values);
      if (before != after) add(ReorderEnumValues{e.name, before, after});
    }
  }

  void enumsLast() {
    for (const ir::Enum& m : mappedEnums_) {
      const ir::Enum* e = byName(to_.enums, m.name);
      if (!e) continue;
      for (const ir::EnumValue& v : m.values) {
        if (!byName(e->values, v.name)) add(DropEnumValue{m.name, v.name});
      }
    }
    for (const ir::Enum& m : mappedEnums_) {
      if (!byName(to_.enums, m.name)) add(DropEnum{m});
    }
  }

  void tables() {
    for (const auto& [o, n] : plan_.renames.tables) add(RenameTable{o, n});
    for (const ir::Table* t : detail::dependencyOrder(to_)) {
      if (!mappedTable(t->name)) add(CreateTable{*t});
    }
    for (const ir::Table& t : to_.tables) {
      if (const ir::Table* m = mappedTable(t.name)) table(*m, t);
    }
    std::vector<const ir::Table*> order = detail::dependencyOrder(mappedList_);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (!toTable((*it)->name)) add(DropTable{**it});
    }
  }

  void table(const ir::Table& m, const ir::Table& t) {
    const std::string& name = t.name;
    if (auto it = plan_.renames.columns.find(name); it != plan_.renames.columns.end()) {
      for (const ir::Column& c : t.columns) {
        for (const auto& [o, n] : it->second) {
          if (n == c.name) add(RenameColumn{name, o, n});
        }
      }
    }
    std::vector<CreateIndex> newIndexes;
    std::vector<AddCheck> newChecks;
    std::vector<AddForeignKey> newFks;
    diffNamed(
        m.indexes, t.indexes,
        [&](const ir::Index& i) {
          add(DropIndex{name, i});
        },
        [&](const ir::Index& i) {
          newIndexes.push_back({name, i});
        });
    diffNamed(
        m.foreignKeys, t.foreignKeys,
        [&](const ir::ForeignKey& f) {
          add(DropForeignKey{name, f});
        },
        [&](const ir::ForeignKey& f) {
          newFks.push_back({name, f});
        });
    diffNamed(
        m.checks, t.checks,
        [&](const ir::Check& c) {
          add(DropCheck{name, c});
        },
        [&](const ir::Check& c) {
          newChecks.push_back({name, c});
        });

    for (const ir::Column& c : t.columns) {
      if (!byName(m.columns, c.name)) add(AddColumn{name, c});
    }
    for (const ir::Column& c : t.columns) {
      const ir::Column* mc = byName(m.columns, c.name);
      if (!mc) continue;
      if (unsigned what = columnChanges(*mc, c)) add(AlterColumn{name, *mc, c, what});
    }
    for (const ir::Column& c : m.columns) {
      if (!byName(t.columns, c.name)) add(DropColumn{name, c});
    }
    std::vector<std::string> before = commonNames(m.columns, t.columns);
    std::vector<std::string> after = commonNames(t.columns, m.columns);
    if (before != after) add(ReorderColumns{name, before, after});
    if (m.primaryKey != t.primaryKey || m.primaryKeyName != t.primaryKeyName) {
      add(AlterPrimaryKey{name, m.primaryKey, t.primaryKey, m.primaryKeyName, t.primaryKeyName});
    }
    if (m.withoutRowid != t.withoutRowid || m.strict != t.strict) {
      add(AlterTableOptions{name, m.withoutRowid, t.withoutRowid, m.strict, t.strict});
    }
    for (auto& c : newChecks) add(std::move(c));
    for (auto& f : newFks) add(std::move(f));
    for (auto& i : newIndexes) add(std::move(i));
  }

  const ir::Table* mappedTable(const std::string& n) const {
    auto it = mappedTables_.find(n);
    return it == mappedTables_.end() ? nullptr : it->second;
  }
  const ir::Table* toTable(const std::string& n) const {
    auto it = toTables_.find(n);
    return it == toTables_.end() ? nullptr : it->second;
  }

  const ir::Schema& to_;
  std::deque<ir::Table> owned_;  // renamed copies (stable addresses)
  std::vector<const ir::Table*> mappedList_;
  std::vector<ir::Enum> mappedEnums_;
  std::vector<ir::Trigger> mappedTriggers_;
  const std::vector<ir::View>* fromViews_ = nullptr;
  const std::vector<ir::VirtualTable>* fromVirtual_ = nullptr;
  // Lookups by name: schemas may hold thousands of tables.
  std::unordered_map<std::string_view, const ir::Table*> mappedTables_, toTables_;
  Plan plan_;
};

}  // namespace

bool Plan::losesData() const {
  return std::any_of(changes.begin(), changes.end(),
                     [](const Change& c) { return c.safety == Safety::LosesData; });
}

bool Plan::mayFail() const {
  return std::any_of(changes.begin(), changes.end(),
                     [](const Change& c) { return c.safety == Safety::MayFail; });
}

Plan diff(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options) {
  return Differ(from, to, options).run();
}

}  // namespace schemac::diff
