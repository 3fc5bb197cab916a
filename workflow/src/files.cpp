#include "schemac/workflow/files.h"

#include "schemac/support/atomic_file.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

bool isStandardOutput(const std::string& path) { return path.empty() || path == "-"; }

void writeFileAtomically(const std::string& path, const std::string& content) {
  std::string error;
  if (!support::writeFileAtomically(path, content, &error)) throw Error(error);
}

}  // namespace schemac::workflow
