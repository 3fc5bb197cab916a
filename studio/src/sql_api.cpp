// The SQL console: POST /api/sql {sql, write}. Without `write` the statement runs on a
// connection opened read-only, so SQLite itself refuses anything that writes, and inside a
// transaction that is always rolled back (a second guard, for backends where read-only is
// only advisory); with `write`, on the main connection (the page asks for a confirmation).
// Either way SQLite's authorizer (protect.h) refuses writes to schemac's own and ignored
// tables. A remote database has no authorizer, so its console never writes.
#include <optional>

#include "caches.h"
#include "http_util.h"
#include "routes.h"
#include "schemac/rt/transaction.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr std::size_t kMaxConsoleRows = 1000;

void handleSql(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  std::string sql = requireString(body, "sql");
  bool write = body.value("write", false);
  if (write && ctx.readOnly) {
    throw ApiError(403, "the database is open read-only: the console cannot write");
  }
  if (write && ctx.db->isRemote()) {
    throw ApiError(403,
                   "the console cannot write to a remote database: studio cannot guard "
                   "schemac's own tables there (edit rows in the table view instead)");
  }
  rt::Connection& conn = write ? *ctx.db : ctx.readOnlyDb();
  std::optional<rt::Transaction> neverCommitted;
  if (!write) neverCommitted.emplace(conn);
  std::unique_ptr<rt::Statement> st;
  try {
    st = conn.prepare(sql);
  } catch (const rt::DbError& e) {
    if ((e.code() & 0xff) == 23 && !ctx.denied.empty()) throw ApiError(403, ctx.denied);
    throw ApiError(400, e.dbMessage());
  }
  json columns = json::array(), rows = json::array();
  for (int i = 0; i < st->columnCount(); ++i) columns.push_back(st->columnName(i));
  bool truncated = false;
  try {
    while (st->step()) {
      if (rows.size() == kMaxConsoleRows) {
        truncated = true;
        break;
      }
      json row = json::array();
      for (int i = 0; i < st->columnCount(); ++i) row.push_back(encodeCell(st->value(i)));
      rows.push_back(std::move(row));
    }
  } catch (const rt::DbError& e) {
    if (!write && (e.code() & 0xff) == 8) {  // SQLITE_READONLY
      throw ApiError(403, "this statement writes to the database (" + e.dbMessage() +
                              "); the console is read-only unless 'allow writes' is on");
    }
    throw;
  }
  if (write) caches(ctx).changed();
  sendJson(res, {{"columns", columns},
                 {"rows", rows},
                 {"truncated", truncated},
                 {"changes", write ? st->changes() : 0}});
}

}  // namespace

void registerSqlRoutes(httplib::Server& http, Context& ctx) {
  http.Post("/api/sql", api(ctx, [&ctx](const auto& req, auto& res) { handleSql(ctx, req, res); }));
}

}  // namespace schemac::studio
