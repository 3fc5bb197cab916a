// The logical type of each column (from the project's .schema files when they describe the
// column, else from the live schema, else from the declared type), as the API returns it, and
// the checks a value must pass before the studio writes it: the schema's own rules (NOT NULL,
// enum membership, the type), so that a bad value is refused with the column named.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog.h"
#include "context.h"
#include "schemac/ir.h"

namespace schemac::studio {

struct LogicalColumn {
  ir::Type type;
  std::vector<std::string> enumValues;  // kind Enum, declared order
  bool fromSchema = false;              // the project's .schema files describe the column
};

// One per t.columns, in order.
std::vector<LogicalColumn> logicalColumns(Context& ctx, const TableInfo& t);

// {"kind": "timestamp", "unit": "ms"} and the like (docs/studio.md).
nlohmann::json logicalJson(const LogicalColumn& c);
bool isDecimal(const LogicalColumn& c);

// The value to bind for `v` written into column `c`, or ApiError 400 (409 for NULL into a NOT
// NULL column, as the database says it) carrying {"column": name}. Booleans given as
// true/false text become 1/0; everything else is bound as given (the column's affinity then
// converts number text as SQLite does).
rt::Value checkValue(const TableInfo& t, const ColumnInfo& c, const LogicalColumn& logical,
                     rt::Value v);

}  // namespace schemac::studio
