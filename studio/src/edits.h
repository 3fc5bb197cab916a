// One change to a table's rows (update, insert or delete), checked and turned into one
// parameterised statement: shared by the single-change endpoints and the staged batch. The
// preview writes the same statement with its values as SQL literals.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "catalog.h"
#include "context.h"
#include "row_query.h"

namespace schemac::studio {

struct PlannedEdit {
  std::string op;   // "update", "insert", "delete"
  Listing listing;  // the table, with decimal text selected, for re-reading the row
  std::string sql;
  std::vector<rt::Value> params;
  // update / delete: the row's key condition and its values (for re-reading the row).
  std::string keyWhere;
  std::vector<rt::Value> keyParams;
  // update of a single-column key: the new key value, when the key itself was changed.
  std::optional<rt::Value> newKey;
};

// {op, table, key, values} checked against the live table and the column types: ApiError
// (400 bad input, 403 read-only / protected table, 409 NOT NULL) on a bad edit.
PlannedEdit planEdit(Context& ctx, const nlohmann::json& edit);

// Runs a planned edit on the main connection (inside the caller's transaction): the number of
// rows changed; an update or delete that finds no row is ApiError 404.
std::int64_t runEdit(Context& ctx, const PlannedEdit& e, std::int64_t* lastRowid = nullptr);

// The row after the edit, as /api/rows lists it (null when it is gone).
nlohmann::json reReadRow(Context& ctx, const PlannedEdit& e, std::int64_t lastRowid);

// `sql` with each ? parameter replaced by its value as an SQL literal ('text' with quotes
// doubled, X'hex', NULL, numbers).
std::string inlineParams(const std::string& sql, const std::vector<rt::Value>& params);
std::string sqlLiteral(const rt::Value& v);

}  // namespace schemac::studio
