// Reading data: GET /api/tables, GET /api/rows (keyset pagination, sort, filters), GET /api/cell.
#include <string>
#include <vector>

#include "catalog.h"
#include "http_util.h"
#include "routes.h"
#include "schemac/db/inspect.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"
#include "values.h"

namespace schemac::studio {
namespace {

constexpr int kMaxPageSize = 1000;

struct Filter {
  std::string column;
  std::string op;
  rt::Value value;
};

std::vector<Filter> parseFilters(const httplib::Request& req, const TableInfo& t) {
  std::vector<Filter> out;
  if (!req.has_param("filters")) return out;
  json list = json::parse(req.get_param_value("filters"), nullptr, false);
  if (list.is_discarded() || !list.is_array()) {
    throw ApiError(400, "parameter 'filters' must be a JSON array of {column, op, value}");
  }
  for (const json& f : list) {
    if (!f.is_object()) throw ApiError(400, "each filter must be an object {column, op, value}");
    Filter filter;
    filter.column = requireColumn(t, requireString(f, "column")).name;
    filter.op = requireString(f, "op");
    static const char* ops[] = {"eq", "ne", "lt", "le", "gt", "ge", "contains", "null", "notnull"};
    if (std::find(std::begin(ops), std::end(ops), filter.op) == std::end(ops)) {
      throw ApiError(400, "unknown filter operator '" + filter.op +
                              "' (eq, ne, lt, le, gt, ge, contains, null, notnull)");
    }
    if (filter.op != "null" && filter.op != "notnull") {
      if (!f.contains("value"))
        throw ApiError(400, "filter on '" + filter.column + "' needs a value");
      filter.value = decodeValue(f["value"], "filter value");
    }
    out.push_back(std::move(filter));
  }
  return out;
}

// One filter as SQL over bound parameters.
std::string filterSql(const Filter& f, std::vector<rt::Value>& params) {
  std::string col = quoteIdent(f.column);
  if (f.op == "null") return col + " IS NULL";
  if (f.op == "notnull") return col + " IS NOT NULL";
  if (f.op == "contains") {
    std::string needle;
    if (const auto* s = std::get_if<std::string>(&f.value)) {
      needle = *s;
    } else if (const auto* i = std::get_if<std::int64_t>(&f.value)) {
      needle = std::to_string(*i);
    }
    std::string pattern = "%";
    for (char c : needle) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    params.push_back(pattern + "%");
    return col + " LIKE ? ESCAPE '\\'";
  }
  static const std::pair<const char*, const char*> ops[] = {
      {"eq", "="}, {"ne", "<>"}, {"lt", "<"}, {"le", "<="}, {"gt", ">"}, {"ge", ">="}};
  for (const auto& [name, sql] : ops) {
    if (f.op == name) {
      params.push_back(f.value);
      return col + " " + sql + " ?";
    }
  }
  throw ApiError(400, "unknown filter operator '" + f.op + "'");
}

struct OrderTerm {
  std::string sql;
  bool nullable;  // only a sort column can hold NULL; key columns cannot
};

// Rows strictly after `cursor` in the order (terms..., all ascending or all descending),
// with SQLite's NULL placement (NULLs first ascending, last descending).
std::string keysetSql(const std::vector<OrderTerm>& terms, const std::vector<rt::Value>& cursor,
                      bool desc, std::vector<rt::Value>& params) {
  std::string out;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    std::string clause;
    std::vector<rt::Value> p;
    for (std::size_t j = 0; j < i; ++j) {  // every earlier term equal
      if (std::holds_alternative<std::monostate>(cursor[j])) {
        clause += terms[j].sql + " IS NULL AND ";
      } else {
        clause += terms[j].sql + " = ? AND ";
        p.push_back(cursor[j]);
      }
    }
    const std::string& e = terms[i].sql;
    if (std::holds_alternative<std::monostate>(cursor[i])) {
      if (desc) continue;  // nothing sorts after NULL when descending
      clause += e + " IS NOT NULL";
    } else if (desc) {
      clause += terms[i].nullable ? "(" + e + " < ? OR " + e + " IS NULL)" : e + " < ?";
      p.push_back(cursor[i]);
    } else {
      clause += e + " > ?";
      p.push_back(cursor[i]);
    }
    params.insert(params.end(), p.begin(), p.end());
    out += (out.empty() ? "(" : " OR (") + clause + ")";
  }
  return out.empty() ? "0" : out;
}

void handleTables(Context& ctx, const httplib::Request&, httplib::Response& res) {
  json tables = json::array();
  for (const std::string& name : listTables(*ctx.db, ctx.ignore())) {
    rt::ResultSet rs = ctx.db->query("SELECT count(*) FROM " + quoteIdent(name));
    tables.push_back({{"name", name}, {"rows", std::get<std::int64_t>(rs.rows[0][0])}});
  }
  sendJson(res, {{"tables", tables}, {"readOnly", ctx.readOnly}});
}

// The logical type of each column ("timestamp(s)", "int", ...), so that the page can show a
// timestamp as a date: the project schema's, when the studio has one that describes the column
// and compiles, else what introspection infers from the declared type (TIMESTAMP_S, ...).
std::vector<std::string> logicalTypes(const Context& ctx, const TableInfo& t) {
  std::optional<ir::Schema> schema;
  if (!ctx.options.schemaFiles.empty()) {
    try {
      schema = workflow::compileSchema(ctx.options.schemaFiles,
                                       [](workflow::LogLevel, const std::string&) {});
    } catch (const workflow::Error&) {
      // the mismatch view reports it; here the declared types serve
    }
  }
  const ir::Table* described = schema ? schema->findTable(t.name) : nullptr;
  std::vector<std::string> out;
  for (const ColumnInfo& c : t.columns) {
    const ir::Column* ic = described ? described->findColumn(c.name) : nullptr;
    out.push_back(ir::typeToString(ic ? ic->type : db::typeOfDeclared(c.type)));
  }
  return out;
}

void handleRows(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  TableInfo t = loadTable(*ctx.db, requireParam(req, "table"), ctx.ignore());
  int limit = 50;
  if (req.has_param("limit")) {
    const std::string text = req.get_param_value("limit");
    long long n = 0;
    bool digits = !text.empty() && text.size() <= 12 &&
                  text.find_first_not_of("0123456789") == std::string::npos;
    if (digits) n = std::stoll(text);
    if (!digits || n < 1 || n > kMaxPageSize) {
      throw ApiError(400, "page size 'limit' must be between 1 and " +
                              std::to_string(kMaxPageSize) + ", got '" + text + "'");
    }
    limit = static_cast<int>(n);
  }
  std::optional<std::string> sortColumn;
  if (req.has_param("sort")) sortColumn = requireColumn(t, req.get_param_value("sort")).name;
  bool desc = false;
  if (req.has_param("dir")) {
    std::string dir = req.get_param_value("dir");
    if (dir != "asc" && dir != "desc") throw ApiError(400, "'dir' must be asc or desc");
    desc = dir == "desc";
  }
  std::vector<Filter> filters = parseFilters(req, t);

  std::vector<OrderTerm> order;
  if (sortColumn) order.push_back({quoteIdent(*sortColumn), true});
  for (const std::string& k : t.keySql) order.push_back({k, false});

  std::string sql = "SELECT ";
  for (const std::string& k : t.keySql) sql += k + ", ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    sql += (i ? ", " : "") + quoteIdent(t.columns[i].name);
  }
  sql += " FROM " + quoteIdent(t.name);
  std::vector<rt::Value> params;
  std::vector<std::string> where;
  for (const Filter& f : filters) where.push_back(filterSql(f, params));
  if (req.has_param("after")) {
    json cursor = json::parse(req.get_param_value("after"), nullptr, false);
    if (cursor.is_discarded() || !cursor.is_array() || cursor.size() != order.size()) {
      throw ApiError(400, "parameter 'after' is not a cursor of this listing");
    }
    std::vector<rt::Value> values;
    for (const json& v : cursor) values.push_back(decodeValue(v, "cursor"));
    where.push_back(keysetSql(order, values, desc, params));
  }
  for (std::size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
  sql += " ORDER BY ";
  for (std::size_t i = 0; i < order.size(); ++i) {
    sql += (i ? ", " : "") + order[i].sql + (desc ? " DESC" : "");
  }
  sql += " LIMIT ?";
  params.push_back(std::int64_t{limit + 1});  // one more: is there a next page?

  rt::ResultSet rs = ctx.db->query(sql, params);
  const std::size_t keys = t.keySql.size();
  json rows = json::array();
  json next = nullptr;
  for (std::size_t r = 0; r < rs.rows.size() && r < static_cast<std::size_t>(limit); ++r) {
    const auto& row = rs.rows[r];
    json key = json::array(), cells = json::array();
    for (std::size_t i = 0; i < keys; ++i) key.push_back(encodeExact(row[i]));
    for (std::size_t i = keys; i < row.size(); ++i) cells.push_back(encodeCell(row[i]));
    rows.push_back({{"key", key}, {"cells", cells}});
  }
  if (rs.rows.size() > static_cast<std::size_t>(limit)) {
    const auto& last = rs.rows[static_cast<std::size_t>(limit) - 1];
    json cursor = json::array();
    if (sortColumn) {
      std::size_t idx = keys;
      for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (t.columns[i].name == *sortColumn) idx = keys + i;
      }
      cursor.push_back(encodeExact(last[idx]));
    }
    for (std::size_t i = 0; i < keys; ++i) cursor.push_back(encodeExact(last[i]));
    next = dumpJson(cursor);
  }
  json columns = json::array();
  std::vector<std::string> logical = logicalTypes(ctx, t);
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    const ColumnInfo& c = t.columns[i];
    columns.push_back({{"name", c.name},
                       {"type", c.type},
                       {"logicalType", logical[i]},
                       {"notNull", c.notNull},
                       {"pk", c.pk},
                       {"generated", c.hidden >= 2},
                       {"default", c.defaultSql ? json(*c.defaultSql) : json(nullptr)}});
  }
  sendJson(res, {{"table", t.name},
                 {"columns", columns},
                 {"key", t.keyNames},
                 {"rows", rows},
                 {"next", next},
                 {"readOnly", ctx.readOnly}});
}

void handleCell(Context& ctx, const httplib::Request& req, httplib::Response& res) {
  TableInfo t = loadTable(*ctx.db, requireParam(req, "table"), ctx.ignore());
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

void registerDataRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/tables",
           api(ctx, [&ctx](const auto& req, auto& res) { handleTables(ctx, req, res); }));
  http.Get("/api/rows",
           api(ctx, [&ctx](const auto& req, auto& res) { handleRows(ctx, req, res); }));
  http.Get("/api/cell",
           api(ctx, [&ctx](const auto& req, auto& res) { handleCell(ctx, req, res); }));
}

}  // namespace schemac::studio
