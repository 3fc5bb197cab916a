#include "sqlite_statement.h"

#include <string>

#include "schemac/rt/connection.h"
#include "schemac/rt/sqlite.h"

namespace schemac::rt {

// Binding is only legal before the first step: rebinding after a run starts a new run.
void SqliteStatement::readyToBind() {
  if (done_ || sqlite3_stmt_busy(stmt_)) {
    sqlite3_reset(stmt_);
    done_ = false;
  }
}

void SqliteStatement::checkBind(int rc, int index) {
  if (rc == SQLITE_OK) return;
  if (rc == SQLITE_RANGE) {
    throw DbError("parameter ?" + std::to_string(index) + " out of range (the statement has " +
                      std::to_string(parameterCount()) + ")",
                  sql_, rc);
  }
  throw sqliteError(db_, sql_);
}

void SqliteStatement::bindNull(int index) {
  readyToBind();
  checkBind(sqlite3_bind_null(stmt_, index), index);
}
void SqliteStatement::bindInt64(int index, std::int64_t v) {
  readyToBind();
  checkBind(sqlite3_bind_int64(stmt_, index, v), index);
}
void SqliteStatement::bindDouble(int index, double v) {
  readyToBind();
  checkBind(sqlite3_bind_double(stmt_, index, v), index);
}
void SqliteStatement::bindText(int index, std::string_view v) {
  readyToBind();
  checkBind(sqlite3_bind_text64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
            index);
}
void SqliteStatement::bindBlob(int index, std::span<const std::uint8_t> v) {
  readyToBind();
  // A null pointer would bind NULL; an empty blob must stay a zero-length BLOB.
  static const std::uint8_t kEmpty = 0;
  checkBind(
      sqlite3_bind_blob64(stmt_, index, v.empty() ? &kEmpty : v.data(), v.size(), SQLITE_TRANSIENT),
      index);
}

bool SqliteStatement::step() {
  if (done_) {
    sqlite3_reset(stmt_);
    done_ = false;
  }
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    changes_ = sqlite3_changes64(db_);
    done_ = true;
    return false;
  }
  // sqlite3_reset returns the same error; keep the message from the connection first.
  DbError err = sqliteError(db_, sql_);
  sqlite3_reset(stmt_);
  throw err;
}

void SqliteStatement::reset() {
  sqlite3_reset(stmt_);
  done_ = false;
}

void SqliteStatement::checkColumn(int column) const {
  if (column < 0 || column >= sqlite3_column_count(stmt_)) {
    throw DbError("column " + std::to_string(column) + " out of range (the statement has " +
                      std::to_string(sqlite3_column_count(stmt_)) + ")",
                  sql_);
  }
}

std::string SqliteStatement::columnName(int column) const {
  checkColumn(column);
  const char* name = sqlite3_column_name(stmt_, column);
  return name ? name : "";
}

bool SqliteStatement::isNull(int column) const {
  checkColumn(column);
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::getInt64(int column) const {
  checkColumn(column);
  return sqlite3_column_int64(stmt_, column);
}

double SqliteStatement::getDouble(int column) const {
  checkColumn(column);
  return sqlite3_column_double(stmt_, column);
}

std::string SqliteStatement::getText(int column) const {
  checkColumn(column);
  const auto* text = sqlite3_column_text(stmt_, column);
  int size = sqlite3_column_bytes(stmt_, column);
  return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size))
              : std::string();
}

Blob SqliteStatement::getBlob(int column) const {
  checkColumn(column);
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  Blob out;
  if (data) out.bytes.assign(data, data + size);
  return out;
}

Value SqliteStatement::value(int column) const {
  checkColumn(column);
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER:
      return sqlite3_column_int64(stmt_, column);
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt_, column);
    case SQLITE_TEXT:
      return getText(column);
    case SQLITE_BLOB:
      return getBlob(column);
    default:
      return std::monostate{};
  }
}

}  // namespace schemac::rt
