// Small SQL-text helpers the runtime writes and reads SQL with (dump, the remote migrator, the
// remote client); private to the runtime.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "schemac/rt/value.h"
#include "schemac/support/quote.h"

namespace schemac::rt::detail {

// "name" with embedded quotes doubled (support's, under the name dump and the remote code use).
using support::quoteIdent;

// A text or integer value as text (what sqlite_schema and the pragmas return); else empty.
inline std::string valueText(const Value& v) {
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return {};
}

// When a `--` or `/* */` comment starts at sql[*i], moves *i past it (to the end when it is
// unterminated) and returns true.
inline bool skipComment(std::string_view sql, std::size_t* i) {
  if (sql.compare(*i, 2, "--") == 0) {
    std::size_t nl = sql.find('\n', *i);
    *i = nl == std::string_view::npos ? sql.size() : nl + 1;
    return true;
  }
  if (sql.compare(*i, 2, "/*") == 0) {
    std::size_t end = sql.find("*/", *i + 2);
    *i = end == std::string_view::npos ? sql.size() : end + 2;
    return true;
  }
  return false;
}

}  // namespace schemac::rt::detail
