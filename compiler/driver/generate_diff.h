// The differ's part of `schemac generate`: the next migration from the newest snapshot's
// schema to the compiled one (docs/differ.md). cmd_generate.cpp owns the command, the
// migrations directory and the files; this decides the migration's SQL and header notes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "schemac/ir.h"
#include "schemac/migrations/migrations.h"

namespace schemac::driver {

struct GenerateDiffOptions {
  bool strict = false;  // a data-losing change is an error (CI)
  bool verify = true;   // prove up and down in an in-memory database first
  // Offer unhinted column renames as a prompt: only when stdin and stderr are terminals.
  bool interactive = false;
  // Rebuild AUTOINCREMENT tables instead of ALTER TABLE ADD/DROP COLUMN (tursodb).
  bool rebuildAutoincrement = false;
};

// True when stdin and stderr are both terminals (the only case where generate may prompt).
bool interactiveTerminal();

// The migration from `previous` to `next`, with name (derived from the changes), SQL, header
// notes, dataLoss and rebuildsTables set; nullopt when the plan is empty (docs alone are not
// changes). Appends one summary line per change to *summary and prints every warning to
// stderr as "warning: TEXT". Throws CommandError for --strict refusals and verification
// failures (with the difference on stderr first); nothing is written by this function.
std::optional<migrations::NewMigration> diffMigration(const ir::Schema& previous,
                                                      const ir::Schema& next,
                                                      const GenerateDiffOptions& options,
                                                      std::vector<std::string>* summary);

}  // namespace schemac::driver
