// The front end in one call: read files, parse, check, build the IR.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/diag.h"
#include "schemac/ir.h"
#include "schemac/source.h"

namespace schemac {

// Reads and compiles `paths` into one schema. Unreadable files are reported as errors
// without a location. Returns nullopt if any error was reported.
std::optional<ir::Schema> compileFiles(const std::vector<std::string>& paths, SourceManager& sm,
                                       DiagEngine& diags);

}  // namespace schemac
