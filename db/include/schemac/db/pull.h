// schemac pull: a live database's schema as a formatted `.schema` file.
#pragma once

#include <string>

#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::db {

// The IR as `.schema` source: enums, then tables, in canonical (name) order. Every index,
// unique constraint, check and foreign key is written as a named table item, so compiling the
// text gives back the same IR; expressions the language cannot spell are written as sql"...".
std::string renderSchemaText(const ir::Schema& schema);

// Introspects `conn` (db::inspect) and renders it.
std::string pullSchemaText(rt::Connection& conn);

}  // namespace schemac::db
