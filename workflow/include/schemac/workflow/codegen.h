// `codegen`: the C++ header of a schema (docs/cpp.md), with the migrations of its migrations
// directory embedded. The header is rewritten only when its content changes, so an unchanged
// schema triggers no recompilation.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "schemac/workflow/log.h"

namespace schemac::workflow {

struct CodegenOptions {
  std::vector<std::string> schemaFiles;
  std::string cppOut;                  // output directory
  std::string header = "schema.h";     // file name in cppOut (relative)
  std::string ns;                      // C++ namespace; empty: the schema's
  std::string migrationsDir;           // to embed; empty: none
  bool migrationsDirRequired = false;  // it was named explicitly: missing is an Error
  Log log;  // diagnostics; a warning when the schema has changes no migration contains
};

struct CodegenResult {
  std::string path;            // cppOut/header
  bool written = false;        // false: the file already had this content
  std::size_t migrations = 0;  // embedded
};

CodegenResult generateCppHeader(const CodegenOptions& options);

// `codegen --ts-out`: schema.ts (drizzle-orm) and types.ts (plain row types) in `dir`
// (docs/typescript.md), each rewritten only when its content changes.
struct TsCodegenResult {
  std::string dir;
  std::vector<std::string> written;  // file names whose content changed
  std::string migration;             // SCHEMA_MIGRATION: the head's tag; empty: none
};

// Uses schemaFiles, migrationsDir (for the newest migration's tag) and log of `options`.
TsCodegenResult generateTsModules(const CodegenOptions& options, const std::string& dir);

}  // namespace schemac::workflow
