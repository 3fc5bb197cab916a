#include "edits.h"

#include <cstdio>

#include "column_types.h"
#include "http_util.h"
#include "protect.h"
#include "schemac/support/ascii.h"
#include "values.h"

namespace schemac::studio {

using support::quoteString;

std::string sqlLiteral(const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    std::string s = buf;
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";  // stays a REAL
    return s;
  }
  if (const auto* s = std::get_if<std::string>(&v)) return quoteString(*s);
  static const char* hex = "0123456789ABCDEF";
  std::string out = "X'";
  for (std::uint8_t b : std::get<rt::Blob>(v).bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out + "'";
}

std::string inlineParams(const std::string& sql, const std::vector<rt::Value>& params) {
  std::string out;
  std::size_t next = 0;
  char quote = 0;  // inside "identifier" or 'string': a ? there is text
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
      out += c;
    } else if (c == '"' || c == '\'') {
      quote = c;
      out += c;
    } else if (c == '?' && next < params.size()) {
      out += sqlLiteral(params[next++]);
    } else {
      out += c;
    }
  }
  return out;
}

PlannedEdit planEdit(Context& ctx, const json& edit) {
  if (!edit.is_object()) throw ApiError(400, "each edit must be an object {op, table, ...}");
  PlannedEdit p;
  p.op = requireString(edit, "op");
  if (p.op != "update" && p.op != "insert" && p.op != "delete") {
    throw ApiError(400, "unknown edit op '" + p.op + "' (update, insert, delete)");
  }
  TableInfo t = loadTable(*ctx.db, requireString(edit, "table"));
  requireWritableTable(ctx, t.name);
  std::vector<LogicalColumn> logical = logicalColumns(ctx, t);
  std::vector<bool> decimal;
  for (const LogicalColumn& c : logical) decimal.push_back(isDecimal(c));
  p.listing = listingOf(t, decimal);
  const std::string table = quoteIdent(t.name);

  // The checked value of each named column, in table order (deterministic SQL).
  auto columnValues = [&](std::vector<std::string>& names) {
    std::vector<rt::Value> values;
    json given = edit.contains("values") ? edit["values"] : json::object();
    if (!given.is_object()) throw ApiError(400, "'values' must be an object {column: value}");
    for (auto it = given.begin(); it != given.end(); ++it) requireColumn(t, it.key());
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const ColumnInfo& c = t.columns[i];
      auto it = given.find(c.name);
      if (it == given.end()) continue;
      names.push_back(c.name);
      values.push_back(checkValue(t, c, logical[i], decodeValue(*it, "value of '" + c.name + "'")));
    }
    return values;
  };

  if (p.op == "insert") {
    std::vector<std::string> names;
    p.params = columnValues(names);
    std::string cols, marks;
    for (const std::string& n : names) {
      cols += (cols.empty() ? "" : ", ") + quoteIdent(n);
      marks += marks.empty() ? "?" : ", ?";
    }
    p.sql = "INSERT INTO " + table +
            (cols.empty() ? " DEFAULT VALUES" : " (" + cols + ") VALUES (" + marks + ")");
    return p;
  }
  if (!edit.contains("key")) throw ApiError(400, "missing field 'key'");
  p.keyWhere = rowKeyWhere(t, edit["key"], p.keyParams);
  if (p.op == "delete") {
    p.sql = "DELETE FROM " + table + " WHERE " + p.keyWhere;
    p.params = p.keyParams;
    return p;
  }
  std::vector<std::string> names;
  p.params = columnValues(names);
  if (names.empty()) throw ApiError(400, "an update needs 'values' with at least one column");
  std::string set;
  for (std::size_t i = 0; i < names.size(); ++i) {
    set += (i ? ", " : "") + quoteIdent(names[i]) + " = ?";
    const ColumnInfo* c = t.findColumn(names[i]);
    int pkColumns = 0;
    for (const ColumnInfo& k : t.columns) pkColumns += k.pk > 0;
    bool rowidAlias = !t.withoutRowid && c->pk == 1 && pkColumns == 1 &&
                      support::equalsIgnoreCase(c->type, "integer");
    if (t.keyNames.size() == 1 && (t.keyNames[0] == names[i] || rowidAlias)) p.newKey = p.params[i];
  }
  p.sql = "UPDATE " + table + " SET " + set + " WHERE " + p.keyWhere;
  p.params.insert(p.params.end(), p.keyParams.begin(), p.keyParams.end());
  return p;
}

std::int64_t runEdit(Context& ctx, const PlannedEdit& e, std::int64_t* lastRowid) {
  rt::ResultSet rs = ctx.db->query(e.sql, e.params);
  if (e.op != "insert" && rs.changes != 1) {
    throw ApiError(404,
                   "no row with this key in '" + e.listing.table.name + "' (deleted meanwhile?)");
  }
  if (lastRowid) *lastRowid = rs.lastInsertRowid;
  return rs.changes;
}

json reReadRow(Context& ctx, const PlannedEdit& e, std::int64_t lastRowid) {
  if (e.op == "delete") return nullptr;
  Listing l = e.listing;
  const TableInfo& t = l.table;
  auto read = [&](std::string where, std::vector<rt::Value> params) -> json {
    l.where = std::move(where);
    l.whereParams = std::move(params);
    SelectSql q = selectSql(l, nullptr, false, 1);
    rt::ResultSet rs = ctx.db->query(q.sql, q.params);
    return rs.rows.empty() ? json(nullptr) : encodeRow(l, rs.rows[0]);
  };
  if (e.op == "insert") {
    if (t.withoutRowid) return nullptr;
    return read(t.keySql[0] + " = ?", {rt::Value{lastRowid}});
  }
  json row = read(e.keyWhere, e.keyParams);
  // The key may have changed (an edited primary key): re-read by the new key when it did.
  if (row.is_null() && e.newKey) row = read(t.keySql[0] + " = ?", {*e.newKey});
  return row;
}

}  // namespace schemac::studio
