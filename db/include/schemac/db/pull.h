// schemac pull: a live database's schema as a formatted `.schema` file.
#pragma once

#include <string>

#include "schemac/db/inspect.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::db {

// The IR as `.schema` source: enums, then tables, in canonical (name) order. Every index,
// unique constraint, check and foreign key is written as a named table item, so compiling the
// text gives back the same IR; expressions the language cannot spell are written as sql"...".
std::string renderSchemaText(const ir::Schema& schema);

// Introspected expressions (defaults, checks, generated columns, partial-index predicates)
// arrive as raw SQL; this turns each one whose SQL the language can spell back into that
// expression (`sql"0"` on a bool becomes `false`, the SQL of `now` becomes `now`, ...), keeping
// only those whose SQLite lowering is the very same text. The rest stays raw.
ir::Schema recoverExpressions(const ir::Schema& live);

// Introspects `conn` (db::inspect, without the tables `ignore` matches) and renders it, with
// recoverExpressions() applied when the result compiles to the same SQLite schema as the all-raw
// text (else the all-raw text).
std::string pullSchemaText(rt::Connection& conn, const IgnoreList& ignore = {});

}  // namespace schemac::db
