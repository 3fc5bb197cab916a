// Pass 4: primary keys and autoincrement. A table has at most one primary key, written
// either as `primary` on one column or as a `primary (a, b)` item; its columns are NOT NULL
// and not generated. `autoincrement` needs a single `int` primary key (SQLite's rowid alias).
#include <algorithm>
#include <string>

#include "sema/context.h"
#include "sema/parallel.h"
#include "sema/sql_type_name.h"

namespace schemac::sema {
namespace {

struct KeyDecl {
  SourceRange range;
  const ColumnInfo* column = nullptr;      // column `primary`
  const ast::PrimaryItem* item = nullptr;  // `primary (...)`
};

// `legacy`: the key is marked `nullable_legacy` (checkSqliteOptions checks that mark).
void checkKeyColumn(Context& ctx, const ColumnInfo& c, SourceRange at, bool fromItem, bool legacy) {
  const std::string& name = c.decl->name.name;
  if (c.nullable() && !legacy) {
    if (fromItem) {
      ctx.diags().errorWithNote(at, "primary key column '" + name + "' cannot be nullable",
                                c.decl->type.range, "declared nullable here");
    } else {
      ctx.diags().error(c.decl->type.range, "primary key column '" + name + "' cannot be nullable");
    }
  }
  if (c.generated()) {
    ctx.diags().errorWithNote(at,
                              "generated column '" + name + "' cannot be part of the primary key",
                              c.decl->generated[0].range, "generated here");
  }
}

void checkTable(Context& ctx, TableInfo& t) {
  std::vector<KeyDecl> keys;
  for (const ColumnInfo& c : t.columns) {
    if (!c.decl->primary.empty() && !c.duplicate) keys.push_back({c.decl->primary[0], &c, nullptr});
  }
  for (const ast::PrimaryItem& item : t.decl->primaryKeys)
    keys.push_back({item.range, nullptr, &item});
  std::stable_sort(keys.begin(), keys.end(), [](const KeyDecl& a, const KeyDecl& b) {
    return a.range.begin.offset < b.range.begin.offset;
  });

  if (keys.empty()) {
    ctx.diags().warning(t.decl->name.range, "table '" + t.name() + "' has no primary key");
  }
  for (std::size_t i = 1; i < keys.size(); ++i) {
    ctx.diags().errorWithNote(keys[i].range,
                              "table '" + t.name() + "' has more than one primary key",
                              keys[0].range, "previous primary key is here");
  }

  if (!keys.empty()) {
    const KeyDecl& key = keys[0];
    t.primaryKeyRange = key.range;
    if (key.column) {
      checkKeyColumn(ctx, *key.column, key.range, false, !key.column->decl->nullableLegacy.empty());
      t.primaryKey = {key.column->decl->name.name};
    } else {
      t.primaryKeyFromItem = true;
      bool ok = true;
      std::vector<std::string> cols;
      for (const ast::Ident& id : key.item->columns) {
        const ColumnInfo* c = lookupColumn(ctx, t, id);
        if (!c) {
          ok = false;
          continue;
        }
        if (std::find(cols.begin(), cols.end(), id.name) != cols.end()) {
          ctx.diags().error(id.range, "column '" + id.name + "' appears twice in the primary key");
          ok = false;
          continue;
        }
        cols.push_back(id.name);
        checkKeyColumn(ctx, *c, id.range, true, key.item->nullableLegacy.has_value());
      }
      if (ok) t.primaryKey = std::move(cols);
    }
  }
  // Other `primary` declarations still name columns that must exist.
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (!keys[i].item) continue;
    for (const ast::Ident& id : keys[i].item->columns) lookupColumn(ctx, t, id);
  }

  for (const ColumnInfo& c : t.columns) {
    if (c.decl->autoincrement.empty()) continue;
    SourceRange at = c.decl->autoincrement[0];
    const std::string& name = c.decl->name.name;
    if (c.type && c.type->kind != ir::TypeKind::Int) {
      ctx.diags().error(at, "'autoincrement' requires a column of type 'int' ('" + name + "' is " +
                                ir::typeToString(*c.type) + ")");
    }
    if (!c.decl->sqlTypes.empty() && !isIntegerTypeName(c.decl->sqlTypes[0].text)) {
      ctx.diags().errorWithNote(
          at,
          "'autoincrement' requires the declared type INTEGER (SQLite's rowid "
          "alias); '" +
              name + "' has sqltype \"" + c.decl->sqlTypes[0].text + "\"",
          c.decl->sqlTypes[0].range, "sqltype written here");
    }
    bool inKey = std::find(t.primaryKey.begin(), t.primaryKey.end(), name) != t.primaryKey.end();
    if (!inKey && !keys.empty() && t.primaryKey.empty()) continue;  // key was wrong: reported
    if (!inKey) {
      ctx.diags().error(at, "'autoincrement' requires '" + name + "' to be the primary key");
    } else if (t.primaryKey.size() > 1) {
      ctx.diags().errorWithNote(at, "'autoincrement' cannot be used with a composite primary key",
                                *t.primaryKeyRange, "primary key declared here");
    }
  }
}

}  // namespace

void checkKeys(Context& ctx) {
  forEachTable(ctx, [&](TableInfo& t) { checkTable(ctx, t); });
}

}  // namespace schemac::sema
