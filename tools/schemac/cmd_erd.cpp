// schemac erd: the ER diagram of the .schema files (or of a live database with --url) as
// SVG (laid out by Graphviz `dot`), DOT or Mermaid, chosen by the output file's extension.
#include <fmt/core.h>

#include <filesystem>
#include <fstream>

#include "commands.h"
#include "db_options.h"
#include "schema_input.h"
#include "schemac/db/inspect.h"
#include "schemac/studio/erd.h"

namespace schemac::driver {
namespace {

struct ErdFlags {
  std::vector<std::string> schema;
  DatabaseFlags db;
  std::string out;
};

// Writes through a temporary file renamed into place: never a partial diagram.
void writeFileAtomically(const std::string& path, const std::string& text) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    if (!f.flush()) {
      std::error_code ec;
      std::filesystem::remove(tmp, ec);
      throw CommandError("cannot write '" + path + "'");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw CommandError("cannot write '" + path + "': " + ec.message());
  }
}

int runErd(const ErdFlags& flags) {
  std::string ext = std::filesystem::path(flags.out).extension().string();
  if (ext != ".svg" && ext != ".dot" && ext != ".gv" && ext != ".mmd") {
    throw CommandError("erd: -o must end in .svg, .dot or .mmd (got '" + flags.out + "')",
                       kExitUsage);
  }
  if (!flags.db.url.empty() && !flags.schema.empty()) {
    throw CommandError("erd: give schema files or --url, not both", kExitUsage);
  }
  ir::Schema schema;
  if (!flags.db.url.empty()) {
    DatabaseTarget target = resolveDatabase(flags.db, loadConfig());
    std::unique_ptr<rt::Connection> db =
        openDatabase(target, /*mustExist=*/true, /*readOnly=*/true);
    try {
      schema = db::inspect(*db);
    } catch (const db::InspectError& e) {
      throw CommandError(e.what());
    } catch (const rt::DbError& e) {
      throw CommandError(e.what());
    }
  } else {
    std::vector<std::string> files = resolveSchemaFiles(flags.schema, loadConfig());
    std::optional<ir::Schema> compiled = compileSchema(files);
    if (!compiled) return kExitFailure;
    schema = std::move(*compiled);
  }
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
  writeFileAtomically(flags.out, text);
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
  cmd->add_option("--auth-token", flags->db.authToken, "Token for a remote database URL");
  cmd->add_option("-o,--output", flags->out, "Output file: .svg, .dot or .mmd")->required();
  cmd->callback([&run, flags] { run.action = [flags] { return runErd(*flags); }; });
}

}  // namespace schemac::driver
