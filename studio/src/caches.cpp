#include "caches.h"

#include <filesystem>

#include "catalog.h"
#include "schemac/db/inspect.h"
#include "schemac/workflow/error.h"
#include "schemac/workflow/schema_input.h"

namespace schemac::studio {
namespace {

std::optional<std::int64_t> pragmaInt(rt::Connection& db, const char* sql) {
  try {
    rt::ResultSet rs = db.query(sql);
    if (!rs.rows.empty()) {
      if (const auto* v = std::get_if<std::int64_t>(&rs.rows[0][0])) return *v;
    }
  } catch (const rt::DbError&) {
    // a backend without the pragma: never cached (see checkVersions)
  }
  return std::nullopt;
}

// The first number of a sqlite_stat1 row is the table's row count when ANALYZE ran.
std::optional<std::int64_t> statEstimate(rt::Connection& db, const std::string& table) {
  std::vector<rt::Value> p = {table};
  rt::ResultSet rs = db.query("SELECT stat FROM sqlite_stat1 WHERE tbl = ?1 LIMIT 1", p);
  if (rs.rows.empty()) return std::nullopt;
  const auto* s = std::get_if<std::string>(&rs.rows[0][0]);
  if (!s || s->empty() || !std::isdigit(static_cast<unsigned char>((*s)[0]))) return std::nullopt;
  return std::stoll(*s);
}

}  // namespace

Caches& caches(Context& ctx) {
  if (!ctx.caches) ctx.caches = std::make_shared<Caches>();
  return *ctx.caches;
}

void Caches::checkVersions(Context& ctx) {
  std::optional<std::int64_t> schema = pragmaInt(*ctx.db, "PRAGMA schema_version");
  std::optional<std::int64_t> data = pragmaInt(*ctx.db, "PRAGMA data_version");
  if (!schema || !data) {  // cannot tell: nothing is kept
    dirty_ = true;
    schemaVersion_ = dataVersion_ = -1;
    return;
  }
  if (*schema != schemaVersion_ || *data != dataVersion_) dirty_ = true;
  schemaVersion_ = *schema;
  dataVersion_ = *data;
}

void Caches::changed() { dirty_ = true; }

TableEntry Caches::countRows(Context& ctx, TableEntry e) {
  auto known = exact_.find(e.name);
  if (known != exact_.end()) {
    e.rows = known->second;
    return e;
  }
  // Counting stops after kExactRows + 1 rows, so a big table costs what a small one does.
  rt::ResultSet rs = ctx.db->query("SELECT count(*) FROM (SELECT 1 FROM " + quoteIdent(e.name) +
                                   " LIMIT " + std::to_string(kExactRows + 1) + ")");
  std::int64_t n = std::get<std::int64_t>(rs.rows[0][0]);
  if (n <= kExactRows) {
    e.rows = n;
    exact_[e.name] = n;
    return e;
  }
  e.estimate = true;
  if (!ctx.db->query("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").rows.empty()) {
    e.rows = statEstimate(*ctx.db, e.name);
  }
  if (!e.rows && !e.isVirtual) {
    // The largest rowid: an upper bound (deleted rows leave gaps), found in one b-tree seek.
    try {
      TableInfo t = loadTable(*ctx.db, e.name);
      if (!t.withoutRowid) {
        rt::ResultSet m =
            ctx.db->query("SELECT max(" + t.keySql[0] + ") FROM " + quoteIdent(e.name));
        if (const auto* v = std::get_if<std::int64_t>(&m.rows[0][0])) e.rows = *v;
      }
    } catch (const std::exception&) {
      // no usable key: the count stays unknown
    }
  }
  if (e.rows && *e.rows < n) e.rows = n;  // never below what was seen
  return e;
}

const std::vector<TableEntry>& Caches::tables(Context& ctx) {
  checkVersions(ctx);
  if (!dirty_ && listed_) return tables_;
  exact_.clear();
  tables_.clear();
  rt::ResultSet rs = ctx.db->query(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\' ORDER BY name");
  std::vector<TableEntry> list;
  for (const auto& row : rs.rows) {
    TableEntry e;
    e.name = std::get<std::string>(row[0]);
    e.kind = tableKind(ctx, e.name);
    if (const auto* sql = std::get_if<std::string>(&row[1])) {
      e.isVirtual = sql->size() > 20 && sql->compare(0, 20, "CREATE VIRTUAL TABLE") == 0;
    }
    list.push_back(std::move(e));
  }
  for (TableEntry& e : list) e = countRows(ctx, std::move(e));
  tables_ = std::move(list);
  listed_ = true;
  dirty_ = false;
  return tables_;
}

const TableEntry* Caches::findTable(Context& ctx, const std::string& name) {
  for (const TableEntry& e : tables(ctx)) {
    if (e.name == name) return &e;
  }
  return nullptr;
}

std::int64_t Caches::exactCount(Context& ctx, const std::string& name) {
  tables(ctx);  // drops remembered counts when the data changed
  auto known = exact_.find(name);
  if (known != exact_.end()) return known->second;
  rt::ResultSet rs = ctx.db->query("SELECT count(*) FROM " + quoteIdent(name));
  std::int64_t n = std::get<std::int64_t>(rs.rows[0][0]);
  exact_[name] = n;
  for (TableEntry& e : tables_) {
    if (e.name == name) {
      e.rows = n;
      e.estimate = false;
    }
  }
  return n;
}

const ir::Schema* Caches::projectSchema(Context& ctx) {
  const auto& files = ctx.options.schemaFiles;
  if (files.empty()) return nullptr;
  // Recompiled only when a file changed (modification time and size).
  std::string stamp;
  for (const std::string& f : files) {
    std::error_code ec;
    auto time = std::filesystem::last_write_time(f, ec);
    auto size = std::filesystem::file_size(f, ec);
    stamp += f + '\0' + std::to_string(time.time_since_epoch().count()) + '\0' +
             std::to_string(ec ? 0 : size) + '\0';
  }
  if (!projectTried_ || stamp != projectStamp_) {
    projectTried_ = true;
    projectStamp_ = stamp;
    project_.reset();
    try {
      project_ = workflow::compileSchema(files, [](workflow::LogLevel, const std::string&) {});
    } catch (const workflow::Error&) {
      // the mismatch view reports it; the live schema's types serve here
    }
  }
  return project_ ? &*project_ : nullptr;
}

const ir::Schema* Caches::liveSchema(Context& ctx) {
  checkVersions(ctx);
  if (liveVersion_ != schemaVersion_ || schemaVersion_ < 0) {
    live_.reset();
    liveVersion_ = schemaVersion_;
    try {
      std::vector<db::Unrepresentable> skipped;  // what the IR cannot hold keeps declared types
      live_ = db::inspect(*ctx.db, nullptr, nullptr, {}, &skipped);
    } catch (const std::exception&) {
      // declared types serve
    }
  }
  return live_ ? &*live_ : nullptr;
}

}  // namespace schemac::studio
