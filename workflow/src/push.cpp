#include "schemac/workflow/push.h"

#include <chrono>

#include "guard.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/adopt.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::workflow {

PushPreview previewPush(rt::Connection& db, const ir::Schema& schema,
                        const db::IgnoreList& ignore) {
  PushPreview preview;
  preview.database = db.displayUrl();
  preview.plan = guarded([&] { return db::planPush(db, schema, ignore); });
  for (const diff::Change& c : preview.plan.plan.changes) {
    preview.summary.push_back(diff::summaryLine(c));
  }
  preview.warnings = diff::warnings(preview.plan.plan);
  return preview;
}

PushResult push(const PushOptions& options) {
  ir::Schema schema = compileSchema(options.schemaFiles, options.log);
  refuseIgnoredTables(schema, options.ignore);
  std::unique_ptr<rt::Connection> db =
      openDatabase(options.database, /*mustExist=*/false, /*readOnly=*/false, options.log);
  refuseUnmanaged(*db, options.ignore);
  PushResult result;
  result.preview = previewPush(*db, schema, options.ignore);
  if (result.preview.plan.plan.empty()) return result;
  if (options.approve && !options.approve(result.preview)) {
    throw Error("push cancelled; the database was not changed");
  }
  auto start = std::chrono::steady_clock::now();
  // The marker goes in with the changes: a database push created is not "unmanaged" next time.
  db::PushPlan marked = result.preview.plan;
  marked.sql.statements.push_back(std::string(rt::kCreateMigrationsTable) + ";");
  runGuarded([&] { db::applyPush(*db, marked); });
  result.ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
  return result;
}

}  // namespace schemac::workflow
