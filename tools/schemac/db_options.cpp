#include "db_options.h"

#include <algorithm>
#include <cstdlib>

namespace schemac::cli {

void addDatabaseFlags(CLI::App* cmd, DatabaseFlags& flags) {
  cmd->add_option("--url", flags.url,
                  "Database URL (default: $DATABASE_URL, schemac.toml, file:./local.db)");
  cmd->add_option("--auth-token", flags.authToken,
                  "Auth token for a remote database (default: $DATABASE_AUTH_TOKEN)");
  cmd->add_option("--connect-timeout", flags.connectTimeout,
                  "Seconds to wait for a remote database to accept the connection (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--timeout", flags.timeout,
                  "Seconds to wait for each answer of a remote database (default 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("-v,--verbose", flags.verbose,
                "Print every HTTP request sent to a remote database (never the token)");
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
  if (!flags.authToken.empty()) {
    t.authToken = flags.authToken;
  } else if (const char* env = std::getenv("DATABASE_AUTH_TOKEN")) {
    t.authToken = env;
  }
  return t;
}

}  // namespace schemac::cli
