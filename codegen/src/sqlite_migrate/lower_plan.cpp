// Plan -> SQLite statements. Order of the emitted statements:
//   0. DROP TRIGGER, DROP VIEW (readers first), DROP TABLE of virtual tables: those the plan
//      removes or changes, and every trigger and view that hangs on a rebuilt table (a view
//      reading it, or reading such a view; a trigger on it or whose WHEN/body names it or
//      such a view): SQLite's RENAME at the end of a rebuild refuses a schema whose views or
//      triggers name a missing table, and DROP TABLE takes the table's triggers with it
//   1. DROP INDEX for dropped or changed indexes (before any DROP COLUMN needs it), and for
//      indexes of dropped tables whose names the new schema reuses
//   2. ALTER TABLE ... RENAME TO, then RENAME COLUMN (SQLite rewrites every reference,
//      foreign keys of other tables included, so later steps see the new names)
//   3. CREATE TABLE (+ indexes) of new tables, referenced tables first
//   4. per kept table, referenced first: the rebuild, or ADD COLUMN / DROP COLUMN in place
//   5. CREATE INDEX for new or changed indexes of tables altered in place
//   6. DROP TABLE, referencing tables first
//   7. CREATE VIRTUAL TABLE, CREATE VIEW (a view after those it reads), CREATE TRIGGER: the
//      new and changed ones, and those step 0 dropped around a rebuild, as `to` has them
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/support/ascii.h"
#include "sqlite_migrate/rebuild.h"

namespace schemac::codegen::sqlite {
namespace {

using namespace schemac::diff;

// Name -> table, for schemas of thousands of tables.
class TableIndex {
 public:
  explicit TableIndex(const ir::Schema& s) {
    for (const ir::Table& t : s.tables) byName_.emplace(t.name, &t);
  }
  const ir::Table* find(const std::string& n) const {
    auto it = byName_.find(n);
    return it == byName_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string_view, const ir::Table*> byName_;
};

bool usesEnum(const ir::Table& t, const std::string& enumName) {
  return std::any_of(t.columns.begin(), t.columns.end(), [&](const ir::Column& c) {
    return c.type.kind == ir::TypeKind::Enum && c.type.enumName == enumName;
  });
}

bool hasAutoincrement(const ir::Table& t) {
  return std::any_of(t.columns.begin(), t.columns.end(),
                     [](const ir::Column& c) { return c.autoincrement; });
}

class Lowering {
 public:
  Lowering(const ir::Schema& from, const ir::Schema& to, const Plan& plan,
           const LowerOptions& options)
      : options_(options),
        to_(to),
        plan_(plan),
        renamed_(plan.renames.empty() ? ir::Schema{} : applyRenames(from, plan.renames)),
        mapped_(plan.renames.empty() ? from : renamed_),
        toIndex_(to_),
        mappedIndex_(mapped_) {}

