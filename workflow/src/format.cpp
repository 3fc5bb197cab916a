#include "schemac/workflow/format.h"

#include <fmt/core.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schemac/diag.h"
#include "schemac/format.h"
#include "schemac/source.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {
namespace {

namespace fs = std::filesystem;

// Writes `text` to a temporary file next to `path` (following a symlink to its target), with
// the original's permissions, then renames it over the original.
void replaceFile(const std::string& path, const std::string& text) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) throw Error(fmt::format("cannot resolve {}: {}", path, ec.message()));
  fs::path tmp = target;
  tmp += fmt::format(".schemac-fmt-{}.tmp", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      throw Error(fmt::format("cannot write {}", tmp.string()));
    }
  }
  fs::permissions(tmp, fs::status(target).permissions(), ec);
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw Error(fmt::format("cannot replace {}: {}", path, ec.message()));
  }
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
