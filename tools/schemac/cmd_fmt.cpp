// schemac fmt: rewrites .schema files in their canonical layout (schemac/format.h).
// Files are replaced atomically (temporary file + rename) and only when they change; a file
// with syntax errors is reported and left alone. --check writes nothing and exits 1 when a
// file would change, listing it; --stdout prints the formatted text instead of writing.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "config.h"
#include "schemac/diag.h"
#include "schemac/format.h"
#include "schemac/source.h"

namespace schemac::driver {
namespace {

namespace fs = std::filesystem;

struct FmtFlags {
  std::vector<std::string> files;
  bool check = false;
  bool toStdout = false;
};

// Writes `text` to a temporary file next to `path` (following a symlink to its target), with
// the original's permissions, then renames it over the original.
void replaceFile(const std::string& path, const std::string& text) {
  std::error_code ec;
  fs::path target = fs::canonical(path, ec);
  if (ec) throw CommandError(fmt::format("cannot resolve {}: {}", path, ec.message()));
  fs::path tmp = target;
  tmp += fmt::format(".schemac-fmt-{}.tmp", static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      fs::remove(tmp, ec);
      throw CommandError(fmt::format("cannot write {}", tmp.string()));
    }
  }
  fs::permissions(tmp, fs::status(target).permissions(), ec);
  fs::rename(tmp, target, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(tmp, ignored);
    throw CommandError(fmt::format("cannot replace {}: {}", path, ec.message()));
  }
}

int runFmt(const FmtFlags& flags) {
  std::vector<std::string> files = flags.files;
  if (files.empty()) files = resolveSchemaFiles(files, loadConfig());
  SourceManager sm;
  DiagEngine diags(sm);
  bool failed = false;
  std::vector<std::string> wouldChange;
  for (const std::string& path : files) {
    FileId id = 0;
    std::string error;
    if (!sm.addFile(path, &id, &error)) {
      diags.report({Severity::Error, std::nullopt, error, {}});
      failed = true;
      continue;
    }
    std::optional<std::string> formatted = formatFile(sm, id, diags);
    if (!formatted) {
      failed = true;
      continue;
    }
    if (flags.toStdout) {
      std::fwrite(formatted->data(), 1, formatted->size(), stdout);
      continue;
    }
    if (*formatted == sm.contents(id)) continue;
    if (flags.check) {
      wouldChange.push_back(path);
    } else {
      replaceFile(path, *formatted);
    }
  }
  std::fflush(stdout);
  diags.print(std::cerr);
  for (const std::string& path : wouldChange) fmt::print("{}\n", path);
  if (!wouldChange.empty()) {
    fmt::print(stderr, "schemac: {} file{} would be reformatted\n", wouldChange.size(),
               wouldChange.size() == 1 ? "" : "s");
  }
  return failed || !wouldChange.empty() ? kExitFailure : kExitOk;
}

}  // namespace

void registerFmt(CLI::App& app, Run& run) {
  auto flags = std::make_shared<FmtFlags>();
  CLI::App* cmd = app.add_subcommand("fmt", "Format .schema files in their canonical layout");
  cmd->add_option("files", flags->files, "Files to format (default: schemac.toml's schema)");
  cmd->add_flag("--check", flags->check,
                "Write nothing; exit 1 and list the files that would change");
  cmd->add_flag("--stdout", flags->toStdout, "Print the formatted text instead of writing");
  cmd->callback([&run, flags] { run.action = [flags] { return runFmt(*flags); }; });
}

}  // namespace schemac::driver
