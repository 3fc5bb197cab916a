// The TypeScript names of a schema's tables, columns and enums, decided once for both
// modules (schema.ts and types.ts must agree).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "schemac/ir.h"

namespace schemac::codegen::ts {

struct TsColumn {
  const ir::Column* column = nullptr;
  std::string key;  // property name (camelCase of the column name)
};

struct TsTable {
  const ir::Table* table = nullptr;
  std::string constName;  // the sqliteTable const (camelCase)
  std::string typeName;   // PascalCase, for `<typeName>Select` / `<typeName>Insert`
  std::vector<TsColumn> columns;
  const TsColumn* find(const std::string& column) const;
};

struct TsEnum {
  const ir::Enum* e = nullptr;
  std::string valuesConst;  // `memberRoleValues`
  std::string typeName;     // `MemberRole`
};

struct TsModel {
  std::vector<TsTable> tables;  // schema order (by name)
  std::map<std::string, TsEnum> enums;
  const TsTable& table(const std::string& name) const;
};

// Throws TsGenError when two schema names map to the same TypeScript name.
TsModel buildModel(const ir::Schema& schema);

// Whether an insert may leave the column out (drizzle-orm's $inferInsert makes it optional):
// nullable, with a default, or the table's rowid alias key.
bool insertOptional(const ir::Table& table, const ir::Column& column);

}  // namespace schemac::codegen::ts
