// What a generated table descriptor provides to the typed queries (docs/cpp.md). For
// `table users { id int primary key autoincrement  email text ... }` schemac generates
//
//   struct UsersTable {
//     using Row = Users;           // one field per column, nullable -> std::optional
//     using Insert = UsersInsert;  // columns with a default or autoincrement are optional
//     using Key = std::int64_t;    // a struct for a composite key; rt::NoKey without a key
//     static constexpr std::string_view kName = "users";
//     static constexpr std::string_view kQuotedName = R"("users")";
//     static constexpr std::string_view kSelectSql = R"(SELECT "id", ... FROM "users")";
//     static constexpr std::string_view kKeyWhere = R"("id" = ?)";
//     static constexpr std::string_view kKeyColumns = R"("id")";
//     static constexpr std::array<std::string_view, N> kInsertColumns = {...};
//     static constexpr std::array<bool, N> kInsertOptional = {...};
//     static Row readRow(const rt::Statement&);
//     static std::uint64_t insertMask(const Insert&);  // bit k: k-th optional column is set
//     static void bindInsert(rt::Statement&, const Insert&, std::uint64_t mask);
//     static void bindKey(rt::Statement&, int first, const Key&);
//     static Key readKey(const rt::Statement&, int first);
//     rt::Column<UsersTable, std::int64_t, false> id{...};  // one typed column per column
//   };
//   inline constexpr UsersTable users{};
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <string_view>

#include "schemac/rt/statement.h"

namespace schemac::rt {

// The key type of a table without a primary key: find() is not available for it.
struct NoKey {};

template <typename T>
concept TableDescriptor = requires(const Statement& st, const typename T::Insert& ins) {
  typename T::Row;
  typename T::Insert;
  typename T::Key;
  { T::kName } -> std::convertible_to<std::string_view>;
  { T::kQuotedName } -> std::convertible_to<std::string_view>;
  { T::kSelectSql } -> std::convertible_to<std::string_view>;
  { T::readRow(st) } -> std::same_as<typename T::Row>;
  { T::insertMask(ins) } -> std::same_as<std::uint64_t>;
};

template <typename T>
inline constexpr bool kHasKey = !std::is_same_v<typename T::Key, NoKey>;

}  // namespace schemac::rt
