// The mismatch view: GET /api/mismatch. Three schemas side by side -- the live database
// (introspected), what the applied migrations should have produced (the snapshot of the last
// applied migration) and the .schema files -- with the differences `status` (drift),
// `generate` (pending schema changes) and `push` report, computed by the same workflow
// functions those commands call, and push's SQL.
#include <algorithm>
#include <optional>
#include <string>

#include "http_util.h"
#include "routes.h"
#include "schemac/db/inspect.h"
#include "schemac/workflow/drift.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/generate.h"
#include "schemac/workflow/push.h"
#include "schemac/workflow/schema_input.h"
#include "schemac/workflow/status.h"

namespace schemac::studio {
namespace {

struct Side {
  std::optional<ir::Schema> schema;
  std::string label;  // where it comes from
  std::string note;   // why there is none / what went wrong
};

// The schema after the last applied migration (what `status` checks drift against), and the
// migrations not applied yet.
Side appliedSide(Context& ctx, std::optional<workflow::ExpectedSchema>* expected, json* pending) {
  Side side;
  const std::string& dirPath = ctx.options.migrationsDir;
  if (dirPath.empty()) {
    side.note = "no migrations directory given (--out or schemac.toml)";
    return side;
  }
  workflow::MigrationState state;
  try {
    state = workflow::readMigrationState(*ctx.db, dirPath);
  } catch (const workflow::Error& e) {
    side.note = e.what();
    return side;
  }
  for (const workflow::MigrationRow& row : state.rows) {
    if (row.state == workflow::MigrationRow::State::Pending) pending->push_back(row.tag);
  }
  if (state.applied == 0) {
    side.note = "no migration has been applied to this database";
    return side;
  }
  if (!state.lastApplied) {
    side.note = "the last applied migration (" + state.lastAppliedTag +
                ") is missing from the migrations directory";
    return side;
  }
  side.label = "after " + state.lastApplied->tag;
  try {
    *expected = workflow::loadExpectedSchema(migrations::snapshotPath(dirPath, *state.lastApplied),
                                             state.lastApplied->tag);
    side.schema = (*expected)->schema;
  } catch (const workflow::Error& e) {
    side.note = e.what();
  }
  return side;
}

Side filesSide(Context& ctx) {
  Side side;
  if (ctx.options.schemaFiles.empty()) {
    side.note = "no .schema files given (schemac.toml `schema` or arguments)";
    return side;
  }
  for (const std::string& f : ctx.options.schemaFiles) {
    side.label += (side.label.empty() ? "" : ", ") + f;
  }
  std::string diagnostics;
  try {
    side.schema = workflow::compileSchema(
        ctx.options.schemaFiles,
        [&diagnostics](workflow::LogLevel, const std::string& text) { diagnostics += text; });
  } catch (const workflow::Error&) {
    side.note = diagnostics;
  }
  return side;
}

json schemaJson(const ir::Schema& s) {
  json tables = json::array();
  for (const ir::Table& t : s.tables) {
    json columns = json::array();
    for (const ir::Column& c : t.columns) {
      bool pk = std::find(t.primaryKey.begin(), t.primaryKey.end(), c.name) != t.primaryKey.end();
      columns.push_back({{"name", c.name},
                         {"type", ir::typeToString(c.type)},
                         {"nullable", c.nullable},
                         {"pk", pk}});
    }
    json indexes = json::array();
    for (const ir::Index& ix : t.indexes) indexes.push_back(ix.name);
    tables.push_back({{"name", t.name}, {"columns", columns}, {"indexes", indexes}});
  }
  return {{"tables", tables}};
}

json sideJson(const Side& side, const std::optional<ir::Schema>& shown) {
  return {{"label", side.label},
          {"note", side.note},
          {"schema", shown ? schemaJson(*shown) : json(nullptr)}};
}

json summaryLines(const diff::Plan& plan) {
  json lines = json::array();
  for (const diff::Change& c : plan.changes) lines.push_back(diff::summaryLine(c));
  return lines;
}

// What `schemac generate` would write for the .schema files; null when it could not run (no
// migrations directory, an inconsistent one).
json generateJson(Context& ctx, const Side& files) {
  if (!files.schema || ctx.options.migrationsDir.empty()) return nullptr;
  try {
    workflow::GeneratePreview g =
        workflow::previewGenerate(ctx.options.migrationsDir, *files.schema);
    return {{"from", g.from}, {"changes", g.summary}};
  } catch (const std::exception&) {  // an inconsistent directory, a snapshot it cannot read
    return nullptr;
  }
}

void handleMismatch(Context& ctx, const httplib::Request&, httplib::Response& res) {
  std::optional<workflow::ExpectedSchema> expected;
  json pending = json::array();
  Side applied = appliedSide(ctx, &expected, &pending);
  Side files = filesSide(ctx);
  const ir::Schema* reference =
      files.schema ? &*files.schema : (applied.schema ? &*applied.schema : nullptr);
  ir::Schema live = db::inspect(*ctx.db, reference, nullptr, ctx.ignore());

  json out;
  out["database"] = ctx.db->displayUrl();
  out["live"] = {{"label", ctx.db->displayUrl()}, {"note", ""}, {"schema", schemaJson(live)}};
  // Shown as SQLite keeps them, so the three columns compare like for like.
  std::optional<ir::Schema> appliedShown, filesShown;
  if (applied.schema) appliedShown = db::normalizeForSqlite(*applied.schema, reference);
  if (files.schema) filesShown = db::normalizeForSqlite(*files.schema, reference);
  out["applied"] = sideJson(applied, appliedShown);
  out["files"] = sideJson(files, filesShown);
  out["pending"] = pending;
  out["drift"] =
      expected ? summaryLines(workflow::checkDrift(*ctx.db, *expected, ctx.ignore()).plan) : json();
  out["generate"] = generateJson(ctx, files);
  if (files.schema) {
    workflow::PushPreview push = workflow::previewPush(*ctx.db, *files.schema, ctx.ignore());
    out["push"] = {
        {"changes", push.summary}, {"warnings", push.warnings}, {"sql", push.plan.sql.statements}};
  } else {
    out["push"] = nullptr;
  }
  sendJson(res, out);
}

}  // namespace

void registerMismatchRoutes(httplib::Server& http, Context& ctx) {
  http.Get("/api/mismatch",
           api(ctx, [&ctx](const auto& req, auto& res) { handleMismatch(ctx, req, res); }));
}

}  // namespace schemac::studio
