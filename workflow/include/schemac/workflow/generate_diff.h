// The differ's part of `generate`: the next migration from the newest snapshot's schema to the
// compiled one (docs/differ.md). generate.cpp owns the migrations directory and the files;
// this decides the migration's SQL and header notes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/ir.h"
#include "schemac/migrations/migrations.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct GenerateDiffOptions {
  bool strict = false;  // a data-losing change is an error (CI)
  bool verify = true;   // prove up and down in an in-memory database first
  // Asked for unhinted column renames (table, dropped, added); unset, the differ never guesses.
  std::function<bool(const std::string&, const std::string&, const std::string&)> confirmRename;
  // Asked with the losses ("drops column t.c (data loss)") when the migration loses data;
  // false: nothing is written. Unset: no question (previews, --strict decides alone).
  std::function<bool(const std::vector<std::string>&)> approveLoss;
  // Rebuild AUTOINCREMENT tables instead of ALTER TABLE ADD/DROP COLUMN (tursodb).
  bool rebuildAutoincrement = false;
  Log log;  // each warning ("warning: TEXT"); the difference found by a failed verification
};

// The migration from `previous` to `next`, with name (derived from the changes), SQL, header
// notes, dataLoss and rebuildsTables set; nullopt when the plan is empty (docs alone are not
// changes). Appends one summary line per change to *summary. Throws Error for --strict
// refusals, a loss approveLoss refused, and verification failures (with the difference logged
// first); nothing is written by this function.
std::optional<migrations::NewMigration> diffMigration(const ir::Schema& previous,
                                                      const ir::Schema& next,
                                                      const GenerateDiffOptions& options,
                                                      std::vector<std::string>* summary);

// diffMigration in two steps, so that the plan can be made before it is known whether the
// schema changed at all (generate plans while the fingerprint is computed). planMigration
// diffs and lowers and has no effect but asking options.confirmRename (which identical schemas
// never do); finishMigration does the rest: summary, warnings, --strict, approveLoss, verify.
codegen::sqlite::Migration planMigration(const ir::Schema& previous, const ir::Schema& next,
                                         const GenerateDiffOptions& options);
std::optional<migrations::NewMigration> finishMigration(const ir::Schema& previous,
                                                        const ir::Schema& next,
                                                        codegen::sqlite::Migration planned,
                                                        const GenerateDiffOptions& options,
                                                        std::vector<std::string>* summary);

}  // namespace schemac::workflow
