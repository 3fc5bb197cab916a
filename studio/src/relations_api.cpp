// A row's relations: GET /api/relations?table=T&key=JSON. The tables whose foreign keys point
// at the row (with how many rows do, counted up to a cap, and the filter that lists them) and
// the rows it points at itself.
#include "catalog.h"
#include "http_util.h"
#include "routes.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr std::int64_t kCountCap = 10000;

// The row's value of each of `columns` (a name that is no column, e.g. a rowid, is nullopt).
std::vector<std::optional<rt::Value>> valuesOf(const TableInfo& t,
                                               const std::vector<rt::Value>& row,
                                               const std::vector<std::string>& columns) {
  std::vector<std::optional<rt::Value>> out;
  for (const std::string& name : columns) {
    std::optional<rt::Value> v;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (t.columns[i].name == name) v = row[i];
    }
    out.push_back(v);
  }
  return out;
}

// `cols` = values, ANDed over bound parameters; false when a value is missing or NULL (a NULL
// foreign key references nothing).
bool matchSql(const std::vector<std::string>& cols, const std::vector<std::optional<rt::Value>>& v,
              std::string& where, std::vector<rt::Value>& params) {
  for (std::size_t i = 0; i < cols.size(); ++i) {
    if (i >= v.size() || !v[i] || std::holds_alternative<std::monostate>(*v[i])) return false;
    where += (i ? " AND " : "") + quoteIdent(cols[i]) + " = ?";
    params.push_back(*v[i]);
  }
  return !cols.empty();
}

void handleRelations(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  TableInfo t = loadTable(*ctx.db, requireParam(req, "table"));
  json key = json::parse(requireParam(req, "key"), nullptr, false);
  if (key.is_discarded()) throw ApiError(400, "parameter 'key' is not JSON");
  std::vector<rt::Value> keyParams;
  std::string keyWhere = rowKeyWhere(t, key, keyParams);
  std::string cols;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    cols += (i ? ", " : "") + quoteIdent(t.columns[i].name);
  }
  rt::ResultSet found = ctx.db->query(
      "SELECT " + cols + " FROM " + quoteIdent(t.name) + " WHERE " + keyWhere, keyParams);
  if (found.rows.empty()) throw ApiError(404, "no row with this key in '" + t.name + "'");
  const std::vector<rt::Value>& row = found.rows[0];

  json referencedBy = json::array();
  for (const ForeignKey& fk : foreignKeysTo(*ctx.db, t.name)) {
    std::string where;
    std::vector<rt::Value> params;
    std::int64_t count = 0;
    json filters = json::array();
    if (matchSql(fk.columns, valuesOf(t, row, fk.refColumns), where, params)) {
      // Capped, so an unindexed foreign key on a huge table cannot stall the page.
      rt::ResultSet rs =
          ctx.db->query("SELECT count(*) FROM (SELECT 1 FROM " + quoteIdent(fk.child) + " WHERE " +
                            where + " LIMIT " + std::to_string(kCountCap + 1) + ")",
                        params);
      count = std::get<std::int64_t>(rs.rows[0][0]);
      for (std::size_t i = 0; i < fk.columns.size(); ++i) {
        filters.push_back(
            {{"column", fk.columns[i]}, {"op", "eq"}, {"value", encodeExact(params[i])}});
      }
    }
    referencedBy.push_back({{"table", fk.child},
                            {"columns", fk.columns},
                            {"refColumns", fk.refColumns},
                            {"count", std::min(count, kCountCap)},
                            {"more", count > kCountCap},
                            {"filters", filters}});
  }

  json references = json::array();
  for (const ForeignKey& fk : foreignKeysOf(*ctx.db, t.name)) {
    json parentKey = nullptr;
    std::string where;
    std::vector<rt::Value> params;
    if (matchSql(fk.refColumns, valuesOf(t, row, fk.columns), where, params)) {
      try {
        TableInfo parent = loadTable(*ctx.db, fk.parent);
        std::string keys;
        for (std::size_t i = 0; i < parent.keySql.size(); ++i) {
          keys += (i ? ", " : "") + parent.keySql[i];
        }
        rt::ResultSet rs = ctx.db->query(
            "SELECT " + keys + " FROM " + quoteIdent(parent.name) + " WHERE " + where + " LIMIT 1",
            params);
        if (!rs.rows.empty()) {
          parentKey = json::array();
          for (const rt::Value& v : rs.rows[0]) parentKey.push_back(encodeExact(v));
        }
      } catch (const ApiError&) {
        // the parent table is missing (foreign keys may name one that does not exist)
      }
    }
    references.push_back({{"table", fk.parent},
                          {"columns", fk.columns},
                          {"refColumns", fk.refColumns},
                          {"key", parentKey}});
  }
  sendJson(res, {{"table", t.name}, {"referencedBy", referencedBy}, {"references", references}});
}

}  // namespace

void registerRelationRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/relations",
           api(ctx, [&ctx](const auto& req, auto& res) { handleRelations(ctx, req, res); }));
}

}  // namespace schemac::studio
