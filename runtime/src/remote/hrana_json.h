// Hrana's JSON encoding of values and statement results (libSQL remote protocol): integers as
// decimal strings, floats as numbers, text, blobs as base64, null.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/rt/connection.h"

namespace schemac::rt::remote {

// Throws DbError for values the protocol cannot carry (NaN, infinities).
nlohmann::json encodeValue(const Value& v);
// Throws std::runtime_error with a short description of what is malformed.
Value decodeValue(const nlohmann::json& j);

// {"sql": ..., "args": [...], "want_rows": true}
nlohmann::json encodeStmt(std::string_view sql, std::span<const Value> params);
// An execute result (`StmtResult`) as a ResultSet. Throws std::runtime_error when malformed.
ResultSet decodeStmtResult(const nlohmann::json& j);

}  // namespace schemac::rt::remote
