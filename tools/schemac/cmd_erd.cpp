// schemac erd: the ER diagram of the .schema files (or of a live database with --url) as
// SVG (laid out by Graphviz `dot`), DOT or Mermaid, chosen by the output file's extension.
#include <fmt/core.h>

#include <filesystem>
#include <memory>

#include "commands.h"
#include "db_options.h"
#include "schemac/studio/erd.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/files.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::cli {
namespace {

struct ErdFlags {
  std::vector<std::string> schema;
  DatabaseFlags db;
  std::string out;
};

int runErd(const ErdFlags& flags) {
  std::string ext = std::filesystem::path(flags.out).extension().string();
  if (ext != ".svg" && ext != ".dot" && ext != ".gv" && ext != ".mmd") {
    throw CommandError("erd: -o must end in .svg, .dot or .mmd (got '" + flags.out + "')",
                       kExitUsage);
  }
  if (!flags.db.url.empty() && !flags.schema.empty()) {
    throw CommandError("erd: give schema files or --url, not both", kExitUsage);
  }
  ir::Schema schema =
      !flags.db.url.empty()
          ? workflow::inspectDatabase(resolveDatabase(flags.db, loadConfig()), printLog)
          : workflow::compileSchema(resolveSchemaFiles(flags.schema, loadConfig()), printLog);
  std::string text;
  if (ext == ".mmd") {
    text = studio::erdMermaid(schema);
  } else if (ext == ".svg") {
    try {
      text = studio::erdSvg(schema);
    } catch (const studio::ErdError& e) {
      throw CommandError(e.what());
    }
  } else {
    text = studio::erdDot(schema);
  }
  workflow::writeFileAtomically(flags.out, text);
  fmt::print("wrote {} ({} table{})\n", flags.out, schema.tables.size(),
             schema.tables.size() == 1 ? "" : "s");
  return kExitOk;
}

}  // namespace

void registerErd(CLI::App& app, Run& run) {
  auto flags = std::make_shared<ErdFlags>();
  CLI::App* cmd = app.add_subcommand(
      "erd",
      "Write the ER diagram of the schema (or of a database with --url) as SVG, DOT or Mermaid");
  cmd->add_option("schema", flags->schema, "Schema files (default: schemac.toml)");
  cmd->add_option("--url", flags->db.url, "Diagram of this live database instead of schema files");
  addAuthTokenFlags(cmd, flags->db);
  cmd->add_option("-o,--output", flags->out, "Output file: .svg, .dot or .mmd")->required();
  cmd->callback([&run, flags] { run.action = [flags] { return runErd(*flags); }; });
}

}  // namespace schemac::cli
