// The man page and the shell completions of schemac, generated from the CLI11 definition
// itself (`schemac __generate-docs man|bash|zsh|fish`), so they cannot list a flag the binary
// does not have. The CLI11 tree is first copied into the plain model below; each writer only
// walks the model.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace schemac::cli {

struct Run;

struct CliOption {
  std::vector<std::string> names;    // "--url", "-o"; empty for a positional
  std::string positional;            // the positional's name ("schema"), else empty
  std::string valueName;             // "TEXT", "INT", ...; empty for a flag
  std::vector<std::string> choices;  // from CLI::IsMember, else empty
  std::string description;
  bool repeatable = false;
};

struct CliCommand {
  std::string name;
  std::string description;
  std::vector<CliOption> options;
  std::vector<CliCommand> subcommands;
};

// The visible commands and options of `app` (hidden ones, such as __generate-docs, are left out).
CliCommand describeCli(const CLI::App& app);

std::string manPage(const CliCommand& root, const std::string& version);  // cli_man.cpp
std::string bashCompletion(const CliCommand& root);                       // cli_completions.cpp
std::string zshCompletion(const CliCommand& root);
std::string fishCompletion(const CliCommand& root);

// Registers the hidden `__generate-docs KIND [-o FILE]` subcommand (cmd_generate_docs.cpp).
void registerGenerateDocs(CLI::App& app, Run& run);

}  // namespace schemac::cli
