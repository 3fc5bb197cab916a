#include "schemac/workflow/drift.h"

#include "schemac/db/inspect.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"
#include "schemac/support/input_file.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

ExpectedSchema loadExpectedSchema(const std::filesystem::path& snapshotFile,
                                  const std::string& tag) {
  std::string text, error;
  if (!support::readInputFile(snapshotFile.string(), &text, &error)) {
    throw Error("cannot check drift: cannot read the snapshot of " + tag + " (" + error + ")");
  }
  migrations::Snapshot snapshot;
  ExpectedSchema expected;
  expected.tag = tag;
  expected.snapshotFile = snapshotFile;
  if (!migrations::parseSnapshot(text, &snapshot, &error) ||
      !ir::fromJson(snapshot.schemaJson, &expected.schema, &error)) {
    throw Error("cannot check drift: corrupt snapshot '" + snapshotFile.string() + "': " + error);
  }
  expected.normalized = db::normalizeForSqlite(expected.schema);
  return expected;
}

std::future<ExpectedSchema> loadExpectedSchemaAsync(const std::filesystem::path& snapshotFile,
                                                    const std::string& tag) {
  return std::async(std::launch::async, loadExpectedSchema, snapshotFile, tag);
}

Drift checkDrift(rt::Connection& db, const ExpectedSchema& expected, const db::IgnoreList& ignore) {
  ir::Schema live;
  try {
    live = db::inspect(db, &expected.schema, &expected.normalized, ignore);
  } catch (const db::InspectError& e) {
    throw Error(std::string("cannot check drift: ") + e.what());
  } catch (const rt::DbError& e) {
    throw Error(e.what());
  }
  return {expected.tag, diff::diff(expected.normalized, live)};
}

}  // namespace schemac::workflow
