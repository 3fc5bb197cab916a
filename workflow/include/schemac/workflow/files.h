// Writing an output file (a pulled schema, a dump, a diagram) so that a failure never leaves
// half a file: a synced temporary file next to it, renamed into place.
#pragma once

#include <string>

namespace schemac::workflow {

// An output path of "" or "-" means standard output: the caller prints, nothing is written.
bool isStandardOutput(const std::string& path);

// Crash-safe (support/atomic_file.h). Throws Error("cannot write PATH: reason").
void writeFileAtomically(const std::string& path, const std::string& content);

}  // namespace schemac::workflow
