// Changing data: POST /api/rows/update, /api/rows/insert, /api/rows/delete (one statement
// each) and the staged edits POST /api/batch (many, in ONE transaction) and
// /api/batch/preview (the same as SQL, nothing run). Every edit is checked first (edits.h);
// any failure rolls everything back and is answered with the database's message (a
// constraint failure: 409).
#include "caches.h"
#include "catalog.h"
#include "edits.h"
#include "http_util.h"
#include "protect.h"
#include "routes.h"
#include "schemac/rt/transaction.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr std::size_t kMaxDelete = 1000;
constexpr std::size_t kMaxBatch = 1000;

void requireWritable(const Context& ctx) {
  if (ctx.readOnly) {
    throw ApiError(403, "the database is open read-only: no change is allowed");
  }
}

void handleUpdate(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  if (!body.contains("value")) throw ApiError(400, "missing field 'value' (null for NULL)");
  if (!body.contains("key")) throw ApiError(400, "missing field 'key'");
  json edit = {{"op", "update"},
               {"table", requireString(body, "table")},
               {"key", body["key"]},
               {"values", {{requireString(body, "column"), body["value"]}}}};
  PlannedEdit e = planEdit(ctx, edit);
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  runEdit(ctx, e);
  tx.commit();
  caches(ctx).changed();
  sendJson(res, {{"changed", 1}, {"row", reReadRow(ctx, e, 0)}});
}

void handleInsert(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  json edit = {{"op", "insert"},
               {"table", requireString(body, "table")},
               {"values", body.contains("values") ? body["values"] : json::object()}};
  PlannedEdit e = planEdit(ctx, edit);
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  std::int64_t rowid = 0;
  std::int64_t changed = runEdit(ctx, e, &rowid);
  tx.commit();
  caches(ctx).changed();
  sendJson(res, {{"changed", changed}, {"row", reReadRow(ctx, e, rowid)}}, 201);
}

void handleDelete(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  TableInfo t = loadTable(*ctx.db, requireString(body, "table"));
  requireWritableTable(ctx, t.name);
  if (!body.contains("keys") || !body["keys"].is_array() || body["keys"].empty()) {
    throw ApiError(400, "'keys' must be a non-empty array of row keys");
  }
  const json& keys = body["keys"];
  if (keys.size() > kMaxDelete) {
    throw ApiError(400, "at most " + std::to_string(kMaxDelete) + " rows per delete");
  }
  std::vector<rt::Value> params;
  std::string where;
  for (const json& key : keys) {
    where += (where.empty() ? "(" : " OR (") + rowKeyWhere(t, key, params) + ")";
  }
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  rt::ResultSet rs = ctx.db->query("DELETE FROM " + quoteIdent(t.name) + " WHERE " + where, params);
  if (rs.changes != static_cast<std::int64_t>(keys.size())) {
    throw ApiError(409, std::to_string(keys.size() - static_cast<std::size_t>(rs.changes)) +
                            " of the " + std::to_string(keys.size()) +
                            " rows no longer exist; nothing was deleted");
  }
  tx.commit();
  caches(ctx).changed();
  sendJson(res, {{"changed", rs.changes}});
}

const json& batchEdits(const json& body) {
  auto it = body.find("edits");
  if (it == body.end() || !it->is_array() || it->empty()) {
    throw ApiError(400, "'edits' must be a non-empty array of {op, table, key, values}");
  }
  if (it->size() > kMaxBatch) {
    throw ApiError(400, "at most " + std::to_string(kMaxBatch) + " edits per batch");
  }
  return *it;
}

// An error of edit `index`: its status and message, with {"index": index} added.
[[noreturn]] void failEdit(std::size_t index, int status, const std::string& message,
                           json extra = json::object()) {
  extra["index"] = index;
  throw ApiError(status, message, extra);
}

void handleBatch(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  const json& edits = batchEdits(body);
  std::vector<PlannedEdit> planned;
  for (std::size_t i = 0; i < edits.size(); ++i) {
    try {
      planned.push_back(planEdit(ctx, edits[i]));
    } catch (const ApiError& e) {
      failEdit(i, e.status(), e.what(), e.extra());
    }
  }
  // All or nothing: the transaction rolls back when any edit throws.
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  std::vector<std::int64_t> changed, rowids;
  for (std::size_t i = 0; i < planned.size(); ++i) {
    std::int64_t rowid = 0;
    try {
      changed.push_back(runEdit(ctx, planned[i], &rowid));
    } catch (const ApiError& e) {
      failEdit(i, e.status(), e.what(), e.extra());
    } catch (const rt::DbError& e) {
      if (!ctx.denied.empty()) failEdit(i, 403, ctx.denied);  // the authorizer refused
      failEdit(i, statusForDbError(e.code()), e.dbMessage());
    }
    rowids.push_back(rowid);
  }
  tx.commit();
  caches(ctx).changed();
  json results = json::array();
  for (std::size_t i = 0; i < planned.size(); ++i) {
    results.push_back({{"op", planned[i].op},
                       {"changed", changed[i]},
                       {"row", reReadRow(ctx, planned[i], rowids[i])}});
  }
  sendJson(res, {{"applied", planned.size()}, {"results", results}});
}

// Nothing runs: each edit is checked and written out with its values inlined.
void handleBatchPreview(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  const json& edits = batchEdits(body);
  json statements = json::array(), errors = json::array();
  std::string script = "BEGIN IMMEDIATE;\n";
  for (std::size_t i = 0; i < edits.size(); ++i) {
    try {
      PlannedEdit e = planEdit(ctx, edits[i]);
      std::string sql = inlineParams(e.sql, e.params) + ";";
      statements.push_back(sql);
      script += sql + "\n";
    } catch (const ApiError& e) {
      json err = e.extra();
      err["index"] = i;
      err["error"] = e.what();
      errors.push_back(err);
      statements.push_back(nullptr);
    }
  }
  script += "COMMIT;\n";
  sendJson(res, {{"statements", statements}, {"sql", script}, {"errors", errors}});
}

}  // namespace

void registerWriteRoutes(httplib::Server& http, Context& ctx) {
  http.Post("/api/rows/update",
            api(ctx, [&ctx](const auto& req, auto& res) { handleUpdate(ctx, req, res); }));
  http.Post("/api/rows/insert",
            api(ctx, [&ctx](const auto& req, auto& res) { handleInsert(ctx, req, res); }));
  http.Post("/api/rows/delete",
            api(ctx, [&ctx](const auto& req, auto& res) { handleDelete(ctx, req, res); }));
  http.Post("/api/batch",
            api(ctx, [&ctx](const auto& req, auto& res) { handleBatch(ctx, req, res); }));
  http.Post("/api/batch/preview",
            api(ctx, [&ctx](const auto& req, auto& res) { handleBatchPreview(ctx, req, res); }));
}

}  // namespace schemac::studio
