// The IR: a dialect-neutral, plain value describing a whole schema. Everything refers by
// name, never by pointer, so IRs can be compared, copied, serialised and diffed freely.
// Canonical order: tables, enums, indexes, checks and foreign keys sorted by name;
// columns and enum values in declared order (their order is meaningful).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace schemac::ir {

// ---- expressions (defaults, checks, generated columns, partial-index predicates) ----

enum class ExprKind {
  Null,       // null
  Bool,       // text: "true" | "false"
  Int,        // text: decimal digits, optional leading '-'
  Decimal,    // text: e.g. "12.50" (kept as written, exact)
  String,     // text: the decoded string value (no quotes)
  Now,        // text: "timestamp" | "date" -- which kind of "now" sema resolved
  EnumValue,  // text: the value's name
  Column,     // text: column name (same table)
  Unary,      // text: "-" | "not"; args[0]
  Binary,     // text: one of + - * / % || = != < <= > >= and or; args[0], args[1]
  IsNull,     // args[0]; negated => "is not null"
  In,         // args[0] in (args[1..]); negated => "not in"
  Like,       // args[0] like args[1]; negated => "not like"
  Between,    // args[0] between args[1] and args[2]; negated => "not between"
  Call,       // text: portable function name (lower-case); args
  Raw,        // text: dialect-specific SQL passed through verbatim (sql"...")
};

struct Expr {
  ExprKind kind = ExprKind::Null;
  std::string text;
  std::vector<Expr> args;
  bool negated = false;

  bool operator==(const Expr&) const = default;
};

// ---- types ----

enum class TypeKind {
  Int,
  Int32,
  Real,
  Decimal,
  Text,
  Varchar,
  Bool,
  Timestamp,
  Date,
  Uuid,
  Json,
  Blob,
  Enum
};

// What a `timestamp` column stores (SQLite): unix milliseconds (the default, `timestamp`) or
// unix seconds (`timestamp(s)`, Drizzle's `integer({ mode: 'timestamp' })`).
enum class TimeUnit { Millis, Seconds };

struct Type {
  TypeKind kind = TypeKind::Int;
  int precision = 0;                 // decimal(p, s)
  int scale = 0;                     // decimal(p, s)
  int length = 0;                    // varchar(n)
  std::string enumName;              // kind == Enum
  TimeUnit unit = TimeUnit::Millis;  // kind == Timestamp

  bool operator==(const Type&) const = default;
};

// ---- schema objects ----

struct Generated {
  Expr expr;
  bool stored = false;  // false: virtual
  bool operator==(const Generated&) const = default;
};

struct Column {
  std::string name;
  Type type;
  bool nullable = false;
  std::optional<Expr> defaultValue;
  std::optional<Generated> generated;
  bool autoincrement = false;
  // The SQL type the database declares (`sqltype "NUMERIC(10,2)"`) when it is not what the
  // logical type lowers to; empty: the lowering's. It decides SQLite's column affinity.
  std::string sqlType;
  // `unchecked`: the CHECK the type implies (enum, bool, json, varchar) is not in the
  // database (a table made by another tool), so no dialect adds or expects it.
  bool unchecked = false;
  std::string doc;                       // from `///`, lines joined with '\n'
  std::vector<std::string> renamedFrom;  // `was` hints (not part of the snapshot)

  bool operator==(const Column&) const = default;
};

struct IndexColumn {
  std::string column;
  bool desc = false;
  bool operator==(const IndexColumn&) const = default;
};

// `unique` column modifiers, `unique (a, b)` items and `[unique] index` items all become
// indexes; `unique` ones are named `<table>_<cols>_key`, others `<table>_<cols>_idx`.
struct Index {
  std::string name;
  bool unique = false;
  std::vector<IndexColumn> columns;
  std::optional<Expr> where;  // partial index predicate
  bool operator==(const Index&) const = default;
};

// A named CHECK: column `check (...)` modifiers (named `<table>_<col>_check`) and `check`
// items (named `<table>_check`, `<table>_check1`, ... when unnamed). Checks implied by a type
// (enum, bool, json, varchar) are not listed here; each dialect derives them from the type.
struct Check {
  std::string name;
  Expr expr;
  bool operator==(const Check&) const = default;
};

enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

struct ForeignKey {
  std::string name;  // `<table>_<cols>_fkey` when unnamed
  std::vector<std::string> columns;
  std::string refTable;
  std::vector<std::string> refColumns;
  FkAction onDelete = FkAction::NoAction;
  FkAction onUpdate = FkAction::NoAction;
  bool operator==(const ForeignKey&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;          // declared order
  std::vector<std::string> primaryKey;  // column names, key order; empty = none
  std::vector<Index> indexes;           // sorted by name
  std::vector<Check> checks;            // sorted by name
  std::vector<ForeignKey> foreignKeys;  // sorted by name
  std::string doc;
  std::vector<std::string> renamedFrom;  // `was` hints (not part of the snapshot)

  const Column* findColumn(const std::string& n) const;
  bool operator==(const Table&) const = default;
};

struct EnumValue {
  std::string name;
  std::string doc;
  std::vector<std::string> renamedFrom;
  bool operator==(const EnumValue&) const = default;
};

struct Enum {
  std::string name;
  std::vector<EnumValue> values;  // declared order
  std::string doc;
  std::vector<std::string> renamedFrom;
  bool operator==(const Enum&) const = default;
};

struct Schema {
  std::string ns;             // e.g. "lumenr.db"; empty when no namespace was declared
  std::string doc;            // doc comment before the namespace
  std::vector<Table> tables;  // sorted by name
  std::vector<Enum> enums;    // sorted by name

  const Table* findTable(const std::string& n) const;
  const Enum* findEnum(const std::string& n) const;
  bool operator==(const Schema&) const = default;
};

// Sorts tables, enums, indexes, checks and foreign keys by name (the canonical order).
void canonicalize(Schema& s);
// The same schema with every `was` hint removed: what snapshots store and fingerprints hash.
Schema withoutHints(Schema s);

const char* typeKindName(TypeKind k);     // "int", "decimal", "enum", ...
std::string typeToString(const Type& t);  // "decimal(12, 2)", "varchar(80)", "timestamp(s)"
const char* fkActionName(FkAction a);     // "no action", "cascade", "set null", ...

}  // namespace schemac::ir
