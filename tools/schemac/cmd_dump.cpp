// schemac dump: a complete SQL dump of the database (local or remote), to stdout or a file.
#include <fmt/core.h>

#include <cstdio>
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/dump.h"

namespace schemac::cli {
namespace {

struct DumpFlags {
  DatabaseFlags db;
  std::string output;
};

int runDump(const DumpFlags& flags) {
  Config config = loadConfig();
  workflow::ExportOptions options;
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.output = flags.output;
  options.log = printLog;
  workflow::DumpResult result = workflow::dump(options);
  if (!result.written) {
    fmt::print("{}", result.text);
    return kExitOk;
  }
  const rt::DumpStats& stats = result.stats;
  fmt::print(stderr, "wrote {} from {} ({} table{}, {} row{})\n", flags.output, result.database,
             stats.tables, stats.tables == 1 ? "" : "s", stats.rows, stats.rows == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace

void registerDump(CLI::App& app, Run& run) {
  auto flags = std::make_shared<DumpFlags>();
  CLI::App* cmd =
      app.add_subcommand("dump", "Write a complete SQL dump (schema, rows, indexes, triggers)");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([&run, flags] { run.action = [flags] { return runDump(*flags); }; });
}

}  // namespace schemac::cli
