// schemac.toml: project defaults for every command, found in the current directory or the
// nearest parent. Precedence (spec section 5): flags > environment > schemac.toml > built-in.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace schemac::cli {

inline constexpr const char* kConfigFileName = "schemac.toml";

struct Config {
  // The schemac.toml that was read; empty when none was found.
  std::filesystem::path file;
  // Directory that relative paths in the file are resolved against, expressed relative to
  // the current directory ("." or "../.." ...) so diagnostics show short paths.
  std::filesystem::path baseDir = ".";
  std::vector<std::string> schema;     // files or glob patterns, relative to baseDir
  std::optional<std::string> out;      // migrations directory, relative to baseDir
  std::optional<std::string> dialect;  // "sqlite"
  std::optional<std::string> cppOut;   // C++ output directory, relative to baseDir
  std::optional<std::string> tsOut;    // TypeScript output directory, relative to baseDir
  std::optional<std::string> ns;       // C++ namespace override ("namespace" key)
  std::optional<std::string> url;      // database URL, used as written
  // `auth_token_file`: the remote database's token, read from this file (relative to baseDir)
  // when neither a flag nor $DATABASE_AUTH_TOKEN gives one.
  std::optional<std::string> authTokenFile;
  // `rebuild_autoincrement`: generate rebuilds AUTOINCREMENT tables instead of ALTER TABLE
  // ADD/DROP COLUMN (for tursodb, docs/remote.md).
  std::optional<bool> rebuildAutoincrement;
  // `ignore`: tables left to other tools, names or globs (`*`, `?`, `[...]`); every command
  // leaves them alone (docs/adopting.md).
  std::vector<std::string> ignore;
  // `drizzle`: the drizzle-kit folder whose history `baseline` checks, relative to baseDir.
  std::optional<std::string> drizzle;

  bool found() const { return !file.empty(); }
  // A path from the file, made relative to the current directory.
  std::string resolve(const std::string& path) const;
};

// Looks for schemac.toml in the current directory, then each parent. A file that cannot be
// read or parsed, or a key of the wrong type, throws CommandError (exit 2) naming
// `file:line:col`. Unknown keys are reported as warnings on stderr.
Config loadConfig();
// Reads one given file (no discovery); `baseDir` is the file's directory.
Config loadConfigFile(const std::filesystem::path& file, const std::filesystem::path& baseDir);

// Expands `patterns` (files, or globs with `*`, `?`, `[...]` and `**` for any number of
// directories), each relative to `baseDir`. Result: sorted, without duplicates. A glob that
// matches nothing throws CommandError; a plain path is kept as is (compilation reports it
// when it cannot be read).
std::vector<std::string> expandSchemaPatterns(const std::vector<std::string>& patterns,
                                              const std::filesystem::path& baseDir);

// ---- resolved settings shared by the commands ----

// Schema files: the command line's when given (as written), else schemac.toml's `schema`.
// None at all is a usage error (exit 2).
std::vector<std::string> resolveSchemaFiles(const std::vector<std::string>& cliFiles,
                                            const Config& config);
// Migrations directory: --out, else `out`, else "migrations" next to schemac.toml (or in the
// current directory when there is none).
std::string resolveOutDir(const std::string& cliOut, const Config& config);
// Dialect: --dialect, else `dialect`, else "sqlite". Anything but sqlite is a usage error.
std::string resolveDialect(const std::string& cliDialect, const Config& config);
// Database URL: --url, else $DATABASE_URL, else `url`, else "file:./local.db". A DATABASE_URL
// that is set but empty is a usage error: it is almost always a missing CI secret, and falling
// back to another database would be a surprise.
std::string resolveUrl(const std::string& cliUrl, const Config& config);

}  // namespace schemac::cli
