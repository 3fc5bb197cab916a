// The one consent rule for commands that lose data (push, generate, down): they go ahead with
// --force or a "y" on a terminal; without a terminal they refuse with one line that names the
// loss and the way out, and exit 1 (docs/cli.md, "Data loss needs consent").
#pragma once

#include <string>
#include <vector>

namespace schemac::cli {

// stdin and stderr are both terminals: someone can answer a question.
bool hasTerminal();

// Asks `question [y/N]` on stderr, reads a line from stdin; true only for y/Y/yes/YES.
bool confirmOnTerminal(const std::string& question);

struct LossConsent {
  std::string command;              // "push", "generate", "down"
  std::vector<std::string> losses;  // what is lost, first one named in a refusal
  std::string question;             // asked on a terminal: "These changes lose data. Apply them?"
  std::string wayOut;               // "rerun with --force to apply it"
  bool force = false;
};

// True: go ahead (nothing lost, --force, or "y"). False: the user answered no on a terminal.
// Without a terminal a loss throws CommandError("COMMAND refused: LOSS (and N more); no
// terminal to confirm, WAYOUT").
bool consentToLoss(const LossConsent& consent);

}  // namespace schemac::cli
