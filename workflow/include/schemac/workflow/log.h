// How an operation tells its caller what happens while it runs (progress, warnings, compiler
// diagnostics). The workflow never writes to stdout or stderr itself: the CLI prints each
// message as it arrives, the studio keeps or drops them.
#pragma once

#include <functional>
#include <string>

namespace schemac::workflow {

enum class LogLevel {
  Info,     // progress: what is being done (the CLI: stdout, flushed at once)
  Warning,  // something the user should know; the operation goes on (the CLI: stderr)
  Error,    // details of a failure reported by the Error that follows (the CLI: stderr)
};

// One message: a line, or several for rendered diagnostics; a missing final newline is the
// printer's to add. May be empty (a null function): the messages are dropped.
using Log = std::function<void(LogLevel level, const std::string& text)>;

inline void logTo(const Log& log, LogLevel level, const std::string& text) {
  if (log) log(level, text);
}

}  // namespace schemac::workflow
