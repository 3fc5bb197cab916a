// The C++ types of schema columns and how each crosses into SQLite (docs/cpp.md):
//   int -> std::int64_t, int32 -> std::int32_t, real -> double, decimal -> rt::Decimal (TEXT in,
//   exact up to 15 significant digits in SQLite's NUMERIC storage), text/varchar/json ->
//   std::string, bool -> bool (0/1), timestamp -> rt::Timestamp (INTEGER unix ms),
//   timestamp(s) -> rt::TimestampSeconds (INTEGER unix seconds),
//   date -> rt::Date (TEXT YYYY-MM-DD), uuid -> rt::Uuid (TEXT, lower-case canonical),
//   blob -> rt::Bytes, enum -> the generated enum class (TEXT, the value's name).
#pragma once

#include <sqlite3.h>

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "schemac/rt/connection.h"
#include "schemac/rt/statement.h"
#include "schemac/rt/value.h"

namespace schemac::rt {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;
// A `timestamp(s)` column: whole unix seconds (Drizzle's integer({ mode: 'timestamp' })).
using TimestampSeconds = std::chrono::sys_seconds;
// Either timestamp: stored as an INTEGER count of its own duration since the unix epoch.
template <typename T>
inline constexpr bool kIsTimestamp =
    std::is_same_v<T, Timestamp> || std::is_same_v<T, TimestampSeconds>;
using Date = std::chrono::year_month_day;
using Bytes = std::vector<std::byte>;

// An exact decimal number: units * 10^-scale, at most 18 significant digits. Equality and
// ordering are numeric (1.5 == 1.50); toString() keeps the scale ("1.50").
class Decimal {
 public:
  static constexpr int kMaxScale = 18;

  constexpr Decimal() = default;
  constexpr Decimal(std::int64_t units, int scale) : units_(units), scale_(scale) {}
  // Parses "-12.50", "3", "0.001"; throws std::invalid_argument on anything else (exponents,
  // spaces, more than 18 significant digits).
  explicit Decimal(std::string_view text) : Decimal(parse(text)) {}
  static Decimal parse(std::string_view text);
  static std::optional<Decimal> tryParse(std::string_view text);

  constexpr std::int64_t units() const { return units_; }
  constexpr int scale() const { return scale_; }
  // The same number with `scale` digits after the point, rounding half away from zero.
  // Throws std::overflow_error when it does not fit.
  Decimal rescaled(int scale) const;
  std::string toString() const;

  friend bool operator==(const Decimal& a, const Decimal& b) { return compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    return compare(a, b) <=> 0;
  }
  // Exact; the result has the larger scale. Throws std::overflow_error.
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  Decimal& operator+=(const Decimal& b) { return *this = *this + b; }
  Decimal& operator-=(const Decimal& b) { return *this = *this - b; }

 private:
  static int compare(const Decimal& a, const Decimal& b);
  std::int64_t units_ = 0;
  int scale_ = 0;
};

// A UUID, stored as its lower-case canonical text (8-4-4-4-12 hex digits).
class Uuid {
 public:
  constexpr Uuid() = default;
  explicit constexpr Uuid(const std::array<std::uint8_t, 16>& bytes) : bytes_(bytes) {}
  // Accepts upper or lower case; throws std::invalid_argument otherwise.
  explicit Uuid(std::string_view text) : Uuid(parse(text)) {}
  static Uuid parse(std::string_view text);
  static std::optional<Uuid> tryParse(std::string_view text);
  // A random (version 4) UUID.
  static Uuid random();

