#include "schemac/db/pull.h"

#include <optional>
#include <vector>

#include "inspect_internal.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/diag.h"
#include "schemac/parse.h"
#include "schemac/sema.h"

namespace schemac::db {
namespace {

// The SQLite schema that `.schema` text compiles to, or nullopt if it does not compile.
std::optional<std::string> compiledSql(const std::string& text) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId file = sm.addBuffer("pulled.schema", text);
  std::vector<ast::Module> modules;
  modules.push_back(parse(sm, file, diags));
  if (diags.hadErrors()) return std::nullopt;
  std::optional<ir::Schema> schema = sema::analyze(modules, diags);
  if (!schema || diags.hadErrors()) return std::nullopt;
  return codegen::sqlite::createSchemaScript(*schema);
}

}  // namespace

std::string pullSchemaText(rt::Connection& conn, const IgnoreList& ignore) {
  ir::Schema live = inspect(conn, nullptr, nullptr, ignore);
  std::string raw = renderSchemaText(live);
  std::string readable = renderSchemaText(recoverExpressions(live));
  if (readable == raw) return raw;
  // Each recovered expression lowers to the SQL it came from; this checks the file as a
  // whole (names resolve, types check) and keeps the all-raw text if anything differs.
  std::optional<std::string> want = compiledSql(raw);
  std::optional<std::string> got = compiledSql(readable);
  return got && want && detail::sameSql(*got, *want) ? readable : raw;
}

}  // namespace schemac::db
