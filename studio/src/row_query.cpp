#include "row_query.h"

#include <algorithm>
#include <cctype>

#include "http_util.h"
#include "values.h"

namespace schemac::studio {
namespace {

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

std::vector<OrderTerm> orderTerms(const Listing& l) {
  std::vector<OrderTerm> order;
  if (l.sortColumn) order.push_back({quoteIdent(*l.sortColumn), true});
  for (const std::string& k : l.table.keySql) order.push_back({k, false});
  return order;
}

// Rows strictly after `cursor` in the order (terms..., all ascending or all descending),
// with SQLite's NULL placement (NULLs first ascending, last descending). Walking an ascending
// order backwards is exactly SQLite's descending order, so `desc` also serves reversed walks.
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

}  // namespace

Listing parseListing(rt::Connection& db, const httplib::Request& req) {
  Listing l;
  l.table = loadTable(db, requireParam(req, "table"));
  if (req.has_param("sort"))
    l.sortColumn = requireColumn(l.table, req.get_param_value("sort")).name;
  if (req.has_param("dir")) {
    std::string dir = req.get_param_value("dir");
    if (dir != "asc" && dir != "desc") throw ApiError(400, "'dir' must be asc or desc");
    l.desc = dir == "desc";
  }
  l.filters = parseFilters(req, l.table);
  return l;
}

SelectSql selectSql(const Listing& l, const std::vector<rt::Value>* cursor, bool reverse,
                    std::optional<int> limit) {
  const TableInfo& t = l.table;
  SelectSql out;
  out.sql = "SELECT ";
  for (const std::string& k : t.keySql) out.sql += k + ", ";
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    out.sql += (i ? ", " : "") + quoteIdent(t.columns[i].name);
  }
  for (const std::string& e : l.extraSql) out.sql += ", " + e;
  out.sql += " FROM " + quoteIdent(t.name);
  std::vector<OrderTerm> order = orderTerms(l);
  bool desc = l.desc != reverse;
  std::vector<std::string> where;
  if (!l.where.empty()) {
    where.push_back("(" + l.where + ")");
    out.params.insert(out.params.end(), l.whereParams.begin(), l.whereParams.end());
  }
  for (const Filter& f : l.filters) where.push_back(filterSql(f, out.params));
  if (cursor) where.push_back(keysetSql(order, *cursor, desc, out.params));
  for (std::size_t i = 0; i < where.size(); ++i) out.sql += (i ? " AND " : " WHERE ") + where[i];
  out.sql += " ORDER BY ";
  for (std::size_t i = 0; i < order.size(); ++i) {
    out.sql += (i ? ", " : "") + order[i].sql + (desc ? " DESC" : "");
  }
  if (limit) {
    out.sql += " LIMIT ?";
    out.params.push_back(std::int64_t{*limit});
  }
  return out;
}

Listing listingOf(TableInfo t, const std::vector<bool>& decimal) {
  Listing l;
  l.table = std::move(t);
  addDecimalText(l, decimal);
  return l;
}

void addDecimalText(Listing& l, const std::vector<bool>& decimal) {
  l.decimalExtra.assign(l.table.columns.size(), -1);
  for (std::size_t i = 0; i < l.table.columns.size() && i < decimal.size(); ++i) {
    if (!decimal[i]) continue;
    // SQLite's own text of a stored number (15 significant digits, what the sqlite3 shell
    // prints), or the stored text itself: never our double formatting.
    l.decimalExtra[i] = static_cast<int>(l.extraSql.size());
    l.extraSql.push_back("CAST(" + quoteIdent(l.table.columns[i].name) + " AS TEXT)");
  }
}

json encodeRow(const Listing& l, const std::vector<rt::Value>& row, bool full) {
  const std::size_t keys = l.table.keySql.size();
  const std::size_t extras = keys + l.table.columns.size();
  json key = json::array(), cells = json::array();
  for (std::size_t i = 0; i < keys; ++i) key.push_back(encodeExact(row[i]));
  for (std::size_t i = 0; i < l.table.columns.size(); ++i) {
    const rt::Value& v = row[keys + i];
    int extra = i < l.decimalExtra.size() ? l.decimalExtra[i] : -1;
    bool number = std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v) ||
                  std::holds_alternative<std::string>(v);
    const auto* text =
        extra >= 0 ? std::get_if<std::string>(&row[extras + static_cast<std::size_t>(extra)])
                   : nullptr;
    if (number && text) {
      cells.push_back(json{{"d", *text}});
    } else {
      cells.push_back(encodeCell(v, full));
    }
  }
  return {{"key", key}, {"cells", cells}};
}

std::size_t cursorSize(const Listing& l) { return l.table.keySql.size() + (l.sortColumn ? 1 : 0); }

std::vector<rt::Value> cursorOf(const Listing& l, const std::vector<rt::Value>& row) {
  const std::size_t keys = l.table.keySql.size();
  std::vector<rt::Value> cursor;
  if (l.sortColumn) {
    for (std::size_t i = 0; i < l.table.columns.size(); ++i) {
      if (l.table.columns[i].name == *l.sortColumn) cursor.push_back(row[keys + i]);
    }
  }
  for (std::size_t i = 0; i < keys; ++i) cursor.push_back(row[i]);
  return cursor;
}

std::vector<rt::Value> parseCursor(const Listing& l, const std::string& text, const char* name) {
  json cursor = json::parse(text, nullptr, false);
  if (cursor.is_discarded() || !cursor.is_array() || cursor.size() != cursorSize(l)) {
    throw ApiError(400, std::string("parameter '") + name + "' is not a cursor of this listing");
  }
  std::vector<rt::Value> values;
  for (const json& v : cursor) values.push_back(decodeValue(v, "cursor"));
  return values;
}

bool sortIndexed(rt::Connection& db, const TableInfo& t, const std::string& column) {
  const ColumnInfo* c = t.findColumn(column);
  if (!t.withoutRowid && c && c->pk == 1) {
    std::string type;
    for (char ch : c->type) type += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    int pkColumns = 0;
    for (const ColumnInfo& k : t.columns) pkColumns += k.pk > 0;
    if (type == "INTEGER" && pkColumns == 1) return true;  // the rowid itself
  }
  std::vector<rt::Value> p = {t.name, column};
  return !db.query(
                "SELECT 1 FROM pragma_index_list(?1) AS il, pragma_index_info(il.name) AS ii "
                "WHERE il.partial = 0 AND ii.seqno = 0 AND ii.name = ?2 LIMIT 1",
                p)
              .rows.empty();
}

}  // namespace schemac::studio