  const std::array<std::uint8_t, 16>& bytes() const { return bytes_; }
  std::string toString() const;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<std::uint8_t, 16> bytes_{};
};

// "2026-11-25" <-> Date. parseDate throws std::invalid_argument for anything else.
std::string formatDate(const Date& d);
Date parseDate(std::string_view text);

// ---- enums: generated code defines, for each enum class E, found by argument lookup:
//   std::string_view to_string(E);
//   std::optional<E> from_string(std::string_view, std::type_identity<E>);
template <typename E>
std::optional<E> from_string(std::string_view text) {
  return from_string(text, std::type_identity<E>{});
}

// ---- which C++ types a column can have ----

template <typename T>
struct IsOptionalType : std::false_type {};
template <typename T>
struct IsOptionalType<std::optional<T>> : std::true_type {};

template <typename T>
concept ColumnValue = std::is_same_v<T, std::int64_t> || std::is_same_v<T, std::int32_t> ||
    std::is_same_v<T, double> || std::is_same_v<T, bool> || std::is_same_v<T, std::string> ||
    std::is_same_v<T, Decimal> || kIsTimestamp<T> || std::is_same_v<T, Date> ||
    std::is_same_v<T, Uuid> || std::is_same_v<T, Bytes> || std::is_enum_v<T>;

// ---- binding and reading ----

[[noreturn]] void throwBadColumnValue(const Statement& st, int column, std::string_view type,
                                      std::string_view text);

template <ColumnValue T>
Value toValue(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return Value(std::int64_t{v ? 1 : 0});
  } else if constexpr (std::is_integral_v<T>) {
    return Value(static_cast<std::int64_t>(v));
  } else if constexpr (std::is_same_v<T, double>) {
    return Value(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return Value(v);
  } else if constexpr (std::is_same_v<T, Decimal> || std::is_same_v<T, Uuid>) {
    return Value(v.toString());
  } else if constexpr (kIsTimestamp<T>) {
    return Value(static_cast<std::int64_t>(v.time_since_epoch().count()));
  } else if constexpr (std::is_same_v<T, Date>) {
    return Value(formatDate(v));
  } else if constexpr (std::is_same_v<T, Bytes>) {
    Blob b;
    b.bytes.resize(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) b.bytes[i] = static_cast<std::uint8_t>(v[i]);
    return Value(std::move(b));
  } else {
    return Value(std::string(to_string(v)));
  }
}

template <typename T>
void bindColumn(Statement& st, int index, const T& v) {
  if constexpr (IsOptionalType<T>::value) {
    if (v) {
      bindColumn(st, index, *v);
    } else {
      st.bindNull(index);
    }
  } else if constexpr (std::is_same_v<T, bool>) {
    st.bindInt64(index, v ? 1 : 0);
  } else if constexpr (std::is_integral_v<T>) {
    st.bindInt64(index, static_cast<std::int64_t>(v));
  } else if constexpr (std::is_same_v<T, double>) {
    st.bindDouble(index, v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    st.bindText(index, v);
  } else if constexpr (kIsTimestamp<T>) {
    st.bindInt64(index, static_cast<std::int64_t>(v.time_since_epoch().count()));
  } else if constexpr (std::is_same_v<T, Bytes>) {
    st.bindBlob(index, std::span<const std::uint8_t>(
                           reinterpret_cast<const std::uint8_t*>(v.data()), v.size()));
  } else if constexpr (std::is_enum_v<T>) {
    st.bindText(index, to_string(v));
  } else {
    st.bind(index, toValue(v));
  }
}

namespace detail {

// The types stored as text (decimal, uuid, date, enum), parsed from the column's text by both
// read paths; a text that is not a valid T throws DbError.
template <typename T>
T parseColumnText(const Statement& st, int column, std::string_view text) {
  if constexpr (std::is_same_v<T, Decimal>) {
    if (auto d = Decimal::tryParse(text)) return *d;
    throwBadColumnValue(st, column, "decimal", text);
  } else if constexpr (std::is_same_v<T, Uuid>) {
    if (auto u = Uuid::tryParse(text)) return *u;
    throwBadColumnValue(st, column, "uuid", text);
  } else if constexpr (std::is_same_v<T, Date>) {
    try {
      return parseDate(text);
    } catch (const std::invalid_argument&) {
      throwBadColumnValue(st, column, "date", text);
    }
  } else {
    static_assert(std::is_enum_v<T>, "unsupported column type");
    if (auto e = from_string(text, std::type_identity<T>{})) return *e;
    throwBadColumnValue(st, column, "enum", text);
  }
}

// The direct SQLite read path of readColumn: no virtual calls, and one sqlite3_column_value
// per column, the only call that takes the connection's mutex; the sqlite3_value_* reads after
// it take none (so a typed row costs fewer mutex round trips than the usual column_type +
// column_int64 pairs). The value stays valid until the statement steps, and a statement is used
// by one thread at a time. It reads exactly what the virtual path reads; the rare cases that
// need a message (a NULL where a value is required, a column out of range) are handed to the
// virtual path, which throws the same DbError as before.
inline sqlite3_value* sqliteValue(const Statement& st, sqlite3_stmt* h, int column) {
  if (column < 0 || column >= sqlite3_column_count(h)) st.isNull(column);  // throws
  return sqlite3_column_value(h, column);
}

// TEXT of the value; nullopt for NULL (and for a zero-length BLOB, as sqlite3_value_text may
// give NULL there): the caller then uses the virtual path.
inline std::optional<std::string_view> sqliteText(sqlite3_value* v) {
  const unsigned char* text = sqlite3_value_text(v);
  if (!text) return std::nullopt;
  return std::string_view(reinterpret_cast<const char*>(text),
                          static_cast<std::size_t>(sqlite3_value_bytes(v)));
}

template <typename T>
T readSqliteValue(const Statement& st, sqlite3_value* v, int column) {
  if constexpr (std::is_same_v<T, bool> || std::is_integral_v<T> || kIsTimestamp<T>) {
    std::int64_t x = sqlite3_value_int64(v);
    // NULL reads as 0: only then is the type worth asking for.
    if (x == 0 && sqlite3_value_type(v) == SQLITE_NULL) x = st.get<std::int64_t>(column);
    if constexpr (std::is_same_v<T, bool>) {
      return x != 0;
    } else if constexpr (kIsTimestamp<T>) {
      return T(typename T::duration(x));
    } else {
      return static_cast<T>(x);
    }
  } else if constexpr (std::is_same_v<T, double>) {
    double x = sqlite3_value_double(v);
    if (x == 0 && sqlite3_value_type(v) == SQLITE_NULL) x = st.get<double>(column);
    return x;
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (auto text = sqliteText(v)) return std::string(*text);
    return st.get<std::string>(column);
  } else if constexpr (std::is_same_v<T, Bytes>) {
    const auto* data = static_cast<const std::byte*>(sqlite3_value_blob(v));
    if (!data) {
      st.get<Blob>(column);  // throws for NULL
      return Bytes();
    }
    return Bytes(data, data + sqlite3_value_bytes(v));
  } else {
    std::optional<std::string_view> view = sqliteText(v);
    std::string owned;
    if (!view) {
      owned = st.get<std::string>(column);
      view = owned;
    }
    return parseColumnText<T>(st, column, *view);
  }
}

template <typename T>
T readSqlite(const Statement& st, sqlite3_stmt* h, int column) {
  sqlite3_value* v = sqliteValue(st, h, column);
  if constexpr (IsOptionalType<T>::value) {
    if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
    return readSqliteValue<typename T::value_type>(st, v, column);
  } else {
    return readSqliteValue<T>(st, v, column);
  }
}

}  // namespace detail

// Reads result column `column` as T (std::optional<T>: NULL -> nullopt; otherwise NULL throws
// DbError). A value that is not a valid T (a bad date, an unknown enum name) throws DbError.
template <typename T>
T readColumn(const Statement& st, int column) {
  if (sqlite3_stmt* h = st.sqliteHandle()) return detail::readSqlite<T>(st, h, column);
  if constexpr (IsOptionalType<T>::value) {
    if (st.isNull(column)) return std::nullopt;
    return readColumn<typename T::value_type>(st, column);
  } else if constexpr (std::is_same_v<T, bool> || std::is_integral_v<T> ||
                       std::is_same_v<T, double> || std::is_same_v<T, std::string>) {
    return st.get<T>(column);
  } else if constexpr (kIsTimestamp<T>) {
    return T(typename T::duration(st.get<std::int64_t>(column)));
  } else if constexpr (std::is_same_v<T, Bytes>) {
    Blob b = st.get<Blob>(column);
    Bytes out(b.bytes.size());
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::byte>(b.bytes[i]);
    return out;
  } else {
    return detail::parseColumnText<T>(st, column, st.get<std::string>(column));
  }
}

// A decimal column read back with its declared scale: SQLite's NUMERIC storage keeps 12.50
// as the REAL 12.5, so the scale is restored here.
template <typename T>
T readDecimal(const Statement& st, int column, int scale) {
  if constexpr (IsOptionalType<T>::value) {
    sqlite3_stmt* h = st.sqliteHandle();
    if (h ? sqlite3_value_type(detail::sqliteValue(st, h, column)) == SQLITE_NULL
          : st.isNull(column)) {
      return std::nullopt;
    }
    return readDecimal<Decimal>(st, column, scale);
  } else {
    static_assert(std::is_same_v<T, Decimal>);
    return readColumn<Decimal>(st, column).rescaled(scale);
  }
}

}  // namespace schemac::rt
