// Pass 4b: the SQLite table constructs that describe databases schemac did not create.
// - `nullable_legacy` marks a primary key that SQLite lets hold NULL (a non-INTEGER key of a
//   rowid table); it is an error wherever no key column is nullable, and where the key
//   cannot be NULL after all (the rowid alias, a `without rowid` table).
// - `without rowid` needs a primary key and has no rowid to `autoincrement`.
// - `strict` accepts only the declared types INT, INTEGER, REAL, TEXT, BLOB and ANY.
// - `collate`, `unique constraint`, `nullable_legacy` and the table options are written once.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "sema/context.h"
#include "sema/parallel.h"
#include "sema/sql_type_name.h"

namespace schemac::sema {
namespace {

void repeated(Context& ctx, std::string_view what, const std::vector<SourceRange>& ranges) {
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    ctx.diags().errorWithNote(ranges[i], "repeated " + std::string(what), ranges[0],
                              "first written here");
  }
}

std::string upperCase(std::string_view s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// The declared type SQLite sees for a column without `sqltype`, for the types whose lowering
// (codegen/src/sqlite/types.cpp) a strict table accepts; empty for the others.
std::string strictDeclaredType(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Int:
      return "INTEGER";
    case ir::TypeKind::Int32:
      return "INT";
    case ir::TypeKind::Real:
      return "REAL";
    case ir::TypeKind::Text:
    case ir::TypeKind::Json:
    case ir::TypeKind::Enum:
      return "TEXT";
    case ir::TypeKind::Blob:
      return "BLOB";
    default:
      return "";
  }
}

// What to write instead under `strict`: the storage class the lowering keeps values in.
const char* strictSuggestion(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Bool:
      return "INTEGER";
    case ir::TypeKind::Timestamp:
      return t.unit == ir::TimeUnit::Text ? "TEXT" : "INTEGER";
    case ir::TypeKind::Decimal:
      return "TEXT";  // exact; REAL would round
    default:
      return "TEXT";  // varchar, date, uuid
  }
}

bool isStrictTypeName(std::string_view declared) {
  std::string up = upperCase(declared);
  return up == "INT" || up == "INTEGER" || up == "REAL" || up == "TEXT" || up == "BLOB" ||
         up == "ANY";
}

// Whether the column is SQLite's rowid alias when it is the table's only key column: declared
// exactly INTEGER.
bool declaredInteger(const ColumnInfo& c) {
  if (!c.decl->sqlTypes.empty()) return isIntegerTypeName(c.decl->sqlTypes[0].text);
  return c.type && c.type->kind == ir::TypeKind::Int;
}

void checkStrict(Context& ctx, const TableInfo& t, SourceRange option) {
  for (const ColumnInfo& c : t.columns) {
    if (!c.type) continue;
    const ast::ColumnDecl& d = *c.decl;
    if (!d.sqlTypes.empty()) {
      const std::string& declared = d.sqlTypes[0].text;
      if (!isStrictTypeName(declared)) {
        ctx.diags().errorWithNote(d.sqlTypes[0].range,
                                  "column '" + d.name.name + "' of strict table '" + t.name() +
                                      "' has sqltype \"" + declared +
                                      "\"; a strict table allows only INT, INTEGER, REAL, TEXT, "
                                      "BLOB and ANY",
                                  option, "'strict' written here");
      }
      continue;
    }
    if (!strictDeclaredType(*c.type).empty()) continue;
    ctx.diags().errorWithNote(d.type.range,
                              "column '" + d.name.name + "' of strict table '" + t.name() +
                                  "' is " + ir::typeToString(*c.type) +
                                  ", which SQLite does not declare as INT, INTEGER, REAL, TEXT, "
                                  "BLOB or ANY; add sqltype \"" +
                                  strictSuggestion(*c.type) + "\"",
                              option, "'strict' written here");
  }
}

void checkWithoutRowid(Context& ctx, const TableInfo& t, SourceRange option) {
  if (!t.primaryKeyRange) {
    ctx.diags().error(option,
                      "a 'without rowid' table needs a primary key ('" + t.name() + "' has none)");
  }
  for (const ColumnInfo& c : t.columns) {
    if (c.decl->autoincrement.empty()) continue;
    ctx.diags().errorWithNote(
        c.decl->autoincrement[0],
        "'autoincrement' needs a rowid, and table '" + t.name() + "' is 'without rowid'", option,
        "'without rowid' written here");
  }
}

