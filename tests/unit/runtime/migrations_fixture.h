// Writes migrations directories by hand, following docs/migrations-format.md, so the runtime
// is tested without the compiler.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "schemac/rt/checksum.h"
#include "temp_dir.h"

namespace schemac::testing {

struct FixtureMigration {
  std::string name;  // "init" -> tag "0000_init"
  std::string up;    // statements separated by "\n--> statement-breakpoint\n"
  std::string down;  // empty: no down file
  bool rebuildsTables = false;
  bool dataLoss = false;
};

inline std::string tagFor(std::size_t idx, const std::string& name) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04zu", idx);
  return std::string(buf) + "_" + name;
}

// Writes (or rewrites) `dir` with these migrations and their journal.
inline void writeMigrationsDir(const TempDir& tmp, const std::string& dir,
                               const std::vector<FixtureMigration>& migrations) {
  nlohmann::ordered_json entries = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    const auto& m = migrations[i];
    std::string tag = tagFor(i, m.name);
    std::string up = "-- schemac migration " + tag + " (up)\n" + m.up + "\n";
    tmp.write(dir + "/" + tag + ".sql", up);
    nlohmann::ordered_json e;
    e["breakpoints"] = true;
    e["checksum"] = rt::sha256Hex(up);
    e["created"] = 1700000000000;
    e["dataLoss"] = m.dataLoss;
    if (!m.down.empty()) {
      std::string down = "-- schemac migration " + tag + " (down)\n" + m.down + "\n";
      tmp.write(dir + "/" + tag + ".down.sql", down);
      e["downChecksum"] = rt::sha256Hex(down);
    }
    e["fingerprint"] = "fp" + std::to_string(i);
    e["idx"] = i;
    e["rebuildsTables"] = m.rebuildsTables;
    e["snapshot"] = "snap" + std::to_string(i);
    e["tag"] = tag;
    entries.push_back(e);
  }
  nlohmann::ordered_json journal;
  journal["dialect"] = "sqlite";
  journal["entries"] = entries;
  journal["version"] = 1;
  tmp.write(dir + "/meta/_journal.json", journal.dump(2) + "\n");
}

}  // namespace schemac::testing
