// Pieces shared by inspect() and normalizeForSqlite(), which must agree exactly.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schemac/ir.h"

namespace schemac::db::detail {

// ---- the CREATE TABLE statement as SQLite stores it ----

struct ParsedCheck {
  std::string name;  // empty when unnamed
  std::string sql;   // the expression between CHECK's parentheses, trimmed
};

struct ParsedForeignKey {
  std::string name;  // empty when unnamed
  std::vector<std::string> columns;
  std::string refTable;
  ir::Deferral deferral = ir::Deferral::NotDeferrable;
};

// One part of an index key or of a UNIQUE / PRIMARY KEY column list as written.
struct ParsedIndexPart {
  std::string column;     // a bare (or quoted) name; empty for an expression
  std::string expr;       // the expression as written, when not a name
  std::string collation;  // `COLLATE x` on the part (see collationName), else empty
  bool desc = false;
};

// A UNIQUE constraint of a CREATE TABLE statement, inline on a column or a table constraint.
struct ParsedUnique {
  std::string name;  // empty when unnamed
  std::vector<ParsedIndexPart> parts;
};

struct ParsedColumn {
  std::string name;
  std::string doc;           // `-- ` lines right before the column definition
  std::string declaredType;  // as written between the name and the first constraint, trimmed
  std::vector<ParsedCheck> checks;
  std::optional<std::string> generatedSql;
  std::string collation;  // `COLLATE x` (see collationName), else empty
  bool autoincrement = false;
};

struct ParsedTable {
  std::string name;
  std::vector<ParsedColumn> columns;
  std::vector<ParsedCheck> checks;            // table constraints
  std::vector<ParsedForeignKey> foreignKeys;  // table constraints and inline REFERENCES
  std::vector<ParsedUnique> uniques;          // inline UNIQUE and UNIQUE table constraints
  std::vector<std::string> primaryKey;        // as written (inline or table constraint)
  std::string primaryKeyName;                 // `CONSTRAINT n PRIMARY KEY`
  bool withoutRowid = false;
  bool strict = false;
  // Why the IR cannot describe the table (an ON CONFLICT clause); empty when it can.
  std::string unsupported;
};

// Parses a CREATE TABLE statement. Returns false and sets *error when it is not one.
bool parseCreateTable(std::string_view sql, ParsedTable* out, std::string* error);
// The predicate of a CREATE INDEX ... WHERE statement, trimmed; nullopt without WHERE.
std::optional<std::string> parseIndexWhere(std::string_view sql);
// The key parts of a CREATE INDEX statement; nullopt when it is not one.
std::optional<std::vector<ParsedIndexPart>> parseIndexParts(std::string_view sql);

// A collation name as the IR keeps it: SQLite's built-ins (BINARY, NOCASE, RTRIM, any case)
// lower-case, others as written.
std::string collationName(std::string_view name);

// An index part as inspect() reads it back from the lowering of `c`: a column expression is
// the column (SQLite indexes it as one), any other expression the SQL the lowering writes for it
// (an operator expression in parentheses, so that COLLATE and DESC apply to all of it), Raw.
ir::IndexColumn normalizedIndexPart(const ir::Schema& schema, const ir::Table& t,
                                    const ir::IndexColumn& c);

// ---- views, triggers and virtual tables (sqlite_schema's other objects) ----

struct ParsedView {
  std::string name;
  bool hasColumnList = false;  // CREATE VIEW v(a, b) AS ...: the IR has no place for it
  std::string select;          // after AS, trimmed, without a trailing ';'
};
bool parseCreateView(std::string_view sql, ParsedView* out, std::string* error);

// name, table, timing, event, columns, forEachRow, when and body; doc left empty.
bool parseCreateTrigger(std::string_view sql, ir::Trigger* out, std::string* error);

// name, module and args (the bytes between the parentheses, as written).
bool parseCreateVirtualTable(std::string_view sql, ir::VirtualTable* out, std::string* error);

// Whitespace-trimmed text: how expression SQL is stored on both sides.
std::string trimSql(std::string_view s);

// The spelling-free form of a piece of SQL: its tokens without comments, one space apart,
// identifiers (bare or quoted) and keywords upper-cased, redundant outer parentheses removed.
// Servers that re-print the CREATE text they store (tursodb writes `length ("a")`, `DECIMAL
// (12, 2)`, and bare names after ALTER TABLE) keep this form, so it tells such a re-spelling
// from a real change.
std::string canonicalSql(std::string_view sql);
// Byte-equal, or equal in canonicalSql form.
bool sameSql(std::string_view a, std::string_view b);
// When `text` starts with the tokens of `prefix` (compared as canonicalSql compares them): how
// many bytes of `text` they take.
std::optional<std::size_t> sqlPrefixLength(std::string_view text, std::string_view prefix);

// ---- column types ----

// What inspect() reads for a column declared `declared` (the text of its CREATE statement).
struct InferredType {
  ir::Type type;  // enumName left empty: the caller names the enum
  std::optional<std::vector<std::string>> enumValues;  // set when the type is an enum
  std::string sqlType;     // `declared` when it is not what `type` lowers to, else empty
  bool unchecked = false;  // a bool, varchar or json type whose implied CHECK is not there
};
// The logical type of a column from its declared type (schemac's own names map back one to
// one, others by SQLite's affinity rules) refined by the unnamed CHECK the type implies (bool,
// varchar, json, enum), which is removed from `checks`; `unchecked` when a bool, varchar or
// json declared type has no such check.
InferredType inferColumnType(const std::string& declared, const std::string& column,
                             std::vector<ParsedCheck>& checks);

// `base`, or `base` followed by the first number that makes it a name not in `taken`.
std::string uniqueName(const std::string& base, const std::set<std::string>& taken);

// ---- enum naming ----

// Names enums found in checks, remembering the names it gave so every enum name maps to one
// list of values. Tables must be fed in name order and columns in declared order.
class EnumNamer {
 public:
  explicit EnumNamer(const ir::Schema* reference) : reference_(reference) {}
  std::string name(const std::string& table, const std::string& column,
                   const std::vector<std::string>& values);
  // The enums named so far, sorted by name, without docs.
  std::vector<ir::Enum> enums() const;

 private:
  const ir::Schema* reference_;
  std::map<std::string, std::vector<std::string>> chosen_;
  // reference_'s tables by name (the first of a name, as findTable), built on first use:
  // findTable is a linear search, once per enum column of a 1,000-table database.
  std::unordered_map<std::string_view, const ir::Table*> tables_;
};

std::vector<std::string> enumValueNames(const ir::Enum& e);

}  // namespace schemac::db::detail
