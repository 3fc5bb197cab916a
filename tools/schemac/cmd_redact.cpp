// schemac redact (hidden): the scripts' access to support::redact, so that a shell script hides
// exactly what schemac hides. Filters stdin line by line, or prints its arguments redacted;
// --database-url prints the database the database commands would open, and where it came from.
#include <fmt/core.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "commands.h"
#include "config.h"
#include "schemac/support/redact.h"

namespace schemac::cli {
namespace {

struct RedactFlags {
  std::vector<std::string> text;
  bool databaseUrl = false;
  std::string url;
};

int runRedact(const RedactFlags& flags) {
  if (flags.databaseUrl) {
    Config config = loadConfig();
    std::string url = resolveUrl(flags.url, config);
    std::string from = !flags.url.empty()            ? "--url"
                       : std::getenv("DATABASE_URL") ? "DATABASE_URL"
                       : config.url                  ? config.file.string()
                                                     : "the default";
    fmt::print("{} (from {})\n", support::forDisplay(url), support::forDisplay(from));
    return kExitOk;
  }
  if (!flags.text.empty()) {
    std::string joined;
    for (const std::string& t : flags.text) joined += (joined.empty() ? "" : " ") + t;
    fmt::print("{}\n", support::redact(joined));
    return kExitOk;
  }
  // Line by line and flushed, so that a log written through it keeps up with the terminal.
  std::string line;
  while (std::getline(std::cin, line)) {
    std::string out = support::redact(line);
    if (!std::cin.eof()) out += '\n';
    std::fputs(out.c_str(), stdout);
    std::fflush(stdout);
  }
  return kExitOk;
}

}  // namespace

void registerRedact(CLI::App& app, Run& run) {
  auto flags = std::make_shared<RedactFlags>();
  CLI::App* cmd = app.add_subcommand(
      "redact", "Print the arguments (or stdin) with passwords and tokens replaced by ***");
  cmd->group("");  // for scripts, not in --help
  cmd->add_option("text", flags->text, "Text to redact (default: stdin, line by line)");
  cmd->add_flag("--database-url", flags->databaseUrl,
                "Print the database URL the database commands would use, redacted, and its "
                "source (--url, DATABASE_URL, schemac.toml, the default)");
  cmd->add_option("--url", flags->url, "With --database-url: the --url given to the command");
  cmd->callback([&run, flags] { run.action = [flags] { return runRedact(*flags); }; });
}

}  // namespace schemac::cli
