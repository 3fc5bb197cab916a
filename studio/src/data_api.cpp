// Reading data: GET /api/tables, GET /api/count, GET /api/rows (keyset pagination both ways,
// sort, filters), GET /api/cell.
#include <algorithm>
#include <string>
#include <vector>

#include "caches.h"
#include "catalog.h"
#include "column_types.h"
#include "http_util.h"
#include "protect.h"
#include "routes.h"
#include "row_query.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr int kMaxPageSize = 1000;

json countJson(const TableEntry* e) {
  if (!e) return nullptr;
  return {{"rows", e->rows ? json(*e->rows) : json(nullptr)}, {"estimate", e->estimate}};
}

void handleTables(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  sendJson(res, tableListJson(ctx, req.get_param_value("all") == "1"));
}

void handleCount(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  TableInfo t = loadTable(*ctx.db, requireParam(req, "table"));
  sendJson(res,
           {{"table", t.name}, {"rows", caches(ctx).exactCount(ctx, t.name)}, {"estimate", false}});
}

int pageSize(const httplib::Request& req) {
  if (!req.has_param("limit")) return 50;
  const std::string text = req.get_param_value("limit");
  long long n = 0;
  bool digits = !text.empty() && text.size() <= 12 &&
                text.find_first_not_of("0123456789") == std::string::npos;
  if (digits) n = std::stoll(text);
  if (!digits || n < 1 || n > kMaxPageSize) {
    throw ApiError(400, "page size 'limit' must be between 1 and " + std::to_string(kMaxPageSize) +
                            ", got '" + text + "'");
  }
  return static_cast<int>(n);
}

json foreignKeysJson(rt::Connection& db, const std::string& table) {
  json out = json::array();
  for (const ForeignKey& fk : foreignKeysOf(db, table)) {
    out.push_back({{"columns", fk.columns}, {"table", fk.parent}, {"refColumns", fk.refColumns}});
  }
  return out;
}

json cursorJson(const std::vector<rt::Value>& cursor) {
  json out = json::array();
  for (const rt::Value& v : cursor) out.push_back(encodeExact(v));
  return dumpJson(out);
}

// Pages: `after` (the page following a cursor), `before` (the page preceding it), `last=1`,
// or the first page. A backwards page is read in the reversed order and turned around, so
// the last page costs what the first does.
void handleRows(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  Listing l = parseListing(*ctx.db, req);
  const TableInfo& t = l.table;
  const int limit = pageSize(req);
  std::vector<LogicalColumn> logical = logicalColumns(ctx, t);
  std::vector<bool> decimal;
  for (const LogicalColumn& c : logical) decimal.push_back(isDecimal(c));
  addDecimalText(l, decimal);

  int modes =
      req.has_param("after") + req.has_param("before") + (req.get_param_value("last") == "1");
  if (modes > 1) throw ApiError(400, "give one of 'after', 'before' and 'last=1'");
  std::optional<std::vector<rt::Value>> cursor;
  if (req.has_param("after")) cursor = parseCursor(l, req.get_param_value("after"), "after");
  if (req.has_param("before")) cursor = parseCursor(l, req.get_param_value("before"), "before");
  const bool backwards = req.has_param("before") || req.get_param_value("last") == "1";

  SelectSql q = selectSql(l, cursor ? &*cursor : nullptr, backwards, limit + 1);
  rt::ResultSet rs = ctx.db->query(q.sql, q.params);
  const bool more = rs.rows.size() > static_cast<std::size_t>(limit);  // beyond this page
  if (more) rs.rows.resize(static_cast<std::size_t>(limit));
  if (backwards) std::reverse(rs.rows.begin(), rs.rows.end());

  json rows = json::array();
  for (const auto& row : rs.rows) rows.push_back(encodeRow(l, row));
  json next = nullptr, prev = nullptr;
  if (!rs.rows.empty()) {
    // Forwards: a following page when more rows came; a preceding one when we started after
    // a cursor. Backwards: the other way round.
    bool hasNext = backwards ? req.has_param("before") : more;
    bool hasPrev = backwards ? more : cursor.has_value();
    if (hasNext) next = cursorJson(cursorOf(l, rs.rows.back()));
    if (hasPrev) prev = cursorJson(cursorOf(l, rs.rows.front()));
  }

  const TableEntry* entry = caches(ctx).findTable(ctx, t.name);
  TableKind kind = tableKind(ctx, t.name);
  bool tableReadOnly = ctx.readOnly || kind != TableKind::Table;
  json columns = json::array();
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const ColumnInfo& c = t.columns[i];
    columns.push_back({{"name", c.name},
                       {"type", c.type},
                       {"logicalType", ir::typeToString(logical[i].type)},
                       {"logical", logicalJson(logical[i])},
                       {"notNull", c.notNull},
                       {"nullable", !c.notNull},
                       {"pk", c.pk},
                       {"generated", c.hidden >= 2},
                       {"editable", !tableReadOnly && c.hidden < 2},
                       {"default", c.defaultSql ? json(*c.defaultSql) : json(nullptr)}});
  }
  sendJson(res, {{"table", t.name},
                 {"columns", columns},
                 {"key", t.keyNames},
                 {"rows", rows},
                 {"next", next},
                 {"prev", prev},
                 {"total", l.filters.empty() ? countJson(entry) : json(nullptr)},
                 {"foreignKeys", foreignKeysJson(*ctx.db, t.name)},
                 {"sortIndexed", !l.sortColumn || sortIndexed(*ctx.db, t, *l.sortColumn)},
                 {"kind", tableKindName(kind)},
                 {"tableReadOnly", tableReadOnly},
                 {"readOnly", ctx.readOnly}});
}

void handleCell(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  TableInfo t = loadTable(*ctx.db, requireParam(req, "table"));
  const ColumnInfo& c = requireColumn(t, requireParam(req, "column"));
  json key = json::parse(requireParam(req, "key"), nullptr, false);
  if (key.is_discarded()) throw ApiError(400, "parameter 'key' is not JSON");
  std::vector<rt::Value> params;
  std::string where = rowKeyWhere(t, key, params);
  rt::ResultSet rs = ctx.db->query(
      "SELECT " + quoteIdent(c.name) + " FROM " + quoteIdent(t.name) + " WHERE " + where, params);
  if (rs.rows.empty()) throw ApiError(404, "no row with this key in '" + t.name + "'");
  sendJson(res, {{"value", encodeCell(rs.rows[0][0], /*full=*/true)}});
}

}  // namespace

json tableListJson(Context& ctx, bool all) {
  json tables = json::array();
  for (const TableEntry& e : caches(ctx).tables(ctx)) {
    if (e.kind != TableKind::Table && !all) continue;
    tables.push_back({{"name", e.name},
                      {"rows", e.rows ? json(*e.rows) : json(nullptr)},
                      {"estimate", e.estimate},
                      {"kind", tableKindName(e.kind)},
                      {"readOnly", ctx.readOnly || e.kind != TableKind::Table}});
  }
  return {{"tables", tables}, {"readOnly", ctx.readOnly}};
}

void registerDataRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/tables",
           api(ctx, [&ctx](const auto& req, auto& res) { handleTables(ctx, req, res); }));
  http.Get("/api/count",
           api(ctx, [&ctx](const auto& req, auto& res) { handleCount(ctx, req, res); }));
  http.Get("/api/rows",
           api(ctx, [&ctx](const auto& req, auto& res) { handleRows(ctx, req, res); }));
  http.Get("/api/cell",
           api(ctx, [&ctx](const auto& req, auto& res) { handleCell(ctx, req, res); }));
}

}  // namespace schemac::studio
