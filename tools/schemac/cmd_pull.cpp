// schemac pull: writes a formatted .schema file from a live database (workflow/pull.h).
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/pull.h"

namespace schemac::cli {
namespace {

struct PullFlags {
  DatabaseFlags db;
  std::string output;
  bool lossy = false;
};

int runPull(const PullFlags& flags) {
  Config config = loadConfig();
  workflow::PullOptions options;
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.output = flags.output;
  options.lossy = flags.lossy;
  options.log = printLog;
  workflow::PullResult result = workflow::pull(options);
  if (!result.written) {
    fmt::print("{}", result.text);
  } else {
    fmt::print(stderr, "wrote {} from {}\n", flags.output, result.database);
  }
  return kExitOk;
}

}  // namespace

void registerPull(CLI::App& app, Run& run) {
  auto flags = std::make_shared<PullFlags>();
  CLI::App* cmd = app.add_subcommand("pull", "Write a .schema file from a live database");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->add_flag("--lossy", flags->lossy,
                "Leave out objects the schema language cannot describe (a warning and a "
                "comment for each) instead of failing");
  cmd->callback([&run, flags] { run.action = [flags] { return runPull(*flags); }; });
}

}  // namespace schemac::cli