  MigrationSql run() {
    decideRebuilds();
    dependents();
    for (const ir::Trigger& t : mapped_.triggers) {
      if (dropTriggers_.count(t.name)) add("DROP TRIGGER " + quoteIdent(t.name) + ";");
    }
    std::vector<const ir::View*> views = viewOrder(mapped_.views);
    for (auto it = views.rbegin(); it != views.rend(); ++it) {
      if (dropViews_.count((*it)->name)) add("DROP VIEW " + quoteIdent((*it)->name) + ";");
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<DropVirtualTable>(&c.kind)) {
        add("DROP TABLE " + quoteIdent(x->table.name) + ";");
      }
    }
    for (const Change& c : plan_.changes) {
      // A UNIQUE constraint cannot be dropped by name: its table is rebuilt without it.
      auto* x = std::get_if<DropIndex>(&c.kind);
      if (x && !x->index.constraint) add("DROP INDEX " + quoteIdent(x->index.name) + ";");
    }
    dropReusedIndexesOfDroppedTables();
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<RenameTable>(&c.kind)) {
        add("ALTER TABLE " + quoteIdent(x->from) + " RENAME TO " + quoteIdent(x->to) + ";");
      }
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<RenameColumn>(&c.kind)) {
        add("ALTER TABLE " + quoteIdent(x->table) + " RENAME COLUMN " + quoteIdent(x->from) +
            " TO " + quoteIdent(x->to) + ";");
      }
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<CreateTable>(&c.kind)) {
        for (std::string& s : createTableAndIndexes(to_, x->table)) add(std::move(s));
      }
    }
    for (const ir::Table* t : creationOrder(to_)) {
      const ir::Table* m = mappedIndex_.find(t->name);
      if (!m) continue;
      if (rebuild_.count(t->name)) {
        for (std::string& s : rebuildTable(to_, *m, *t, plan_.renames)) add(std::move(s));
      } else {
        alterInPlace(*m, *t);
      }
    }
    for (const Change& c : plan_.changes) {
      auto* x = std::get_if<CreateIndex>(&c.kind);
      if (!x || x->index.constraint || rebuild_.count(x->table)) continue;
      const ir::Table* t = toIndex_.find(x->table);
      if (t) add(createIndex(to_, *t, x->index));
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<DropTable>(&c.kind)) {
        add("DROP TABLE " + quoteIdent(x->table.name) + ";");
      }
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<CreateVirtualTable>(&c.kind)) add(createVirtualTable(x->table));
    }
    for (const ir::View* v : viewOrder(to_.views)) {
      if (createViews_.count(v->name)) add(createView(*v));
    }
    for (const ir::Trigger& t : to_.triggers) {
      if (createTriggers_.count(t.name)) add(createTrigger(t));
    }
    out_.rebuiltTables.assign(rebuild_.begin(), rebuild_.end());
    return std::move(out_);
  }

 private:
  void add(std::string s) { out_.statements.push_back(std::move(s)); }

  // A dropped table goes last (step 6), but an index of it whose name the new schema gives to
  // another index (a table renamed without `was` keeps its index names) must go before that
  // index is created: index names are global in SQLite.
  void dropReusedIndexesOfDroppedTables() {
    std::set<std::string> created;
    for (const ir::Table& t : to_.tables) {
      for (const ir::Index& ix : t.indexes) {
        if (!ix.constraint) created.insert(support::lowerAscii(ix.name));
      }
    }
    for (const Change& c : plan_.changes) {
      auto* x = std::get_if<DropTable>(&c.kind);
      if (!x) continue;
      for (const ir::Index& ix : x->table.indexes) {
        if (!ix.constraint && created.count(support::lowerAscii(ix.name))) {
          add("DROP INDEX " + quoteIdent(ix.name) + ";");
        }
      }
    }
  }

  // The triggers and views to drop first and create last: the plan's, and those that hang on
  // a rebuilt table or on a view dropped before them (transitively).
  void dependents() {
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<DropView>(&c.kind)) dropViews_.insert(x->view.name);
      if (auto* x = std::get_if<CreateView>(&c.kind)) createViews_.insert(x->view.name);
      if (auto* x = std::get_if<DropTrigger>(&c.kind)) dropTriggers_.insert(x->trigger.name);
      if (auto* x = std::get_if<CreateTrigger>(&c.kind)) createTriggers_.insert(x->trigger.name);
    }
    // Names that stop existing for a moment. A view's stored text still says a table's old
    // name only if it was never renamed by SQLite; both names are looked for.
    std::set<std::string> gone;
    auto lower = [](const std::string& n) { return support::lowerAscii(n); };
    for (const std::string& t : rebuild_) gone.insert(lower(t));
    for (const auto& [o, n] : plan_.renames.tables) {
      if (rebuild_.count(n)) gone.insert(lower(o));
    }
    // A view that reads a view the plan replaces is replaced too: an ALTER TABLE in between
    // would find it naming a missing view.
    for (const std::string& v : dropViews_) gone.insert(lower(v));
    if (gone.empty()) return;
    auto hits = [&](const std::vector<std::string>& names) {
      return std::any_of(names.begin(), names.end(),
                         [&](const std::string& n) { return gone.count(n) > 0; });
    };
    std::vector<std::vector<std::string>> viewNames;
    for (const ir::View& v : mapped_.views) viewNames.push_back(namesInSql(v.sql));
    for (bool grew = true; grew;) {
      grew = false;
      for (std::size_t i = 0; i < mapped_.views.size(); ++i) {
        const ir::View& v = mapped_.views[i];
        if (dropViews_.count(v.name) || !hits(viewNames[i])) continue;
        dropViews_.insert(v.name);
        gone.insert(lower(v.name));
        if (to_.findView(v.name)) createViews_.insert(v.name);
        grew = true;
      }
    }
    for (const ir::Trigger& t : mapped_.triggers) {
      if (dropTriggers_.count(t.name)) continue;
      std::vector<std::string> names = namesInSql(t.when);
      for (std::string& n : namesInSql(t.body)) names.push_back(std::move(n));
      names.push_back(lower(t.table));
      if (!hits(names)) continue;
      dropTriggers_.insert(t.name);
      if (to_.findTrigger(t.name)) createTriggers_.insert(t.name);
    }
  }

  // Which kept tables need the rebuild procedure.
  void decideRebuilds() {
    std::map<std::string, std::vector<const ir::Column*>> added;
    for (const Change& c : plan_.changes) {
      std::visit(
          [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, AlterColumn> || std::is_same_v<T, AddCheck> ||
                          std::is_same_v<T, DropCheck> || std::is_same_v<T, AddForeignKey> ||
                          std::is_same_v<T, DropForeignKey> || std::is_same_v<T, AlterPrimaryKey> ||
                          std::is_same_v<T, ReorderColumns> ||
                          std::is_same_v<T, AlterTableOptions>) {
              rebuild_.insert(x.table);
            } else if constexpr (std::is_same_v<T, CreateIndex> || std::is_same_v<T, DropIndex>) {
              // A UNIQUE constraint is part of CREATE TABLE.
              if (x.index.constraint && mappedIndex_.find(x.table) && toIndex_.find(x.table)) {
                rebuild_.insert(x.table);
              }
            } else if constexpr (std::is_same_v<T, AddColumn>) {
              added[x.table].push_back(&x.column);
              const ir::Table* t = toIndex_.find(x.table);
              if (!t || !canAddInPlace(to_, *t, x.column) ||
                  (options_.rebuildAutoincrement && hasAutoincrement(*t))) {
                rebuild_.insert(x.table);
              }
            } else if constexpr (std::is_same_v<T, DropColumn>) {
              const ir::Table* m = mappedIndex_.find(x.table);
              if (!m || !canDropInPlace(mapped_, *m, x.column) ||
                  (options_.rebuildAutoincrement && hasAutoincrement(*m))) {
                rebuild_.insert(x.table);
              }
            } else if constexpr (std::is_same_v<T, AddEnumValue> ||
                                 std::is_same_v<T, DropEnumValue> ||
                                 std::is_same_v<T, RenameEnumValue> ||
                                 std::is_same_v<T, ReorderEnumValues>) {
              // The enum's values live in the CHECK of every column using it.
              for (const ir::Table& t : to_.tables) {
                if (usesEnum(t, x.enumName) && mappedIndex_.find(t.name)) rebuild_.insert(t.name);
              }
            }
          },
          c.kind);
    }
    // ADD COLUMN appends: a new column anywhere but at the end needs a rebuild to get the
    // declared order.
    for (const auto& [table, cols] : added) {
      if (rebuild_.count(table)) continue;
      const ir::Table* t = toIndex_.find(table);
      const ir::Table* m = mappedIndex_.find(table);
      if (!t || !m) continue;
      std::size_t kept = 0;
      for (const ir::Column& c : t->columns) {
        if (m->findColumn(c.name)) ++kept;
      }
      for (std::size_t i = 0; i < t->columns.size(); ++i) {
        if (!m->findColumn(t->columns[i].name) && i < kept) {
          rebuild_.insert(table);
          break;
        }
      }
    }
  }

  void alterInPlace(const ir::Table& m, const ir::Table& t) {
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<AddColumn>(&c.kind); x && x->table == t.name) {
        add("ALTER TABLE " + quoteIdent(t.name) + " ADD COLUMN " +
            addColumnDefinition(to_, t, x->column) + ";");
      }
    }
    for (const Change& c : plan_.changes) {
      if (auto* x = std::get_if<DropColumn>(&c.kind); x && x->table == m.name) {
        add("ALTER TABLE " + quoteIdent(t.name) + " DROP COLUMN " + quoteIdent(x->column.name) +
            ";");
      }
    }
  }

  const LowerOptions& options_;
  const ir::Schema& to_;
  const Plan& plan_;
  ir::Schema renamed_;        // `from` with the renames applied, when there are any
  const ir::Schema& mapped_;  // the previous schema as the live database has it after renames
  TableIndex toIndex_, mappedIndex_;
  std::set<std::string> rebuild_;
  std::set<std::string> dropViews_, createViews_, dropTriggers_, createTriggers_;
  MigrationSql out_;
};

}  // namespace

