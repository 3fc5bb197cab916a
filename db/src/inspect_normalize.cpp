// normalizeForSqlite: the IR that inspect() reads back from a database created from a schema.
// Every rule here mirrors one in inspect.cpp; the e2e suite checks the two agree on every
// schema of the repository.
#include "inspect_internal.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"

namespace schemac::db {
namespace {

ir::Expr raw(std::string sql) {
  ir::Expr e;
  e.kind = ir::ExprKind::Raw;
  e.text = detail::trimSql(sql);
  return e;
}

}  // namespace

ir::Schema normalizeForSqlite(const ir::Schema& schema) {
  return normalizeForSqlite(schema, &schema);
}

ir::Schema normalizeForSqlite(const ir::Schema& input, const ir::Schema* reference) {
  namespace sq = codegen::sqlite;
  ir::Schema schema = input;
  ir::canonicalize(schema);  // inspect() reads tables in name order; enum naming depends on it
  ir::Schema out;
  detail::EnumNamer namer(reference);
  for (const ir::Table& t : schema.tables) {
    ir::Table nt;
    nt.name = t.name;  // table doc: written before CREATE TABLE, which SQLite does not keep
    nt.primaryKey = t.primaryKey;
    nt.foreignKeys = t.foreignKeys;
    for (const ir::Column& c : t.columns) {
      ir::Column nc;
      nc.name = c.name;
      nc.type = c.type;
      nc.nullable = c.nullable;
      nc.autoincrement = c.autoincrement;
      nc.doc = c.doc;
      if (c.defaultValue) nc.defaultValue = raw(sq::renderExpr(schema, t, *c.defaultValue));
      if (c.generated) {
        nc.generated =
            ir::Generated{raw(sq::renderExpr(schema, t, c.generated->expr)), c.generated->stored};
      }
      if (c.type.kind == ir::TypeKind::Enum) {
        const ir::Enum* e = schema.findEnum(c.type.enumName);
        std::vector<std::string> values =
            e ? detail::enumValueNames(*e) : std::vector<std::string>{};
        nc.type.enumName = namer.name(t.name, c.name, values);
      }
      nt.columns.push_back(std::move(nc));
    }
    for (const ir::Index& ix : t.indexes) {
      ir::Index ni = ix;
      if (ix.where) ni.where = raw(sq::renderExpr(schema, t, *ix.where));
      nt.indexes.push_back(std::move(ni));
    }
    for (const ir::Check& c : t.checks)
      nt.checks.push_back({c.name, raw(sq::renderExpr(schema, t, c.expr))});
    out.tables.push_back(std::move(nt));
  }
  out.enums = namer.enums();
  ir::canonicalize(out);
  return out;
}

}  // namespace schemac::db
