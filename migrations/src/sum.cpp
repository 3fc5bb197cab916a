// schemac.sum: one hash per file plus a total, so an edited, added or removed migration file
// is detected by `check` (as go.sum does for modules).
#include <fmt/core.h>

#include "schemac/migrations/migrations.h"

namespace schemac::migrations {

std::string renderSum(const std::map<std::string, std::string>& files) {
  std::map<std::string, std::string> hashes;
  for (const auto& [path, content] : files) {
    if (path != kSumFile) hashes.emplace(path, sha256Hex(content));
  }
  return renderSumOfHashes(hashes);
}

std::string renderSumOfHashes(const std::map<std::string, std::string>& hashes) {
  std::string lines;
  for (const auto& [path, hash] : hashes) {  // std::map: sorted bytewise
    if (path == kSumFile) continue;
    lines += fmt::format("{} h1:{}\n", path, hash);
  }
  return fmt::format("h1:{}\n", sha256Hex(lines)) + lines;
}

bool parseSum(std::string_view text, SumFile* out, std::string* error) {
  SumFile sum;
  std::size_t pos = 0;
  int lineNo = 0;
  std::string body;  // the lines after the total, to verify it
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      *error = fmt::format("line {} does not end with a newline", lineNo + 1);
      return false;
    }
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++lineNo;
    if (lineNo == 1) {
      if (!line.starts_with("h1:") || line.size() != 3 + 64) {
        *error = "line 1 is not a total `h1:<sha256>`";
        return false;
      }
      sum.total = std::string(line.substr(3));
      continue;
    }
    std::size_t sp = line.rfind(" h1:");
    if (sp == std::string_view::npos || sp == 0 || line.size() - sp - 4 != 64) {
      *error = fmt::format("line {} is not `<path> h1:<sha256>`", lineNo);
      return false;
    }
    std::string path(line.substr(0, sp));
    if (!sum.hashes.emplace(path, std::string(line.substr(sp + 4))).second) {
      *error = fmt::format("line {}: {} is listed twice", lineNo, path);
      return false;
    }
    body.append(line).append("\n");
  }
  if (lineNo == 0) {
    *error = "empty file";
    return false;
  }
  sum.linesTotal = sha256Hex(body);
  *out = std::move(sum);
  return true;
}

}  // namespace schemac::migrations
