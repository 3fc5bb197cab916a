// SQLite's documented 12-step table rebuild (https://sqlite.org/lang_altertable.html#otheralter)
// as migration statements. Steps 1-2 and 10-12 (foreign_keys off, BEGIN, foreign_key_check,
// COMMIT, foreign_keys on) belong to whoever applies the migration: PRAGMA foreign_keys is a
// no-op inside a transaction. Here:
//   CREATE TABLE "__new_t" (...)                  the new shape
//   INSERT INTO "__new_t" (cols) SELECT ... FROM "t"   rows carried through renames (already
//                                                 applied), CAST on a storage change, CASE
//                                                 for renamed enum values, COALESCE(col,
//                                                 default) for a column becoming NOT NULL
//   sqlite_sequence carried over (AUTOINCREMENT keeps its high-water mark)
//   DROP TABLE "t"; ALTER TABLE "__new_t" RENAME TO "t"
//   CREATE INDEX ... (every index of the new shape; UNIQUE constraints are in CREATE TABLE)
// The views and triggers that hang on the table are dropped and re-created around all the
// rebuilds of a migration by lower_plan.cpp.
#include "sqlite_migrate/rebuild.h"

#include <algorithm>
#include <cctype>

#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::codegen::sqlite {
namespace {

bool exprUsesColumn(const ir::Expr& e, const std::string& col) {
  if (e.kind == ir::ExprKind::Column && e.text == col) return true;
  return std::any_of(e.args.begin(), e.args.end(),
                     [&](const ir::Expr& a) { return exprUsesColumn(a, col); });
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// A timestamp value from one unit to another, keeping its instant (NULL stays NULL). Text is
// ISO-8601 UTC ('YYYY-MM-DD HH:MM:SS[.SSS]'); text that is no date becomes NULL.
std::string convertTimestamp(const std::string& e, ir::TimeUnit from, ir::TimeUnit to) {
  using U = ir::TimeUnit;
  if (from == U::Millis && to == U::Seconds) return e + " / 1000";
  if (from == U::Seconds && to == U::Millis) return e + " * 1000";
  if (from == U::Seconds) return "datetime(" + e + ", 'unixepoch')";
  if (from == U::Millis) return "strftime('%Y-%m-%d %H:%M:%f', " + e + " / 1000.0, 'unixepoch')";
  std::string ms = "CAST(round((julianday(" + e + ") - 2440587.5) * 86400000) AS INTEGER)";
  return to == U::Millis ? ms : ms + " / 1000";
}

}  // namespace

bool canAddInPlace(const ir::Schema& schema, const ir::Table& table, const ir::Column& c) {
  if (contains(table.primaryKey, c.name) || c.generated || c.autoincrement) return false;
  // ADD COLUMN refuses CURRENT_* and parenthesised defaults: only plain literals (which is
  // also how columnDefinition() writes them, unparenthesised).
  if (c.defaultValue) {
    if (c.defaultValue->kind == ir::ExprKind::Null) return c.nullable;
    return isPlainLiteral(renderExpr(schema, table, *c.defaultValue));
  }
  return c.nullable;
}

bool canDropInPlace(const ir::Schema& schema, const ir::Table& table, const ir::Column& c) {
  // The type-implied CHECK is a column constraint of `c` itself, which DROP COLUMN accepts.
  if (contains(table.primaryKey, c.name) || c.generated) return false;
  for (const ir::Check& ck : table.checks) {
    if (exprUsesColumn(ck.expr, c.name)) return false;
  }
  for (const ir::ForeignKey& fk : table.foreignKeys) {
    if (contains(fk.columns, c.name)) return false;
  }
  for (const ir::Column& other : table.columns) {
    if (other.generated && exprUsesColumn(other.generated->expr, c.name)) return false;
  }
  for (const ir::Table& t : schema.tables) {
    for (const ir::ForeignKey& fk : t.foreignKeys) {
      if (fk.refTable == table.name && contains(fk.refColumns, c.name)) return false;
    }
  }
  return true;
}

std::string affinity(const ir::Column& c) {
  std::string d = declaredType(c);
  for (char& ch : d) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  auto has = [&](const char* s) { return d.find(s) != std::string::npos; };
  if (has("INT")) return "INTEGER";
  if (has("CHAR") || has("CLOB") || has("TEXT")) return "TEXT";
  if (has("BLOB") || d.empty()) return "BLOB";
  if (has("REAL") || has("FLOA") || has("DOUB")) return "REAL";
  return "NUMERIC";
}

std::string addColumnDefinition(const ir::Schema& schema, const ir::Table& table,
                                const ir::Column& c) {
  return columnDefinition(schema, table, c);
}

std::vector<std::string> rebuildTable(const ir::Schema& schema, const ir::Table& prev,
                                      const ir::Table& next, const diff::Renames& renames) {
  const std::string tmp = "__new_" + next.name;
  std::vector<std::string> out;
  out.push_back(createTable(schema, next, tmp));

  std::string cols, exprs;
  for (const ir::Column& c : next.columns) {
    if (c.generated) continue;  // computed by the new table
    const ir::Column* p = prev.findColumn(c.name);
    if (!p) continue;  // new column: its default (or NULL) applies
    std::string e = quoteIdent(c.name);
    if (c.type.kind == ir::TypeKind::Enum && p->type == c.type) {
      auto it = renames.enumValues.find(c.type.enumName);
      if (it != renames.enumValues.end()) {
        std::string cases;
        for (const auto& [o, n] : it->second) {
          cases += " WHEN " + quoteString(o) + " THEN " + quoteString(n);
        }
        e = "CASE " + e + cases + " ELSE " + e + " END";
      }
    }
    // A storage change converts with CAST, except into NUMERIC affinity, whose own
    // conversion on insert is lossless (CAST AS NUMERIC would read '12ab' as 12).
    std::string target = affinity(c);
    // A timestamp that changes unit keeps its instant (NULL stays NULL); seconds from
    // milliseconds round toward zero, as SQLite's integer division does.
    if (c.type.kind == ir::TypeKind::Timestamp && p->type.kind == ir::TypeKind::Timestamp &&
        c.type.unit != p->type.unit) {
      e = convertTimestamp(e, p->type.unit, c.type.unit);
    } else if (affinity(*p) != target && target != "NUMERIC") {
      e = "CAST(" + e + " AS " + target + ")";
    }
    if (!c.nullable && p->nullable && c.defaultValue) {
      e = "COALESCE(" + e + ", " + renderExpr(schema, next, *c.defaultValue) + ")";
    }
    if (!cols.empty()) {
      cols += ", ";
      exprs += ", ";
    }
    cols += quoteIdent(c.name);
    exprs += e;
  }
  if (!cols.empty()) {
    Printer p;
    p.emit({{"tmp", quoteIdent(tmp)},
            {"cols", cols},
            {"exprs", exprs},
            {"table", quoteIdent(next.name)}},
           "INSERT INTO $tmp$ ($cols$)\nSELECT $exprs$ FROM $table$;");
    out.push_back(p.take());
  }

  auto autoinc = [](const ir::Table& t) {
    return std::any_of(t.columns.begin(), t.columns.end(),
                       [](const ir::Column& c) { return c.autoincrement; });
  };
  if (autoinc(prev) && autoinc(next)) {
    // The copy set the new sequence to max(id); the old one may be higher (deleted rows). An
    // UPDATE, or an INSERT when the copy made no row, not DELETE + INSERT: tursodb refuses
    // DELETE on sqlite_sequence.
    Printer p;
    const std::string tmpName = quoteString(tmp), oldName = quoteString(next.name);
    Printer::Vars vars = {{"tmp", tmpName}, {"old", oldName}};
    p.emit(vars,
           "UPDATE \"sqlite_sequence\" SET \"seq\" = "
           "(SELECT \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = $old$)\n"
           "WHERE \"name\" = $tmp$ "
           "AND EXISTS (SELECT 1 FROM \"sqlite_sequence\" WHERE \"name\" = $old$);");
    out.push_back(p.take());
    p.emit(vars,
           "INSERT INTO \"sqlite_sequence\" (\"name\", \"seq\")\n"
           "SELECT $tmp$, \"seq\" FROM \"sqlite_sequence\" WHERE \"name\" = $old$\n"
           "AND NOT EXISTS (SELECT 1 FROM \"sqlite_sequence\" WHERE \"name\" = $tmp$);");
    out.push_back(p.take());
  }
  out.push_back("DROP TABLE " + quoteIdent(next.name) + ";");
  out.push_back("ALTER TABLE " + quoteIdent(tmp) + " RENAME TO " + quoteIdent(next.name) + ";");
  // UNIQUE constraints came with CREATE TABLE.
  for (const ir::Index& ix : next.indexes) {
    if (!ix.constraint) out.push_back(createIndex(schema, next, ix));
  }
  return out;
}

}  // namespace schemac::codegen::sqlite
