// schemac fmt: rewrites .schema files in their canonical layout (workflow/format.h). --check
// writes nothing and exits 1 when a file would change, listing it; --stdout prints the
// formatted text instead of writing.
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "commands.h"
#include "config.h"
#include "schemac/workflow/format.h"

namespace schemac::cli {
namespace {

struct FmtFlags {
  std::vector<std::string> files;
  bool check = false;
  bool toStdout = false;
};

int runFmt(const FmtFlags& flags) {
  workflow::FormatOptions options;
  options.files = flags.files;
  if (options.files.empty()) options.files = resolveSchemaFiles(flags.files, loadConfig());
  options.check = flags.check;
  options.toStdout = flags.toStdout;
  workflow::FormatResult result = workflow::formatFiles(options);
  for (const std::string& text : result.formatted) std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
  std::fputs(result.diagnostics.c_str(), stderr);
  for (const std::string& path : result.wouldChange) fmt::print("{}\n", path);
  if (!result.wouldChange.empty()) {
    fmt::print(stderr, "schemac: {} file{} would be reformatted\n", result.wouldChange.size(),
               result.wouldChange.size() == 1 ? "" : "s");
  }
  return result.failed || !result.wouldChange.empty() ? kExitFailure : kExitOk;
}

}  // namespace

void registerFmt(CLI::App& app, Run& run) {
  auto flags = std::make_shared<FmtFlags>();
  CLI::App* cmd = app.add_subcommand("fmt", "Format .schema files in their canonical layout");
  cmd->add_option("files", flags->files, "Files to format (default: schemac.toml's schema)");
  cmd->add_flag("--check", flags->check,
                "Write nothing; exit 1 and list the files that would change");
  cmd->add_flag("--stdout", flags->toStdout, "Print the formatted text instead of writing");
  cmd->callback([&run, flags] { run.action = [flags] { return runFmt(*flags); }; });
}

}  // namespace schemac::cli
