// The one apply path: every script schemac runs against a database -- a migration or down
// migration (migrate, down), push, restore, generate's in-memory verification, the tests -- is
// applied here, as one transaction batch of the executor (Connection::transaction), with the
// same statement splitter (sql_script.h), the same foreign key handling and the same errors.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/rt/connection.h"

namespace schemac::rt {

namespace detail {
class SchemaShadow;
// A statement as one printable line for logs and errors: `--` comment lines dropped,
// whitespace runs collapsed, long ones cut.
std::string oneLine(const std::string& sql);
}  // namespace detail

struct ApplyStep {
  std::string subject;  // names it in messages: "migration 0001_x", "push", "restore"
  std::string tag;      // the migration concerned (MigrateError::tag()); may be empty
  std::vector<std::string> statements;  // from splitScript()
  // Rebuilds tables (spec section 4): foreign keys off around the transaction, and checked
  // before COMMIT (PRAGMA foreign_key_check, or checks derived from a schema copy where the
  // executor has no such pragma); a violation rolls everything back.
  bool rebuildsTables = false;
  // Steps run first inside the transaction, and what a failure of each means. An empty meaning:
  // the work was already done (another migrator applied it meanwhile), see ApplyResult.
  std::vector<BatchStep> guards;
  std::vector<std::string> guardMeaning;
  std::vector<BatchStep> trailer;  // run last, before COMMIT (bookkeeping)
  int lockWaitMs = 60000;          // how long to retry while another writer holds the database
};

enum class ApplyResult { Applied, AlreadyDone };

// Applies steps to one database; keeps what must carry over between the steps of one run (the
// schema copy behind derived foreign key checks).
class ScriptApplier {
 public:
  explicit ScriptApplier(Connection& db);
  ~ScriptApplier();
  ScriptApplier(const ScriptApplier&) = delete;
  ScriptApplier& operator=(const ScriptApplier&) = delete;

  // Runs the step in one transaction. Returns AlreadyDone when a guard with an empty meaning
  // failed; throws MigrateError (schemac/rt/migrator.h) naming the subject, the statement and
  // the database's message for anything else (nothing is kept then).
  ApplyResult apply(const ApplyStep& step);

 private:
  std::vector<BatchStep> foreignKeyChecks(const ApplyStep& step, std::vector<std::string>* what);

  Connection& db_;
  Capabilities caps_;
  std::unique_ptr<detail::SchemaShadow> shadow_;
  bool shadowBroken_ = false;
};

struct ScriptOptions {
  std::string subject = "script";
  bool rebuildsTables = false;
  bool breakpoints = true;
  int lockWaitMs = 60000;
};

// Splits `script` (splitScript) and applies it as one step. Throws MigrateError.
void applyScript(Connection& db, std::string_view script, const ScriptOptions& options = {});

// Applies already split `statements` (each may itself hold several) as one step labelled
// `label` ("push", "restore"). Throws MigrateError.
void applyInTransaction(Connection& db, const std::vector<std::string>& statements,
                        bool rebuildsTables, const std::string& label, int lockTimeoutMs = 60000);

}  // namespace schemac::rt
