#include "schemac/source.h"

#include <algorithm>

#include "schemac/support/input_file.h"

namespace schemac {

FileId SourceManager::addBuffer(std::string path, std::string contents) {
  files_.push_back(File{std::move(path), std::move(contents), {}});
  return static_cast<FileId>(files_.size() - 1);
}

bool SourceManager::addFile(const std::string& path, FileId* id, std::string* error) {
  std::string contents;
  if (!support::readInputFile(path, &contents, error)) return false;
  // A UTF-8 byte order mark (some Windows editors write one) is not part of the schema.
  if (contents.starts_with("\xEF\xBB\xBF")) contents.erase(0, 3);
  *id = addBuffer(path, std::move(contents));
  return true;
}

const std::vector<std::uint32_t>& SourceManager::lineStarts(FileId id) const {
  const File& f = files_[id];
  if (f.lineStarts.empty()) {
    f.lineStarts.push_back(0);
    for (std::uint32_t i = 0; i < f.contents.size(); ++i) {
      if (f.contents[i] == '\n') f.lineStarts.push_back(i + 1);
    }
  }
  return f.lineStarts;
}

LineCol SourceManager::lineCol(SourceLoc loc) const {
  const auto& starts = lineStarts(loc.file);
  auto it = std::upper_bound(starts.begin(), starts.end(), loc.offset);
  auto line = static_cast<std::uint32_t>(it - starts.begin());  // 1-based
  return LineCol{line, loc.offset - starts[line - 1] + 1};
}

std::string_view SourceManager::lineText(FileId id, std::uint32_t line) const {
  const auto& starts = lineStarts(id);
  std::string_view text = files_[id].contents;
  if (line == 0 || line > starts.size()) return {};
  std::size_t begin = starts[line - 1];
  std::size_t end = line < starts.size() ? starts[line] - 1 : text.size();
  std::string_view s = text.substr(begin, end - begin);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  return s;
}

}  // namespace schemac
