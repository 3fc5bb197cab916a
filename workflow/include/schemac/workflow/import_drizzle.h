// `import drizzle`: a .schema file describing the database a Drizzle project's migrations
// created (its newest drizzle-kit snapshot, with the column modes of its schema.ts), and
// schemac.toml set up to leave `__drizzle_migrations` alone. Reads files only: importing never
// opens or changes a database. docs/import-drizzle.md.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "schemac/workflow/log.h"

namespace schemac::workflow {

inline constexpr const char* kDefaultImportOutput = "schema/app.schema";

struct ImportDrizzleOptions {
  // The drizzle-kit `out` folder; empty: the `out` of a drizzle.config.{ts,js,mjs,json} in the
  // current directory, else ./drizzle.
  std::string dir;
  // The .schema file to write; empty: kDefaultImportOutput next to schemac.toml.
  std::string output;
  // The Drizzle schema; empty: the `schema` of drizzle.config (current directory, else the
  // parent of `dir`), else none (then columns have the plain types of their SQL types).
  std::string schemaTs;
  bool force = false;  // overwrite an existing output file
  // The schemac.toml to create or update (it need not exist); relative paths written into it
  // are relative to its directory.
  std::filesystem::path configFile = "schemac.toml";
  Log log;
};

struct ImportDrizzleResult {
  std::string dir;                    // the drizzle folder read
  std::string snapshot;               // the snapshot file read
  std::vector<std::string> schemaTs;  // the TypeScript files scanned (empty: none)
  std::string output;                 // the .schema file written
  std::string text;                   // its content
  std::vector<std::string> warnings;  // also sent to the log
  // What happened to schemac.toml: "created", "updated", "unchanged", or "" when it could not
  // be edited safely (then `configAdvice` says what to add by hand).
  std::string configAction;
  std::string configAdvice;
};

// Throws Error (one line) when the folder, journal or snapshot is missing or unreadable, the
// snapshot's dialect or version is not supported, the output exists without `force`, or the
// result would not compile; nothing is written then.
ImportDrizzleResult importDrizzle(const ImportDrizzleOptions& options);

}  // namespace schemac::workflow
