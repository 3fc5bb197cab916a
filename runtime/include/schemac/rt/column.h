// Typed columns and the expressions built from them. A column knows its table and C++ type,
// so a mistake in a query is a compile error, not a database error at run time:
//   users.email == "a@b.c"             Condition<UsersTable>
//   users.email == 42                  error: text column compared with an int
//   users.id == invoices.user_id       error: columns of two tables
//   users.name = "Ada"                 Assignment<UsersTable> for update().set(...)
// Values become bound parameters (`?`), never SQL text.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "schemac/rt/types.h"

namespace schemac::rt {

// A boolean SQL expression over the columns of `Table`, with its parameters in order.
template <typename Table>
struct Condition {
  std::string sql;
  std::vector<Value> params;
};

template <typename Table>
Condition<Table> operator&&(Condition<Table> a, Condition<Table> b) {
  a.sql = "(" + a.sql + " AND " + b.sql + ")";
  for (auto& p : b.params) a.params.push_back(std::move(p));
  return a;
}
template <typename Table>
Condition<Table> operator||(Condition<Table> a, Condition<Table> b) {
  a.sql = "(" + a.sql + " OR " + b.sql + ")";
  for (auto& p : b.params) a.params.push_back(std::move(p));
  return a;
}
template <typename Table>
Condition<Table> operator!(Condition<Table> a) {
  a.sql = "(NOT " + a.sql + ")";
  return a;
}

// One ORDER BY term of `Table`.
template <typename Table>
struct Ordering {
  std::string_view column;  // quoted
  bool desc = false;
};

// `column = value` of `Table`, for update().set(...).
template <typename Table>
struct Assignment {
  std::string_view column;  // quoted
  Value value;
};

// Whether a C++ value of type V may stand for a value of a column of type T: the same kind of
// thing, without narrowing (an int32 column takes int literals, not a std::int64_t variable;
// bool only matches bool; a real column takes any number).
template <typename T, typename V>
consteval bool isValueOf() {
  using U = std::remove_cvref_t<V>;
  if constexpr (std::is_same_v<T, bool>) {
    return std::is_same_v<U, bool>;
  } else if constexpr (std::is_same_v<T, double>) {
    return std::is_arithmetic_v<U> && !std::is_same_v<U, bool>;
  } else if constexpr (std::is_integral_v<T>) {
    if constexpr (std::is_integral_v<U> && !std::is_same_v<U, bool> && !std::is_same_v<U, char>) {
      return requires(U u) { T{u}; };
    } else {
      return false;
    }
  } else if constexpr (std::is_same_v<T, std::string>) {
    return std::is_convertible_v<const U&, std::string_view> && !std::is_same_v<U, std::nullptr_t>;
  } else if constexpr (std::is_enum_v<T>) {
    return std::is_same_v<U, T>;
  } else {
    return std::is_convertible_v<const U&, T> && !std::is_arithmetic_v<U>;
  }
}
template <typename T, typename V>
concept ValueOf = isValueOf<T, V>();

template <typename Table, ColumnValue T, bool Nullable>
struct Column {
  using table_type = Table;
  using value_type = T;  // the C++ type of a non-NULL value
  using cpp_type = std::conditional_t<Nullable, std::optional<T>, T>;  // the row field's type
  static constexpr bool kNullable = Nullable;

  std::string_view name;     // as declared in the schema
  std::string_view quoted;   // as written in SQL: "name"
  std::string_view sqlType;  // SQLite declared type: INTEGER, TEXT, DECIMAL(12, 2), ...
  std::string_view cppType;  // the row field's C++ type, spelled out

  // ---- comparisons with values (bound as parameters) ----
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator==(const V& v) const { return cmp(" = ", v); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator!=(const V& v) const { return cmp(" <> ", v); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator<(const V& v) const { return cmp(" < ", v); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator<=(const V& v) const { return cmp(" <= ", v); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator>(const V& v) const { return cmp(" > ", v); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table>
  operator>=(const V& v) const { return cmp(" >= ", v); }

  // ---- comparisons with another column of the same table and type ----
  template <bool N2>
  Condition<Table> operator==(const Column<Table, T, N2>& o) const {
    return cmpCol(" = ", o);
  }
  template <bool N2>
  Condition<Table> operator!=(const Column<Table, T, N2>& o) const {
    return cmpCol(" <> ", o);
  }
  template <bool N2>
  Condition<Table> operator<(const Column<Table, T, N2>& o) const {
    return cmpCol(" < ", o);
  }
  template <bool N2>
  Condition<Table> operator<=(const Column<Table, T, N2>& o) const {
    return cmpCol(" <= ", o);
  }
  template <bool N2>
  Condition<Table> operator>(const Column<Table, T, N2>& o) const {
    return cmpCol(" > ", o);
  }
  template <bool N2>
  Condition<Table> operator>=(const Column<Table, T, N2>& o) const {
    return cmpCol(" >= ", o);
  }

  // ---- NULL tests: only on nullable columns (on a NOT NULL column they are constant) ----
  Condition<Table> isNull() const requires Nullable {
    return {std::string(quoted) + " IS NULL", {}};
  }
  Condition<Table> isNotNull() const requires Nullable {
    return {std::string(quoted) + " IS NOT NULL", {}};
  }

  // ---- IN / LIKE ----
  template <typename V>
  requires ValueOf<T, V> Condition<Table> in(std::initializer_list<V> values)
  const { return inRange(values); }
  template <typename V>
  requires ValueOf<T, V> Condition<Table> in(const std::vector<V>& values)
  const { return inRange(values); }
  // SQL LIKE (`%`, `_`; ASCII case-insensitive in SQLite). Text columns only.
  Condition<Table> like(std::string_view pattern) const requires std::is_same_v<T, std::string> {
    Condition<Table> c{std::string(quoted) + " LIKE ?", {}};
    c.params.emplace_back(std::string(pattern));
    return c;
  }

  // ---- ORDER BY ----
  Ordering<Table> asc() const { return {quoted, false}; }
  Ordering<Table> desc() const { return {quoted, true}; }

  // ---- assignment for update().set(...) ----
  template <typename V>
  requires ValueOf<T, V> Assignment<Table>
  operator=(const V& v) const { return {quoted, toValue(T(v))}; }
  Assignment<Table> operator=(std::nullopt_t) const requires Nullable { return {quoted, Value()}; }
  template <typename V>
  requires ValueOf<T, V> Assignment<Table>
  operator=(const std::optional<V>& v) const requires Nullable {
    return {quoted, v ? toValue(T(*v)) : Value()};
  }
  // A column object is a constant: these keep it copyable while `=` builds assignments.
  Column& operator=(const Column&) = default;

 private:
  template <typename V>
  Condition<Table> cmp(const char* op, const V& v) const {
    Condition<Table> c{std::string(quoted) + op + "?", {}};
    c.params.push_back(toValue(T(v)));
    return c;
  }
  template <bool N2>
  Condition<Table> cmpCol(const char* op, const Column<Table, T, N2>& o) const {
    return {std::string(quoted) + op + std::string(o.quoted), {}};
  }
  template <typename Range>
  Condition<Table> inRange(const Range& values) const {
    Condition<Table> c{std::string(quoted), {}};
    if (values.size() == 0) {
      c.sql = "0";  // `x IN ()` is false; SQLite accepts it, other dialects do not
      return c;
    }
    c.sql += " IN (";
    bool first = true;
    for (const auto& v : values) {
      c.sql += first ? "?" : ", ?";
      first = false;
      c.params.push_back(toValue(T(v)));
    }
    c.sql += ")";
    return c;
  }
};

}  // namespace schemac::rt
