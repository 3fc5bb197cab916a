// schemac status: which migrations are applied and pending, and whether the live schema
// drifted from what the applied migrations should have produced.
#include <fmt/core.h>

#include <algorithm>
#include <ctime>
#include <future>
#include <optional>

#include "commands.h"
#include "db_options.h"
#include "drift.h"
#include "schemac/rt/migrator.h"

namespace schemac::driver {
namespace {

struct StatusFlags {
  std::string out;
  DatabaseFlags db;
};

std::string utcTime(std::int64_t unixMs) {
  std::time_t t = static_cast<std::time_t>(unixMs / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

int runStatus(const StatusFlags& flags) {
  Config config = loadConfig();
  std::string outDir = resolveOutDir(flags.out, config);
  DatabaseTarget target = resolveDatabase(flags.db, config);
  migrations::MigrationList dir;
  try {
    dir = migrations::loadMigrations(outDir);
  } catch (const migrations::MigrationsDirError& e) {
    throw CommandError(e.what());
  }

  // The drift check will most likely need the newest snapshot: read it meanwhile.
  std::optional<std::future<ExpectedSchema>> newestSnapshot;
  const migrations::JournalEntry* newest =
      dir.journal.entries.empty() ? nullptr : &dir.journal.entries.back();
  if (newest)
    newestSnapshot =
        loadExpectedSchemaAsync(migrations::snapshotPath(outDir, *newest), newest->tag);

  bool missingDb = databaseFileMissing(target.url);
  std::unique_ptr<rt::Connection> db;
  std::vector<rt::AppliedMigration> applied;
  if (!missingDb) {
    db = openDatabase(target, /*mustExist=*/true, /*readOnly=*/true);
    try {
      applied = rt::readAppliedMigrations(*db);
    } catch (const rt::DbError& e) {
      throw CommandError(e.what());
    }
  }
  fmt::print("database: {}{}\n", db ? db->displayUrl() : target.url,
             missingDb ? " (does not exist yet)" : "");
  fmt::print("migrations: {} ({} in the directory)\n", outDir, dir.migrations.size());

  bool problems = false;
  std::size_t width = 0;
  for (const auto& m : dir.migrations) width = std::max(width, m.tag.size());
  for (const auto& a : applied) width = std::max(width, a.tag.size());
  std::size_t pending = 0;
  for (const auto& m : dir.migrations) {
    auto it = std::find_if(applied.begin(), applied.end(),
                           [&](const rt::AppliedMigration& a) { return a.id == m.idx; });
    std::string pad(width - m.tag.size(), ' ');
    if (it == applied.end()) {
      ++pending;
      fmt::print("  pending  {}\n", m.tag);
      continue;
    }
    std::string note;
    if (it->tag != m.tag) {
      note = "  ! recorded as " + it->tag;
      problems = true;
    } else if (it->checksum != m.checksum) {
      note = "  ! edited after it was applied";
      problems = true;
    }
    fmt::print("  applied  {}{}  {} ({} ms){}\n", m.tag, pad, utcTime(it->appliedAt),
               it->durationMs, note);
  }
  for (const auto& a : applied) {
    bool known = std::any_of(dir.migrations.begin(), dir.migrations.end(),
                             [&](const rt::Migration& m) { return m.idx == a.id; });
    if (!known) {
      fmt::print("  applied  {}{}  {}  ! missing from the migrations directory\n", a.tag,
                 std::string(width - a.tag.size(), ' '), utcTime(a.appliedAt));
      problems = true;
    }
  }
  fmt::print("{} applied, {} pending\n", applied.size(), pending);
  for (const std::string& f : dir.editedFiles) {
    fmt::print("! {} was edited after it was generated (see `schemac check`)\n", f);
    problems = true;
  }

  bool drift = false;
  if (db && !applied.empty() && !problems) {
    const migrations::JournalEntry* last = nullptr;
    for (const auto& e : dir.journal.entries) {
      if (e.idx == applied.back().id) last = &e;
    }
    if (last) {
      ExpectedSchema expected =
          last == newest ? newestSnapshot->get()
                         : loadExpectedSchema(migrations::snapshotPath(outDir, *last), last->tag);
      drift = reportDrift(*db, expected, last->tag);
    }
  }
  return problems || drift ? kExitFailure : kExitOk;
}

}  // namespace

void registerStatus(CLI::App& app, Run& run) {
  auto flags = std::make_shared<StatusFlags>();
  CLI::App* cmd = app.add_subcommand(
      "status", "List applied and pending migrations and report drift (exit 1 on drift)");
  cmd->add_option("--out", flags->out, "Migrations directory (default: schemac.toml, migrations)");
  addDatabaseFlags(cmd, flags->db);
  cmd->callback([&run, flags] { run.action = [flags] { return runStatus(*flags); }; });
}

}  // namespace schemac::driver
