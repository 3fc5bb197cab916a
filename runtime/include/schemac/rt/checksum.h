// SHA-256, as used for migration checksums, the journal and schemac.sum. The hash itself is
// schemac::support's; these names are the runtime's public API.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "schemac/support/sha256.h"

namespace schemac::rt {

// Lower-case hex SHA-256 of `data`.
inline std::string sha256Hex(std::string_view data) { return support::sha256Hex(data); }

// Lower-case hex SHA-256 of a file's bytes. Throws std::runtime_error naming the file when it
// cannot be read.
std::string sha256File(const std::filesystem::path& path);

}  // namespace schemac::rt
