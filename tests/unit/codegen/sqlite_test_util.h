// Helpers for the SQLite lowering and introspection tests: real database files in a temp dir.
#pragma once

#include <memory>
#include <string>
#include <variant>

#include "runtime/temp_dir.h"
#include "schemac/rt/connection.h"

namespace schemac::testing {

// A fresh SQLite file database in its own temp directory (removed with the object).
struct TempDb {
  TempDir dir;
  std::string path = dir.file("test.db");
  std::unique_ptr<rt::Connection> conn = rt::open(path);
  rt::Connection& operator*() { return *conn; }
  rt::Connection* operator->() { return conn.get(); }
};

// The first column of the first row as text ("NULL" for NULL), for compact assertions.
inline std::string scalar(rt::Connection& c, const std::string& sql) {
  rt::ResultSet rs = c.query(sql);
  if (rs.rows.empty() || rs.rows[0].empty()) return "<no row>";
  const rt::Value& v = rs.rows[0][0];
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  return "<blob>";
}

}  // namespace schemac::testing
