// schemac codegen: writes the C++ header of a schema (spec section 7, docs/cpp.md) with the
// migrations of its migrations directory embedded, and/or the TypeScript modules
// (docs/typescript.md) (workflow/codegen.h).
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "commands.h"
#include "config.h"
#include "schemac/workflow/codegen.h"

namespace schemac::cli {
namespace {

struct CodegenFlags {
  std::vector<std::string> schema;
  std::string cppOut;
  std::string tsOut;
  std::string migrations;
  bool noMigrations = false;
  std::string ns;
  std::string header = "schema.h";
  bool quiet = false;
};

int runCodegen(const CodegenFlags& flags) {
  Config config = loadConfig();
  workflow::CodegenOptions options;
  options.schemaFiles = resolveSchemaFiles(flags.schema, config);
  // Flags name the outputs wanted; without any, schemac.toml's cpp_out and ts_out.
  options.cppOut = flags.cppOut;
  std::string tsOut = flags.tsOut;
  if (options.cppOut.empty() && tsOut.empty()) {
    if (config.cppOut) options.cppOut = config.resolve(*config.cppOut);
    if (config.tsOut) tsOut = config.resolve(*config.tsOut);
  }
  if (options.cppOut.empty() && tsOut.empty()) {
    throw CommandError(
        "no output directory: pass --cpp-out or --ts-out, or set cpp_out or ts_out in "
        "schemac.toml",
        kExitUsage);
  }
  if (flags.header.empty() || std::filesystem::path(flags.header).is_absolute())
    throw CommandError("--header must be a relative file name", kExitUsage);
  options.header = flags.header;
  options.ns = !flags.ns.empty() ? flags.ns : config.ns.value_or("");
  if (!flags.noMigrations) {
    options.migrationsDirRequired = !flags.migrations.empty();
    options.migrationsDir =
        options.migrationsDirRequired ? flags.migrations : resolveOutDir("", config);
  }
  options.log = printLog;

  if (!options.cppOut.empty()) {
    workflow::CodegenResult result = workflow::generateCppHeader(options);
    if (!flags.quiet) {
      fmt::print("{} {} ({} migration{} embedded)\n", result.written ? "wrote" : "unchanged",
                 result.path, result.migrations, result.migrations == 1 ? "" : "s");
    }
  }
  if (!tsOut.empty()) {
    workflow::TsCodegenResult result = workflow::generateTsModules(options, tsOut);
    if (!flags.quiet) {
      for (const char* file : {"schema.ts", "types.ts"}) {
        bool wrote =
            std::find(result.written.begin(), result.written.end(), file) != result.written.end();
        fmt::print("{} {}\n", wrote ? "wrote" : "unchanged",
                   (std::filesystem::path(tsOut) / file).string());
      }
    }
  }
  return kExitOk;
}

}  // namespace

void registerCodegen(CLI::App& app, Run& run) {
  auto flags = std::make_shared<CodegenFlags>();
  CLI::App* cmd = app.add_subcommand(
      "codegen", "Generate the C++ header and/or the TypeScript modules of the schema");
  cmd->add_option("schema", flags->schema, "Schema files (default: schemac.toml `schema`)");
  cmd->add_option("--cpp-out", flags->cppOut,
                  "C++ output directory (default: schemac.toml cpp_out)");
  cmd->add_option("--ts-out", flags->tsOut,
                  "TypeScript output directory: schema.ts (drizzle-orm) and types.ts (default: "
                  "schemac.toml ts_out)");
  cmd->add_option("--migrations", flags->migrations,
                  "Migrations directory to embed (default: schemac.toml out, or ./migrations "
                  "when it exists)");
  cmd->add_flag("--no-migrations", flags->noMigrations, "Embed no migrations");
  cmd->add_option("--namespace", flags->ns,
                  "C++ namespace, a.b or a::b (default: schemac.toml namespace, else the "
                  "schema's)");
  cmd->add_option("--header", flags->header, "Header file name in the output directory")
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", flags->quiet, "Print nothing on success");
  cmd->callback([&run, flags] { run.action = [flags] { return runCodegen(*flags); }; });
}

}  // namespace schemac::cli
