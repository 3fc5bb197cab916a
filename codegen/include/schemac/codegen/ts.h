// TypeScript generation (docs/typescript.md): a drizzle-orm module (`schema.ts`: one
// `sqliteTable` per table with its keys, indexes, checks and foreign keys, enums as string
// unions, `relations()` from the foreign keys) and plain row types (`types.ts`) for code that
// does not use drizzle-orm. Both carry the schema's fingerprint, as the C++ header does.
#pragma once

#include <string>

#include "schemac/ir.h"
#include "schemac/support/error.h"

namespace schemac::codegen::ts {

struct TsOptions {
  // ir::fingerprint of the schema (computed by the caller: the codegen library does not hash).
  std::string fingerprint;
  // The tag of the migration whose schema this is (the newest of the migrations directory,
  // when its fingerprint is this one): what `__schemac_migrations` holds last in a database
  // at this head. Empty: none (SCHEMA_MIGRATION is null).
  std::string migration;
};

struct TsModules {
  std::string schemaTs;  // drizzle-orm tables, enums, relations, SCHEMA_FINGERPRINT
  std::string typesTs;   // `<Table>Select` / `<Table>Insert` row types, enum unions
};

// A schema that cannot be expressed as generated (two names that map to the same TypeScript
// name). One line.
class TsGenError : public support::Error {
 public:
  using support::Error::Error;
};

TsModules generateModules(const ir::Schema& schema, const TsOptions& options);

}  // namespace schemac::codegen::ts
