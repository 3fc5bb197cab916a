// `fmt`: rewrites .schema files in their canonical layout (schemac/format.h). Files are
// replaced atomically (temporary file + rename) and only when they change; a file with syntax
// errors is reported and left alone.
#pragma once

#include <string>
#include <vector>

namespace schemac::workflow {

struct FormatOptions {
  std::vector<std::string> files;
  bool check = false;     // write nothing; list the files that would change
  bool toStdout = false;  // return the formatted texts instead of writing
};

struct FormatResult {
  std::vector<std::string> formatted;    // with toStdout: each file's text, in order
  std::vector<std::string> wouldChange;  // with check: the files that are not formatted
  std::string diagnostics;               // rendered, for every file
  bool failed = false;                   // a file could not be read or parsed
};

// Diagnostics are returned rather than logged: the CLI prints them after the formatted texts.
FormatResult formatFiles(const FormatOptions& options);

}  // namespace schemac::workflow
