// schemac restore: loads a dump (schemac dump) into an empty database, in one transaction.
#include <fmt/core.h>

#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/dump.h"

namespace schemac::cli {
namespace {

struct RestoreFlags {
  DatabaseFlags db;
  std::string input;
};

int runRestore(const RestoreFlags& flags) {
  Config config = loadConfig();
  workflow::RestoreOptions options;
  options.database = resolveDatabase(flags.db, config);
  options.input = flags.input;
  options.log = printLog;
  workflow::RestoreResult result = workflow::restore(options);
  fmt::print("restored {} into {}\n", flags.input, result.database);
  return kExitOk;
}

}  // namespace

void registerRestore(CLI::App& app, Run& run) {
  auto flags = std::make_shared<RestoreFlags>();
  CLI::App* cmd =
      app.add_subcommand("restore", "Load a dump (schemac dump) into an empty database");
  cmd->add_option("file", flags->input, "The dump file")->required();
  addDatabaseFlags(cmd, flags->db);
  cmd->callback([&run, flags] { run.action = [flags] { return runRestore(*flags); }; });
}

}  // namespace schemac::cli
