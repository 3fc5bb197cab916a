// One column -> its drizzle-orm builder and TypeScript value type (docs/typescript.md,
// "Type mapping").
#pragma once

#include <string>

#include "schemac/ir.h"

namespace schemac::codegen::ts {

struct ColumnBuilder {
  std::string call;    // e.g. `integer("paid_at", { mode: "timestamp_ms" })`
  std::string tsType;  // the value's TypeScript type without null: `Date`, `MemberRole`, ...
  // The customType helper `call` uses (defined once at the top of schema.ts; see
  // customHelper()), or empty for a drizzle-orm builder.
  std::string helper;
};

// drizzle-kit's name for the SQL type a declared type stands for (integer, text, text(N),
// blob, real, numeric), as its SQLite introspection reads it: the builder must report the
// same one or drizzle-kit sees a changed column.
std::string drizzleSqlType(const std::string& declared);

// `enumConst` names the `as const` array of an enum column's values.
ColumnBuilder columnBuilder(const ir::Schema& schema, const ir::Column& column,
                            const std::string& enumConst, const std::string& enumType);

// The TypeScript definition of a customType helper named by ColumnBuilder::helper.
std::string customHelper(const std::string& helper);

}  // namespace schemac::codegen::ts
