#include "schemac/workflow/codegen.h"

#include <fmt/core.h>

#include <filesystem>

#include "schemac/codegen/cpp.h"
#include "schemac/codegen/ts.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {
namespace {

std::vector<codegen::cpp::EmbeddedMigration> loadMigrations(const std::string& dirPath,
                                                            bool explicitDir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(dirPath, ec)) {
    if (explicitDir) throw Error("migrations directory " + dirPath + " does not exist");
    return {};  // a schema without migrations yet: nothing to embed
  }
  migrations::MigrationsDir dir;
  std::string error;
  if (!migrations::readMigrationsDir(dirPath, &dir, &error)) throw Error(error);
  std::vector<std::string> problems = migrations::checkIntegrity(dir);
  if (!problems.empty()) {
    throw Error("migrations directory " + dirPath + " is not sound: " + problems.front() +
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
      throw Error("migration " + e.tag + " has no file " + migrations::upFileName(e.tag));
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

}  // namespace

CodegenResult generateCppHeader(const CodegenOptions& options) {
  ir::Schema schema = compileSchema(options.schemaFiles, options.log);

  codegen::cpp::HeaderOptions header;
  header.ns = options.ns;
  header.fingerprint = ir::fingerprint(schema);
  if (!options.migrationsDir.empty()) {
    header.migrations = loadMigrations(options.migrationsDir, options.migrationsDirRequired);
    if (!header.migrations.empty() && header.migrations.back().fingerprint != header.fingerprint) {
      logTo(options.log, LogLevel::Warning,
            fmt::format("schemac: warning: the schema has changes that no migration in {} "
                        "contains; verify() refuses databases until `schemac generate` writes "
                        "one and it is applied",
                        options.migrationsDir));
    }
  }

  std::string text;
  try {
    text = codegen::cpp::generateHeader(schema, header);
  } catch (const codegen::cpp::CppGenError& e) {
    throw Error(e.what());
  }
  migrations::OutputSet out;
  out.add(options.header, std::move(text));
  migrations::OutputSet::Result written = out.writeAll(options.cppOut);
  if (!written.ok) throw Error(written.error);
  CodegenResult result;
  result.path = (std::filesystem::path(options.cppOut) / options.header).string();
  result.written = !written.written.empty();
  result.migrations = header.migrations.size();
  return result;
}

TsCodegenResult generateTsModules(const CodegenOptions& options, const std::string& dir) {
  ir::Schema schema = compileSchema(options.schemaFiles, options.log);
  codegen::ts::TsOptions ts;
  ts.fingerprint = ir::fingerprint(schema);
  if (!options.migrationsDir.empty()) {
    auto migrations = loadMigrations(options.migrationsDir, options.migrationsDirRequired);
    // The migration a database must be at for this code: the newest, when it holds the schema.
    if (!migrations.empty() && migrations.back().fingerprint == ts.fingerprint) {
      ts.migration = migrations.back().tag;
    } else if (!migrations.empty() && options.cppOut.empty()) {  // the C++ run warned already
      logTo(options.log, LogLevel::Warning,
            fmt::format("schemac: warning: the schema has changes that no migration in {} "
                        "contains; SCHEMA_MIGRATION is null until `schemac generate` writes one",
                        options.migrationsDir));
    }
  }
  codegen::ts::TsModules modules;
  try {
    modules = codegen::ts::generateModules(schema, ts);
  } catch (const codegen::ts::TsGenError& e) {
    throw Error(e.what());
  }
  migrations::OutputSet out;
  out.add("schema.ts", std::move(modules.schemaTs));
  out.add("types.ts", std::move(modules.typesTs));
  migrations::OutputSet::Result written = out.writeAll(dir);
  if (!written.ok) throw Error(written.error);
  TsCodegenResult result;
  result.dir = dir;
  result.written = written.written;
  result.migration = ts.migration;
  return result;
}

}  // namespace schemac::workflow
