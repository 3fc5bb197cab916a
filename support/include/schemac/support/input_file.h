// One reader for every input file schemac reads whole (schema files, migrations, snapshots,
// journals): regular files only, so a FIFO cannot hang a command and a link to /dev/zero cannot
// exhaust memory, and a size limit checked before reading (docs/cli.md, "Input files").
#pragma once

#include <cstdint>
#include <string>

namespace schemac::support {

// 64 MiB unless the environment variable SCHEMAC_MAX_INPUT_BYTES holds a positive number.
std::uint64_t maxInputBytes();

// Reads `path` into *out. On failure returns false and sets *error to one line naming the file
// (`cannot read 'x.schema': it is a FIFO, not a regular file`).
bool readInputFile(const std::string& path, std::string* out, std::string* error);

}  // namespace schemac::support
