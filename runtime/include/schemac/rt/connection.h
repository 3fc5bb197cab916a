// One connection interface for every database schemac talks to (SQLite files today, remote
// libSQL and PostgreSQL later), so no command knows which kind it has.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "schemac/rt/statement.h"
#include "schemac/rt/value.h"
#include "schemac/support/error.h"

namespace schemac::rt {

class StatementCache;  // schemac/rt/query.h
struct OpenOptions;

struct ResultSet {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
  std::int64_t changes = 0;          // rows changed by the last statement
  std::int64_t lastInsertRowid = 0;  // for INSERT
};

// Every database failure: what the database said, and the statement that failed.
class DbError : public support::Error {
 public:
  DbError(std::string message, std::string sql, int code = 0)
      : support::Error(sql.empty() ? message : message + " (in: " + sql + ")"),
        message_(std::move(message)),
        sql_(std::move(sql)),
        code_(code) {}
  const std::string& dbMessage() const { return message_; }
  const std::string& sql() const { return sql_; }
  int code() const { return code_; }  // SQLite primary/extended result code where known

 private:
  std::string message_;
  std::string sql_;
  int code_;
};

// One statement of a transaction batch (Connection::transaction).
struct BatchStep {
  std::string sql;
  std::vector<Value> params;
  // The step fails when it returns a row (e.g. `SELECT ... FROM pragma_foreign_key_check`);
  // the rows are then in BatchOutcome::results[failedStep] where the executor can report them.
  bool failIfRows = false;
};

// What a batch did: results[i] is set for each body step that ran and succeeded (and for a
// failIfRows step that failed by returning rows, where the executor has them); `failedStep` is
// the first step that failed with the database's message in `error`: -1 when the transaction
// could not start (BEGIN), body.size() when COMMIT failed.
struct BatchOutcome {
  std::vector<std::optional<ResultSet>> results;
  int failedStep = -1;
  std::string error;
  // The failure was another writer holding the database ("database is locked", SQLITE_BUSY):
  // nothing was applied and the same batch may be sent again.
  bool locked = false;
  bool ok() const { return error.empty(); }
};

struct TransactionOptions {
  // Foreign key enforcement off around the transaction (it cannot be switched inside one in
  // SQLite) and back to what it was after: for migrations that rebuild tables (spec section 4).
  bool foreignKeysOff = false;
};

// What an executor can do, so that callers choose by capability instead of by type.
struct Capabilities {
  std::string dialect = "sqlite";  // the SQL it speaks: "sqlite" (files and libSQL servers)
  bool remote = false;             // on another machine: no host-local lease takeover, no file
  bool foreignKeyCheck = true;     // PRAGMA foreign_key_check / pragma_foreign_key_check
  bool ddlInTransactions = true;   // CREATE/ALTER/DROP roll back with the transaction
  // A transaction may span several calls (BEGIN ... COMMIT through execute()). A server that
  // keeps no stream between requests runs a transaction only as one transaction() batch.
  bool interactiveTransactions = true;
  bool backup = true;  // backup() can make a copy (not an in-memory database)
};

// The executor interface: everything a command, the migrator, dump, status and the studio need
// from a database. SQLite files (sqlite.h) and remote libSQL servers (remote.h) implement it;
// PostgreSQL is the next (docs/architecture.md).
class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement with positional parameters (?1, ?2, ...) and returns all its rows.
  virtual ResultSet query(std::string_view sql, std::span<const Value> params = {}) = 0;
  // Runs a script of one or more statements without parameters, discarding rows.
  virtual void execute(std::string_view sql) = 0;
  // Prepares one statement for repeated typed binding and reading (see statement.h).
  virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
  // The URL it was opened with, with any credentials removed (safe to print).
  virtual std::string displayUrl() const = 0;
  virtual Capabilities capabilities() const = 0;
  bool isRemote() const { return capabilities().remote; }
  // Runs `body` atomically: BEGIN (IMMEDIATE where that exists), each step only if every
  // earlier one succeeded, COMMIT, or ROLLBACK when anything failed. One round trip on a
  // remote database. Reports a failing step in the outcome; throws DbError only when the
  // database could not be reached or answered nonsense.
  virtual BatchOutcome transaction(std::span<const BatchStep> body,
                                   const TransactionOptions& options = {}) = 0;
  // A full copy of the database as it is now, without the migration lease (a file copy next to
  // the database, or a SQL dump in the working directory); returns its path. Only when
  // capabilities().backup. Throws DbError.
  virtual std::string backup(const std::string& label) = 0;
  // The local file holding the database, for syncing it after a bulk load; empty when none.
  virtual std::string localFile() const { return {}; }
  // Requests sent to a server so far (--verbose: requests per migration); 0 when local.
  virtual std::int64_t requestCount() const { return 0; }
  // A second, independent connection to the same database, opened with this one's options as
  // changed by `adjust` (credentials stay inside), for work on another thread (connections are
  // not thread-safe): the migration lease's background renewer. Null when there is no such
  // thing (an in-memory database). Safe to call from another thread: reads only what was fixed
  // at open. Throws DbError.
  virtual std::unique_ptr<Connection> openAnother(
      const std::function<void(OpenOptions&)>& adjust = {}) const {
    (void)adjust;
    return nullptr;
  }

  // The prepared statements of typed queries (schemac/rt/query.h), created on first use and
  // owned by the connection so that they are finalized with it.
  StatementCache& statementCache();

 private:
  // shared_ptr: destructible where StatementCache is incomplete (this header).
  std::shared_ptr<StatementCache> statementCache_;
};

struct OpenOptions {
  std::string authToken;  // DATABASE_AUTH_TOKEN / --auth-token, for remote URLs
  bool readOnly = false;
  bool create = true;  // create a missing file database
  int busyTimeoutMs = 5000;
  // SQLite: turn on foreign key enforcement for the connection (PRAGMA foreign_keys=ON).
  bool foreignKeys = true;
  // Remote databases: connect and whole-request timeouts, and how often a read is retried
  // after a transport failure or a 502/503/504.
  int connectTimeoutMs = 10000;
  int requestTimeoutMs = 60000;
  int readRetries = 2;
  // Remote databases: called with one line per HTTP request (path, size, status, time), for
  // --verbose. Never sees the token.
  std::function<void(const std::string&)> httpLog;
  // When set and it becomes true, waits are cut short: SQLite stops waiting for a lock (the
  // statement fails "database is locked"), a remote request is aborted (libcurl checks it
  // about once a second while idle). For a connection used by a background thread that must
  // stop promptly. Must outlive the connection.
  const std::atomic<bool>* cancel = nullptr;
};

// Opens `file:./local.db`, `file::memory:`, a plain path, ... Throws DbError with one clear
// line when the URL is malformed, unsupported or cannot be opened.
std::unique_ptr<Connection> open(const std::string& url, const OpenOptions& options = {});

}  // namespace schemac::rt
