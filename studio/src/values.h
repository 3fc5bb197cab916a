// Database values in the API's JSON. Out: NULL -> null, INTEGER -> {"i":"42"} (a string:
// JavaScript numbers lose 64-bit integers), REAL -> {"r":"1.5"}, TEXT -> {"s":"..."}, BLOB ->
// {"b":"hex"}; cells may be shortened ("n": the full length in bytes) and JSON text carries
// "j": the pretty-printed document; a decimal column's cell is {"d":"12.50"} (its exact text).
// In: the same tagged forms, or plain JSON null / number / string / bool.
#pragma once

#include <nlohmann/json.hpp>

#include "schemac/rt/value.h"

namespace schemac::studio {

inline constexpr std::size_t kTextPreview = 200;  // bytes of text shown in a table cell
inline constexpr std::size_t kBlobPreview = 32;   // bytes of a blob shown as hex

// A cell for display: long text and blobs shortened unless `full`.
nlohmann::json encodeCell(const rt::Value& v, bool full = false);
// An exact value (row keys, cursors): never shortened.
nlohmann::json encodeExact(const rt::Value& v);
// A value from a request; throws ApiError (400) naming `what` when it is not one.
rt::Value decodeValue(const nlohmann::json& j, const std::string& what);

}  // namespace schemac::studio
