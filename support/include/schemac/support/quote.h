// Quoting names and text into SQL. The same rules hold for SQLite, libSQL and PostgreSQL:
// the quote character is doubled inside, nothing else is escaped.
#pragma once

#include <string>
#include <string_view>

namespace schemac::support {

// "name" with embedded `"` doubled. Identifiers are always quoted, so keywords, spaces and
// mixed case need no special casing.
std::string quoteIdent(std::string_view name);

// 'text' with embedded `'` doubled: a SQL string literal.
std::string quoteString(std::string_view text);

}  // namespace schemac::support
