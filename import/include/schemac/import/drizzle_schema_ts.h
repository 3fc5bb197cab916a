// A small, bounded scanner of a Drizzle schema.ts (not a TypeScript parser): it finds
// `sqliteTable('name', { key: builder('col', { mode: ... }), ... })` and reads each column's
// builder, name, mode, enum values, length and `$type<...>()`. What it cannot read (a spread,
// a computed name, an unknown builder or mode) becomes a warning naming table and column.
#pragma once

#include <string>
#include <vector>

namespace schemac::importer {

struct TsColumn {
  std::string table;  // the SQL table name (first argument of sqliteTable)
  std::string key;    // the property key in the columns object
  std::string name;   // the SQL column name: the builder's name argument, else the key
  bool nameFromKey = false;
  std::string builder;  // integer, int, text, real, numeric, blob, ... (without a `t.` prefix)
  std::string mode;     // "timestamp", "timestamp_ms", "boolean", "json", "bigint", ... or ""
  std::vector<std::string> enumValues;  // text({ enum: [...] })
  std::string enumConst;  // the const array the enum came from (`enum: roles`), else ""
  int length = 0;         // text({ length: n })
  std::string tsType;     // the type argument of $type<...>(), as written
  int line = 0;           // 1-based line of the key in the file
};

struct TsSchema {
  std::string file;
  std::vector<TsColumn> columns;
  std::vector<std::string> tables;    // SQL names of the tables found, in file order
  std::vector<std::string> warnings;  // "schema.ts:12: table users: ..." lines
};

// Scans TypeScript source text; `file` names it in warnings.
TsSchema scanDrizzleSchemaTs(const std::string& text, const std::string& file);

}  // namespace schemac::importer
