// normalizeForSqlite: the IR that inspect() reads back from a database created from a schema.
// Every rule here mirrors one in inspect.cpp; the e2e suite checks the two agree on every
// schema of the repository.
#include <algorithm>
#include <set>

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

// SQL text as inspect() cuts it out of a statement: trimmed, without a trailing ';'.
std::string statementText(const std::string& sql) {
  std::string s = detail::trimSql(sql);
  while (!s.empty() && s.back() == ';') s = detail::trimSql(s.substr(0, s.size() - 1));
  return s;
}

}  // namespace

namespace detail {

ir::IndexColumn normalizedIndexPart(const ir::Schema& schema, const ir::Table& t,
                                    const ir::IndexColumn& c) {
  namespace sq = codegen::sqlite;
  if (!c.expr) return c;
  ir::IndexColumn out = c;
  using K = ir::ExprKind;
  if (c.expr->kind == K::Column) {
    out.column = c.expr->text;
    out.expr.reset();
    return out;
  }
  std::string sql = sq::renderExpr(schema, t, *c.expr);
  if (c.expr->kind != K::Call && c.expr->kind != K::Raw) sql = "(" + sql + ")";
  out.expr = raw(sql);
  return out;
}

}  // namespace detail

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
    nt.primaryKeyName = t.primaryKeyName;
    nt.withoutRowid = t.withoutRowid;
    nt.strict = t.strict;
    nt.foreignKeys = t.foreignKeys;
    // Checks the type implies but the declared type does not explain (a `bool sqltype
    // "integer"` keeps `IN (0, 1)`) read back as user checks, named as inspect() names them.
    std::set<std::string> taken;
    for (const ir::Check& c : t.checks) taken.insert(c.name);
    std::vector<ir::Check> leftover;
    for (const ir::Column& c : t.columns) {
      ir::Column nc;
      nc.name = c.name;
      std::vector<detail::ParsedCheck> implied;
      if (std::string check = sq::impliedCheck(schema, c); !check.empty())
        implied.push_back({"", detail::trimSql(check)});
      detail::InferredType inferred = detail::inferColumnType(sq::declaredType(c), c.name, implied);
      nc.type = inferred.type;
      nc.sqlType = inferred.sqlType;
      nc.unchecked = inferred.unchecked;
      for (const detail::ParsedCheck& k : implied) {
        std::string name = detail::uniqueName(t.name + "_" + c.name + "_check", taken);
        taken.insert(name);
        leftover.push_back({name, raw(k.sql), true});
      }
      nc.nullable = c.nullable;
      // The key columns of WITHOUT ROWID and STRICT tables are NOT NULL whatever was written.
      if ((t.withoutRowid || t.strict) &&
          std::find(t.primaryKey.begin(), t.primaryKey.end(), c.name) != t.primaryKey.end()) {
        nc.nullable = false;
      }
      nc.collation = c.collation;
      nc.autoincrement = c.autoincrement;
      nc.doc = c.doc;
      if (c.defaultValue) nc.defaultValue = raw(sq::renderExpr(schema, t, *c.defaultValue));
      if (c.generated) {
        nc.generated =
            ir::Generated{raw(sq::renderExpr(schema, t, c.generated->expr)), c.generated->stored};
      }
      if (inferred.enumValues) nc.type.enumName = namer.name(t.name, c.name, *inferred.enumValues);
      nt.columns.push_back(std::move(nc));
    }
    for (const ir::Index& ix : t.indexes) {
      ir::Index ni = ix;
      if (ix.where) ni.where = raw(sq::renderExpr(schema, t, *ix.where));
      for (ir::IndexColumn& c : ni.columns) c = detail::normalizedIndexPart(schema, t, c);
      nt.indexes.push_back(std::move(ni));
    }
    for (const ir::Check& c : t.checks)
      nt.checks.push_back({c.name, raw(sq::renderExpr(schema, t, c.expr)), c.unnamed});
    for (ir::Check& c : leftover) nt.checks.push_back(std::move(c));
    out.tables.push_back(std::move(nt));
  }
  out.enums = namer.enums();
  // Views, triggers and virtual tables: their SQL as the statement holds it; docs, written as
  // comments before CREATE, are not kept.
  for (const ir::View& v : schema.views) out.views.push_back({v.name, statementText(v.sql), ""});
  for (ir::Trigger tr : schema.triggers) {
    tr.when = detail::trimSql(tr.when);
    tr.body = statementText(tr.body);
    tr.doc.clear();
    out.triggers.push_back(std::move(tr));
  }
  for (ir::VirtualTable vt : schema.virtualTables) {
    vt.doc.clear();
    out.virtualTables.push_back(std::move(vt));
  }
  ir::canonicalize(out);
  return out;
}

}  // namespace schemac::db
