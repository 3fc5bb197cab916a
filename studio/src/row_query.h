// The SELECT behind a table listing: filters, sort and keyset paging, shared by /api/rows and
// the export (which streams the same view without a page limit).
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <vector>

#include "catalog.h"

namespace schemac::studio {

struct Filter {
  std::string column;
  std::string op;
  rt::Value value;
};

struct Listing {
  TableInfo table;
  std::optional<std::string> sortColumn;
  bool desc = false;
  std::vector<Filter> filters;
  // Extra expressions selected after the columns: the exact text of decimal columns.
  std::vector<std::string> extraSql;
  std::vector<int> decimalExtra;  // per column: its index in extraSql, -1 when none
  // One more condition (a row key), with its parameters.
  std::string where;
  std::vector<rt::Value> whereParams;
};

// A listing of the whole table `t` with the exact text of its decimal columns selected.
Listing listingOf(TableInfo t, const std::vector<bool>& decimal);
// Selects the exact text of the columns where `decimal` is true.
void addDecimalText(Listing& l, const std::vector<bool>& decimal);
// {key: [...], cells: [...]} of a row selectSql returned; a decimal cell is {"d": exact text}.
nlohmann::json encodeRow(const Listing& l, const std::vector<rt::Value>& row, bool full = false);

// table, sort, dir and filters from the request's parameters; ApiError 400 on bad ones.
Listing parseListing(rt::Connection& db, const httplib::Request& req);

struct SelectSql {
  std::string sql;
  std::vector<rt::Value> params;
};

// SELECT key..., columns..., extra... FROM table [WHERE filters AND after-cursor] ORDER BY
// (sort, key) [reversed] [LIMIT n]. `cursor`: rows strictly after it in the order walked.
// `reverse` walks the order backwards (the last page, or the page before a cursor).
SelectSql selectSql(const Listing& l, const std::vector<rt::Value>* cursor, bool reverse,
                    std::optional<int> limit);

// The number of order terms a cursor has: the sort column (if any) and the key columns.
std::size_t cursorSize(const Listing& l);
// The cursor of a row as selectSql returned it.
std::vector<rt::Value> cursorOf(const Listing& l, const std::vector<rt::Value>& row);
// A cursor from a request parameter (JSON array of values); ApiError 400 when malformed.
std::vector<rt::Value> parseCursor(const Listing& l, const std::string& text, const char* name);

// Whether an index (or the rowid / primary key) starts with `column`, so sorting by it is a
// b-tree walk rather than a sort of the whole table.
bool sortIndexed(rt::Connection& db, const TableInfo& t, const std::string& column);

}  // namespace schemac::studio
