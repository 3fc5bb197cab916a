#include "ts/ts_model.h"

#include <set>

#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/ts.h"
#include "ts/ts_columns.h"
#include "ts/ts_names.h"

namespace schemac::codegen::ts {
namespace {

// Names schema.ts imports or defines itself; a table must not shadow them.
const std::set<std::string> kTaken = {
    "sql",   "relations",  "sqliteTable", "integer",         "real",          "numeric",
    "text",  "blob",       "customType",  "index",           "uniqueIndex",   "unique",
    "check", "primaryKey", "foreignKey",  "AnySQLiteColumn", "numberDefault", "SCHEMA_FINGERPRINT"};

class Names {
 public:
  void claim(const std::string& name, const std::string& what) {
    auto [it, fresh] = owners_.emplace(name, what);
    if (!fresh) {
      throw TsGenError(it->second + " and " + what + " both map to the TypeScript name '" + name +
                       "'");
    }
  }

 private:
  std::map<std::string, std::string> owners_;
};

}  // namespace

const TsColumn* TsTable::find(const std::string& column) const {
  for (const TsColumn& c : columns) {
    if (c.column->name == column) return &c;
  }
  return nullptr;
}

const TsTable& TsModel::table(const std::string& name) const {
  for (const TsTable& t : tables) {
    if (t.table->name == name) return t;
  }
  throw std::logic_error("ts: unknown table " + name);
}

TsModel buildModel(const ir::Schema& schema) {
  TsModel m;
  Names values, types;
  for (const ir::Enum& e : schema.enums) {
    TsEnum te{&e, camelCase(e.name) + "Values", pascalCase(e.name)};
    values.claim(te.valuesConst, "enum " + e.name);
    types.claim(te.typeName, "enum " + e.name);
    m.enums[e.name] = te;
  }
  for (const ir::Table& t : schema.tables) {
    TsTable tt;
    tt.table = &t;
    tt.constName = camelCase(t.name);
    if (isReservedWord(tt.constName) || kTaken.count(tt.constName)) tt.constName += "Table";
    values.claim(tt.constName, "table " + t.name);
    values.claim(tt.constName + "Relations", "table " + t.name + " (relations)");
    tt.typeName = pascalCase(t.name);
    types.claim(tt.typeName + "Select", "table " + t.name + " (select row)");
    types.claim(tt.typeName + "Insert", "table " + t.name + " (insert row)");
    Names keys;
    for (const ir::Column& c : t.columns) {
      TsColumn tc{&c, camelCase(c.name)};
      keys.claim(tc.key, "column " + t.name + "." + c.name);
      tt.columns.push_back(tc);
    }
    m.tables.push_back(std::move(tt));
  }
  return m;
}

bool insertOptional(const ir::Table& table, const ir::Column& column) {
  if (column.nullable || column.defaultValue) return true;
  // drizzle-orm's integer().primaryKey() has a default (the rowid).
  return table.primaryKey.size() == 1 && table.primaryKey[0] == column.name &&
         drizzleSqlType(sqlite::declaredType(column)) == "integer";
}

}  // namespace schemac::codegen::ts
