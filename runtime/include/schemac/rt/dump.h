// A complete SQL dump of a database, local or remote (`schemac dump`, and the automatic backup
// before a data-losing migration of a remote database), and loading one into an empty database
// (`schemac restore`). The round trip is exact: dump -> restore -> dump gives the same text.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "schemac/rt/connection.h"

namespace schemac::rt {

struct DumpStats {
  std::size_t tables = 0;
  std::size_t rows = 0;
};

// Tables (in creation order), then their rows as INSERTs with parents before children, then
// sqlite_sequence, then indexes, views and triggers. Text is quoted exactly ('' for a quote,
// CAST(X'..' AS TEXT) when it holds a NUL byte), blobs are X'..', floats keep all 17 digits.
// The migration lease table is left out, and so are the tables `skipTable` accepts, with their
// rows, indexes and triggers (`schemac dump` passes the project's `ignore` list).
std::string dumpDatabase(Connection& db, DumpStats* stats = nullptr,
                         const std::function<bool(const std::string&)>& skipTable = {});

// Runs a dump in one transaction with foreign keys off and a foreign key check before commit
// (one HTTP request on a remote database). Throws MigrateError when the database is not empty
// or a statement fails (nothing is kept then).
void restoreDatabase(Connection& db, const std::string& dumpSql);

}  // namespace schemac::rt
