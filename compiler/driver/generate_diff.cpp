// diffMigration(): diff, classify, lower to SQLite (up and down), verify; the --strict and
// interactive-rename policies of `schemac generate`.
#include "generate_diff.h"

#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"

namespace schemac::driver {
namespace {

// "? Is users.full_name a rename of users.name (else: drop name, add full_name)? [y/N] "
bool askRename(const std::string& table, const std::string& dropped, const std::string& added) {
  fmt::print(stderr, "? Is {}.{} a rename of {}.{} (else: drop {}, add {})? [y/N] ", table, added,
             table, dropped, dropped, added);
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

}  // namespace

bool interactiveTerminal() { return ::isatty(0) && ::isatty(2); }

std::optional<migrations::NewMigration> diffMigration(const ir::Schema& previous,
                                                      const ir::Schema& next,
                                                      const GenerateDiffOptions& options,
                                                      std::vector<std::string>* summary) {
  diff::DiffOptions diffOptions;
  if (options.interactive) diffOptions.confirmRename = askRename;
  codegen::sqlite::LowerOptions lowerOptions;
  lowerOptions.rebuildAutoincrement = options.rebuildAutoincrement;
  codegen::sqlite::Migration m =
      codegen::sqlite::buildMigration(previous, next, diffOptions, lowerOptions);
  if (m.upPlan.empty()) return std::nullopt;

  for (const diff::Change& c : m.upPlan.changes) summary->push_back(diff::summaryLine(c));
  std::vector<std::string> upWarnings = diff::warnings(m.upPlan);
  for (const std::string& w : upWarnings) fmt::print(stderr, "warning: {}\n", w);
  if (options.strict && m.upPlan.losesData()) {
    throw CommandError("the migration loses data and --strict is set; nothing was written");
  }
  if (options.verify) {
    db::VerifyResult v = db::verifyMigration(previous, next, m);
    if (!v.ok) {
      fmt::print(stderr, "{}", v.difference);
      if (!v.difference.empty() && v.difference.back() != '\n') fmt::print(stderr, "\n");
      throw CommandError(fmt::format(
          "internal error: the generated migration failed verification ({}); nothing was "
          "written. Please report this with both schemas (--no-verify skips the check)",
          v.stage));
    }
  }

  migrations::NewMigration out;
  out.name = diff::suggestName(m.upPlan);
  out.upSql = m.up.body();
  out.downSql = m.down.body();
  out.upNotes = codegen::sqlite::headerNotes(m.up, upWarnings);
  out.downNotes = codegen::sqlite::headerNotes(m.down, diff::warnings(m.downPlan));
  out.dataLoss = m.upPlan.losesData();
  out.rebuildsTables = m.up.rebuildsTables();
  return out;
}

}  // namespace schemac::driver
