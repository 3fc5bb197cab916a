// What adopting a database schemac did not create needs from every command (docs/adopting.md):
// recognising a database that has tables but no schemac history, and keeping the tables the
// project leaves to other tools (schemac.toml `ignore`) out of its schema.
#pragma once

#include <cstddef>
#include <string>

#include "schemac/db/inspect.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"

namespace schemac::workflow {

// The tables of `db` schemac would manage: not sqlite_*, not __schemac_*, not ignored.
std::size_t countUserTables(rt::Connection& db, const db::IgnoreList& ignore);

// An unmanaged database: user tables, and no __schemac_migrations table (which every
// `migrate`, `baseline` and `push` leaves behind). migrate, push and status throw Error on one,
// before they write anything, saying how to adopt it.
void refuseUnmanaged(rt::Connection& db, const db::IgnoreList& ignore);

// A schema that declares a table the ignore list matches is an Error: schemac would create or
// compare a table it promised to leave alone.
void refuseIgnoredTables(const ir::Schema& schema, const db::IgnoreList& ignore);

}  // namespace schemac::workflow