// The columns of the key the key checks resolved (none when it was wrong).
std::vector<const ColumnInfo*> keyColumns(const TableInfo& t) {
  std::vector<const ColumnInfo*> out;
  for (const std::string& n : t.primaryKey) {
    if (const ColumnInfo* c = t.findColumn(n)) out.push_back(c);
  }
  return out;
}

void checkNullableLegacy(Context& ctx, const TableInfo& t, const ast::TableOption* withoutRowid) {
  // Where `nullable_legacy` is written: on a `primary` column, or after a `primary (...)` item.
  std::optional<SourceRange> mark;
  for (const ColumnInfo& c : t.columns) {
    const ast::ColumnDecl& d = *c.decl;
    if (d.nullableLegacy.empty()) continue;
    if (d.primary.empty()) {
      ctx.diags().error(d.nullableLegacy[0],
                        "'nullable_legacy' marks a nullable primary key: write it after 'primary' "
                        "on the key column, or after the 'primary (...)' item ('" +
                            d.name.name + "' is not declared 'primary')");
      continue;
    }
    if (t.primaryKeyRange && *t.primaryKeyRange == d.primary[0]) mark = d.nullableLegacy[0];
  }
  for (const ast::PrimaryItem& item : t.decl->primaryKeys) {
    if (item.nullableLegacy && t.primaryKeyRange && *t.primaryKeyRange == item.range) {
      mark = *item.nullableLegacy;
    }
  }
  if (!mark) return;
  std::vector<const ColumnInfo*> key = keyColumns(t);
  if (key.empty()) return;  // the key was wrong: reported
  const ColumnInfo* nullable = nullptr;
  for (const ColumnInfo* c : key) {
    if (c->nullable() && !nullable) nullable = c;
  }
  if (!nullable) {
    ctx.diags().error(
        *mark, std::string("'nullable_legacy' on a primary key without a nullable "
                           "column (") +
                   (key.size() == 1 ? "'" + key[0]->decl->name.name + "' is" : "its columns are") +
                   " not nullable; drop 'nullable_legacy')");
    return;
  }
  if (withoutRowid) {
    ctx.diags().errorWithNote(nullable->decl->type.range,
                              "primary key column '" + nullable->decl->name.name +
                                  "' cannot be nullable: SQLite enforces NOT NULL on the key of a "
                                  "'without rowid' table",
                              withoutRowid->range, "'without rowid' written here");
    return;
  }
  if (key.size() == 1 && declaredInteger(*nullable)) {
    ctx.diags().error(nullable->decl->type.range,
                      "primary key column '" + nullable->decl->name.name +
                          "' cannot be nullable: a single INTEGER key is SQLite's rowid, which is "
                          "never NULL ('nullable_legacy' is for keys of other types)");
  }
}

void checkTable(Context& ctx, const TableInfo& t) {
  const ast::TableDecl& decl = *t.decl;
  std::vector<SourceRange> withoutRowid, strict;
  const ast::TableOption* withoutRowidOption = nullptr;
  for (const ast::TableOption& o : decl.options) {
    if (o.kind == ast::TableOption::Kind::WithoutRowid) {
      withoutRowid.push_back(o.range);
      if (!withoutRowidOption) withoutRowidOption = &o;
    } else {
      strict.push_back(o.range);
    }
  }
  repeated(ctx, "table option 'without rowid'", withoutRowid);
  repeated(ctx, "table option 'strict'", strict);
  for (const ColumnInfo& c : t.columns) {
    const ast::ColumnDecl& d = *c.decl;
    if (d.collations.size() > 1) {  // (the common case allocates nothing)
      std::vector<SourceRange> collations;
      for (const ast::Ident& co : d.collations) collations.push_back(co.range);
      repeated(ctx, "modifier 'collate'", collations);
    }
    repeated(ctx, "modifier 'unique constraint'", d.uniqueConstraint);
    repeated(ctx, "modifier 'nullable_legacy'", d.nullableLegacy);
  }
  if (withoutRowidOption) checkWithoutRowid(ctx, t, withoutRowidOption->range);
  if (!strict.empty()) checkStrict(ctx, t, strict[0]);
  checkNullableLegacy(ctx, t, withoutRowidOption);
}

}  // namespace

void checkSqliteOptions(Context& ctx) {
  forEachTable(ctx, [&](const TableInfo& t) { checkTable(ctx, t); });
}

}  // namespace schemac::sema
