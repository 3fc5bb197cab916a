#include "protect.h"

#include <sqlite3.h>

#include "http_util.h"
#include "schemac/rt/sqlite.h"

namespace schemac::studio {
namespace {

bool isBookkeeping(std::string_view table) {
  return table.size() >= 10 && sqlite3_strnicmp(table.data(), "__schemac_", 10) == 0;
}

// SQLite's authorizer: called while a statement is prepared (trigger bodies included), with
// the table each action touches. Reads are always allowed.
int authorize(void* user, int action, const char* a1, const char* a2, const char*, const char*) {
  auto* ctx = static_cast<Context*>(user);
  const char* table = nullptr;
  switch (action) {
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
    case SQLITE_DELETE:
    case SQLITE_DROP_TABLE:
    case SQLITE_DROP_TEMP_TABLE:
    case SQLITE_CREATE_TABLE:
    case SQLITE_CREATE_TEMP_TABLE:
    case SQLITE_CREATE_VTABLE:
    case SQLITE_DROP_VTABLE:
      table = a1;
      break;
    case SQLITE_ALTER_TABLE:  // a1: the database, a2: the table
    case SQLITE_CREATE_INDEX:
    case SQLITE_DROP_INDEX:
    case SQLITE_CREATE_TEMP_INDEX:
    case SQLITE_DROP_TEMP_INDEX:
    case SQLITE_CREATE_TRIGGER:
    case SQLITE_DROP_TRIGGER:
    case SQLITE_CREATE_TEMP_TRIGGER:
    case SQLITE_DROP_TEMP_TRIGGER:
      table = a2;
      break;
    case SQLITE_PRAGMA:
      // writable_schema would let UPDATE sqlite_schema rewrite any table; SQLite refuses
      // such writes while it is off.
      if (a1 && a2 && sqlite3_stricmp(a1, "writable_schema") == 0) {
        ctx->denied = "PRAGMA writable_schema is refused in studio";
        return SQLITE_DENY;
      }
      return SQLITE_OK;
    default:
      return SQLITE_OK;
  }
  if (!table) return SQLITE_OK;
  std::string reason = protectedReason(*ctx, table);
  if (reason.empty()) {
    if (action == SQLITE_CREATE_TRIGGER || action == SQLITE_CREATE_TEMP_TRIGGER) {
      ctx->triggerTables.push_back(table);
    }
    return SQLITE_OK;
  }
  ctx->denied = reason;
  return SQLITE_DENY;
}

}  // namespace

TableKind tableKind(const Context& ctx, std::string_view table) {
  if (isBookkeeping(table)) return TableKind::Internal;
  if (ctx.ignore().matches(table)) return TableKind::Ignored;
  return TableKind::Table;
}

const char* tableKindName(TableKind kind) {
  switch (kind) {
    case TableKind::Internal:
      return "internal";
    case TableKind::Ignored:
      return "ignored";
    default:
      return "table";
  }
}

std::string protectedReason(const Context& ctx, std::string_view table) {
  switch (tableKind(ctx, table)) {
    case TableKind::Internal:
      return "table '" + std::string(table) +
             "' is read-only in studio (schemac's bookkeeping: use schemac migrate / down)";
    case TableKind::Ignored:
      return "table '" + std::string(table) +
             "' is read-only in studio (left to other tools by schemac.toml `ignore`)";
    default:
      return {};
  }
}

void requireWritableTable(const Context& ctx, const std::string& table) {
  if (ctx.readOnly) throw ApiError(403, "the database is open read-only: no change is allowed");
  std::string reason = protectedReason(ctx, table);
  if (!reason.empty()) throw ApiError(403, reason);
}

bool installAuthorizer(Context& ctx, rt::Connection& conn) {
  // The one place the studio needs the SQLite handle: the authorizer is SQLite's own API.
  auto* sqlite = dynamic_cast<rt::SqliteConnection*>(&conn);
  if (!sqlite) return false;
  sqlite3_set_authorizer(sqlite->handle(), authorize, &ctx);
  return true;
}

bool inTransaction(rt::Connection& conn) {
  auto* sqlite = dynamic_cast<rt::SqliteConnection*>(&conn);
  return sqlite && sqlite->inTransaction();
}

}  // namespace schemac::studio
