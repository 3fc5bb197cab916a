// The live tables and columns, read for every request (so an outside ALTER TABLE shows at
// once). Every identifier a request names is looked up here first; SQL only ever contains
// identifiers that exist, quoted, and values bound as parameters.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "schemac/db/inspect.h"
#include "schemac/rt/connection.h"
#include "schemac/support/quote.h"

namespace schemac::studio {

struct ColumnInfo {
  std::string name;
  std::string type;  // as declared
  bool notNull = false;
  int pk = 0;      // position in the primary key, 1-based; 0: not part of it
  int hidden = 0;  // pragma table_xinfo: 2 virtual generated, 3 stored generated
  std::optional<std::string> defaultSql;
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;
  bool withoutRowid = false;
  // The row key: the rowid (under a name no column shadows) or the primary key columns of a
  // WITHOUT ROWID table. keySql: quoted SQL expressions, keyNames: for display.
  std::vector<std::string> keySql;
  std::vector<std::string> keyNames;

  const ColumnInfo* findColumn(const std::string& n) const;
};

// A foreign key: `columns` of `child` reference `refColumns` of `parent` (the parent's
// primary key filled in when the constraint names no columns).
struct ForeignKey {
  std::string child;
  std::vector<std::string> columns;
  std::string parent;
  std::vector<std::string> refColumns;
};

// The foreign keys of `table` (outgoing) / of every table that references `table` (incoming).
std::vector<ForeignKey> foreignKeysOf(rt::Connection& db, const std::string& table);
std::vector<ForeignKey> foreignKeysTo(rt::Connection& db, const std::string& table);

// "name" with embedded quotes doubled.
using support::quoteIdent;

// The table named exactly `name` (any but SQLite's own); throws ApiError 404 when there is
// none. Internal and ignored tables load too: reading them is allowed, writes are refused by
// protect.h.
TableInfo loadTable(rt::Connection& db, const std::string& name);
// The column named exactly `name`; throws ApiError 400 when the table has none.
const ColumnInfo& requireColumn(const TableInfo& t, const std::string& name);

// The WHERE clause selecting one row by its key ([v1, ...] as /api/rows returns it), its
// values appended to `params`. A key of the wrong shape is a 400.
std::string rowKeyWhere(const TableInfo& t, const nlohmann::json& key,
                        std::vector<rt::Value>& params);

}  // namespace schemac::studio
