// `generate`: compiles the schema, compares it with the newest snapshot of the migrations
// directory, and writes the next migration (up + down SQL, snapshot, journal entry,
// schemac.sum) all at once.
//
// Shape: the next migration is decided in memory (a migrations::NewMigration), then
// migrations::appendMigration() derives every file from it and OutputSet::writeAll() puts them on
// disk atomically. Nothing is written when compilation, the directory check, or planning fails.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "schemac/ir.h"
#include "schemac/migrations/migrations.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

// Asked whether an unhinted dropped and added column of one table are a rename (table, dropped,
// added); unset, the differ never guesses.
using ConfirmRename = std::function<bool(const std::string& table, const std::string& dropped,
                                         const std::string& added)>;

struct GenerateOptions {
  std::vector<std::string> schemaFiles;
  std::string migrationsDir;
  std::string name;  // as given by the user (sanitized here); empty: derived from the changes
  std::string dialect = "sqlite";
  bool strict = false;                // a data-losing change is an error (CI)
  bool verify = true;                 // prove up and down in an in-memory database first
  bool custom = false;                // an empty migration for hand-written SQL (needs a name)
  bool rebuildAutoincrement = false;  // rebuild AUTOINCREMENT tables (tursodb, docs/remote.md)
  std::vector<std::string> ignore;    // schemac.toml `ignore`: the schema must not declare them
  ConfirmRename confirmRename;
  // Asked when the migration loses data (generate_diff.h); false: nothing is written.
  std::function<bool(const std::vector<std::string>&)> approveLoss;
  Log log;  // diagnostics, the migration's warnings, the reasons of a refusal
};

struct GenerateResult {
  bool written = false;              // false: no schema changes, nothing to generate
  std::string upFile;                // "DIR/NNNN_tag.sql"
  std::vector<std::string> summary;  // one line per change, as diff::summaryLine() writes it
};

GenerateResult generate(const GenerateOptions& options);

// What `generate` would write for an already compiled schema, without verifying or writing
// anything: the same directory checks, the same planning.
struct GeneratePreview {
  std::string from;  // "snapshot of NNNN_tag", or "an empty schema" for the first migration
  std::optional<migrations::NewMigration> migration;  // nullopt: nothing to generate
  std::vector<std::string> summary;
};
GeneratePreview previewGenerate(const std::string& migrationsDir, const ir::Schema& schema,
                                const Log& log = {});

}  // namespace schemac::workflow
