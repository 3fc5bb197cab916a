// schemac push: applies the schema to the database directly (development only).
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>

#include "commands.h"
#include "db_options.h"
#include "schemac/compile.h"
#include "schemac/db/inspect.h"
#include "schemac/db/push.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {
namespace {

struct PushFlags {
  std::vector<std::string> schema;
  DatabaseFlags db;
  bool force = false;
};

bool confirmOnTerminal(const std::string& question) {
  fmt::print(stderr, "{} [y/N] ", question);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes" || answer == "YES";
}

int runPush(const PushFlags& flags) {
  Config config = loadConfig();
  std::vector<std::string> files = resolveSchemaFiles(flags.schema, config);
  DatabaseTarget target = resolveDatabase(flags.db, config);
  // Compile first: a schema error leaves the database untouched (not even created).
  SourceManager sm;
  DiagEngine diags(sm);
  std::optional<ir::Schema> schema = compileFiles(files, sm, diags);
  diags.print(std::cerr);
  if (!schema) return kExitFailure;

  std::unique_ptr<rt::Connection> db = openDatabase(target, /*mustExist=*/false);
  db::PushPlan plan;
  try {
    plan = db::planPush(*db, *schema);
  } catch (const db::InspectError& e) {
    throw CommandError(e.what());
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
  if (plan.plan.empty()) {
    fmt::print("nothing to push: {} already matches the schema\n", db->displayUrl());
    return kExitOk;
  }
  fmt::print("pushing to {} ({} change{}):\n", db->displayUrl(), plan.plan.changes.size(),
             plan.plan.changes.size() == 1 ? "" : "s");
  for (const diff::Change& c : plan.plan.changes) fmt::print("  {}\n", diff::summaryLine(c));
  std::vector<std::string> warnings = diff::warnings(plan.plan);
  for (const std::string& w : warnings) fmt::print("  warning: {}\n", w);
  std::fflush(stdout);

  if (plan.plan.losesData() && !flags.force) {
    if (isatty(STDIN_FILENO) && isatty(STDERR_FILENO)) {
      if (!confirmOnTerminal("These changes lose data. Apply them?")) {
        throw CommandError("push cancelled; the database was not changed");
      }
    } else {
      std::string what = warnings.empty() ? "it loses data" : warnings.front();
      if (warnings.size() > 1) what += fmt::format(" (and {} more)", warnings.size() - 1);
      throw CommandError("push refused: " + what +
                         "; no terminal to confirm, rerun with --force to apply it");
    }
  }
  auto start = std::chrono::steady_clock::now();
  runDatabaseChange([&] { db::applyPush(*db, plan); });
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                  start)
                .count();
  fmt::print("pushed {} change{} ({} statement{}) in {} ms\n", plan.plan.changes.size(),
             plan.plan.changes.size() == 1 ? "" : "s", plan.sql.statements.size(),
             plan.sql.statements.size() == 1 ? "" : "s", ms);
  return kExitOk;
}

}  // namespace

void registerPush(CLI::App& app, Run& run) {
  auto flags = std::make_shared<PushFlags>();
  CLI::App* cmd = app.add_subcommand(
      "push", "Apply the schema to the database directly, without a migration (development)");
  cmd->add_option("schema", flags->schema, "Schema files (default: schemac.toml)");
  addDatabaseFlags(cmd, flags->db);
  cmd->add_flag("--force", flags->force, "Apply data-losing changes without asking");
  cmd->callback([&run, flags] { run.action = [flags] { return runPush(*flags); }; });
}

}  // namespace schemac::driver
