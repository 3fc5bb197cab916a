#include "schemac/workflow/schema_input.h"

#include <sstream>

#include "schemac/compile.h"
#include "schemac/diag.h"
#include "schemac/source.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

ir::Schema compileSchema(const std::vector<std::string>& files, const Log& log) {
  SourceManager sm;
  DiagEngine diags(sm);
  auto schema = compileFiles(files, sm, diags);
  std::ostringstream text;
  diags.print(text);
  if (!text.str().empty()) {
    logTo(log, diags.hadErrors() ? LogLevel::Error : LogLevel::Warning, text.str());
  }
  if (diags.hadErrors() || !schema) {
    throw Error("the schema has errors", Error::Kind::SchemaErrors);
  }
  return std::move(*schema);
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
    throw Error("--name must contain letters or digits (e.g. --name add_paid_at)",
                Error::Kind::BadOptions);
  }
  return out;
}

}  // namespace schemac::workflow
