// schemac codegen: writes the C++ header of a schema (spec section 7, docs/cpp.md), with the
// migrations of its migrations directory embedded. The header is rewritten only when its
// content changes, so an unchanged schema triggers no recompilation.
#include <fmt/core.h>

#include <filesystem>
#include <iostream>

#include "commands.h"
#include "config.h"
#include "schemac/codegen/cpp.h"
#include "schemac/compile.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac::driver {
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

std::vector<codegen::cpp::EmbeddedMigration> loadMigrations(const std::string& dirPath,
                                                            bool explicitDir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dirPath, ec)) {
    if (explicitDir) throw CommandError("migrations directory " + dirPath + " does not exist");
    return {};  // a schema without migrations yet: nothing to embed
  }
  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(dirPath, &dir, &error)) throw CommandError(error);
  std::vector<std::string> problems = migrations::checkIntegrity(dir);
  if (!problems.empty()) {
    throw CommandError("migrations directory " + dirPath + " is not sound: " + problems.front() +
                       " (run `schemac check`)");
  }
  std::vector<codegen::cpp::EmbeddedMigration> out;
  if (!dir.journal) return out;
  for (const auto& e : dir.journal->entries) {
    codegen::cpp::EmbeddedMigration m;
    m.idx = e.idx;
    m.tag = e.tag;
    auto up = dir.files.find(migrations::upFileName(e.tag));
    if (up == dir.files.end())
      throw CommandError("migration " + e.tag + " has no file " + migrations::upFileName(e.tag));
    m.upSql = up->second;
    auto down = dir.files.find(migrations::downFileName(e.tag));
    if (down != dir.files.end()) m.downSql = down->second;
    m.checksum = e.checksum;
    m.breakpoints = e.breakpoints;
    m.rebuildsTables = e.rebuildsTables;
    m.dataLoss = e.dataLoss;
    m.fingerprint = e.fingerprint;
    m.snapshot = e.snapshot;
    out.push_back(std::move(m));
  }
  return out;
}

int runCodegen(const CodegenFlags& flags) {
  Config config = loadConfig();
  std::vector<std::string> files = resolveSchemaFiles(flags.schema, config);
  std::string cppOut = flags.cppOut;
  if (cppOut.empty() && config.cppOut) cppOut = config.resolve(*config.cppOut);
  if (cppOut.empty())
    throw CommandError("no output directory: pass --cpp-out or set cpp_out in schemac.toml",
                       kExitUsage);
  if (flags.header.empty() || std::filesystem::path(flags.header).is_absolute())
    throw CommandError("--header must be a relative file name", kExitUsage);

  SourceManager sm;
  DiagEngine diags(sm);
  std::optional<ir::Schema> schema = compileFiles(files, sm, diags);
  diags.print(std::cerr);
  if (!schema) return kExitFailure;

  codegen::cpp::HeaderOptions options;
  options.ns = !flags.ns.empty() ? flags.ns : config.ns.value_or("");
  options.fingerprint = ir::fingerprint(*schema);
  if (!flags.noMigrations) {
    bool explicitDir = !flags.migrations.empty();
    std::string dir = explicitDir ? flags.migrations : resolveOutDir("", config);
    options.migrations = loadMigrations(dir, explicitDir);
    if (!options.migrations.empty() &&
        options.migrations.back().fingerprint != options.fingerprint) {
      fmt::print(stderr,
                 "schemac: warning: the schema has changes that no migration in {} contains; "
                 "verify() refuses databases until `schemac generate` writes one and it is "
                 "applied\n",
                 dir);
    }
  }

  std::string header;
  try {
    header = codegen::cpp::generateHeader(*schema, options);
  } catch (const codegen::cpp::CppGenError& e) {
    throw CommandError(e.what());
  }
  migrations::OutputSet out;
  out.add(flags.header, std::move(header));
  migrations::OutputSet::Result result = out.writeAll(cppOut);
  if (!result.ok) throw CommandError(result.error);
  if (!flags.quiet) {
    std::string path = (std::filesystem::path(cppOut) / flags.header).string();
    fmt::print("{} {} ({} migration{} embedded)\n", result.written.empty() ? "unchanged" : "wrote",
               path, options.migrations.size(), options.migrations.size() == 1 ? "" : "s");
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

}  // namespace schemac::driver
