// What the studio keeps between requests so that the landing page stays cheap on big tables:
// the table list with row counts (exact up to kExactRows, else an estimate) and the schemas
// the logical column types come from. Everything is dropped when the database changes:
// PRAGMA schema_version (any DDL) and data_version (a commit by another connection) are read
// on each use, and the studio's own writes call changed().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "context.h"
#include "protect.h"
#include "schemac/ir.h"

namespace schemac::studio {

inline constexpr std::int64_t kExactRows = 10000;  // counted exactly up to this many rows

struct TableEntry {
  std::string name;
  TableKind kind = TableKind::Table;
  bool isVirtual = false;
  std::optional<std::int64_t> rows;  // unknown: nullopt
  bool estimate = false;             // rows is not an exact count
};

struct Caches {
  // Every table but SQLite's own, sorted by name, with its row count.
  const std::vector<TableEntry>& tables(Context& ctx);
  const TableEntry* findTable(Context& ctx, const std::string& name);
  // count(*), remembered until the data changes.
  std::int64_t exactCount(Context& ctx, const std::string& name);
  // After a write through the studio (its own commits do not move data_version).
  void changed();
  // The project's .schema files compiled (null: none given, or they do not compile), and the
  // live database introspected (null: it cannot be).
  const ir::Schema* projectSchema(Context& ctx);
  const ir::Schema* liveSchema(Context& ctx);

 private:
  void checkVersions(Context& ctx);
  TableEntry countRows(Context& ctx, TableEntry entry);

  std::int64_t schemaVersion_ = -1, dataVersion_ = -1;
  bool dirty_ = true;
  bool listed_ = false;
  std::vector<TableEntry> tables_;
  std::map<std::string, std::int64_t> exact_;
  std::string projectStamp_;
  bool projectTried_ = false;
  std::optional<ir::Schema> project_;
  std::int64_t liveVersion_ = -2;
  std::optional<ir::Schema> live_;
};

Caches& caches(Context& ctx);

}  // namespace schemac::studio
