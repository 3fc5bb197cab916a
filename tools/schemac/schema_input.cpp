#include "schema_input.h"

#include <iostream>

#include "commands.h"
#include "schemac/compile.h"
#include "schemac/diag.h"
#include "schemac/source.h"

namespace schemac::driver {

std::optional<ir::Schema> compileSchema(const std::vector<std::string>& files) {
  SourceManager sm;
  DiagEngine diags(sm);
  auto schema = compileFiles(files, sm, diags);
  diags.print(std::cerr);
  if (diags.hadErrors()) return std::nullopt;
  return schema;
}

std::string sanitizeMigrationName(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (word) {
      out += c;
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.empty()) {
    throw CommandError("--name must contain letters or digits (e.g. --name add_paid_at)",
                       kExitUsage);
  }
  return out;
}

}  // namespace schemac::driver
