// Each subcommand lives in its own cmd_<verb>.cpp and registers itself here from main().
// A command parses its flags, resolves schemac.toml, calls one workflow operation
// (schemac/workflow/*.h), prints the result and returns the process exit code through the Run
// object.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

#include "schemac/workflow/log.h"

namespace schemac::cli {

// Exit codes (spec section 2): 0 success, 1 compile errors / failed check, 2 usage errors.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Thrown by commands for a failure of the command line itself (flags, schemac.toml) that is
// fully described by one line. The operations throw workflow::Error; main() reports both.
class CommandError : public std::runtime_error {
 public:
  explicit CommandError(const std::string& msg, int exitCode = kExitFailure)
      : std::runtime_error(msg), exitCode_(exitCode) {}
  int exitCode() const { return exitCode_; }

 private:
  int exitCode_;
};

// Holds the action chosen by CLI11 parsing; main() runs it after parsing succeeds.
struct Run {
  std::function<int()> action;
};

// The log of every workflow operation: Info to stdout, flushed at once so that progress stays
// visible (and in CI logs) when the process is killed; Warning and Error to stderr.
void printLog(workflow::LogLevel level, const std::string& text);

void registerSql(CLI::App& app, Run& run);       // cmd_sql.cpp
void registerGenerate(CLI::App& app, Run& run);  // cmd_generate.cpp
void registerCheck(CLI::App& app, Run& run);     // cmd_check.cpp
void registerMigrate(CLI::App& app, Run& run);   // cmd_migrate.cpp
void registerDown(CLI::App& app, Run& run);      // cmd_down.cpp
void registerCodegen(CLI::App& app, Run& run);   // cmd_codegen.cpp
void registerFmt(CLI::App& app, Run& run);       // cmd_fmt.cpp
void registerPull(CLI::App& app, Run& run);      // cmd_pull.cpp
void registerDump(CLI::App& app, Run& run);      // cmd_dump.cpp
void registerRestore(CLI::App& app, Run& run);   // cmd_restore.cpp
void registerPush(CLI::App& app, Run& run);      // cmd_push.cpp
void registerStatus(CLI::App& app, Run& run);    // cmd_status.cpp
void registerStudio(CLI::App& app, Run& run);    // cmd_studio.cpp
void registerErd(CLI::App& app, Run& run);       // cmd_erd.cpp
void registerBaseline(CLI::App& app, Run& run);  // cmd_baseline.cpp
void registerImport(CLI::App& app, Run& run);    // cmd_import.cpp
void registerRedact(CLI::App& app, Run& run);    // cmd_redact.cpp (hidden, for the scripts)

}  // namespace schemac::cli
