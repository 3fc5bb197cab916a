// The migrator's remote path: each migration (or down migration, or push) as one atomic Hrana
// batch -- one HTTP request -- since a stream may not outlive a request (tursodb returns no
// baton), so a transaction cannot span requests.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schemac/rt/migration.h"
#include "schemac/rt/remote.h"

namespace schemac::rt::detail {

// A statement as one printable line for logs and errors, on both paths (migrator.cpp).
std::string oneLine(const std::string& sql);

// An in-memory SQLite copy of the remote schema (no rows), kept in step with the migrations
// being applied, from which the per-foreign-key orphan checks are derived: some servers have
// no PRAGMA foreign_key_check, and inside one batch the client cannot look at the schema a
// rebuild produced before it commits.
class SchemaShadow {
 public:
  explicit SchemaShadow(Connection& remote);
  ~SchemaShadow();
  SchemaShadow(const SchemaShadow&) = delete;
  SchemaShadow& operator=(const SchemaShadow&) = delete;

  // Applies statements to the copy; false (and the copy is unusable) when one fails.
  bool apply(const std::vector<std::string>& statements);

  struct ForeignKeyCheck {
    std::string sql;          // errors (malformed JSON) when an orphan row exists
    std::string description;  // "pets(owner_id) -> people(id)"
  };
  std::vector<ForeignKeyCheck> foreignKeyChecks();

 private:
  std::unique_ptr<Connection> db_;
};

// The statements of a migration file, one per Hrana step.
std::vector<std::string> remoteStatements(const std::string& sql, bool breakpoints);

enum class RemoteApplied { Applied, AlreadyDone };

struct RemoteMigrationStep {
  std::string subject;  // "migration 0001_x", "down migration 0001_x", "push"
  std::string tag;
  std::vector<std::string> statements;
  bool foreignKeysOff = false;
  std::vector<SchemaShadow::ForeignKeyCheck> fkChecks;
  // Steps before / after the statements inside the transaction, and how to read a failure of
  // one of the guard steps (index into `guards`).
  std::vector<BatchStep> guards;  // run first; a failure means "already done / not ours"
  std::vector<std::string> guardMeaning;
  std::vector<BatchStep> trailer;  // run last (record the migration, ...)
  int lockWaitMs = 60000;          // how long to resend a batch that met a locked database
};

// Runs one step as one transaction batch. Returns AlreadyDone when guard 0 failed (another
// migrator applied/reverted it meanwhile); throws MigrateError for anything else that failed.
RemoteApplied runRemoteStep(RemoteConnection& db, const RemoteMigrationStep& step);

}  // namespace schemac::rt::detail
