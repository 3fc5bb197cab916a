// Changing data: POST /api/rows/update, /api/rows/insert, /api/rows/delete. Each is one
// parameterised statement in its own transaction; any failure rolls it back and is answered
// with the database's message (a constraint failure: 409).
#include "catalog.h"
#include "http_util.h"
#include "routes.h"
#include "schemac/rt/transaction.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr std::size_t kMaxDelete = 1000;

void requireWritable(const Context& ctx) {
  if (ctx.readOnly) {
    throw ApiError(403, "the database is open read-only: no change is allowed");
  }
}

// One row, re-read after a change, as /api/rows lists it.
json readRow(Context& ctx, const TableInfo& t, const std::string& where,
             const std::vector<rt::Value>& params) {
  std::string sql = "SELECT ";
  for (const std::string& k : t.keySql) sql += k + ", ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    sql += (i ? ", " : "") + quoteIdent(t.columns[i].name);
  }
  rt::ResultSet rs = ctx.db->query(sql + " FROM " + quoteIdent(t.name) + " WHERE " + where, params);
  if (rs.rows.empty()) return nullptr;
  json key = json::array(), cells = json::array();
  for (std::size_t i = 0; i < rs.rows[0].size(); ++i) {
    if (i < t.keySql.size()) {
      key.push_back(encodeExact(rs.rows[0][i]));
    } else {
      cells.push_back(encodeCell(rs.rows[0][i]));
    }
  }
  return {{"key", key}, {"cells", cells}};
}

void handleUpdate(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  TableInfo t = loadTable(*ctx.db, requireString(body, "table"), ctx.ignore());
  const ColumnInfo& c = requireColumn(t, requireString(body, "column"));
  if (!body.contains("value")) throw ApiError(400, "missing field 'value' (null for NULL)");
  if (!body.contains("key")) throw ApiError(400, "missing field 'key'");
  std::vector<rt::Value> params = {decodeValue(body["value"], "value")};
  std::string where = rowKeyWhere(t, body["key"], params);
  std::vector<rt::Value> keyParams(params.begin() + 1, params.end());
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  rt::ResultSet rs = ctx.db->query(
      "UPDATE " + quoteIdent(t.name) + " SET " + quoteIdent(c.name) + " = ? WHERE " + where,
      params);
  if (rs.changes != 1) {
    throw ApiError(404, "no row with this key in '" + t.name + "' (deleted meanwhile?)");
  }
  tx.commit();
  // The key may have changed (an edited primary key): re-read by the new key when it did.
  json row = readRow(ctx, t, where, keyParams);
  if (row.is_null() && t.keyNames.size() == 1 && t.keyNames[0] == c.name) {
    std::vector<rt::Value> newKey = {params[0]};
    row = readRow(ctx, t, t.keySql[0] + " = ?", newKey);
  }
  sendJson(res, {{"changed", 1}, {"row", row}});
}

void handleInsert(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  TableInfo t = loadTable(*ctx.db, requireString(body, "table"), ctx.ignore());
  json values = body.contains("values") ? body["values"] : json::object();
  if (!values.is_object()) throw ApiError(400, "'values' must be an object {column: value}");
  std::string cols, marks;
  std::vector<rt::Value> params;
  for (const ColumnInfo& c : t.columns) {  // table order: deterministic SQL
    auto it = values.find(c.name);
    if (it == values.end()) continue;
    cols += (cols.empty() ? "" : ", ") + quoteIdent(c.name);
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(decodeValue(*it, "value of '" + c.name + "'"));
  }
  for (auto it = values.begin(); it != values.end(); ++it) requireColumn(t, it.key());
  std::string sql = "INSERT INTO " + quoteIdent(t.name) +
                    (cols.empty() ? " DEFAULT VALUES" : " (" + cols + ") VALUES (" + marks + ")");
  rt::Transaction tx(*ctx.db, rt::TransactionMode::Immediate);
  rt::ResultSet rs = ctx.db->query(sql, params);
  tx.commit();
  json row = nullptr;
  if (!t.withoutRowid) {
    std::vector<rt::Value> key = {rs.lastInsertRowid};
    row = readRow(ctx, t, t.keySql[0] + " = ?", key);
  }
  sendJson(res, {{"changed", rs.changes}, {"row", row}}, 201);
}

void handleDelete(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  json body = parseBody(req);
  requireWritable(ctx);
  TableInfo t = loadTable(*ctx.db, requireString(body, "table"), ctx.ignore());
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
  sendJson(res, {{"changed", rs.changes}});
}

}  // namespace

void registerWriteRoutes(httplib::Server& http, Context& ctx) {
  http.Post("/api/rows/update",
            api(ctx, [&ctx](const auto& req, auto& res) { handleUpdate(ctx, req, res); }));
  http.Post("/api/rows/insert",
            api(ctx, [&ctx](const auto& req, auto& res) { handleInsert(ctx, req, res); }));
  http.Post("/api/rows/delete",
            api(ctx, [&ctx](const auto& req, auto& res) { handleDelete(ctx, req, res); }));
}

}  // namespace schemac::studio
