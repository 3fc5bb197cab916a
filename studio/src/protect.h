// Tables the studio shows read-only, always: schemac's bookkeeping (`__schemac_*`) and the
// tables schemac.toml `ignore`s. The row API refuses them by name; on SQLite connections an
// authorizer refuses every write to them whatever the SQL says (the console included).
#pragma once

#include <string>
#include <string_view>

#include "context.h"

namespace schemac::studio {

enum class TableKind { Table, Internal, Ignored };

TableKind tableKind(const Context& ctx, std::string_view table);
const char* tableKindName(TableKind kind);  // "table", "internal", "ignored"
// Why writes to `table` are refused; empty for an ordinary table.
std::string protectedReason(const Context& ctx, std::string_view table);
// Throws ApiError 403 unless the database and `table` may be written.
void requireWritableTable(const Context& ctx, const std::string& table);

// Installs the authorizer on a SQLite connection (a remote one has none: the console's write
// mode is refused there instead, sql_api.cpp). Returns whether it could.
bool installAuthorizer(Context& ctx, rt::Connection& conn);
// Whether a SQLite connection has a transaction open (false for other backends).
bool inTransaction(rt::Connection& conn);

}  // namespace schemac::studio
