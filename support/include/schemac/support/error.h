// The base of every exception schemac throws (docs/architecture.md, "Errors"): a one-line
// message that names the object concerned, and optionally a hint saying what to do about it.
// Only the CLI (tools/) turns one into an exit code.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

namespace schemac::support {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message, std::string hint = {})
      : std::runtime_error(message), hint_(std::move(hint)) {}
  explicit Error(const char* message) : std::runtime_error(message) {}

  // What the user can do, e.g. "run `schemac generate`"; empty when there is nothing to add.
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

}  // namespace schemac::support
