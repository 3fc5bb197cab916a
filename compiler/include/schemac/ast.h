// The AST: what the user wrote, with source ranges, before any checking. Permissive and
// mutable; never serialised. Built by parse() (either of its two paths, which must build
// equal trees: equality compares everything, ranges included); read by sema and fmt.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "schemac/source.h"

namespace schemac::ast {

struct Ident {
  std::string name;  // backticks removed
  SourceRange range;
  bool backticked = false;  // written as `name` -- kept so fmt can reproduce it
  bool operator==(const Ident&) const = default;
};

// Expressions mirror ir::ExprKind; `text` and `args` have the same meaning there.
enum class ExprKind {
  Null,
  Bool,
  Int,
  Decimal,
  String,
  Now,
  Name,  // Name: a column or an enum value, resolved by sema
  Unary,
  Binary,
  IsNull,
  In,
  Like,
  Between,
  Call,
  Raw
};

struct Expr {
  ExprKind kind = ExprKind::Null;
  std::string text;  // literal (strings decoded), name, operator, function name, raw SQL
  std::vector<Expr> args;
  bool negated = false;
  bool parenthesized = false;  // written inside ( ) -- kept so fmt can reproduce it
  char quote = '"';            // String / Raw: the quote character written ('"' or '\'')
  SourceRange range;
  bool operator==(const Expr&) const = default;
};

struct TypeRef {
  Ident name;                 // "int", "decimal", "varchar", or an enum name
  std::vector<int> args;      // decimal(p, s) / varchar(n)
  std::optional<Ident> unit;  // the word of timestamp(s) / timestamp(ms)
  bool nullable = false;      // trailing `?`
  SourceRange range;
  bool operator==(const TypeRef&) const = default;
};

enum class FkAction { NoAction, Restrict, Cascade, SetNull, SetDefault };

struct Actions {
  std::optional<FkAction> onDelete;
  std::optional<FkAction> onUpdate;
  bool operator==(const Actions&) const = default;
};

// `deferrable` as written: bare, `initially immediate` or `initially deferred`.
enum class Deferral { Deferrable, InitiallyImmediate, InitiallyDeferred };

struct References {
  Ident table;
  std::vector<Ident> columns;  // column modifier: exactly one
  Actions actions;
  std::optional<Deferral> deferral = {};  // `deferrable ...` (nullopt: not written)
  SourceRange range;
  bool operator==(const References&) const = default;
};

struct Generated {
  Expr expr;
  std::optional<bool> stored;  // nullopt: not written (virtual); true: `stored`
  SourceRange range;
  bool operator==(const Generated&) const = default;
};

// A modifier written on a column. Each keeps its range for diagnostics; repeated
// modifiers are kept so sema can complain about them.
struct ColumnDecl {
  std::string doc;  // `///` lines, joined with '\n', without the slashes and one leading space
  Ident name;
  TypeRef type;
  std::vector<SourceRange> primary;        // each `primary`
  std::vector<SourceRange> autoincrement;  // each `autoincrement`
  std::vector<SourceRange> unique;         // each `unique`
  std::vector<Expr> defaults;              // each `default EXPR` (range of the expression)
  std::vector<References> references;
  std::vector<Expr> checks;
  std::vector<Generated> generated;
  std::vector<Expr> sqlTypes;          // each `sqltype "TEXT"` (a String: the literal)
  std::vector<Expr> tsTypes;           // each `tstype "..."` (a String: the literal)
  std::vector<SourceRange> unchecked;  // each `unchecked`
  std::vector<Ident> was;              // rename hints
  // SQLite table constructs.
  // (Every new field has an initializer, so aggregate initialisations that omit it compile.)
  std::vector<Ident> collations = {};              // each `collate NAME` (the name)
  std::vector<SourceRange> uniqueConstraint = {};  // each `unique constraint`
  std::vector<SourceRange> nullableLegacy = {};    // each `nullable_legacy`
  SourceRange range;
  bool operator==(const ColumnDecl&) const = default;
};

// A column (`column`), or an expression (`expr`; then `column` is empty).
struct IndexPart {
  Ident column;
  bool desc = false;
  std::optional<Expr> expr = {};
  std::optional<Ident> collation = {};  // `collate NAME`
  bool operator==(const IndexPart&) const = default;
};

struct PrimaryItem {
  std::vector<Ident> columns;
  SourceRange range;
  std::optional<Ident> name = {};                  // `primary NAME (a, b)`
  std::optional<SourceRange> nullableLegacy = {};  // `... nullable_legacy`
  bool operator==(const PrimaryItem&) const = default;
};

struct UniqueItem {
  std::optional<Ident> name;
  std::vector<Ident> columns;
  SourceRange range;
  bool constraint = false;  // `unique constraint [NAME] (...)`
  // The parts of a `unique constraint` item, written as an index's (`columns` is then empty).
  std::vector<IndexPart> parts = {};
  bool operator==(const UniqueItem&) const = default;
};

struct IndexItem {
  bool unique = false;
  std::optional<Ident> name;
  std::vector<IndexPart> parts;
  std::optional<Expr> where;
  SourceRange range;
  bool operator==(const IndexItem&) const = default;
};

struct CheckItem {
  std::optional<Ident> name;
  Expr expr;
  SourceRange range;
  bool unnamed = false;  // `check unnamed (...)`: the bare word `unnamed` where the name goes
  bool operator==(const CheckItem&) const = default;
};

struct ForeignItem {
  std::optional<Ident> name;
  std::vector<Ident> columns;
  References references;
  SourceRange range;
  bool unnamed = false;  // `foreign unnamed (...)`, as CheckItem::unnamed
  bool operator==(const ForeignItem&) const = default;
};

// Which vector of TableDecl an item lives in; `TableDecl::items` keeps source order.
enum class TableItemKind { Column, Primary, Unique, Index, Check, Foreign };

// `without rowid` / `strict` after a table's name and `was` hints.
struct TableOption {
  enum class Kind { WithoutRowid, Strict };
  Kind kind = Kind::Strict;
  SourceRange range;
  bool operator==(const TableOption&) const = default;
};

struct TableDecl {
  std::string doc;
  Ident name;
  std::vector<Ident> was;
  std::vector<TableOption> options = {};                     // in source order
  std::vector<std::pair<TableItemKind, std::size_t>> items;  // index into the vector of its kind
  std::vector<ColumnDecl> columns;
  std::vector<PrimaryItem> primaryKeys;
  std::vector<UniqueItem> uniques;
  std::vector<IndexItem> indexes;
  std::vector<CheckItem> checks;
  std::vector<ForeignItem> foreignKeys;
  SourceRange range;
  bool operator==(const TableDecl&) const = default;
};

struct EnumValueDecl {
  std::string doc;
  Ident name;
  std::vector<Ident> was;
  SourceRange range;
  bool operator==(const EnumValueDecl&) const = default;
};

struct EnumDecl {
  std::string doc;
  Ident name;
  std::vector<Ident> was;
  std::vector<EnumValueDecl> values;
  SourceRange range;
  bool operator==(const EnumDecl&) const = default;
};

struct NamespaceDecl {
  std::string doc;
  std::vector<Ident> parts;  // lumenr.db -> {lumenr, db}
  SourceRange range;
  bool operator==(const NamespaceDecl&) const = default;
};

// ---- views, triggers, virtual tables ----
// Their SQL is kept as the raw literal it was written as (kind Raw: decoded text, quote).

struct ViewDecl {
  std::string doc;
  Ident name;
  Expr query;  // `as sql"SELECT ..."`
  SourceRange range;
  bool operator==(const ViewDecl&) const = default;
};

enum class TriggerTiming { Before, After, InsteadOf };
enum class TriggerEvent { Insert, Delete, Update };

struct TriggerDecl {
  std::string doc;
  Ident name;
  TriggerTiming timing = TriggerTiming::Before;
  SourceRange timingRange;  // `before`, `after` or `instead of`
  TriggerEvent event = TriggerEvent::Insert;
  SourceRange eventRange;
  std::optional<SourceRange> of;          // `of a, b` as written (sema allows it only with update)
  std::vector<Ident> columns;             // the names after `of`
  Ident target;                           // `on NAME`: a table or a view
  std::optional<SourceRange> forEachRow;  // `for each row`, when written
  std::optional<Expr> when;               // `when sql"..."`
  Expr body;                              // sql"BEGIN ... END"
  SourceRange range;
  bool operator==(const TriggerDecl&) const = default;
};

struct VirtualTableDecl {
  std::string doc;
  Ident name;
  Ident module;              // `using fts5`
  std::optional<Expr> args;  // sql"..." after the module; not written: no arguments
  SourceRange range;
  bool operator==(const VirtualTableDecl&) const = default;
};

// A comment as written (`//`, `/* */` or `///`), kept for fmt. Doc comments are also
// attached to the declaration they document (the `doc` fields).
struct Comment {
  enum class Kind { Line, Block, Doc };
  Kind kind = Kind::Line;
  std::string text;  // the whole comment, delimiters included
  SourceRange range;
  bool operator==(const Comment&) const = default;
};

// One file. Declarations keep source order within their kind; `order` records the
// interleaving of the kinds so fmt can reproduce it.
struct Module {
  FileId file = 0;
  std::optional<NamespaceDecl> ns;
  std::vector<EnumDecl> enums;
  std::vector<TableDecl> tables;
  std::vector<ViewDecl> views;
  std::vector<TriggerDecl> triggers;
  std::vector<VirtualTableDecl> virtualTables;
  enum class DeclKind { Enum, Table, View, Trigger, VirtualTable };
  std::vector<std::pair<DeclKind, std::size_t>> order;  // index into the vector of its kind
  std::vector<Comment> comments;                        // every comment, in source order
  bool operator==(const Module&) const = default;
};

}  // namespace schemac::ast
