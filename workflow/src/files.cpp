#include "schemac/workflow/files.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "schemac/workflow/error.h"

namespace schemac::workflow {

bool isStandardOutput(const std::string& path) { return path.empty() || path == "-"; }

void writeFileAtomically(const std::string& path, const std::string& content) {
  std::filesystem::path target(path);
  std::filesystem::path tmp = target;
  tmp += ".tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw Error("cannot write '" + path + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw Error("cannot write '" + path + "': " + ec.message());
  }
}

}  // namespace schemac::workflow
