// The SQL console: POST /api/sql {sql, write}. Without `write` the statement runs on a
// connection opened read-only, so SQLite itself refuses anything that writes, and inside a
// transaction that is always rolled back (a second guard, for backends where read-only is
// only advisory); with `write`, on the main connection (the page asks for a confirmation).
// Either way SQLite's authorizer (protect.h) refuses writes to schemac's own and ignored
// tables. A remote database has no authorizer, so its console never writes.
#include <optional>

#include "caches.h"
#include "catalog.h"
#include "http_util.h"
#include "protect.h"
#include "routes.h"
#include "schemac/rt/transaction.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr std::size_t kMaxConsoleRows = 1000;

// SQLite compiles a trigger's body only when a statement that fires it is prepared, so a new
// trigger is checked by preparing (never running) an INSERT, an UPDATE of every column and a
// DELETE on its table: the authorizer then sees what the body writes. Returns the refusal.
std::string probeTriggers(Context& ctx, rt::Connection& conn) {
  for (const std::string& table : ctx.triggerTables) {
    std::vector<rt::Value> p = {table};
    std::string set;
    for (const auto& row : conn.query("SELECT name FROM pragma_table_info(?1)", p).rows) {
      std::string c = quoteIdent(std::get<std::string>(row[0]));
      set += (set.empty() ? "" : ", ") + c + " = " + c;
    }
    std::string t = quoteIdent(table);
    for (std::string probe : {"INSERT INTO " + t + " DEFAULT VALUES", "DELETE FROM " + t,
                              set.empty() ? std::string() : "UPDATE " + t + " SET " + set}) {
      if (probe.empty()) continue;
      try {
        conn.prepare(probe);
      } catch (const rt::DbError&) {
        // a probe SQLite rejects for another reason (a view without INSTEAD OF ...) is fine
      }
      if (!ctx.denied.empty()) return "a trigger on '" + table + "' would write: " + ctx.denied;
    }
  }
  return {};
}

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
  ctx.triggerTables.clear();
  try {
    st = conn.prepare(sql);
  } catch (const rt::DbError& e) {
    // Refused by the authorizer (SQLite may report it as SQLITE_SCHEMA after a re-prepare).
    if (!ctx.denied.empty()) throw ApiError(403, ctx.denied);
    throw ApiError(400, e.dbMessage());
  }
  // A new trigger is made inside a savepoint, kept only when its body passes the probe.
  const bool newTrigger = write && !ctx.triggerTables.empty();
  // Outside a transaction a plain one, so that a refusal leaves the file untouched.
  const bool ownTx = newTrigger && !inTransaction(conn);
  if (newTrigger) conn.execute(ownTx ? "BEGIN" : "SAVEPOINT studio_trigger");
  auto undo = [&] {
    conn.execute(ownTx ? "ROLLBACK" : "ROLLBACK TO studio_trigger; RELEASE studio_trigger");
  };
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
    if (newTrigger) undo();
    if (!write && (e.code() & 0xff) == 8) {  // SQLITE_READONLY
      throw ApiError(403, "this statement writes to the database (" + e.dbMessage() +
                              "); the console is read-only unless 'allow writes' is on");
    }
    throw;
  }
  const std::int64_t changes = write ? st->changes() : 0;
  if (newTrigger) {
    st.reset();
    std::string refused = probeTriggers(ctx, conn);
    if (!refused.empty()) {
      undo();
      throw ApiError(403, refused);
    }
    conn.execute(ownTx ? "COMMIT" : "RELEASE studio_trigger");
  }
  if (write) caches(ctx).changed();
  sendJson(res,
           {{"columns", columns}, {"rows", rows}, {"truncated", truncated}, {"changes", changes}});
}

}  // namespace

void registerSqlRoutes(httplib::Server& http, Context& ctx) {
  http.Post("/api/sql", api(ctx, [&ctx](const auto& req, auto& res) { handleSql(ctx, req, res); }));
}

}  // namespace schemac::studio
