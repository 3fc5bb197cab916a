// schemac studio: browse and edit the data, see the schema as a diagram and where the live
// database differs from the schema, in a browser (docs/studio.md). Runs until Ctrl-C.
#include <fmt/core.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>

#include "commands.h"
#include "db_options.h"
#include "schemac/rt/url.h"
#include "schemac/studio/server.h"

extern char** environ;

namespace schemac::cli {
namespace {

struct StudioFlags {
  DatabaseFlags db;
  std::string out;
  std::vector<std::string> schema;
  std::string host = "127.0.0.1";
  int port = 4983;
  bool open = false;
  bool readOnly = false;
};

void openBrowser(const std::string& url) {
  std::vector<std::string> args = {"xdg-open", url};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv.data(), environ) != 0) {
    fmt::print(stderr, "note: cannot run xdg-open; open the URL above yourself\n");
  }
}

int runStudio(const StudioFlags& flags) {
  Config config = loadConfig();
  workflow::DatabaseTarget target = resolveDatabase(flags.db, config);
  studio::StudioOptions options;
  options.url = target.url;
  options.authToken = target.authToken;
  options.host = flags.host;
  options.port = flags.port;
  options.readOnly = flags.readOnly;
  options.logRequests = true;
  options.migrationsDir = resolveOutDir(flags.out, config);
  options.ignore = resolveIgnore(flags.db, config).patterns;
  try {
    options.schemaFiles = resolveSchemaFiles(flags.schema, config);
  } catch (const CommandError& e) {
    // The mismatch view says so; browsing needs no schema files.
    fmt::print(stderr, "note: no schema files for the mismatch view: {}\n", e.what());
  }
  if (!studio::isLoopbackHost(flags.host)) {
    fmt::print(stderr,
               "warning: --host {} exposes the studio (and the database) beyond this machine; "
               "anyone with the URL's token can read and change the data\n",
               flags.host);
  }

  // Ctrl-C and SIGTERM are taken by sigwait below, in this thread, not by the server threads.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

  studio::Server server(options);
  try {
    server.bind();
  } catch (const studio::StudioError& e) {
    throw CommandError(e.what());
  }
  for (const std::string& note : server.notes()) fmt::print(stderr, "note: {}\n", note);
  // The database URL without its password or token; the studio's own URL must keep its
  // access token (it is how the browser gets in), so db-studio.sh hides it from its log.
  fmt::print("schemac studio: {} ({})\n", rt::redactUrl(target.url),
             server.readOnly() ? "read-only" : "read-write");
  fmt::print("  open {}\n", server.url());
  fmt::print("listening on port {}; press Ctrl-C to stop\n", server.port());
  std::fflush(stdout);
  server.start();
  if (flags.open) openBrowser(server.url());
  int sig = 0;
  sigwait(&stopSignals, &sig);
  server.stop();
  fmt::print("schemac studio: stopped\n");
  return kExitOk;
}

}  // namespace

void registerStudio(CLI::App& app, Run& run) {
  auto flags = std::make_shared<StudioFlags>();
  CLI::App* cmd = app.add_subcommand(
      "studio", "Browse and edit the database, its ER diagram and its drift in a browser");
  addDatabaseFlags(cmd, flags->db);
  addIgnoreFlag(cmd, flags->db);
  cmd->add_option("schema", flags->schema,
                  "Schema files for the mismatch view (default: schemac.toml)");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  cmd->add_option("--port", flags->port, "Port (default 4983; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--host", flags->host, "Address to bind (default 127.0.0.1)");
  cmd->add_flag("--open", flags->open, "Open the URL in the default browser");
  cmd->add_flag("--read-only", flags->readOnly, "Refuse every change to the database");
  cmd->callback([&run, flags] { run.action = [flags] { return runStudio(*flags); }; });
}

}  // namespace schemac::cli
