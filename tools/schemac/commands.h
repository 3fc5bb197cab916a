// Each subcommand lives in its own cmd_<verb>.cpp and registers itself here from main().
// A command's callback returns the process exit code through the Run object.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <stdexcept>
#include <string>

namespace schemac::driver {

// Exit codes (spec section 2): 0 success, 1 compile errors / failed check, 2 usage errors.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Thrown by commands for a failure that is fully described by one line.
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

}  // namespace schemac::driver
