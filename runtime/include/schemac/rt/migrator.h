// The migrator: applies pending migrations to a database, each in its own transaction, and
// records them in __schemac_migrations. Shared by `schemac migrate` and generated code:
//
//   auto db = schemac::rt::open(url);
//   schemac::rt::migrate(*db, lumenr::db::migrations());
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "schemac/rt/apply.h"  // applyInTransaction (push, restore)
#include "schemac/rt/connection.h"
#include "schemac/rt/migration.h"
#include "schemac/support/error.h"

namespace schemac::rt {

inline constexpr const char* kMigrationsTable = "__schemac_migrations";
// The statement that creates it (IF NOT EXISTS): a migration, a baseline, and `push` (which
// leaves it empty to mark the database as schemac's, docs/adopting.md) all use it.
extern const char* const kCreateMigrationsTable;

// Refusals (edited or missing applied migrations, an unknown --to) and failures (a statement
// failed, foreign_key_check found violations). The message is one line naming the migration.
class MigrateError : public support::Error {
 public:
  explicit MigrateError(const std::string& message, std::string tag = {},
                        std::string statement = {}, std::string dbMessage = {})
      : support::Error(message),
        tag_(std::move(tag)),
        statement_(std::move(statement)),
        dbMessage_(std::move(dbMessage)) {}
  const std::string& tag() const { return tag_; }              // the migration concerned
  const std::string& statement() const { return statement_; }  // the failing statement
  const std::string& dbMessage() const { return dbMessage_; }  // the database's message

 private:
  std::string tag_, statement_, dbMessage_;
};

struct AppliedMigration {
  int id = 0;
  std::string tag;
  std::string checksum;
  std::int64_t appliedAt = 0;  // unix ms
  std::int64_t durationMs = 0;
};

// Rows of __schemac_migrations in id order; empty when the table does not exist.
std::vector<AppliedMigration> readAppliedMigrations(Connection& db);

struct MigrateOptions {
  std::string to;             // stop after this migration: its idx ("3", "0003") or tag; empty: all
  bool dryRun = false;        // report what would run, change nothing
  bool backup = true;         // back up before a data-losing migration (VACUUM INTO for files,
                              // a SQL dump for remote databases)
  int lockTimeoutMs = 60000;  // how long to wait for another writer (e.g. a second migrator)
  int leaseTtlMs = 30000;     // the migration lease (rt/lease.h): renewed at every migration and in
                              // the background
  std::function<void(const std::string&)> log;  // one line per event; null: silent
};

struct MigrateResult {
  std::vector<AppliedMigration> applied;  // applied by this run (dry run: would apply)
  std::vector<std::string> backups;       // backup files written
  std::size_t alreadyApplied = 0;         // applied before this run (or by a concurrent one)
  std::int64_t totalMs = 0;
};

MigrateResult migrate(Connection& db, const std::vector<Migration>& migrations,
                      const MigrateOptions& options = {});

// The migration `to` names: its idx ("3", "0003") or its tag. Throws MigrateError when there is
// none. `flag` names the option in the message ("--to").
const Migration& findMigration(const std::vector<Migration>& migrations, const std::string& to,
                               const std::string& flag = "--to");

// Checks the applied migrations against `migrations`: every applied one must still exist with
// the same tag and checksum. Throws MigrateError. (migrate() and down() call it first.)
void verifyApplied(const std::vector<AppliedMigration>& applied,
                   const std::vector<Migration>& migrations);

struct DownOptions {
  int steps = 1;
  bool dryRun = false;
  bool backup = true;  // back up first when a reverted migration loses data (as migrate does)
  // Asked with the losses ("0001_add_age: drops column users.age (data loss)") before anything
  // is reverted; false: nothing is changed. Unset: no question.
  std::function<bool(const std::vector<std::string>&)> approveLoss;
  int lockTimeoutMs = 60000;
  int leaseTtlMs = 30000;
  std::function<void(const std::string&)> log;
};

struct DownResult {
  std::vector<AppliedMigration> reverted;
  std::vector<std::string> backups;  // backup files written
  std::int64_t totalMs = 0;
};

// What reverting `m` loses: the "(data loss)" warnings of its down file's header, else its
// DROP TABLE (not a rebuild's) and ALTER TABLE ... DROP COLUMN statements.
std::vector<std::string> downLosses(const Migration& m);

// Applies the down files of the last `steps` applied migrations, newest first, each in its own
// transaction together with the removal of its record.
DownResult down(Connection& db, const std::vector<Migration>& migrations,
                const DownOptions& options = {});

struct BaselineOptions {
  std::string to;  // the migration the database already is at (idx or tag); empty: the newest
  int lockTimeoutMs = 60000;
  int leaseTtlMs = 30000;
  // Called once the database is known to have no history, before anything is written: proves
  // that the database is at `to` (the CLI compares its live schema with that migration's
  // snapshot) and throws to refuse. Null: the caller vouches for it.
  std::function<void(const Migration& target)> prove;
  std::function<void(const std::string&)> log;
};

struct BaselineResult {
  std::vector<AppliedMigration> recorded;  // empty when it was already at the target
  std::string at;                          // the target's tag
  bool alreadyThere = false;               // the history already ended at the target
};

// Records every migration up to `to` as applied, without running it, on a database that has
// none recorded (it was created by another tool, or by `push`): the same rows `migrate` writes
// (id, tag, checksum, applied_at, duration_ms 0), in one transaction under the migration lease,
// so a later `migrate` applies only what follows. A database whose history already ends at the
// target is left as it is (alreadyThere); one at another point is refused (MigrateError), as is
// one that gets a history meanwhile from another migrator.
BaselineResult baseline(Connection& db, const std::vector<Migration>& migrations,
                        const BaselineOptions& options = {});

}  // namespace schemac::rt
