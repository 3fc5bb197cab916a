// schemac dump: a complete SQL dump of the database (local or remote), to stdout or a file.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "commands.h"
#include "db_options.h"
#include "schemac/rt/dump.h"

namespace schemac::driver {
namespace {

struct DumpFlags {
  DatabaseFlags db;
  std::string output;
};

int runDump(const DumpFlags& flags) {
  Config config = loadConfig();
  DatabaseTarget target = resolveDatabase(flags.db, config);
  std::unique_ptr<rt::Connection> db = openDatabase(target, /*mustExist=*/true, /*readOnly=*/true);
  std::string text;
  rt::DumpStats stats;
  try {
    text = rt::dumpDatabase(*db, &stats);
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
  if (flags.output.empty() || flags.output == "-") {
    fmt::print("{}", text);
    return kExitOk;
  }
  // Through a temporary file and a rename: a failure never leaves half a dump.
  std::filesystem::path tmp = flags.output + ".tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw CommandError("cannot write '" + flags.output + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, flags.output, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw CommandError("cannot write '" + flags.output + "': " + ec.message());
  }
  fmt::print(stderr, "wrote {} from {} ({} table{}, {} row{})\n", flags.output, db->displayUrl(),
             stats.tables, stats.tables == 1 ? "" : "s", stats.rows, stats.rows == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace

void registerDump(CLI::App& app, Run& run) {
  auto flags = std::make_shared<DumpFlags>();
  CLI::App* cmd =
      app.add_subcommand("dump", "Write a complete SQL dump (schema, rows, indexes, triggers)");
  addDatabaseFlags(cmd, flags->db);
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([&run, flags] { run.action = [flags] { return runDump(*flags); }; });
}

}  // namespace schemac::driver
