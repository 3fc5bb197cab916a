// Shared by the commands that read .schema files: compile them, print the diagnostics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/ir.h"

namespace schemac::driver {

// Compiles `files` into one schema, printing every diagnostic (errors and warnings) to
// stderr. Returns nullopt when there was an error; the caller then writes nothing.
std::optional<ir::Schema> compileSchema(const std::vector<std::string>& files);

// A migration name as given by --name, made safe for a file name: lower-case letters, digits
// and single underscores. Throws CommandError (exit 2) when nothing usable is left.
std::string sanitizeMigrationName(const std::string& name);

}  // namespace schemac::driver
