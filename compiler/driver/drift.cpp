#include "drift.h"

#include <fmt/core.h>

#include <fstream>
#include <sstream>

#include "commands.h"
#include "schemac/db/inspect.h"
#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac::driver {

ExpectedSchema loadExpectedSchema(const std::filesystem::path& snapshotFile,
                                  const std::string& tag) {
  std::ifstream in(snapshotFile, std::ios::binary);
  if (!in) {
    throw CommandError("cannot check drift: cannot read the snapshot of " + tag + " ('" +
                       snapshotFile.string() + "')");
  }
  std::ostringstream text;
  text << in.rdbuf();
  migrations::Snapshot snapshot;
  std::string error;
  ExpectedSchema expected;
  expected.snapshotFile = snapshotFile;
  if (!migrations::parseSnapshot(text.str(), &snapshot, &error) ||
      !ir::fromJson(snapshot.schemaJson, &expected.schema, &error)) {
    throw CommandError("cannot check drift: corrupt snapshot '" + snapshotFile.string() +
                       "': " + error);
  }
  expected.normalized = db::normalizeForSqlite(expected.schema);
  return expected;
}

std::future<ExpectedSchema> loadExpectedSchemaAsync(const std::filesystem::path& snapshotFile,
                                                    const std::string& tag) {
  return std::async(std::launch::async, loadExpectedSchema, snapshotFile, tag);
}

bool reportDrift(rt::Connection& db, const ExpectedSchema& expected, const std::string& tag) {
  ir::Schema live;
  try {
    live = db::inspect(db, &expected.schema, &expected.normalized);
  } catch (const db::InspectError& e) {
    throw CommandError(std::string("cannot check drift: ") + e.what());
  } catch (const rt::DbError& e) {
    throw CommandError(e.what());
  }
  // From what the migrations should have produced to what is there: "+ column t.c" means the
  // database has a column the migrations never created.
  diff::Plan plan = diff::diff(expected.normalized, live);
  if (plan.empty()) {
    fmt::print("drift: none (the database matches the schema after {})\n", tag);
    return false;
  }
  fmt::print("drift: the database differs from the schema after {} ({} change{}):\n", tag,
             plan.changes.size(), plan.changes.size() == 1 ? "" : "s");
  for (const diff::Change& c : plan.changes) fmt::print("  {}\n", diff::summaryLine(c));
  return true;
}

}  // namespace schemac::driver
