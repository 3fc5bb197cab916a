// Shared by the operations that read .schema files: compile them, log the diagnostics.
#pragma once

#include <string>
#include <vector>

#include "schemac/ir.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

// Compiles `files` into one schema; every diagnostic (errors and warnings) goes to `log`,
// rendered as `file:line:col: error: ...` with the source line. Throws Error(SchemaErrors) when
// there was an error; the caller then writes nothing.
ir::Schema compileSchema(const std::vector<std::string>& files, const Log& log);

// A migration name as given by the user, made safe for a file name: lower-case letters, digits
// and single underscores. Throws Error(BadOptions) when nothing usable is left.
std::string sanitizeMigrationName(const std::string& name);

}  // namespace schemac::workflow
