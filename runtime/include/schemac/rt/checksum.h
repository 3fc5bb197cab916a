// SHA-256, as used for migration checksums, the journal and schemac.sum.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace schemac::rt {

// Lower-case hex SHA-256 of `data`.
std::string sha256Hex(std::string_view data);

// Lower-case hex SHA-256 of a file's bytes. Throws std::runtime_error naming the file when it
// cannot be read.
std::string sha256File(const std::filesystem::path& path);

}  // namespace schemac::rt
