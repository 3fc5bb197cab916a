// What a `sqltype "..."` may say: a type name as SQLite's grammar has it (words, optionally
// with one or two signed numbers in parentheses), so the lowering can paste it into
// CREATE TABLE as it is and introspection reads the same text back.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace schemac::sema {

inline constexpr std::size_t kMaxSqlTypeLength = 100;

// Why `text` is not a valid declared type ("is empty", "contains ';'", ...), or nullopt
// when it is one: `INTEGER`, `text(256)`, `decimal(10, 2)`, `double precision`.
std::optional<std::string> sqlTypeNameProblem(std::string_view text);

// Whether a declared type is exactly INTEGER ignoring case (SQLite's rowid alias, which
// `autoincrement` needs).
bool isIntegerTypeName(std::string_view text);

}  // namespace schemac::sema
