// The IR of a table as drizzle-kit makes it (a seconds timestamp declared `integer`, a
// `TIMESTAMP_S` column schemac made, a milliseconds one) for the C++ timestamp tests.
// seconds_test_schema.h is `generateHeader` of it; cpp_seconds_test.cpp checks it is up to date
// (SCHEMAC_UPDATE_GOLDENS=1 rewrites it) and reads and writes through it.
#pragma once

#include <string>

#include "schemac/ir.h"

namespace schemac::testing {

inline ir::Schema secondsTestSchema() {
  auto ts = [](std::string name, ir::TimeUnit unit, bool nullable) {
    ir::Column c;
    c.name = std::move(name);
    c.type.kind = ir::TypeKind::Timestamp;
    c.type.unit = unit;
    c.nullable = nullable;
    return c;
  };
  ir::Schema s;
  s.ns = "st.db";
  ir::Table t;
  t.name = "events";
  ir::Column id;
  id.name = "id";
  id.type.kind = ir::TypeKind::Int;
  ir::Column created = ts("created_at", ir::TimeUnit::Seconds, false);
  created.sqlType = "integer";  // Drizzle's integer({ mode: 'timestamp' })
  created.defaultValue = ir::Expr{ir::ExprKind::Now, "timestamp_s", {}, false};
  ir::Column seen = ts("seen_at", ir::TimeUnit::Seconds, true);
  ir::Column ms = ts("at_ms", ir::TimeUnit::Millis, true);
  ms.sqlType = "integer";  // Drizzle's integer({ mode: 'timestamp_ms' })
  t.columns = {id, created, seen, ms};
  t.primaryKey = {"id"};
  s.tables.push_back(t);
  return s;
}

}  // namespace schemac::testing
