// schemac pull: writes a formatted .schema file from a live database.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "commands.h"
#include "db_options.h"
#include "schemac/db/inspect.h"
#include "schemac/db/pull.h"

namespace schemac::driver {
namespace {

struct PullFlags {
  DatabaseFlags db;
  std::string output;
};

// Writes through a temporary file and a rename, so a failure never leaves half a file.
void writeAtomically(const std::string& path, const std::string& content) {
  std::filesystem::path target(path);
  std::filesystem::path tmp = target;
  tmp += ".tmp-" + std::to_string(getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw CommandError("cannot write '" + path + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, target, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw CommandError("cannot write '" + path + "': " + ec.message());
  }
}

int runPull(const PullFlags& flags) {
  Config config = loadConfig();
  DatabaseTarget target = resolveDatabase(flags.db, config);
  std::unique_ptr<rt::Connection> db = openDatabase(target, /*mustExist=*/true, /*readOnly=*/true);
  std::string text;
  try {
    text = db::pullSchemaText(*db);
  } catch (const db::InspectError& e) {
    throw CommandError(e.what());
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
  if (flags.output.empty() || flags.output == "-") {
    fmt::print("{}", text);
  } else {
    writeAtomically(flags.output, text);
    fmt::print(stderr, "wrote {} from {}\n", flags.output, db->displayUrl());
  }
  return kExitOk;
}

}  // namespace

void registerPull(CLI::App& app, Run& run) {
  auto flags = std::make_shared<PullFlags>();
  CLI::App* cmd = app.add_subcommand("pull", "Write a .schema file from a live database");
  addDatabaseFlags(cmd, flags->db);
  cmd->add_option("-o,--output", flags->output, "Output file (default: standard output)");
  cmd->callback([&run, flags] { run.action = [flags] { return runPull(*flags); }; });
}

}  // namespace schemac::driver
