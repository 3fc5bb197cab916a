// Source files and cheap source locations. Line and column are computed lazily from a
// table of line starts, so locations stay 8 bytes and the lexer never tracks lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace schemac {

using FileId = std::uint32_t;

struct SourceLoc {
  FileId file = 0;
  std::uint32_t offset = 0;
  bool operator==(const SourceLoc&) const = default;
};

struct SourceRange {
  SourceLoc begin;
  SourceLoc end;  // one past the last character
  bool operator==(const SourceRange&) const = default;
};

struct LineCol {
  std::uint32_t line = 1;    // 1-based
  std::uint32_t column = 1;  // 1-based, in bytes
};

class SourceManager {
 public:
  // Adds a file whose contents are already in memory; returns its id.
  FileId addBuffer(std::string path, std::string contents);
  // Reads a file from disk. Returns false (and leaves *error set) when it cannot be read.
  bool addFile(const std::string& path, FileId* id, std::string* error);

  const std::string& path(FileId id) const { return files_[id].path; }
  std::string_view contents(FileId id) const { return files_[id].contents; }
  std::size_t fileCount() const { return files_.size(); }

  LineCol lineCol(SourceLoc loc) const;
  // The text of the given 1-based line, without its line break.
  std::string_view lineText(FileId id, std::uint32_t line) const;

 private:
  struct File {
    std::string path;
    std::string contents;
    mutable std::vector<std::uint32_t> lineStarts;  // built on first use
  };
  const std::vector<std::uint32_t>& lineStarts(FileId id) const;
  std::vector<File> files_;
};

}  // namespace schemac
