// CREATE TABLE and CREATE INDEX for one table. The layout is part of the contract with
// introspection (db/src/inspect*.cpp): column docs are `-- ` lines inside the statement right
// before their column (SQLite keeps them in sqlite_schema), type-implied checks are unnamed
// column constraints, user checks and foreign keys are named table constraints.
#include <algorithm>
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

// `-- line` for every line of a doc comment ("--" alone for an empty line, so no trailing
// blank is written and the text reads back exactly).
void emitDoc(Printer& p, const std::string& doc, std::string_view indent) {
  if (doc.empty()) return;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = doc.find('\n', start);
    std::string line = doc.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    p.emit({{"indent", std::string(indent)}, {"line", line}},
           line.empty() ? "$indent$--\n" : "$indent$-- $line$\n");
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string foreignKeyClause(const ir::ForeignKey& fk) {
  std::string out = "CONSTRAINT " + quoteIdent(fk.name) + " FOREIGN KEY (" +
                    quotedList(fk.columns) + ") REFERENCES " + quoteIdent(fk.refTable) + " (" +
                    quotedList(fk.refColumns) + ")";
  // NO ACTION is SQLite's default and what foreign_key_list reports when none is written.
  if (fk.onDelete != ir::FkAction::NoAction)
    out += std::string(" ON DELETE ") + actionSql(fk.onDelete);
  if (fk.onUpdate != ir::FkAction::NoAction)
    out += std::string(" ON UPDATE ") + actionSql(fk.onUpdate);
  return out;
}

}  // namespace

bool hasInlinePrimaryKey(const ir::Table& table) {
  if (table.primaryKey.size() != 1) return false;
  const ir::Column* c = table.findColumn(table.primaryKey[0]);
  return c && c->type.kind == ir::TypeKind::Int && !c->generated;
}

std::string columnDefinition(const ir::Schema& schema, const ir::Table& table,
                             const ir::Column& column) {
  std::string out = quoteIdent(column.name) + " " + declaredType(column);
  if (hasInlinePrimaryKey(table) && table.primaryKey[0] == column.name) {
    out += " PRIMARY KEY";
    if (column.autoincrement) out += " AUTOINCREMENT";
  }
  // Written even on key columns: SQLite lets non-INTEGER keys hold NULL unless told otherwise,
  // and pragma table_info then reports notnull = 1 exactly when the IR says NOT NULL.
  if (!column.nullable) out += " NOT NULL";
  if (column.defaultValue) {
    std::string d = renderExpr(schema, table, *column.defaultValue);
    out += " DEFAULT " + (isPlainLiteral(d) ? d : "(" + d + ")");
  }
  if (column.generated) {
    out += " GENERATED ALWAYS AS (" + renderExpr(schema, table, column.generated->expr) + ")";
    out += column.generated->stored ? " STORED" : " VIRTUAL";
  }
  std::string check = impliedCheck(schema, column);
  if (!check.empty()) out += " CHECK (" + check + ")";
  return out;
}

std::string createTable(const ir::Schema& schema, const ir::Table& table, std::string_view asName) {
  Printer p;
  std::string name = asName.empty() ? table.name : std::string(asName);
  emitDoc(p, table.doc, "");
  p.emit({{"name", quoteIdent(name)}}, "CREATE TABLE $name$ (\n");
  std::vector<std::string> constraints;
  if (!table.primaryKey.empty() && !hasInlinePrimaryKey(table)) {
    constraints.push_back("PRIMARY KEY (" + quotedList(table.primaryKey) + ")");
  }
  for (const ir::Check& c : table.checks) {
    constraints.push_back("CONSTRAINT " + quoteIdent(c.name) + " CHECK (" +
                          renderExpr(schema, table, c.expr) + ")");
  }
  for (const ir::ForeignKey& fk : table.foreignKeys) constraints.push_back(foreignKeyClause(fk));
  // Items are indented by hand rather than with Printer::withIndent, which would also indent
  // the continuation lines of a string literal holding a newline and so change its value.
  std::size_t total = table.columns.size() + constraints.size();
  std::size_t n = 0;
  for (const ir::Column& c : table.columns) {
    emitDoc(p, c.doc, "  ");
    p.emit({{"def", columnDefinition(schema, table, c)}, {"sep", ++n < total ? "," : ""}},
           "  $def$$sep$\n");
  }
  for (const std::string& c : constraints) {
    p.emit({{"def", c}, {"sep", ++n < total ? "," : ""}}, "  $def$$sep$\n");
  }
  p.emit(");");
  return p.take();
}

std::string createIndex(const ir::Schema& schema, const ir::Table& table, const ir::Index& index) {
  std::string cols;
  for (std::size_t i = 0; i < index.columns.size(); ++i) {
    if (i) cols += ", ";
    cols += quoteIdent(index.columns[i].column);
    if (index.columns[i].desc) cols += " DESC";
  }
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
  for (const ir::Index& ix : table.indexes) indexes.push_back(&ix);
  std::stable_sort(indexes.begin(), indexes.end(),
                   [](const ir::Index* a, const ir::Index* b) { return a->name < b->name; });
  for (const ir::Index* ix : indexes) out.push_back(createIndex(schema, table, *ix));
  return out;
}

}  // namespace schemac::codegen::sqlite
