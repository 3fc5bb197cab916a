// `schemac generate [SCHEMA...] [--out DIR] [--name NAME] [--dialect sqlite]`: writes the next
// migration (workflow/generate.h) and prints what it wrote.
#include <fmt/core.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.h"
#include "config.h"
#include "consent.h"
#include "db_options.h"
#include "schemac/workflow/generate.h"
#include "schemac/workflow/generate_undo.h"

namespace schemac::cli {
namespace {

struct GenerateFlags {
  std::vector<std::string> files;
  std::string out;
  std::string name;
  std::string dialect;
  bool strict = false;                // a data-losing change is an error
  bool noVerify = false;              // skip the in-memory proof of up and down
  bool custom = false;                // an empty migration for hand-written SQL
  bool rebuildAutoincrement = false;  // --rebuild-autoincrement (else schemac.toml's key)
  bool force = false;                 // write a data-losing migration without asking
  bool undo = false;                  // remove the newest migration instead
  DatabaseFlags db;                   // --undo: the database that must not have it applied
};

// A dropped and an added column of one type that no `was` hint explains: maybe a rename.
struct RenameCandidate {
  std::string table, dropped, added;
};

// "? Is users.full_name a rename of users.name (else: drop name, add full_name)? [y/N] "
bool askRename(const std::string& table, const std::string& dropped, const std::string& added) {
  fmt::print(stderr, "? Is {}.{} a rename of {}.{} (else: drop {}, add {})? [y/N] ", table, added,
             table, dropped, dropped, added);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

// `generate --undo`: the newest migration goes, unless the database has applied it.
int runUndo(const GenerateFlags& flags, const Config& config) {
  workflow::UndoOptions options;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.database = resolveDatabase(flags.db, config);
  options.log = printLog;
  workflow::UndoResult result = workflow::undoNewestMigration(options);
  fmt::print("Removed {} ({})\n", result.tag,
             result.checked.empty() ? "no database to check" : "not applied in " + result.checked);
  for (const std::string& path : result.removed)
    fmt::print("  - {}/{}\n", options.migrationsDir, path);
  return kExitOk;
}

int runGenerate(const GenerateFlags& flags) {
  Config config = loadConfig();
  if (flags.undo) return runUndo(flags, config);
  workflow::GenerateOptions options;
  options.schemaFiles = resolveSchemaFiles(flags.files, config);
  options.dialect = resolveDialect(flags.dialect, config);
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.ignore = config.ignore;
  options.name = flags.name;
  options.strict = flags.strict;
  options.verify = !flags.noVerify;
  options.custom = flags.custom;
  options.rebuildAutoincrement =
      flags.rebuildAutoincrement || config.rebuildAutoincrement.value_or(false);
  // Only a terminal can answer the rename question; without one the differ never guesses, and
  // the candidates it would have asked about are named if the migration is refused.
  auto candidates = std::make_shared<std::vector<RenameCandidate>>();
  if (hasTerminal()) {
    options.confirmRename = askRename;
  } else {
    options.confirmRename = [candidates](const std::string& table, const std::string& dropped,
                                         const std::string& added) {
      candidates->push_back({table, dropped, added});
      return false;
    };
  }
  options.approveLoss = [&flags, candidates](const std::vector<std::string>& losses) {
    std::vector<std::string> named = losses;
    std::string wayOut = "rerun with --force to write it";
    if (!candidates->empty()) {
      const RenameCandidate& c = candidates->front();
      named.insert(named.begin(),
                   fmt::format("{0}.{1} is dropped and {0}.{2} added, which may be a "
                               "rename",
                               c.table, c.dropped, c.added));
      wayOut = fmt::format(
          "add `was {}` to column {}.{} to rename it, or rerun with --force to drop and add "
          "(data loss); nothing was written",
          c.dropped, c.table, c.added);
      named.resize(1 + (losses.size() > 1 ? losses.size() - 1 : 0));
    } else {
      wayOut += "; nothing was written";
    }
    return consentToLoss({"generate", std::move(named),
                          "The migration loses data (see the warnings above). Write it?", wayOut,
                          flags.force});
  };
  options.log = printLog;

  workflow::GenerateResult result = workflow::generate(options);
  if (!result.written) {
    fmt::print("No schema changes, nothing to generate\n");
    return kExitOk;
  }
  fmt::print("Generated {}\n", result.upFile);
  for (const std::string& line : result.summary) fmt::print("  {}\n", line);
  return kExitOk;
}

}  // namespace

void registerGenerate(CLI::App& app, Run& run) {
  auto flags = std::make_shared<GenerateFlags>();
  auto* cmd = app.add_subcommand(
      "generate", "Write the next migration: the schema's changes since the newest snapshot");
  cmd->add_option("schema", flags->files, "Schema files (default: `schema` in schemac.toml)");
  cmd->add_option("--out", flags->out, "Migrations directory (default: `out`, else migrations)");
  cmd->add_option("--name", flags->name,
                  "Migration name (default: derived from the changes, `init` for the first)");
  cmd->add_option("--dialect", flags->dialect, "SQL dialect (default: sqlite)");
  cmd->add_flag("--strict", flags->strict, "Refuse a migration that loses data (for CI)");
  cmd->add_flag("--no-verify", flags->noVerify,
                "Skip proving the migration (up, then down) in an in-memory database");
  cmd->add_flag("--rebuild-autoincrement", flags->rebuildAutoincrement,
                "Rebuild AUTOINCREMENT tables instead of ALTER TABLE ADD/DROP COLUMN (for "
                "tursodb; default: `rebuild_autoincrement` in schemac.toml, else false)");
  cmd->add_flag("--force", flags->force,
                "Write a data-losing migration (drops, a drop + add that may be a rename) "
                "without asking; without a terminal it is refused otherwise");
  cmd->add_flag("--undo", flags->undo,
                "Remove the newest migration (files, snapshot, journal entry, sum lines) when "
                "the database (--url, default as for migrate) has not applied it");
  addDatabaseFlags(cmd, flags->db);
  cmd->add_flag("--custom", flags->custom,
                "Write an empty migration for hand-written SQL (requires --name)");
  cmd->callback([&run, flags] { run.action = [flags] { return runGenerate(*flags); }; });
}

}  // namespace schemac::cli
