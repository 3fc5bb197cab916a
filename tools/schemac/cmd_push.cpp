// schemac push: applies the schema to the database directly (development only).
#include <fmt/core.h>

#include <cstdio>
#include <memory>
#include <string>

#include "commands.h"
#include "consent.h"
#include "db_options.h"
#include "schemac/workflow/push.h"

namespace schemac::cli {
namespace {

struct PushFlags {
  std::vector<std::string> schema;
  DatabaseFlags db;
  bool force = false;
};

// Prints the plan; a data-losing one goes ahead only with --force or a "y" on a terminal.
bool approve(const workflow::PushPreview& preview, bool force) {
  fmt::print("pushing to {} ({} change{}):\n", preview.database, preview.summary.size(),
             preview.summary.size() == 1 ? "" : "s");
  for (const std::string& line : preview.summary) fmt::print("  {}\n", line);
  for (const std::string& w : preview.warnings) fmt::print("  warning: {}\n", w);
  std::fflush(stdout);
  if (!preview.losesData()) return true;
  std::vector<std::string> losses = preview.warnings;
  if (losses.empty()) losses.push_back("it loses data");
  return consentToLoss({"push", std::move(losses), "These changes lose data. Apply them?",
                        "rerun with --force to apply it", force});
}

int runPush(const PushFlags& flags) {
  Config config = loadConfig();
  workflow::PushOptions options;
  options.schemaFiles = resolveSchemaFiles(flags.schema, config);
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.approve = [&flags](const workflow::PushPreview& p) { return approve(p, flags.force); };
  options.log = printLog;
  workflow::PushResult result = workflow::push(options);
  const workflow::PushPreview& preview = result.preview;
  if (preview.plan.plan.empty()) {
    fmt::print("nothing to push: {} already matches the schema\n", preview.database);
    return kExitOk;
  }
  std::size_t changes = preview.summary.size();
  std::size_t statements = preview.plan.sql.statements.size();
  fmt::print("pushed {} change{} ({} statement{}) in {} ms\n", changes, changes == 1 ? "" : "s",
             statements, statements == 1 ? "" : "s", result.ms);
  return kExitOk;
}

}  // namespace

void registerPush(CLI::App& app, Run& run) {
  auto flags = std::make_shared<PushFlags>();
  CLI::App* cmd = app.add_subcommand(
      "push", "Apply the schema to the database directly, without a migration (development)");
  cmd->add_option("schema", flags->schema, "Schema files (default: schemac.toml)");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_flag("--force", flags->force, "Apply data-losing changes without asking");
  cmd->callback([&run, flags] { run.action = [flags] { return runPush(*flags); }; });
}

}  // namespace schemac::cli
