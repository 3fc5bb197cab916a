// schemac __generate-docs man|bash|zsh|fish [-o FILE]: hidden; the build writes the man page
// and the shell completions with it (cmake/Packaging.cmake).
#include <fmt/core.h>

#include <cstdio>
#include <fstream>
#include <memory>

#include "cli_docs.h"
#include "commands.h"

namespace schemac::cli {
namespace {

struct DocsFlags {
  std::string kind;
  std::string output;
};

int runGenerateDocs(const CLI::App& root, const DocsFlags& flags) {
  CliCommand model = describeCli(root);
  std::string text;
  if (flags.kind == "man")
    text = manPage(model, SCHEMAC_VERSION);
  else if (flags.kind == "bash")
    text = bashCompletion(model);
  else if (flags.kind == "zsh")
    text = zshCompletion(model);
  else
    text = fishCompletion(model);
  if (flags.output.empty()) {
    fmt::print("{}", text);
    return kExitOk;
  }
  // Written beside the target and renamed, so a failed build never leaves half a file.
  std::string temp = flags.output + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) throw CommandError("cannot write " + temp);
  }
  if (std::rename(temp.c_str(), flags.output.c_str()) != 0)
    throw CommandError("cannot rename " + temp + " to " + flags.output);
  return kExitOk;
}

}  // namespace

void registerGenerateDocs(CLI::App& app, Run& run) {
  auto flags = std::make_shared<DocsFlags>();
  CLI::App* cmd = app.add_subcommand("__generate-docs", "Write the man page or a completion");
  cmd->group("");  // hidden: not in --help, the man page or the completions
  cmd->add_option("kind", flags->kind, "man, bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"man", "bash", "zsh", "fish"}));
  cmd->add_option("-o,--output", flags->output, "Write to this file (default: stdout)");
  const CLI::App* root = &app;
  cmd->callback([&run, flags, root] {
    run.action = [flags, root] { return runGenerateDocs(*root, *flags); };
  });
}

}  // namespace schemac::cli
