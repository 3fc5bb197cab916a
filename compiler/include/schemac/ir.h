// The IR: a dialect-neutral, plain value describing a whole schema. Everything refers by
// name, never by pointer, so IRs can be compared, copied, serialised and diffed freely.
// Canonical order: tables, enums, indexes, checks and foreign keys sorted by name;
// columns and enum values in declared order (their order is meaningful).
#pragma once

#include <optional>
#include <string>
#include <utility>
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

// What a `timestamp` column stores (SQLite): unix milliseconds (the default, `timestamp`),
// unix seconds (`timestamp(s)`, Drizzle's `integer({ mode: 'timestamp' })`) or ISO-8601 text
// (`timestamp(text)`, Django's and Rails' `datetime`).
enum class TimeUnit { Millis, Seconds, Text };

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
  // `collate NAME`: the column's collation as written; built-ins lower-case ("nocase",
  // "binary", "rtrim"), others as written. Empty: none written (SQLite's BINARY).
  std::string collation;
  // `tstype "{ theme: 'dark' | 'light' }"`: the TypeScript type of a json column's value, for
  // the generated drizzle-orm module (`.$type<...>()`); empty: `unknown`. No SQL effect.
  std::string tsType;
  std::string doc;                       // from `///`, lines joined with '\n'
  std::vector<std::string> renamedFrom;  // `was` hints (not part of the snapshot)

  bool operator==(const Column&) const = default;
};

// One part of an index key: a column, or an expression (`lower(email)`), with its collation
// and order.
struct IndexColumn {
  IndexColumn() = default;
  IndexColumn(std::string c, bool d = false) : column(std::move(c)), desc(d) {}  // NOLINT

  std::string column;  // empty when `expr` is set
  bool desc = false;
  std::optional<Expr> expr;  // an expression part
  std::string collation;     // `collate NAME` on this part, as Column::collation
  bool operator==(const IndexColumn&) const = default;
};

// `unique` column modifiers, `unique (a, b)` items and `[unique] index` items all become
// indexes; `unique` ones are named `<table>_<cols>_key`, others `<table>_<cols>_idx`.
// A `unique constraint` is a UNIQUE written inside the table's definition instead of a
// separate CREATE INDEX (SQLite backs it with an automatic index, `sqlite_autoindex_T_N`).
struct Index {
  std::string name;
  bool unique = false;
  std::vector<IndexColumn> columns;
  std::optional<Expr> where;  // partial index predicate
  bool constraint = false;    // a UNIQUE table constraint (then `unique` is true)
  // A constraint written without `CONSTRAINT name`; `name` is then the default one, used
  // only to identify it in the IR and the differ, never written to the database.
  bool unnamed = false;
  bool operator==(const Index&) const = default;
};

// A named CHECK: column `check (...)` modifiers (named `<table>_<col>_check`) and `check`
// items (named `<table>_check`, `<table>_check1`, ... when unnamed). Checks implied by a type
// (enum, bool, json, varchar) are not listed here; each dialect derives them from the type.
struct Check {
  std::string name;
  Expr expr;
  bool unnamed = false;  // as Index::unnamed: `CHECK (...)` without `CONSTRAINT name`
  bool operator==(const Check&) const = default;
};

enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

// When a foreign key is checked: at each statement (`NotDeferrable`, the default, and what
// `DEFERRABLE INITIALLY IMMEDIATE` also means in SQLite) or at commit (`deferrable initially
// deferred`, every Django foreign key). `Immediate` keeps `deferrable [initially immediate]`
// as written.
enum class Deferral { NotDeferrable, Immediate, Deferred };

struct ForeignKey {
  std::string name;  // `<table>_<cols>_fkey` when unnamed
  std::vector<std::string> columns;
  std::string refTable;
  std::vector<std::string> refColumns;
  FkAction onDelete = FkAction::NoAction;
  FkAction onUpdate = FkAction::NoAction;
  Deferral deferral = Deferral::NotDeferrable;
  bool unnamed = false;  // as Index::unnamed: no `CONSTRAINT name` in the database
  bool operator==(const ForeignKey&) const = default;
};

