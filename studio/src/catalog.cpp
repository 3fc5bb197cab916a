#include "catalog.h"

#include <algorithm>
#include <cctype>

#include "http_util.h"
#include "values.h"

namespace schemac::studio {
namespace {

bool sameNameIgnoringCase(const std::string& a, const std::string& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

}  // namespace

const ColumnInfo* TableInfo::findColumn(const std::string& n) const {
  for (const ColumnInfo& c : columns) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

TableInfo loadTable(rt::Connection& db, const std::string& name) {
  std::vector<rt::Value> param = {name};
  rt::ResultSet found = db.query(
      "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1 AND name NOT LIKE "
      "'sqlite\\_%' ESCAPE '\\'",
      param);
  if (found.rows.empty()) throw ApiError(404, "no table named '" + name + "'");
  TableInfo t;
  t.name = name;
  if (const auto* sql = std::get_if<std::string>(&found.rows[0][0])) {
    std::string upper;
    for (char c : *sql) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // "WITHOUT ROWID" can only be the table option: column definitions cannot contain it
    // outside a string, and a table whose text merely mentions it in a default falls back to
    // the pragma below.
    t.withoutRowid = upper.find("WITHOUT ROWID") != std::string::npos;
  }
  if (t.withoutRowid) {
    rt::ResultSet wr =
        db.query("SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1", param);
    if (!wr.rows.empty()) {
      if (const auto* v = std::get_if<std::int64_t>(&wr.rows[0][0])) t.withoutRowid = *v != 0;
    }
  }
  rt::ResultSet cols = db.query(
      "SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?1)", param);
  for (const auto& row : cols.rows) {
    ColumnInfo c;
    c.name = std::get<std::string>(row[0]);
    if (const auto* s = std::get_if<std::string>(&row[1])) c.type = *s;
    c.notNull = std::get<std::int64_t>(row[2]) != 0;
    if (const auto* s = std::get_if<std::string>(&row[3])) c.defaultSql = *s;
    c.pk = static_cast<int>(std::get<std::int64_t>(row[4]));
    c.hidden = static_cast<int>(std::get<std::int64_t>(row[5]));
    if (c.hidden == 1) continue;  // hidden columns of virtual tables
    t.columns.push_back(std::move(c));
  }
  if (t.withoutRowid) {
    std::vector<const ColumnInfo*> pk;
    for (const ColumnInfo& c : t.columns) {
      if (c.pk > 0) pk.push_back(&c);
    }
    std::sort(pk.begin(), pk.end(), [](auto* a, auto* b) { return a->pk < b->pk; });
    for (const ColumnInfo* c : pk) {
      t.keySql.push_back(quoteIdent(c->name));
      t.keyNames.push_back(c->name);
    }
  } else {
    for (const char* alias : {"rowid", "_rowid_", "oid"}) {
      bool shadowed = std::any_of(t.columns.begin(), t.columns.end(), [&](const ColumnInfo& c) {
        return sameNameIgnoringCase(c.name, alias);
      });
      if (!shadowed) {
        t.keySql.push_back(alias);
        t.keyNames.push_back(alias);
        break;
      }
    }
  }
  if (t.keySql.empty()) {
    throw ApiError(422, "table '" + name +
                            "' has no usable row key (its columns shadow rowid, "
                            "_rowid_ and oid)");
  }
  return t;
}

namespace {

std::vector<std::string> primaryKeyOf(rt::Connection& db, const std::string& table) {
  std::vector<rt::Value> p = {table};
  rt::ResultSet rs = db.query("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk", p);
  std::vector<std::string> out;
  for (const auto& row : rs.rows) out.push_back(std::get<std::string>(row[0]));
  return out;
}

// Rows of (child, id, parent, from, to) grouped by (child, id) into foreign keys.
std::vector<ForeignKey> groupForeignKeys(rt::Connection& db, const rt::ResultSet& rs) {
  std::vector<ForeignKey> out;
  std::string lastChild;
  std::int64_t lastId = -1;
  for (const auto& row : rs.rows) {
    const std::string& child = std::get<std::string>(row[0]);
    std::int64_t id = std::get<std::int64_t>(row[1]);
    if (out.empty() || child != lastChild || id != lastId) {
      out.push_back({child, {}, std::get<std::string>(row[2]), {}});
      lastChild = child;
      lastId = id;
    }
    out.back().columns.push_back(std::get<std::string>(row[3]));
    if (const auto* to = std::get_if<std::string>(&row[4])) out.back().refColumns.push_back(*to);
  }
  for (ForeignKey& fk : out) {
    if (fk.refColumns.empty()) fk.refColumns = primaryKeyOf(db, fk.parent);
  }
  return out;
}

}  // namespace

std::vector<ForeignKey> foreignKeysOf(rt::Connection& db, const std::string& table) {
  std::vector<rt::Value> p = {table};
  return groupForeignKeys(
      db, db.query("SELECT ?1, id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) "
                   "ORDER BY id, seq",
                   p));
}

std::vector<ForeignKey> foreignKeysTo(rt::Connection& db, const std::string& table) {
  std::vector<rt::Value> p = {table};
  rt::ResultSet rs = db.query(
      "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\" FROM sqlite_schema AS m, "
      "pragma_foreign_key_list(m.name) AS f WHERE m.type = 'table' AND f.\"table\" = ?1 "
      "COLLATE NOCASE ORDER BY m.name, f.id, f.seq",
      p);
  std::vector<ForeignKey> out = groupForeignKeys(db, rs);
  for (ForeignKey& fk : out) fk.parent = table;  // as the table is named, not as written
  return out;
}

const ColumnInfo& requireColumn(const TableInfo& t, const std::string& name) {
  const ColumnInfo* c = t.findColumn(name);
  if (!c) throw ApiError(400, "table '" + t.name + "' has no column named '" + name + "'");
  return *c;
}

// The key of a row in a request ([v1, ...] as /api/rows returned it) -> WHERE over params.
std::string rowKeyWhere(const TableInfo& t, const json& key, std::vector<rt::Value>& params) {
  if (!key.is_array() || key.size() != t.keySql.size()) {
    throw ApiError(400, "row key must be an array of " + std::to_string(t.keySql.size()) +
                            " value(s) (" + t.keyNames.front() +
                            (t.keySql.size() > 1 ? ", ..." : "") + ")");
  }
  std::string where;
  for (std::size_t i = 0; i < t.keySql.size(); ++i) {
    where += (i ? " AND " : "") + t.keySql[i] + " = ?";
    params.push_back(decodeValue(key[i], "row key"));
  }
  return where;
}

}  // namespace schemac::studio
