// `push`, for development: brings the database to the schema directly, without a migration.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "schemac/db/push.h"
#include "schemac/rt/connection.h"
#include "schemac/workflow/database.h"
#include "schemac/workflow/log.h"

namespace schemac::workflow {

// What push would do to a database: the changes from its live schema to the schema, their
// warnings and the SQL.
struct PushPreview {
  std::string database;  // display URL
  db::PushPlan plan;
  std::vector<std::string> summary;   // one line per change (diff::summaryLine)
  std::vector<std::string> warnings;  // diff::warnings
  bool losesData() const { return plan.plan.losesData(); }
};

PushPreview previewPush(rt::Connection& db, const ir::Schema& schema,
                        const db::IgnoreList& ignore = {});

struct PushOptions {
  std::vector<std::string> schemaFiles;
  DatabaseTarget database;
  db::IgnoreList ignore;  // tables left to other tools: never planned, never dropped
  // Called with a non-empty plan before anything is applied: false cancels the push (an Error).
  // May throw to refuse it with its own message. Unset: applied as planned.
  std::function<bool(const PushPreview&)> approve;
  Log log;  // compiler diagnostics
};

struct PushResult {
  PushPreview preview;  // an empty plan: the database already matched, nothing was done
  std::int64_t ms = 0;  // applying it
};

// Compiles first: a schema error leaves the database untouched (not even created). A database
// with tables but no schemac history is refused (adopt.h); the first push into one creates the
// empty __schemac_migrations table in its transaction, marking the database as schemac's.
PushResult push(const PushOptions& options);

}  // namespace schemac::workflow
