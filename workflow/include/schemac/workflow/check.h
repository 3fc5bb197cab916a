// `check`, for CI: compiles the schema, and when the migrations directory exists verifies it:
// no edited file (schemac.sum), journal and files agree, one unbroken snapshot chain (no
// concurrent branches), and no schema change that was not generated yet.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct CheckOptions {
  std::vector<std::string> schemaFiles;  // empty: the directory alone is checked
  std::string migrationsDir;
  bool requireDirectory = false;  // a missing directory is an Error (it was named explicitly)
  Log log;                        // compiler diagnostics
};

struct CheckResult {
  bool schemaChecked = false;  // schema files were given and compile
  std::size_t tables = 0;      // of the compiled schema
  bool directoryExists = false;
  std::size_t migrations = 0;         // in the journal
  std::vector<std::string> problems;  // one sentence each; empty: the check passes
  bool ok() const { return problems.empty(); }
};

CheckResult check(const CheckOptions& options);

}  // namespace schemac::workflow
