// `pull`: a formatted .schema file from a live database (db::pull).
#pragma once

#include <vector>

#include "schemac/db/inspect.h"
#include "schemac/workflow/export.h"

namespace schemac::workflow {

struct PullOptions : ExportOptions {
  // Leave out what the language cannot describe (one warning each, and a comment in the
  // file) instead of failing.
  bool lossy = false;
};

struct PullResult : ExportResult {
  std::vector<db::Unrepresentable> lost;  // with `lossy`: the objects left out
};

// Nothing is written unless the text compiles and describes the database exactly.
PullResult pull(const PullOptions& options);

}  // namespace schemac::workflow
