// CREATE TABLE and CREATE INDEX for one table. The layout is part of the contract with
// introspection (db/src/inspect*.cpp): column docs are `-- ` lines inside the statement right
// before their column (SQLite keeps them in sqlite_schema), type-implied checks are unnamed
// column constraints, user checks and foreign keys are table constraints (named unless the IR
// says `unnamed`), UNIQUE constraints are table constraints too (`UNIQUE ("a")`, never a
// column's `UNIQUE`), COLLATE follows NOT NULL.
#include <algorithm>
#include <cctype>
#include <string>

#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::codegen::sqlite {
namespace {

const char* actionSql(ir::FkAction a) {
  switch (a) {
    case ir::FkAction::NoAction:
      return "NO ACTION";
    case ir::FkAction::Restrict:
      return "RESTRICT";
    case ir::FkAction::Cascade:
      return "CASCADE";
    case ir::FkAction::SetNull:
      return "SET NULL";
    case ir::FkAction::SetDefault:
      return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string quotedList(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += quoteIdent(names[i]);
  }
  return out;
}

// `CONSTRAINT "n" ` unless the constraint was written without a name.
std::string constraintName(const std::string& name, bool unnamed) {
  return unnamed ? std::string() : "CONSTRAINT " + quoteIdent(name) + " ";
}

std::string foreignKeyClause(const ir::ForeignKey& fk) {
  std::string out = constraintName(fk.name, fk.unnamed) + "FOREIGN KEY (" + quotedList(fk.columns) +
                    ") REFERENCES " + quoteIdent(fk.refTable) + " (" + quotedList(fk.refColumns) +
                    ")";
  // NO ACTION is SQLite's default and what foreign_key_list reports when none is written.
  if (fk.onDelete != ir::FkAction::NoAction)
    out += std::string(" ON DELETE ") + actionSql(fk.onDelete);
  if (fk.onUpdate != ir::FkAction::NoAction)
    out += std::string(" ON UPDATE ") + actionSql(fk.onUpdate);
  if (fk.deferral == ir::Deferral::Deferred) out += " DEFERRABLE INITIALLY DEFERRED";
  if (fk.deferral == ir::Deferral::Immediate) out += " DEFERRABLE INITIALLY IMMEDIATE";
  return out;
}

// Built-in collations upper-case (as SQLite's docs write them), others as written.
std::string collationSql(const std::string& c) {
  if (c == "nocase" || c == "binary" || c == "rtrim") {
    std::string up;
    for (char ch : c) up += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return up;
  }
  return quoteIdent(c);
}

// One part of an index or UNIQUE constraint: a column or an expression, COLLATE, DESC.
std::string indexPart(const ir::Schema& schema, const ir::Table& table, const ir::IndexColumn& c) {
  std::string out;
  if (c.expr) {
    out = renderExpr(schema, table, *c.expr);
    // A call, a column or raw SQL as written stands alone; an operator expression is
    // parenthesised so that COLLATE and DESC apply to all of it.
    using K = ir::ExprKind;
    if (c.expr->kind != K::Call && c.expr->kind != K::Column && c.expr->kind != K::Raw) {
      out = "(" + out + ")";
    }
  } else {
    out = quoteIdent(c.column);
  }
  if (!c.collation.empty()) out += " COLLATE " + collationSql(c.collation);
  if (c.desc) out += " DESC";
  return out;
}

std::string indexParts(const ir::Schema& schema, const ir::Table& table, const ir::Index& index) {
  std::string out;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (i) out += ", ";
    out += indexPart(schema, table, index.columns[i]);
  }
  return out;
}

}  // namespace

