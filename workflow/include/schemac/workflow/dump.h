// `dump` and `restore`: a complete SQL dump of a database (local or remote), and loading one
// into an empty database in one transaction (docs/remote.md).
#pragma once

#include <string>

#include "schemac/rt/dump.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/export.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct DumpResult : ExportResult {
  rt::DumpStats stats;
};

DumpResult dump(const ExportOptions& options);

struct RestoreOptions {
  DatabaseTarget database;
  std::string input;  // the dump file
  Log log;
};

struct RestoreResult {
  std::string database;  // display URL
};

// The file is read before the database is opened (or created).
RestoreResult restore(const RestoreOptions& options);

}  // namespace schemac::workflow
