// What adopting a database schemac did not create needs from every command (docs/adopting.md):
// recognising a database that has tables but no schemac history, and keeping the tables the
// project leaves to other tools (schemac.toml `ignore`) out of its schema.
#pragma once

#include <cstddef>
#include <string>

#include "schemac/db/inspect.h"
#include "schemac/ir.h"
#include "schemac/rt/connection.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

// The tables of `db` schemac would manage: not sqlite_*, not __schemac_*, not ignored.
std::size_t countUserTables(rt::Connection& db, const db::IgnoreList& ignore);

// An unmanaged database: user tables, and no __schemac_migrations table (which every
// `migrate`, `baseline` and `push` leaves behind). migrate, push and status throw Error on one,
// before they write anything, saying how to adopt it.
void refuseUnmanaged(rt::Connection& db, const db::IgnoreList& ignore);

// Runs `readDirectory` (reading the migrations directory); when that fails on an unmanaged
// database, the unmanaged error is the one reported: a project adopting a database has no
// directory yet, and "run `schemac generate`" would send it the wrong way.
template <class Read>
auto readDirectoryFor(const DatabaseTarget& target, const db::IgnoreList& ignore, const Log& log,
                      Read&& readDirectory) -> decltype(readDirectory());
void refuseUnmanagedTarget(const DatabaseTarget& target, const db::IgnoreList& ignore,
                           const Log& log);

// A schema that declares a table the ignore list matches is an Error: schemac would create or
// compare a table it promised to leave alone.
void refuseIgnoredTables(const ir::Schema& schema, const db::IgnoreList& ignore);

template <class Read>
auto readDirectoryFor(const DatabaseTarget& target, const db::IgnoreList& ignore, const Log& log,
                      Read&& readDirectory) -> decltype(readDirectory()) {
  try {
    return readDirectory();
  } catch (const Error&) {
    refuseUnmanagedTarget(target, ignore, log);
    throw;
  }
}

}  // namespace schemac::workflow
