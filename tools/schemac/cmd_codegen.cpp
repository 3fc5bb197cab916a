// schemac codegen: writes the C++ header of a schema (spec section 7, docs/cpp.md) with the
// migrations of its migrations directory embedded (workflow/codegen.h).
#include <fmt/core.h>

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
  options.cppOut = flags.cppOut;
  if (options.cppOut.empty() && config.cppOut) options.cppOut = config.resolve(*config.cppOut);
  if (options.cppOut.empty())
    throw CommandError("no output directory: pass --cpp-out or set cpp_out in schemac.toml",
                       kExitUsage);
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

  workflow::CodegenResult result = workflow::generateCppHeader(options);
  if (!flags.quiet) {
    fmt::print("{} {} ({} migration{} embedded)\n", result.written ? "wrote" : "unchanged",
               result.path, result.migrations, result.migrations == 1 ? "" : "s");
  }
  return kExitOk;
}

}  // namespace

void registerCodegen(CLI::App& app, Run& run) {
  auto flags = std::make_shared<CodegenFlags>();
  CLI::App* cmd = app.add_subcommand("codegen", "Generate the C++ header of the schema");
  cmd->add_option("schema", flags->schema, "Schema files (default: schemac.toml `schema`)");
  cmd->add_option("--cpp-out", flags->cppOut, "Output directory (default: schemac.toml cpp_out)");
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