struct Table {
  std::string name;
  std::vector<Column> columns;          // declared order
  std::vector<std::string> primaryKey;  // column names, key order; empty = none
  std::string primaryKeyName;           // `CONSTRAINT name PRIMARY KEY`; empty: unnamed
  std::vector<Index> indexes;           // sorted by name
  std::vector<Check> checks;            // sorted by name
  std::vector<ForeignKey> foreignKeys;  // sorted by name
  bool withoutRowid = false;            // `without rowid`
  bool strict = false;                  // `strict` (SQLite 3.37+ type enforcement)
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

// `view NAME as sql"SELECT ..."`: the query is kept exactly as written (raw SQL).
struct View {
  std::string name;
  std::string sql;  // the SELECT statement, without CREATE VIEW ... AS and without ';'
  std::string doc;
  bool operator==(const View&) const = default;
};

enum class TriggerTiming { Before, After, InsteadOf };
enum class TriggerEvent { Insert, Delete, Update };

// `trigger NAME after update of a, b on T for each row when sql"..." sql"BEGIN ... END"`.
struct Trigger {
  std::string name;
  std::string table;  // a table or, for INSTEAD OF, a view
  TriggerTiming timing = TriggerTiming::Before;
  TriggerEvent event = TriggerEvent::Insert;
  std::vector<std::string> columns;  // UPDATE OF a, b; empty: any column
  bool forEachRow = false;           // written `FOR EACH ROW` (SQLite's only kind either way)
  std::string when;                  // the WHEN condition as raw SQL; empty: none
  std::string body;                  // "BEGIN ... END" as written
  std::string doc;
  bool operator==(const Trigger&) const = default;
};

// `virtual table NAME using MODULE(ARGS)`: module and arguments kept as written. The
// module's shadow tables (e.g. NAME_data for fts5) belong to it and are never listed.
struct VirtualTable {
  std::string name;
  std::string module;  // e.g. "fts5", "rtree"
  std::string args;    // the text between the parentheses, as written; may be empty
  std::string doc;
  bool operator==(const VirtualTable&) const = default;
};

struct Schema {
  std::string ns;                 // e.g. "lumenr.db"; empty when no namespace was declared
  std::string doc;                // doc comment before the namespace
  std::vector<Table> tables;      // sorted by name
  std::vector<Enum> enums;        // sorted by name
  std::vector<View> views;        // sorted by name
  std::vector<Trigger> triggers;  // sorted by name
  std::vector<VirtualTable> virtualTables;  // sorted by name

  const Table* findTable(const std::string& n) const;
  const Enum* findEnum(const std::string& n) const;
  const View* findView(const std::string& n) const;
  const Trigger* findTrigger(const std::string& n) const;
  const VirtualTable* findVirtualTable(const std::string& n) const;
  bool operator==(const Schema&) const = default;
};

// Sorts tables, enums, views, triggers, virtual tables, indexes, checks and foreign keys by
// name (the canonical order).
void canonicalize(Schema& s);
// The same schema with every `was` hint removed: what snapshots store and fingerprints hash.
Schema withoutHints(Schema s);

const char* typeKindName(TypeKind k);            // "int", "decimal", "enum", ...
std::string typeToString(const Type& t);         // "decimal(12, 2)", "varchar(80)", "timestamp(s)"
const char* fkActionName(FkAction a);            // "no action", "cascade", "set null", ...
const char* deferralName(Deferral d);            // "", "immediate", "deferred"
const char* triggerTimingName(TriggerTiming t);  // "before", "after", "instead of"
const char* triggerEventName(TriggerEvent e);    // "insert", "delete", "update"
// True when the schema uses anything the fast JSON paths do not write (views, triggers,
// collations, ...): ir_json then takes the general path.
bool usesSqliteExtras(const Schema& s);

}  // namespace schemac::ir
