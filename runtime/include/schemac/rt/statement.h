// A prepared statement with typed binding and reading, obtained from Connection::prepare().
// Parameters are 1-based (?1, ?2, ...), result columns 0-based, as in the SQLite C API.
//
//   auto st = db.prepare("SELECT id, email FROM users WHERE id > ?1");
//   st->bind(1, 10);
//   while (st->step()) use(st->get<std::int64_t>(0), st->get<std::optional<std::string>>(1));
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "schemac/rt/value.h"

struct sqlite3_stmt;  // <sqlite3.h>

namespace schemac::rt {

class Statement {
 public:
  virtual ~Statement() = default;

  // The sqlite3_stmt of a local SQLite statement, nullptr for other backends. Typed reads
  // (readColumn in types.h) use it to call sqlite3_column_* directly instead of one virtual
  // call per column; everything else goes through the virtual interface.
  sqlite3_stmt* sqliteHandle() const { return sqlite_; }

  // --- binding (sticks until clearBindings(); reset() keeps it) ---
  virtual void bindNull(int index) = 0;
  virtual void bindInt64(int index, std::int64_t v) = 0;
  virtual void bindDouble(int index, double v) = 0;
  virtual void bindText(int index, std::string_view v) = 0;
  virtual void bindBlob(int index, std::span<const std::uint8_t> v) = 0;
  virtual int parameterCount() const = 0;
  virtual void clearBindings() = 0;

  void bind(int index, const Value& v);
  void bind(int index, std::nullptr_t) { bindNull(index); }
  void bind(int index, std::nullopt_t) { bindNull(index); }
  void bind(int index, bool v) { bindInt64(index, v ? 1 : 0); }
  void bind(int index, double v) { bindDouble(index, v); }
  void bind(int index, std::string_view v) { bindText(index, v); }
  void bind(int index, const std::string& v) { bindText(index, v); }
  void bind(int index, const char* v) { bindText(index, v); }
  void bind(int index, const Blob& v) { bindBlob(index, v.bytes); }
  template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void bind(int index, T v) {
    bindInt64(index, static_cast<std::int64_t>(v));
  }
  template <typename T>
  void bind(int index, const std::optional<T>& v) {
    if (v) {
      bind(index, *v);
    } else {
      bindNull(index);
    }
  }
  // Binds values to ?1..?N; throws DbError when N differs from the statement's parameters.
  void bindAll(std::span<const Value> values);

  // --- running ---
  // Advances to the next row: true when a row is ready, false when the statement is done.
  virtual bool step() = 0;
  // Runs to completion, discarding rows; returns the number of rows changed.
  std::int64_t run();
  // Makes the statement ready to run again (bindings are kept).
  virtual void reset() = 0;
  virtual std::int64_t changes() const = 0;  // rows changed by the last run
  virtual const std::string& sql() const = 0;

  // --- reading the current row ---
  virtual int columnCount() const = 0;
  virtual std::string columnName(int column) const = 0;
  virtual bool isNull(int column) const = 0;
  virtual std::int64_t getInt64(int column) const = 0;
  virtual double getDouble(int column) const = 0;
  virtual std::string getText(int column) const = 0;
  virtual Blob getBlob(int column) const = 0;
  virtual Value value(int column) const = 0;

  // Typed read: integral types, bool, double, std::string, Blob, Value, or std::optional of
  // one of them (NULL -> nullopt). A NULL read as a non-optional throws DbError.
  template <typename T>
  T get(int column) const;

 protected:
  sqlite3_stmt* sqlite_ = nullptr;  // set by the SQLite implementation

 private:
  void requireNotNull(int column) const;
};

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
T Statement::get(int column) const {
  if constexpr (IsOptional<T>::value) {
    if (isNull(column)) return std::nullopt;
    return get<typename T::value_type>(column);
  } else if constexpr (std::is_same_v<T, Value>) {
    return value(column);
  } else {
    requireNotNull(column);
    if constexpr (std::is_same_v<T, bool>) {
      return getInt64(column) != 0;
    } else if constexpr (std::is_integral_v<T>) {
      return static_cast<T>(getInt64(column));
    } else if constexpr (std::is_floating_point_v<T>) {
      return static_cast<T>(getDouble(column));
    } else if constexpr (std::is_same_v<T, std::string>) {
      return getText(column);
    } else if constexpr (std::is_same_v<T, Blob>) {
      return getBlob(column);
    } else {
      static_assert(!sizeof(T), "unsupported column type for Statement::get");
    }
  }
}

}  // namespace schemac::rt
