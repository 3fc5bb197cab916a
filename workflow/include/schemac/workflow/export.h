// What `pull` and `dump` share: a database read out as text (a .schema file, an SQL dump),
// returned, and written to a file when the caller names one.
#pragma once

#include <string>

#include "schemac/db/inspect.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct ExportOptions {
  DatabaseTarget database;  // opened read-only; it must exist
  std::string output;       // file to write; empty or "-": none, the text is only returned
  db::IgnoreList ignore;    // tables left to other tools: not pulled, not dumped
  Log log;
};

struct ExportResult {
  std::string database;  // display URL
  std::string text;
  bool written = false;  // to ExportOptions::output
};

}  // namespace schemac::workflow
