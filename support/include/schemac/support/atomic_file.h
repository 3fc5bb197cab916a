// Crash-safe files: a file schemac writes is either its old content or its new content after a
// crash or kill, never a prefix. The content goes to a hidden temporary next to the target, is
// fsynced, renamed over the target, and the directory is fsynced so the rename itself lasts.
#pragma once

#include <filesystem>
#include <string>

namespace schemac::support {

// The hidden temporary next to `target` its content is written to first (hidden, so the
// migrations directory reader skips it): DIR/.schemac-tmp-NAME-PID.
std::filesystem::path temporaryPathFor(const std::filesystem::path& target);

// Writes `content` to `path` (created with mode 0644 or truncated) and fsyncs it. False with
// *error set to one line naming the file.
bool writeAndSync(const std::filesystem::path& path, const std::string& content,
                  std::string* error);

// Fsyncs an existing file (e.g. one SQLite wrote with VACUUM INTO).
bool syncFile(const std::filesystem::path& path, std::string* error);

// Fsyncs a directory, so that a rename or a new file in it survives a crash.
bool syncDirectory(const std::filesystem::path& dir, std::string* error);

// Renames the complete, synced `temp` over `target` and syncs the directory. On failure the
// temporary is removed and `target` is unchanged.
bool publishFile(const std::filesystem::path& temp, const std::filesystem::path& target,
                 std::string* error);

// temporaryPathFor + writeAndSync + publishFile. An existing target keeps its permissions.
bool writeFileAtomically(const std::filesystem::path& path, const std::string& content,
                         std::string* error);

}  // namespace schemac::support
