// diffMigration(): diff, classify, lower to SQLite (up and down), verify; the --strict policy
// of `generate`.
#include "schemac/workflow/generate_diff.h"

#include <fmt/core.h>

#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

codegen::sqlite::Migration planMigration(const ir::Schema& previous, const ir::Schema& next,
                                         const GenerateDiffOptions& options) {
  diff::DiffOptions diffOptions;
  diffOptions.confirmRename = options.confirmRename;
  codegen::sqlite::LowerOptions lowerOptions;
  lowerOptions.rebuildAutoincrement = options.rebuildAutoincrement;
  return codegen::sqlite::buildMigration(previous, next, diffOptions, lowerOptions);
}

std::optional<migrations::NewMigration> diffMigration(const ir::Schema& previous,
                                                      const ir::Schema& next,
                                                      const GenerateDiffOptions& options,
                                                      std::vector<std::string>* summary) {
  return finishMigration(previous, next, planMigration(previous, next, options), options, summary);
}

std::optional<migrations::NewMigration> finishMigration(const ir::Schema& previous,
                                                        const ir::Schema& next,
                                                        codegen::sqlite::Migration m,
                                                        const GenerateDiffOptions& options,
                                                        std::vector<std::string>* summary) {
  if (m.upPlan.empty()) return std::nullopt;

  for (const diff::Change& c : m.upPlan.changes) summary->push_back(diff::summaryLine(c));
  std::vector<std::string> upWarnings = diff::warnings(m.upPlan);
  for (const std::string& w : upWarnings) logTo(options.log, LogLevel::Warning, "warning: " + w);
  if (options.strict && m.upPlan.losesData()) {
    throw Error("the migration loses data and --strict is set; nothing was written");
  }
  if (options.approveLoss && m.upPlan.losesData()) {
    std::vector<std::string> losses;
    for (const diff::Change& c : m.upPlan.changes) {
      if (c.safety == diff::Safety::LosesData) losses.push_back(c.reason);
    }
    if (!options.approveLoss(losses)) {
      throw Error("generate cancelled: the migration loses data; nothing was written");
    }
  }
  if (options.verify) {
    db::VerifyResult v = db::verifyMigration(previous, next, m);
    if (!v.ok) {
      if (!v.difference.empty()) logTo(options.log, LogLevel::Error, v.difference);
      throw Error(fmt::format(
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

}  // namespace schemac::workflow
