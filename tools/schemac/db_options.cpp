#include "db_options.h"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "schemac/support/redact.h"

namespace schemac::cli {

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags) {
  cmd->add_option("--url", flags.url,
                  "Database URL (default: $DATABASE_URL, schemac.toml, file:./local.db)");
  addAuthTokenFlags(cmd, flags);
  cmd->add_option("--connect-timeout", flags.connectTimeout,
                  "Seconds to wait for a remote database to accept the connection (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout", flags.timeout,
                  "Seconds to wait for each answer of a remote database (default 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-v,--verbose", flags.verbose,
                "Print every HTTP request sent to a remote database (never the token)");
}

void addAuthTokenFlags(CLI::App* cmd, DatabaseFlags& flags) {
  cmd->add_option("--auth-token", flags.authToken,
                  "Auth token for a remote database (default: $DATABASE_AUTH_TOKEN); visible to "
                  "other users in `ps`: prefer the variable or --auth-token-file");
  cmd->add_option("--auth-token-file", flags.authTokenFile,
                  "Read the remote database's auth token from this file (default: schemac.toml "
                  "auth_token_file)");
}

void addIgnoreFlag(CLI::App* cmd, DatabaseFlags& flags) {
  cmd->add_option("--ignore", flags.ignore,
                  "Leave the tables this name or glob matches alone (repeatable; added to "
                  "schemac.toml's `ignore`)")
      ->take_all()
      ->allow_extra_args(false);
}

void addLeaseFlags(CLI::App* cmd, LeaseFlags& flags) {
  cmd->add_option("--lease-ttl", flags.leaseTtl,
                  "Seconds the migration lease lasts without renewal (default 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--lock-timeout", flags.lockTimeout,
                  "Seconds to wait for another migrator's lease or lock (default 60)")
      ->check(CLI::PositiveNumber);
}

int secondsToMs(double seconds) {
  constexpr double kDayMs = 24.0 * 3600 * 1000;
  return static_cast<int>(std::min(seconds * 1000, kDayMs));
}

db::IgnoreList resolveIgnore(const DatabaseFlags& flags, const Config& config) {
  db::IgnoreList list;
  list.patterns = config.ignore;
  list.patterns.insert(list.patterns.end(), flags.ignore.begin(), flags.ignore.end());
  return list;
}

workflow::DatabaseTarget resolveDatabase(const DatabaseFlags& flags, const Config& config) {
  workflow::DatabaseTarget t;
  t.url = resolveUrl(flags.url, config);
  t.connectTimeoutMs = secondsToMs(flags.connectTimeout);
  t.timeoutMs = secondsToMs(flags.timeout);
  t.verbose = flags.verbose;
  if (!flags.authToken.empty() && !flags.authTokenFile.empty()) {
    throw CommandError("give --auth-token or --auth-token-file, not both", kExitUsage);
  }
  if (!flags.authToken.empty()) {
    t.authToken = flags.authToken;
  } else if (!flags.authTokenFile.empty()) {
    t.authToken = readAuthTokenFile(flags.authTokenFile);
  } else if (const char* env = std::getenv("DATABASE_AUTH_TOKEN"); env && *env) {
    t.authToken = env;
  } else if (config.authTokenFile) {
    t.authToken = readAuthTokenFile(config.resolve(*config.authTokenFile));
  }
  return t;
}

std::string readAuthTokenFile(const std::string& path) {
  constexpr std::size_t kMaxBytes = 64 * 1024;
  std::string shown = support::forDisplay(path, 120);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw CommandError(
        fmt::format("cannot read the auth token file '{}': {}", shown, std::strerror(errno)),
        kExitUsage);
  }
  std::string token;
  char buf[4096];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    token.append(buf, static_cast<std::size_t>(in.gcount()));
    if (token.size() > kMaxBytes) {
      throw CommandError(
          fmt::format("the auth token file '{}' is larger than 64 KiB: not a token", shown),
          kExitUsage);
    }
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ' ||
                            token.back() == '\t')) {
    token.pop_back();
  }
  if (token.empty()) {
    throw CommandError(fmt::format("the auth token file '{}' is empty", shown), kExitUsage);
  }
  return token;
}

}  // namespace schemac::cli
