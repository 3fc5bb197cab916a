// schemac status: which migrations are applied and pending, and whether the live schema
// drifted from what the applied migrations should have produced (workflow/status.h).
#include <fmt/core.h>

#include <algorithm>
#include <ctime>
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/workflow/status.h"

namespace schemac::cli {
namespace {

struct StatusFlags {
  std::string out;
  DatabaseFlags db;
};

std::string utcTime(std::int64_t unixMs) {
  std::time_t t = static_cast<std::time_t>(unixMs / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

void printMigrations(const workflow::MigrationState& state) {
  using State = workflow::MigrationRow::State;
  std::size_t width = 0;
  for (const auto& row : state.rows) {
    width = std::max({width, row.tag.size(), row.recordedTag.size()});
  }
  for (const auto& row : state.rows) {
    std::string pad(width - row.tag.size(), ' ');
    switch (row.state) {
      case State::Pending:
        fmt::print("  pending  {}\n", row.tag);
        break;
      case State::Applied: {
        std::string note = row.renamed() ? "  ! recorded as " + row.recordedTag
                           : row.edited  ? "  ! edited after it was applied"
                                         : "";
        fmt::print("  applied  {}{}  {} ({} ms){}\n", row.tag, pad, utcTime(row.appliedAt),
                   row.durationMs, note);
        break;
      }
      case State::AppliedNotInDirectory:
        fmt::print("  applied  {}{}  {}  ! missing from the migrations directory\n", row.tag, pad,
                   utcTime(row.appliedAt));
        break;
    }
  }
  fmt::print("{} applied, {} pending\n", state.applied, state.pending);
  for (const std::string& f : state.editedFiles) {
    fmt::print("! {} was edited after it was generated (see `schemac check`)\n", f);
  }
}

void printDrift(const workflow::Drift& drift) {
  if (!drift.any()) {
    fmt::print("drift: none (the database matches the schema after {})\n", drift.tag);
    return;
  }
  const auto& changes = drift.plan.changes;
  fmt::print("drift: the database differs from the schema after {} ({} change{}):\n", drift.tag,
             changes.size(), changes.size() == 1 ? "" : "s");
  for (const diff::Change& c : changes) fmt::print("  {}\n", diff::summaryLine(c));
}

int runStatus(const StatusFlags& flags) {
  Config config = loadConfig();
  workflow::StatusOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.ignore = resolveIgnore(flags.db, config);
  options.log = printLog;
  workflow::StatusResult result = workflow::status(options);

  fmt::print("database: {}{}\n", result.database,
             result.databaseMissing ? " (does not exist yet)" : "");
  fmt::print("migrations: {} ({} in the directory)\n", result.state.migrationsDir,
             result.state.inDirectory);
  printMigrations(result.state);
  if (!result.driftError.empty()) throw CommandError(result.driftError);
  if (result.drift) printDrift(*result.drift);
  bool drift = result.drift && result.drift->any();
  return result.state.problems || drift ? kExitFailure : kExitOk;
}

}  // namespace

void registerStatus(CLI::App& app, Run& run) {
  auto flags = std::make_shared<StatusFlags>();
  CLI::App* cmd = app.add_subcommand(
      "status", "List applied and pending migrations and report drift (exit 1 on drift)");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->callback([&run, flags] { run.action = [flags] { return runStatus(*flags); }; });
}

}  // namespace schemac::cli
