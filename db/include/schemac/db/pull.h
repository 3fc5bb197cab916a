// schemac pull: a live database's schema as a formatted `.schema` file.
#pragma once

#include <string>
#include <vector>

#include "schemac/db/inspect.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::db {

// The IR as `.schema` source: enums, tables, virtual tables, views, then triggers, each in
// canonical (name) order. Every index, unique constraint, check and foreign key is written as
// a table item with the name it has (`unnamed` where the database has none), so compiling the
// text gives back the same IR; expressions the language cannot spell are written as sql"...",
// and so are view queries, trigger bodies and WHEN conditions and virtual-table arguments.
std::string renderSchemaText(const ir::Schema& schema);

// Introspected expressions (defaults, checks, generated columns, partial-index predicates,
// expression index parts) arrive as raw SQL; this turns each one whose SQL the language can
// spell back into that expression (`sql"0"` on a bool becomes `false`, the SQL of `now` becomes
// `now`, ...), keeping only those whose SQLite lowering is the very same text. The rest stays
// raw.
ir::Schema recoverExpressions(const ir::Schema& live);

struct PullOptions {
  IgnoreList ignore;  // tables left to other tools: not pulled
  // `--lossy`: an object the language cannot describe is left out, listed in PullResult::lost
  // and as a comment in the text, instead of failing the pull.
  bool lossy = false;
};

struct PullResult {
  std::string text;
  std::vector<Unrepresentable> lost;  // with `lossy`: the objects the text leaves out
};

// Introspects `conn` and renders it. Each expression recoverExpressions() can spell is written
// that way when the compiled file gives back its SQL; the others stay sql"..." one by one. The
// text is proven before it is returned: it compiles, and the schema it compiles to is what the
// database holds (as `status` compares them). Throws InspectError (one line, naming the
// object) when an object cannot be described and `lossy` is off, or when the text would not
// round-trip; rt::DbError for database failures.
PullResult pull(rt::Connection& conn, const PullOptions& options = {});

// pull(conn, {ignore}).text.
std::string pullSchemaText(rt::Connection& conn, const IgnoreList& ignore = {});

// `view "recent" not kept: <reason>`: the warning and the comment line for a lost object.
std::string describeLost(const Unrepresentable& lost);

}  // namespace schemac::db
