// Introspection: reads the schema of a live SQLite database back into the IR, from
// sqlite_schema, pragma table_xinfo / index_list / index_xinfo / foreign_key_list and the
// CREATE statements SQLite stores (for check names, generated expressions, AUTOINCREMENT and
// column doc comments). docs/sqlite-lowering.md describes what can and cannot be recovered.
//
// The contract, relied on by migration verification and drift detection: for every schema S,
//   inspect(db created by codegen::sqlite::createSchemaScript(S), &S) == normalizeForSqlite(S).
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"
#include "schemac/rt/connection.h"
#include "schemac/support/error.h"

namespace schemac::db {

// A database whose schema cannot be represented in the IR (an expression index, an unreadable
// CREATE statement, ...). The message is one line naming the object.
class InspectError : public support::Error {
 public:
  using support::Error::Error;
};

// An object of the database that the IR cannot describe (`schemac pull --lossy` lists them,
// one warning each). `kind` is "table", "index", "view", "trigger", "virtual table", ...;
// `sql` is its CREATE statement as stored.
struct Unrepresentable {
  std::string kind;
  std::string name;
  std::string reason;
  std::string sql;
  bool operator==(const Unrepresentable&) const = default;
};

// Tables a project leaves to other tools (schemac.toml `ignore`, docs/adopting.md): names or
// globs with `*`, `?` and `[...]`, matched without regard to case as SQLite compares names.
// Introspection skips them and their indexes, so no command reports, plans or drops them.
struct IgnoreList {
  std::vector<std::string> patterns;
  bool matches(std::string_view table) const;
  bool empty() const { return patterns.empty(); }
};

// Whether `table` is one schemac never manages: sqlite_* (SQLite's own) and __schemac_*
// (schemac's bookkeeping), whatever the ignore list says.
bool isInternalTable(std::string_view table);

// Reads every table, view, trigger and virtual table of the database except sqlite_* and
// __schemac_* (schemac's own), virtual tables' shadow tables, those `ignore` matches (by name;
// triggers by their table) into an IR in canonical order. Expressions (defaults, checks, generated
// columns, index predicates) come back as ir::ExprKind::Raw holding their SQL text. Enum columns
// (TEXT with an `IN ('a', ...)` check) take the name of the matching enum of `reference` when there
// is one (same table and column first, then any enum with the same values), else
// `<table>_<column>`. With a reference, an expression the database spells differently from the
// reference's lowering but with the same tokens (a server that re-prints what it stores: spacing,
// quoting, case) takes the lowering's text, and a check or foreign key that lost its name takes the
// reference's name for the identical constraint: comparing with normalizeForSqlite(reference)
// then shows real changes only (docs/remote.md).
// Throws rt::DbError for database failures and InspectError for unrepresentable schemas.
ir::Schema inspect(rt::Connection& conn, const ir::Schema* reference = nullptr);
// The same, for a caller that already has normalizeForSqlite(*reference): its expression text
// is used instead of lowering the reference's expressions again.
// With `unrepresentable`, an object the IR cannot describe is skipped and listed there instead
// of throwing InspectError (the rest of the schema is still read).
ir::Schema inspect(rt::Connection& conn, const ir::Schema* reference,
                   const ir::Schema* normalizedReference, const IgnoreList& ignore = {},
                   std::vector<Unrepresentable>* unrepresentable = nullptr);

// The IR as inspect() returns it for a database created from `schema`: expressions rendered
// to Raw SQL exactly as lowered, table docs, namespace, schema doc, enum docs and rename
// hints dropped (SQLite has nowhere to keep them), unused enums dropped, enums named as
// inspect() names them with `reference` (the first overload uses `schema` itself). Column
// types come from the declared type (the `sqltype`, else the lowering's) and the implied check
// as inspect() reads them: `sqlType` is kept only where it is not, ignoring case and
// whitespace, what that type lowers to, `unchecked` is kept where the declared type still says
// bool, varchar or json (and set on such a type whose check is missing, as inspect() sets it),
// and a `timestamp(s) sqltype "integer"` is an int (the database cannot tell). A type-implied check
// the declared type does not explain (`bool sqltype "integer"`) is a user check named
// `<table>_<column>_check`.
ir::Schema normalizeForSqlite(const ir::Schema& schema);
ir::Schema normalizeForSqlite(const ir::Schema& schema, const ir::Schema* reference);

// What differs between two schemas, one line per difference ("table users: column email:
// type: expected varchar(120), got text"); empty when they are equal.
std::vector<std::string> describeDifferences(const ir::Schema& expected, const ir::Schema& actual);

// The logical type inspect() infers from a declared type alone, without the CHECK that may
// refine it: `TIMESTAMP_S` is timestamp(s), `TIMESTAMP_TEXT` and `datetime[(n)]` timestamp(text),
// `TIMESTAMP` timestamp, `integer` int, `text(256)` text (the studio shows timestamps by it).
ir::Type typeOfDeclared(const std::string& declared);

}  // namespace schemac::db
