// Migrations directories for runtime tests, with hand-written SQL, laid out by the same
// writer `schemac generate` uses (docs/migrations-format.md).
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "schemac/migrations/migrations.h"
#include "schemac/rt/checksum.h"
#include "temp_dir.h"

namespace schemac::testing {

struct FixtureMigration {
  std::string name;  // "init" -> tag "0000_init"
  std::string up;    // statements separated by "\n--> statement-breakpoint\n"
  std::string down;  // empty: a down file without statements
  bool rebuildsTables = false;
  bool dataLoss = false;
};

inline std::string tagFor(std::size_t idx, const std::string& name) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04zu", idx);
  return std::string(buf) + "_" + name;
}

// Writes `dir` from scratch with these migrations, as `schemac generate` would: files,
// snapshots (a stand-in schema per migration), journal and schemac.sum, through the driver's
// migrations::appendMigration.
inline void writeMigrationsDir(const TempDir& tmp, const std::string& dir,
                               const std::vector<FixtureMigration>& migrations) {
  std::filesystem::path root = tmp.path() / dir;
  std::filesystem::remove_all(root);
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    migrations::MigrationsDir current;
    std::string error;
    if (!migrations::readMigrationsDir(root, &current, &error)) throw std::runtime_error(error);
    const auto& m = migrations[i];
    migrations::NewMigration nm;
    nm.name = m.name;
    nm.upSql = m.up;
    nm.downSql = m.down;
    nm.fingerprint = rt::sha256Hex("fixture " + std::to_string(i));
    nm.schemaJson = "{\"enums\": [], \"tables\": []}";
    nm.dataLoss = m.dataLoss;
    nm.rebuildsTables = m.rebuildsTables;
    auto result = migrations::appendMigration(current, nm, 1700000000000).writeAll(root);
    if (!result.ok) throw std::runtime_error(result.error);
  }
}

}  // namespace schemac::testing