// `-- line` for every line of a doc comment ("--" alone for an empty line, so no trailing
// blank is written and the text reads back exactly).
void emitDocComment(Printer& p, const std::string& doc, std::string_view indent) {
  if (doc.empty()) return;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = doc.find('\n', start);
    std::string_view line = std::string_view(doc).substr(
        start, nl == std::string::npos ? std::string::npos : nl - start);
    // `$indent$-- $line$\n` (`$indent$--\n` when empty), without a template per line.
    p.emitRaw(indent);
    p.emitRaw(line.empty() ? "--" : "-- ");
    p.emitRaw(line);
    p.emitRaw("\n");
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string indexPartSql(const ir::Schema& schema, const ir::Table& table,
                         const ir::IndexColumn& part) {
  return indexPart(schema, table, part);
}

bool hasInlinePrimaryKey(const ir::Table& table) {
  if (table.primaryKey.size() != 1) return false;
  const ir::Column* c = table.findColumn(table.primaryKey[0]);
  return c && c->type.kind == ir::TypeKind::Int && !c->generated;
}

std::string columnDefinition(const ir::Schema& schema, const ir::Table& table,
                             const ir::Column& column) {
  std::string out;
  out.reserve(96);  // most definitions fit: one allocation
  out += quoteIdent(column.name);
  out += ' ';
  out += declaredType(column);
  if (table.primaryKey.size() == 1 && table.primaryKey[0] == column.name &&
      hasInlinePrimaryKey(table)) {
    if (!table.primaryKeyName.empty()) out += " CONSTRAINT " + quoteIdent(table.primaryKeyName);
    out += " PRIMARY KEY";
    if (column.autoincrement) out += " AUTOINCREMENT";
  }
  // Written even on key columns: SQLite lets non-INTEGER keys hold NULL unless told otherwise,
  // and pragma table_info then reports notnull = 1 exactly when the IR says NOT NULL (a
  // `nullable_legacy` key column has none).
  if (!column.nullable) out += " NOT NULL";
  if (!column.collation.empty()) out += " COLLATE " + collationSql(column.collation);
  if (column.defaultValue) {
    std::string d = renderExpr(schema, table, *column.defaultValue);
    // CURRENT_TIMESTAMP is a literal to SQLite's grammar: written bare, as other tools do.
    const bool bare = d == "CURRENT_TIMESTAMP" || isPlainLiteral(d);
    out += bare ? " DEFAULT " : " DEFAULT (";
    out += d;
    if (!bare) out += ')';
  }
  if (column.generated) {
    out += " GENERATED ALWAYS AS (" + renderExpr(schema, table, column.generated->expr) + ")";
    out += column.generated->stored ? " STORED" : " VIRTUAL";
  }
  std::string check = impliedCheck(schema, column);
  if (!check.empty()) {
    out += " CHECK (";
    out += check;
    out += ')';
  }
  return out;
}

std::string createTable(const ir::Schema& schema, const ir::Table& table, std::string_view asName) {
  Printer p;
  std::string name = asName.empty() ? table.name : std::string(asName);
  emitDocComment(p, table.doc, "");
  p.emit({{"name", quoteIdent(name)}}, "CREATE TABLE $name$ (\n");
  std::vector<std::string> constraints;
  if (!table.primaryKey.empty() && !hasInlinePrimaryKey(table)) {
    std::string name =
        table.primaryKeyName.empty() ? std::string() : constraintName(table.primaryKeyName, false);
    constraints.push_back(name + "PRIMARY KEY (" + quotedList(table.primaryKey) + ")");
  }
  // UNIQUE constraints are always table constraints (never column ones), in name order.
  for (const ir::Index& ix : table.indexes) {
    if (!ix.constraint) continue;
    constraints.push_back(constraintName(ix.name, ix.unnamed) + "UNIQUE (" +
                          indexParts(schema, table, ix) + ")");
  }
  for (const ir::Check& c : table.checks) {
    constraints.push_back(constraintName(c.name, c.unnamed) + "CHECK (" +
                          renderExpr(schema, table, c.expr) + ")");
  }
  for (const ir::ForeignKey& fk : table.foreignKeys) constraints.push_back(foreignKeyClause(fk));
  // Items are indented by hand rather than with Printer::withIndent, which would also indent
  // the continuation lines of a string literal holding a newline and so change its value.
  std::size_t total = table.columns.size() + constraints.size();
  std::size_t n = 0;
  // "  DEF,\n" per item, written piece by piece (a template per column was a sixth of the
  // CREATE script's time).
  auto item = [&](std::string_view def) {
    p.emitRaw("  ");
    p.emitRaw(def);
    p.emitRaw(++n < total ? ",\n" : "\n");
  };
  for (const ir::Column& c : table.columns) {
    emitDocComment(p, c.doc, "  ");
    item(columnDefinition(schema, table, c));
  }
  for (const std::string& c : constraints) item(c);
  std::string options;
  if (table.withoutRowid) options += " WITHOUT ROWID";
  if (table.strict) options += std::string(options.empty() ? " " : ", ") + "STRICT";
  p.emit({{"options", options}}, ")$options$;");
  return p.take();
}

std::string createIndex(const ir::Schema& schema, const ir::Table& table, const ir::Index& index) {
  std::string cols = indexParts(schema, table, index);
  Printer p;
  p.emit({{"unique", index.unique ? "UNIQUE " : ""},
          {"name", quoteIdent(index.name)},
          {"table", quoteIdent(table.name)},
          {"cols", cols},
          {"where", index.where ? " WHERE " + renderExpr(schema, table, *index.where) : ""}},
         "CREATE $unique$INDEX $name$ ON $table$ ($cols$)$where$;");
  return p.take();
}

std::vector<std::string> createTableAndIndexes(const ir::Schema& schema, const ir::Table& table) {
  std::vector<std::string> out{createTable(schema, table)};
  std::vector<const ir::Index*> indexes;
  for (const ir::Index& ix : table.indexes) {
    if (!ix.constraint) indexes.push_back(&ix);
  }
  std::stable_sort(indexes.begin(), indexes.end(),
                   [](const ir::Index* a, const ir::Index* b) { return a->name < b->name; });
  for (const ir::Index* ix : indexes) out.push_back(createIndex(schema, table, *ix));
  return out;
}

}  // namespace schemac::codegen::sqlite
