#include "remote/hrana_json.h"

#include <array>
#include <cmath>
#include <stdexcept>

#include "schemac/support/base64.h"

namespace schemac::rt::remote {
namespace {

std::int64_t parseInteger(const std::string& s) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(s, &used, 10);
  } catch (const std::exception&) {
    throw std::runtime_error("integer value '" + s + "' is not a 64-bit integer");
  }
  if (used != s.size()) throw std::runtime_error("integer value '" + s + "' is not an integer");
  return v;
}

}  // namespace

nlohmann::json encodeValue(const Value& v) {
  using nlohmann::json;
  if (std::holds_alternative<std::monostate>(v)) return json{{"type", "null"}};
  if (auto i = std::get_if<std::int64_t>(&v)) {
    return json{{"type", "integer"}, {"value", std::to_string(*i)}};
  }
  if (auto d = std::get_if<double>(&v)) {
    if (!std::isfinite(*d)) {
      throw DbError(
          "cannot send a NaN or infinite float to a remote database (JSON has no "
          "such numbers)",
          "");
    }
    return json{{"type", "float"}, {"value", *d}};
  }
  if (auto s = std::get_if<std::string>(&v)) return json{{"type", "text"}, {"value", *s}};
  return json{{"type", "blob"}, {"base64", support::base64Encode(std::get<Blob>(v).bytes)}};
}

Value decodeValue(const nlohmann::json& j) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    throw std::runtime_error("a value has no type");
  }
  const std::string& type = j["type"].get_ref<const std::string&>();
  if (type == "null") return std::monostate{};
  if (type == "integer") {
    const auto& v = j.at("value");
    if (v.is_string()) return parseInteger(v.get<std::string>());
    if (v.is_number_integer()) return v.get<std::int64_t>();
    throw std::runtime_error("an integer value is neither a string nor an integer");
  }
  if (type == "float") {
    const auto& v = j.at("value");
    if (!v.is_number()) throw std::runtime_error("a float value is not a number");
    return v.get<double>();
  }
  if (type == "text") {
    const auto& v = j.at("value");
    if (!v.is_string()) throw std::runtime_error("a text value is not a string");
    return v.get<std::string>();
  }
  if (type == "blob") {
    const auto& v = j.at("base64");
    if (!v.is_string()) throw std::runtime_error("a blob value is not a base64 string");
    Blob b;
    if (!support::base64Decode(v.get_ref<const std::string&>(), &b.bytes)) {
      throw std::runtime_error("a blob value is not valid base64");
    }
    return b;
  }
  throw std::runtime_error("unknown value type '" + type + "'");
}

nlohmann::json encodeStmt(std::string_view sql, std::span<const Value> params) {
  nlohmann::json stmt{{"sql", std::string(sql)}, {"want_rows", true}};
  if (!params.empty()) {
    nlohmann::json args = nlohmann::json::array();
    for (const Value& v : params) args.push_back(encodeValue(v));
    stmt["args"] = std::move(args);
  }
  return stmt;
}

ResultSet decodeStmtResult(const nlohmann::json& j) {
  if (!j.is_object()) throw std::runtime_error("a statement result is not an object");
  ResultSet rs;
  const auto& cols = j.at("cols");
  const auto& rows = j.at("rows");
  if (!cols.is_array() || !rows.is_array()) {
    throw std::runtime_error("a statement result has no cols/rows arrays");
  }
  for (const auto& c : cols) {
    rs.columns.push_back(c.contains("name") && c["name"].is_string() ? c["name"].get<std::string>()
                                                                     : std::string());
  }
  rs.rows.reserve(rows.size());
  for (const auto& r : rows) {
    if (!r.is_array() || r.size() != cols.size()) {
      throw std::runtime_error("a row does not have one value per column");
    }
    std::vector<Value> row;
    row.reserve(r.size());
    for (const auto& v : r) row.push_back(decodeValue(v));
    rs.rows.push_back(std::move(row));
  }
  if (auto it = j.find("affected_row_count"); it != j.end() && it->is_number_integer()) {
    rs.changes = it->get<std::int64_t>();
  }
  if (auto it = j.find("last_insert_rowid"); it != j.end()) {
    if (it->is_string()) {
      rs.lastInsertRowid = parseInteger(it->get<std::string>());
    } else if (it->is_number_integer()) {
      rs.lastInsertRowid = it->get<std::int64_t>();
    }
  }
  return rs;
}

}  // namespace schemac::rt::remote
