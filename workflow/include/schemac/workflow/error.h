// The one error type of the workflow operations. A tool turns it into its own report (the CLI:
// "schemac: error: MESSAGE" and an exit code chosen from kind()); nothing below the tool
// decides an exit code.
#pragma once

#include <stdexcept>
#include <string>

#include "schemac/support/error.h"

namespace schemac::workflow {

class Error : public support::Error {
 public:
  enum class Kind {
    Failed,        // the operation could not be done; the message says why in one line
    BadOptions,    // the options make no sense (for a CLI: a usage error)
    SchemaErrors,  // the .schema files have errors, already sent to the log as diagnostics
  };

  explicit Error(const std::string& message, Kind kind = Kind::Failed)
      : support::Error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

}  // namespace schemac::workflow
