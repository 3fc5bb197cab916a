// The mismatch view: GET /api/mismatch. Three schemas side by side -- the live database
// (introspected), what the applied migrations should have produced (the snapshot of the last
// applied migration) and the .schema files -- with the differences as the change summaries
// `status` (drift), `generate` (pending schema changes) and `push` print, and push's SQL.
#include <fstream>
#include <sstream>

#include "http_util.h"
#include "routes.h"
#include "schemac/compile.h"
#include "schemac/db/inspect.h"
#include "schemac/db/push.h"
#include "schemac/diff.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/load.h"
#include "schemac/migrations/migrations.h"
#include "schemac/rt/migrator.h"

namespace schemac::studio {
namespace {

struct Side {
  std::optional<ir::Schema> schema;
  std::string label;  // where it comes from
  std::string note;   // why there is none / what went wrong
};

std::optional<ir::Schema> readSnapshot(const std::filesystem::path& file, std::string* error) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    *error = "cannot read snapshot '" + file.string() + "'";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  migrations::Snapshot snapshot;
  ir::Schema schema;
  std::string why;
  if (!migrations::parseSnapshot(text.str(), &snapshot, &why) ||
      !ir::fromJson(snapshot.schemaJson, &schema, &why)) {
    *error = "corrupt snapshot '" + file.string() + "': " + why;
    return std::nullopt;
  }
  return schema;
}

// The schema after the last applied migration, and the newest snapshot in the directory.
Side appliedSide(Context& ctx, Side* newest, json* pending) {
  Side side;
  const std::string& dirPath = ctx.options.migrationsDir;
  if (dirPath.empty()) {
    side.note = "no migrations directory given (--out or schemac.toml)";
    return side;
  }
  migrations::MigrationList dir;
  try {
    dir = migrations::loadMigrations(dirPath);
  } catch (const std::exception& e) {
    side.note = e.what();
    return side;
  }
  std::vector<rt::AppliedMigration> applied = rt::readAppliedMigrations(*ctx.db);
  for (const migrations::JournalEntry& e : dir.journal.entries) {
    bool done = std::any_of(applied.begin(), applied.end(),
                            [&](const rt::AppliedMigration& a) { return a.id == e.idx; });
    if (!done) pending->push_back(e.tag);
  }
  if (!dir.journal.entries.empty()) {
    const migrations::JournalEntry& last = dir.journal.entries.back();
    newest->label = "snapshot of " + last.tag;
    newest->schema = readSnapshot(migrations::snapshotPath(dirPath, last), &newest->note);
  }
  if (applied.empty()) {
    side.note = "no migration has been applied to this database";
    return side;
  }
  for (const migrations::JournalEntry& e : dir.journal.entries) {
    if (e.idx != applied.back().id) continue;
    side.label = "after " + e.tag;
    side.schema = readSnapshot(migrations::snapshotPath(dirPath, e), &side.note);
    return side;
  }
  side.note = "the last applied migration (" + applied.back().tag +
              ") is missing from the migrations directory";
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
  SourceManager sm;
  DiagEngine diags(sm);
  side.schema = compileFiles(ctx.options.schemaFiles, sm, diags);
  if (!side.schema) {
    std::ostringstream text;
    diags.print(text);
    side.note = text.str();
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

void handleMismatch(Context& ctx, const httplib::Request&, httplib::Response& res) {
  Side newest;
  json pending = json::array();
  Side applied = appliedSide(ctx, &newest, &pending);
  Side files = filesSide(ctx);
  const ir::Schema* reference =
      files.schema ? &*files.schema : (applied.schema ? &*applied.schema : nullptr);
  ir::Schema live = db::inspect(*ctx.db, reference);

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

  // status: from what the applied migrations produced to what is there.
  if (appliedShown) {
    out["drift"] = summaryLines(diff::diff(*appliedShown, live));
  } else {
    out["drift"] = nullptr;
  }
  // generate: from the newest snapshot to the .schema files.
  if (newest.schema && files.schema) {
    out["generate"] = {{"from", newest.label},
                       {"changes", summaryLines(diff::diff(*newest.schema, *files.schema))}};
  } else if (files.schema && newest.note.empty() && newest.label.empty()) {
    out["generate"] = {{"from", "an empty schema"},
                       {"changes", summaryLines(diff::diff(ir::Schema{}, *files.schema))}};
  } else {
    out["generate"] = nullptr;
  }
  // push: from the live database to the .schema files, with its SQL.
  if (files.schema) {
    db::PushPlan push = db::planPush(*ctx.db, *files.schema);
    out["push"] = {{"changes", summaryLines(push.plan)},
                   {"warnings", diff::warnings(push.plan)},
                   {"sql", push.sql.statements}};
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
