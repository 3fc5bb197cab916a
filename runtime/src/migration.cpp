#include "schemac/rt/migration.h"

#include <cctype>
#include <string_view>

namespace schemac::rt {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// True when the chunk holds no SQL: only blank lines and `--` comments.
bool onlyComments(std::string_view chunk) {
  while (!chunk.empty()) {
    std::size_t nl = chunk.find('\n');
    std::string_view line = trim(chunk.substr(0, nl));
    if (!line.empty() && line.substr(0, 2) != "--") return false;
    if (nl == std::string_view::npos) break;
    chunk.remove_prefix(nl + 1);
  }
  return true;
}

}  // namespace

std::vector<std::string> splitStatements(const std::string& sql, bool breakpoints) {
  std::vector<std::string> out;
  auto add = [&](std::string_view chunk) {
    if (!onlyComments(chunk)) out.emplace_back(trim(chunk));
  };
  if (!breakpoints) {
    add(sql);
    return out;
  }
  std::string_view rest = sql;
  std::size_t chunkStart = 0, pos = 0;
  while (pos <= rest.size()) {
    std::size_t nl = rest.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? rest.size() : nl;
    if (trim(rest.substr(pos, end - pos)) == "--> statement-breakpoint") {
      add(rest.substr(chunkStart, pos - chunkStart));
      chunkStart = end + 1;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (chunkStart < rest.size()) add(rest.substr(chunkStart));
  return out;
}

}  // namespace schemac::rt