std::string MigrationSql::body() const {
  std::string out;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (i) out += std::string(kBreakpoint) + "\n";
    out += statements[i];
    if (out.back() != '\n') out += '\n';
  }
  return out;
}

MigrationSql lowerPlan(const ir::Schema& from, const ir::Schema& to, const Plan& plan,
                       const LowerOptions& options) {
  return Lowering(from, to, plan, options).run();
}

Migration buildMigration(const ir::Schema& prev, const ir::Schema& next, const DiffOptions& options,
                         const LowerOptions& lowerOptions) {
  Migration m;
  m.upPlan = diff::diff(prev, next, options);
  DiffOptions downOptions;
  downOptions.renames = m.upPlan.renames.reversed();
  m.downPlan = diff::diff(next, prev, downOptions);
  m.up = lowerPlan(prev, next, m.upPlan, lowerOptions);
  m.down = lowerPlan(next, prev, m.downPlan, lowerOptions);
  return m;
}

std::vector<std::string> headerNotes(const MigrationSql& sql,
                                     const std::vector<std::string>& warnings) {
  std::vector<std::string> notes;
  if (sql.rebuildsTables()) {
    std::string line = "rebuilds-tables: ";
    for (std::size_t i = 0; i < sql.rebuiltTables.size(); ++i) {
      line += (i ? ", " : "") + sql.rebuiltTables[i];
    }
    notes.push_back(line);
  }
  for (const std::string& w : warnings) notes.push_back("warning: " + w);
  return notes;
}

}  // namespace schemac::codegen::sqlite
