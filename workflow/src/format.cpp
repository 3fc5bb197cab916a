#include "schemac/workflow/format.h"

#include <fmt/core.h>

#include <filesystem>
#include <sstream>

#include "schemac/diag.h"
#include "schemac/format.h"
#include "schemac/source.h"
#include "schemac/support/atomic_file.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

namespace fs = std::filesystem;

// Replaces the file (following a symlink to its target) crash-safely, keeping its permissions.
void replaceFile(const std::string& path, const std::string& text) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) throw Error(fmt::format("cannot resolve {}: {}", path, ec.message()));
  std::string error;
  if (!support::writeFileAtomically(target, text, &error)) throw Error(error);
}

}  // namespace

FormatResult formatFiles(const FormatOptions& options) {
  SourceManager sm;
  DiagEngine diags(sm);
  FormatResult result;
  for (const std::string& path : options.files) {
    FileId id = 0;
    std::string error;
    if (!sm.addFile(path, &id, &error)) {
      diags.report({Severity::Error, std::nullopt, error, {}});
      result.failed = true;
      continue;
    }
    std::optional<std::string> formatted = formatFile(sm, id, diags);
    if (!formatted) {
      result.failed = true;
      continue;
    }
    if (options.toStdout) {
      result.formatted.push_back(std::move(*formatted));
      continue;
    }
    if (*formatted == sm.contents(id)) continue;
    if (options.check) {
      result.wouldChange.push_back(path);
    } else {
      replaceFile(path, *formatted);
    }
  }
  std::ostringstream text;
  diags.print(text);
  result.diagnostics = text.str();
  return result;
}

}  // namespace schemac::workflow
