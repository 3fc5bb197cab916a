// schemac baseline: starts the schemac history of a database another tool created, once its
// live schema is proven to be the schema after a migration (workflow/baseline.h,
// docs/adopting.md).
#include <filesystem>
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/baseline.h"

namespace schemac::cli {
namespace {

struct BaselineFlags {
  std::string out;
  DatabaseFlags db;
  std::string to;
  std::string drizzle;
  LeaseFlags lease;
};

// --drizzle, else schemac.toml's `drizzle`, else ./drizzle when it holds a drizzle-kit journal.
std::string resolveDrizzleDir(const std::string& cli, const Config& config) {
  if (!cli.empty()) return cli;
  if (config.drizzle) return config.resolve(*config.drizzle);
  std::error_code ec;
  if (std::filesystem::is_regular_file("drizzle/meta/_journal.json", ec)) return "drizzle";
  return {};
}

int runBaseline(const BaselineFlags& flags) {
  Config config = loadConfig();
  workflow::BaselineOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.to = flags.to;
  options.drizzleDir = resolveDrizzleDir(flags.drizzle, config);
  options.leaseTtlMs = secondsToMs(flags.lease.leaseTtl);
  options.lockTimeoutMs = secondsToMs(flags.lease.lockTimeout);
  options.log = printLog;  // the progress is the output
  workflow::baseline(options);
  return kExitOk;
}

}  // namespace

void registerBaseline(CLI::App& app, Run& run) {
  auto flags = std::make_shared<BaselineFlags>();
  CLI::App* cmd = app.add_subcommand(
      "baseline",
      "Record migrations as applied on a database another tool created, after proving it "
      "matches their schema");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_option("--to", flags->to,
                  "The migration the database is at (idx or tag; default: the newest)");
  cmd->add_option("--drizzle", flags->drizzle,
                  "drizzle-kit folder whose migrations must all be applied first (default: "
                  "schemac.toml `drizzle`, ./drizzle)");
  addLeaseFlags(cmd, flags->lease);
  cmd->callback([&run, flags] { run.action = [flags] { return runBaseline(*flags); }; });
}

}  // namespace schemac::cli
