// schemac: the command-line driver. Parses arguments with CLI11, runs one command, and turns
// every failure into one clear line and an exit code (never a stack trace).
#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

#include "cli_docs.h"
#include "commands.h"
#include "heap.h"
#include "schemac/support/redact.h"
#include "schemac/workflow/error.h"

namespace schemac::cli {

void printLog(workflow::LogLevel level, const std::string& text) {
  std::FILE* out = level == workflow::LogLevel::Info ? stdout : stderr;
  std::fputs(text.c_str(), out);
  if (text.empty() || text.back() != '\n') std::fputc('\n', out);
  std::fflush(out);
}

}  // namespace schemac::cli

int main(int argc, char** argv) try {
  // `schemac --version` alone answers before the CLI11 app (every command, option and validator)
  // is built: scripts and package checks run it, and it should cost no more than a process start.
  if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-V") == 0)) {
    std::puts("schemac " SCHEMAC_VERSION);
    std::fflush(stdout);
    std::_Exit(std::ferror(stdout) ? 1 : 0);  // no static destructors to run for one line
  }
  schemac::cli::tuneHeap();  // before the app is built: every allocation after it profits
  using namespace schemac::cli;
  using schemac::workflow::Error;
  CLI::App app{"schemac: a compiled schema language for SQL databases", "schemac"};
  app.set_version_flag("--version,-V", std::string("schemac ") + SCHEMAC_VERSION);
  app.require_subcommand(1);

  Run run;
  registerSql(app, run);
  registerGenerate(app, run);
  registerCheck(app, run);
  registerMigrate(app, run);
  registerDown(app, run);
  registerCodegen(app, run);
  registerFmt(app, run);
  registerPull(app, run);
  registerDump(app, run);
  registerRestore(app, run);
  registerPush(app, run);
  registerStatus(app, run);
  registerStudio(app, run);
  registerErd(app, run);
  registerBaseline(app, run);
  registerImport(app, run);
  registerRedact(app, run);        // hidden: support::redact for the scripts
  registerGenerateDocs(app, run);  // hidden: the man page and completions

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 quotes the arguments it did not expect, which may be a URL with a password or a
    // token: its message goes through the same redaction as every other error line.
    fmt::print(stderr, "{}\nRun with --help for more information.\n",
               schemac::support::forDisplay(e.what(), 400));
    return kExitUsage;
  }
  try {
    return run.action ? run.action() : kExitUsage;
  } catch (const CommandError& e) {
    fmt::print(stderr, "schemac: error: {}\n", e.what());
    return e.exitCode();
  } catch (const Error& e) {
    // Exit codes are the CLI's: 2 for options that make no sense, 1 for everything else.
    if (e.kind() == Error::Kind::SchemaErrors) return kExitFailure;  // the diagnostics said it
    fmt::print(stderr, "schemac: error: {}\n", e.what());
    return e.kind() == Error::Kind::BadOptions ? kExitUsage : kExitFailure;
  } catch (const std::bad_alloc&) {
    std::fputs("schemac: error: out of memory\n", stderr);
    return kExitFailure;
  } catch (const std::exception& e) {
    // An unexpected exception may quote a URL or a huge path: redacted and kept to one line.
    fmt::print(stderr, "schemac: error: {}\n", schemac::support::forDisplay(e.what(), 400));
    return kExitFailure;
  }
} catch (const std::bad_alloc&) {
  // Out of memory before a command ran (building the CLI under a tight ulimit): one line too.
  std::fputs("schemac: error: out of memory\n", stderr);
  return schemac::cli::kExitFailure;
}
