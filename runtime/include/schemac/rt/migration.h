// One migration as the migrator sees it: read from a migrations directory by the CLI, or
// embedded in a generated header so an application can migrate itself at start-up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace schemac::rt {

struct Migration {
  int idx = 0;                         // journal idx; the id recorded in __schemac_migrations
  std::string tag;                     // "0001_add_paid_at"
  std::string upSql;                   // the up file's text
  std::optional<std::string> downSql;  // the down file's text, when there is one
  // SHA-256 hex of upSql, as recorded when applied. Empty: the migrator computes it.
  std::string checksum;
  bool breakpoints = true;      // `--> statement-breakpoint` lines end statements (sql_script.h)
  bool rebuildsTables = false;  // apply with foreign keys off + foreign_key_check (spec 4)
  bool dataLoss = false;        // back the database up first
  std::string fingerprint;      // schema fingerprint after this migration
  std::string snapshot;         // snapshot id after this migration
};

}  // namespace schemac::rt
