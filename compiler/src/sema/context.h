// State shared by the passes of semantic analysis. Each pass reads what earlier passes
// recorded here and adds its own findings; nothing is lowered until every check has run.
// Facts that a failed check could not establish stay empty (an unknown type is nullopt), and
// later passes skip them, so one mistake produces one diagnostic, not a cascade.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schemac/ast.h"
#include "schemac/diag.h"
#include "schemac/ir.h"
#include "sema/name_index.h"

namespace schemac::sema {

struct ColumnInfo {
  const ast::ColumnDecl* decl = nullptr;
  std::optional<ir::Type> type;  // nullopt: the type was wrong (already reported)
  bool duplicate = false;        // a second column of the same name (already reported)
  bool generated() const { return !decl->generated.empty(); }
  bool nullable() const { return decl->type.nullable; }
};

// An index after normalisation: `unique` column modifiers, `unique (...)` items and
// `[unique] index` items all become one of these, with their final name.
struct IndexPlan {
  std::string name;
  bool generatedName = false;  // the name was derived, not written
  bool unique = false;
  std::vector<const ast::Ident*> columns;
  std::vector<bool> desc;
  const ast::Expr* where = nullptr;
  SourceRange range;      // the whole item or modifier
  SourceRange nameRange;  // the written name, else the item
  bool columnsOk = true;  // every column exists (set by the index checks)
  // Per part: its expression (then `columns[i]` is nullptr) and its `collate` name, or
  // nullptr.
  std::vector<const ast::Expr*> exprs;
  std::vector<const ast::Ident*> collations;
  bool constraint = false;  // `unique constraint`: a UNIQUE inside CREATE TABLE
  bool unnamed = false;     // a `unique constraint` without a name
};

struct CheckPlan {
  std::string name;
  bool generatedName = false;
  const ast::Expr* expr = nullptr;
  SourceRange nameRange;
  bool unnamed = false;  // `check unnamed (...)`
};

struct ForeignKeyPlan {
  std::string name;
  bool generatedName = false;
  std::vector<const ast::Ident*> columns;
  const ast::References* references = nullptr;
  bool fromColumn = false;  // a `references` modifier (its column exists by construction)
  SourceRange range;
  SourceRange nameRange;
  bool unnamed = false;  // `foreign unnamed (...)`
};

// What the expression checker decided about one AST expression, for the lowering.
struct ExprNote {
  // NowTimestampSeconds: `now` as the default of a timestamp(s) column.
  enum class Kind {
    Column,
    EnumValue,
    NowTimestamp,
    NowTimestampSeconds,
    NowTimestampText,
    NowDate
  } kind = Kind::Column;
};

struct TableInfo {
  const ast::TableDecl* decl = nullptr;
  bool duplicate = false;  // a second table of the same name (already reported)
  std::vector<ColumnInfo> columns;
  NameIndex columnIndex;  // first definition of each name

  // Primary key as resolved by the key checks; empty when none (or when it was wrong).
  std::vector<std::string> primaryKey;
  std::optional<SourceRange> primaryKeyRange;  // the `primary` modifier or item used
  bool primaryKeyFromItem = false;

  std::vector<IndexPlan> indexes;
  std::vector<CheckPlan> checks;
  std::vector<ForeignKeyPlan> foreignKeys;

  // What the expression checker decided about this table's expressions, keyed by address (only
  // looked up, never iterated). Per table, so that two threads check two halves of the tables.
  std::unordered_map<const ast::Expr*, ExprNote> exprNotes;

  const std::string& name() const { return decl->name.name; }
  const ColumnInfo* findColumn(const std::string& n) const;
};

struct EnumInfo {
  const ast::EnumDecl* decl = nullptr;
  bool duplicate = false;
  NameIndex valueIndex;  // first definition of each value
  const std::string& name() const { return decl->name.name; }
  bool hasValue(const std::string& v) const { return valueIndex.contains(v); }
};

// Where a helper thread's diagnostics go while it runs a pass over its half of the tables
// (forEachTable in sema/parallel.h); null on the main thread.
inline thread_local DiagEngine* tHelperDiags = nullptr;

struct Context {
  explicit Context(DiagEngine& d) : diags_(d) {}
  DiagEngine& diags() { return tHelperDiags ? *tHelperDiags : diags_; }

  std::vector<const ast::Module*> modules;
  const ast::NamespaceDecl* ns = nullptr;  // the first namespace declaration
  std::string schemaDoc;

  std::vector<TableInfo> tables;  // every table declaration, in module then source order
  NameIndex tableIndex;           // first definition of each name (filled by collectSymbols)
  std::vector<EnumInfo> enums;
  NameIndex enumIndex;

  // Views, triggers and virtual tables, in module then source order (checkObjects).
  std::vector<const ast::ViewDecl*> views;
  std::vector<const ast::TriggerDecl*> triggers;
  std::vector<const ast::VirtualTableDecl*> virtualTables;

  TableInfo* findTable(const std::string& n);
  const EnumInfo* findEnum(const std::string& n) const;

 private:
  DiagEngine& diags_;
};

// ---- passes, in the order analyze() runs them ----

// Namespaces, tables, enums, columns, enum values; duplicates; empty declarations.
void collectSymbols(Context& ctx, const std::vector<ast::Module>& modules);
// Column types: built-in types and their arguments, enum references.
void resolveTypes(Context& ctx);
// Repeated modifiers, `was` hints, generated columns with a default.
void checkModifiers(Context& ctx);
// Primary keys, autoincrement, nullable keys, tables without a key.
void checkKeys(Context& ctx);
// The SQLite table constructs: `nullable_legacy`, `without rowid`, `strict`, repeated
// `collate` / `unique constraint` / table options.
void checkSqliteOptions(Context& ctx);
// Normalises indexes, checks and foreign keys into plans with their final names, checks
// their columns, and reports clashing names (index names are global, as in SQLite).
void planConstraints(Context& ctx);
void checkConstraintNames(Context& ctx);
// Referenced tables and columns, column counts, types, uniqueness of the target, actions.
void checkForeignKeys(Context& ctx);
// Defaults, checks, generated expressions and index predicates: names and types.
void checkExpressions(Context& ctx);
// Generated columns that depend on themselves through other generated columns.
void checkGeneratedCycles(Context& ctx);
// Views, triggers and virtual tables: name clashes, trigger targets and columns, the raw SQL
// they hold is not empty (check_objects.cpp).
void checkObjects(Context& ctx);
// Reserved prefixes (`sqlite_`, `__schemac_`, `__new_`), control characters in names, SQLite's
// column limit (check_names.cpp).
void checkNames(Context& ctx);
// Builds the IR from the checked declarations (only called when there was no error).
ir::Schema lowerToIr(const Context& ctx);

// ---- helpers shared by passes ----

// The closest candidate within a small edit distance, or empty.
std::string closestName(const std::string& name, const std::vector<std::string>& candidates);
// " (did you mean 'x'?)" or empty.
std::string didYouMean(const std::string& name, const std::vector<std::string>& candidates);
// Column names of a table, in declared order.
std::vector<std::string> columnNames(const TableInfo& t);
// Reports `unknown column 'x' in table 't'` (with a suggestion) unless the column exists;
// returns the column or nullptr.
const ColumnInfo* lookupColumn(Context& ctx, const TableInfo& t, const ast::Ident& id);

}  // namespace schemac::sema
