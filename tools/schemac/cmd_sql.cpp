// `schemac sql [SCHEMA...] [--dialect sqlite] [--emit sql|ir]`: prints the full CREATE script
// of a schema, or its canonical IR JSON (a test oracle and a debugging aid).
#include <cstdio>
#include <memory>

#include "commands.h"
#include "config.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/ir_json.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::cli {

void registerSql(CLI::App& app, Run& run) {
  struct Options {
    std::vector<std::string> files;
    std::string dialect;
    std::string emit = "sql";
  };
  auto opts = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("sql", "Print the full CREATE script of a schema");
  cmd->add_option("schema", opts->files, "Schema files (default: `schema` in schemac.toml)");
  cmd->add_option("--dialect", opts->dialect, "SQL dialect (default: sqlite)");
  cmd->add_option("--emit", opts->emit, "What to print: sql (default) or ir (canonical IR JSON)")
      ->check(CLI::IsMember({"sql", "ir"}));
  cmd->callback([&run, opts] {
    run.action = [opts] {
      Config config = loadConfig();
      std::vector<std::string> files = resolveSchemaFiles(opts->files, config);
      resolveDialect(opts->dialect, config);
      ir::Schema schema = workflow::compileSchema(files, printLog);
      std::string out = opts->emit == "ir" ? ir::toCanonicalJson(schema)
                                           : codegen::sqlite::createSchemaScript(schema);
      if (!out.empty() && out.back() != '\n') out += '\n';
      std::fwrite(out.data(), 1, out.size(), stdout);
      return kExitOk;
    };
  });
}

}  // namespace schemac::cli
