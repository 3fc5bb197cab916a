// The SQLite (local file or in-memory) implementation of rt::Connection, over the SQLite C API.
// Commands hold a plain Connection; nothing downcasts to this type (docs/architecture.md).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>

#include "schemac/rt/connection.h"
#include "schemac/rt/url.h"

namespace schemac::rt {

class SqliteConnection : public Connection {
 public:
  // Opens a classified SQLite URL (UrlKind::SqliteFile or SqliteMemory). Throws DbError.
  static std::unique_ptr<SqliteConnection> open(const DatabaseUrl& url,
                                                const OpenOptions& options = {});
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  ResultSet query(std::string_view sql, std::span<const Value> params = {}) override;
  void execute(std::string_view sql) override;
  std::unique_ptr<Statement> prepare(std::string_view sql) override;
  std::string displayUrl() const override { return display_; }
  Capabilities capabilities() const override;
  BatchOutcome transaction(std::span<const BatchStep> body,
                           const TransactionOptions& options = {}) override;
  // VACUUM INTO `<db file>.backup-<UTC time>-<label>`, the lease row removed from the copy.
  std::string backup(const std::string& label) override;
  std::string localFile() const override { return filePath_; }
  std::unique_ptr<Connection> openAnother(
      const std::function<void(OpenOptions&)>& adjust = {}) const override;

  // Absolute path of the main database file; empty for an in-memory database.
  const std::string& filePath() const { return filePath_; }
  bool isMemory() const { return filePath_.empty(); }
  bool inTransaction() const;
  sqlite3* handle() const { return db_; }

 private:
  SqliteConnection(sqlite3* db, std::string display, std::string filePath)
      : db_(db), display_(std::move(display)), filePath_(std::move(filePath)) {}

  sqlite3* db_;
  std::string display_;
  std::string filePath_;
  DatabaseUrl url_;      // for openAnother
  OpenOptions options_;  // likewise; options_.cancel is read by the busy handler
};

// Builds a DbError from the connection's last error (message and extended code).
DbError sqliteError(sqlite3* db, std::string_view sql, std::string_view context = {});

}  // namespace schemac::rt
