#include "consent.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands.h"

namespace schemac::cli {

bool hasTerminal() { return ::isatty(STDIN_FILENO) && ::isatty(STDERR_FILENO); }

bool confirmOnTerminal(const std::string& question) {
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES";
}

bool consentToLoss(const LossConsent& consent) {
  if (consent.losses.empty() || consent.force) return true;
  if (hasTerminal()) return confirmOnTerminal(consent.question);
  std::string what = consent.losses.front();
  if (consent.losses.size() > 1) what += fmt::format(" (and {} more)", consent.losses.size() - 1);
  throw CommandError(fmt::format("{} refused: {}; no terminal to confirm, {}", consent.command,
                                 what, consent.wayOut));
}

}  // namespace schemac::cli
