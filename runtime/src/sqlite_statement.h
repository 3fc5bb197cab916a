// rt::Statement over sqlite3_stmt (private to the runtime; callers see rt::Statement).
#pragma once

#include <sqlite3.h>

#include <string>

#include "schemac/rt/statement.h"

namespace schemac::rt {

class SqliteStatement final : public Statement {
 public:
  // Takes ownership of `stmt`, prepared on `db` from `sql`.
  SqliteStatement(sqlite3* db, sqlite3_stmt* stmt, std::string sql)
      : db_(db), stmt_(stmt), sql_(std::move(sql)) {
    sqlite_ = stmt;
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  void bindNull(int index) override;
  void bindInt64(int index, std::int64_t v) override;
  void bindDouble(int index, double v) override;
  void bindText(int index, std::string_view v) override;
  void bindBlob(int index, std::span<const std::uint8_t> v) override;
  int parameterCount() const override { return sqlite3_bind_parameter_count(stmt_); }
  void clearBindings() override {
    readyToBind();
    sqlite3_clear_bindings(stmt_);
  }

  bool step() override;
  void reset() override;
  std::int64_t changes() const override { return changes_; }
  const std::string& sql() const override { return sql_; }

  int columnCount() const override { return sqlite3_column_count(stmt_); }
  std::string columnName(int column) const override;
  bool isNull(int column) const override;
  std::int64_t getInt64(int column) const override;
  double getDouble(int column) const override;
  std::string getText(int column) const override;
  Blob getBlob(int column) const override;
  Value value(int column) const override;

 private:
  void readyToBind();
  void checkBind(int rc, int index);
  void checkColumn(int column) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
  std::int64_t changes_ = 0;
  bool done_ = false;  // stepped to SQLITE_DONE; the next step() starts a new run
};

}  // namespace schemac::rt
