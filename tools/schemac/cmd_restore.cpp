// schemac restore: loads a dump (schemac dump) into an empty database, in one transaction.
#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "commands.h"
#include "db_options.h"
#include "schemac/rt/dump.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {
namespace {

struct RestoreFlags {
  DatabaseFlags db;
  std::string input;
};

int runRestore(const RestoreFlags& flags) {
  Config config = loadConfig();
  DatabaseTarget target = resolveDatabase(flags.db, config);
  std::ifstream in(flags.input, std::ios::binary);
  if (!in) throw CommandError("cannot read '" + flags.input + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  std::unique_ptr<rt::Connection> db = openDatabase(target, /*mustExist=*/false);
  runDatabaseChange([&] { rt::restoreDatabase(*db, ss.str()); });
  fmt::print("restored {} into {}\n", flags.input, db->displayUrl());
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

}  // namespace schemac::driver
