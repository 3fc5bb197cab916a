// `pull`: a formatted .schema file from a live database (db::pullSchemaText).
#pragma once

#include <string>

#include "schemac/workflow/database.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct PullOptions {
  DatabaseTarget database;
  std::string output;  // file to write; empty or "-": none, the text is only returned
  Log log;
};

struct PullResult {
  std::string database;  // display URL
  std::string text;
  bool written = false;  // to options.output
};

PullResult pull(const PullOptions& options);

}  // namespace schemac::workflow
