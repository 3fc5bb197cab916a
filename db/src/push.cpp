#include "schemac/db/push.h"

#include "schemac/db/inspect.h"
#include "schemac/rt/migrator.h"

namespace schemac::db {

PushPlan planPush(rt::Connection& conn, const ir::Schema& desired, const IgnoreList& ignore) {
  PushPlan p;
  p.target = normalizeForSqlite(desired);
  p.live = inspect(conn, &desired, &p.target, ignore);
  p.plan = diff::diff(p.live, p.target);
  p.sql = codegen::sqlite::lowerPlan(p.live, p.target, p.plan);
  return p;
}

void applyPush(rt::Connection& conn, const PushPlan& plan) {
  rt::applyInTransaction(conn, plan.sql.statements, plan.sql.rebuildsTables(), "push");
}

}  // namespace schemac::db
