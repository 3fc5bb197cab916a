// The differ: previous IR + next IR -> Plan, an explicit, ordered, dialect-neutral list of
// typed changes, each classified (safe / may fail on existing rows / loses data) with a
// human reason. Dialects lower a Plan to SQL (codegen/sqlite_migrate.h); generate, status
// and push print it with summaryLine() and warnings().
//
// Renames: `was` hints resolve renames of tables, columns, enums and enum values. A hint on
// a `to` object names a `from` object (up); a hint on a `from` object names a `to` object
// (down, when the previous schema still carries its hints). A hint naming something absent,
// or something that still exists under that name, is ignored. With no hint a column is
// dropped and added, unless DiffOptions::confirmRename accepts the pair (interactive only).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "schemac/ir.h"

namespace schemac::diff {

// Resolved renames, old name -> new name.
struct Renames {
  std::map<std::string, std::string> tables;
  // Keyed by the table's new name.
  std::map<std::string, std::map<std::string, std::string>> columns;
  std::map<std::string, std::string> enums;
  // Keyed by the enum's new name.
  std::map<std::string, std::map<std::string, std::string>> enumValues;

  bool empty() const {
    return tables.empty() && columns.empty() && enums.empty() && enumValues.empty();
  }
  // The same renames in the other direction (new -> old), keyed by the old names: what the
  // down diff of a migration needs.
  Renames reversed() const;
  bool operator==(const Renames&) const = default;
};

// ---- change kinds ----

struct CreateTable {
  ir::Table table;
};
struct DropTable {
  ir::Table table;
};
struct RenameTable {
  std::string from, to;
};
struct AddColumn {
  std::string table;
  ir::Column column;
};
struct DropColumn {
  std::string table;
  ir::Column column;
};
struct RenameColumn {
  std::string table;  // the table's new name
  std::string from, to;
};

// What an AlterColumn changes (bit set).
enum ColumnChange : unsigned {
  kType = 1u << 0,
  kNullability = 1u << 1,
  kDefault = 1u << 2,
  kGenerated = 1u << 3,
  kAutoincrement = 1u << 4,
  kSqlType = 1u << 5,    // the declared SQL type (`sqltype`): a table rebuild in SQLite
  kUnchecked = 1u << 6,  // the type's implied CHECK is dropped or added (`unchecked`)
  kCollation = 1u << 7,  // `collate NAME` (compared ignoring ASCII case): a table rebuild
};
// A timestamp unit change (timestamp <-> timestamp(s)) is a kType change: from.type.unit and
// to.type.unit tell the lowering how to convert the stored values when it copies them.

struct AlterColumn {
  std::string table;
  ir::Column from;  // the previous column, under its new name (renames applied)
  ir::Column to;
  unsigned what = 0;  // ColumnChange bits
};
struct CreateIndex {
  std::string table;
  ir::Index index;
};
struct DropIndex {
  std::string table;  // the table's new name (its old name if the table is dropped)
  ir::Index index;
};
struct AddCheck {
  std::string table;
  ir::Check check;
};
struct DropCheck {
  std::string table;
  ir::Check check;
};
struct AddForeignKey {
  std::string table;
  ir::ForeignKey fk;
};
struct DropForeignKey {
  std::string table;
  ir::ForeignKey fk;
};
// The key's columns or its constraint name (Table::primaryKeyName) change.
struct AlterPrimaryKey {
  std::string table;
  std::vector<std::string> from, to;
  std::string fromName, toName;  // "" = unnamed
};
// `without rowid` / `strict` switched on or off: a table rebuild.
struct AlterTableOptions {
  std::string table;
  bool fromWithoutRowid = false, toWithoutRowid = false;
  bool fromStrict = false, toStrict = false;
};
// Views, triggers and virtual tables are replaced, never altered: a changed one is dropped
// (before any table changes) and created again (after them).
struct CreateView {
  ir::View view;
};
struct DropView {
  ir::View view;
};
struct CreateTrigger {
  ir::Trigger trigger;
};
struct DropTrigger {
  ir::Trigger trigger;
};
struct CreateVirtualTable {
  ir::VirtualTable table;
};
struct DropVirtualTable {
  ir::VirtualTable table;
};
struct CreateEnum {
  ir::Enum e;
};
struct DropEnum {
  ir::Enum e;
};
struct RenameEnum {
  std::string from, to;
};
struct AddEnumValue {
  std::string enumName;
  std::string value;
};
struct DropEnumValue {
  std::string enumName;
  std::string value;
};
struct RenameEnumValue {
  std::string enumName;
  std::string from, to;
};
// Values kept but reordered: no data change, but the generated code and checks follow it.
struct ReorderEnumValues {
  std::string enumName;
  std::vector<std::string> from, to;
};
// The kept columns of a table appear in another order (names after renames).
struct ReorderColumns {
  std::string table;
  std::vector<std::string> from, to;
};

using ChangeKind =
    std::variant<CreateTable, DropTable, RenameTable, AddColumn, DropColumn, RenameColumn,
                 AlterColumn, CreateIndex, DropIndex, AddCheck, DropCheck, AddForeignKey,
                 DropForeignKey, AlterPrimaryKey, CreateEnum, DropEnum, RenameEnum, AddEnumValue,
                 DropEnumValue, RenameEnumValue, ReorderEnumValues, ReorderColumns,
                 AlterTableOptions, CreateView, DropView, CreateTrigger, DropTrigger,
                 CreateVirtualTable, DropVirtualTable>;

enum class Safety {
  Safe,       // cannot fail and keeps every value
  MayFail,    // fails (and rolls back) when existing rows violate the new shape
  LosesData,  // succeeds but drops or rewrites stored values
};

struct Change {
  ChangeKind kind;
  Safety safety = Safety::Safe;
  std::string reason;  // for MayFail / LosesData: the warning text, e.g. "drops column t.c"
};

struct Plan {
  std::vector<Change> changes;
  Renames renames;  // every rename the plan performs (hinted, confirmed or given)

  bool empty() const { return changes.empty(); }
  bool losesData() const;
  bool mayFail() const;
};

struct DiffOptions {
  // Asked for a dropped and an added column of the same type in one table (new table name).
  // Set only on an interactive terminal; unset, the differ never guesses.
  std::function<bool(const std::string& table, const std::string& dropped,
                     const std::string& added)>
      confirmRename;
  // Renames known in advance (e.g. the reversed renames of the up plan, for the down diff).
  Renames renames;
};

Plan diff(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options = {});

// `from` with the plan's renames applied (tables, columns, enums, enum values, and every
// reference to them): the previous schema as it looks once the renames have run.
ir::Schema applyRenames(const ir::Schema& from, const Renames& renames);

// ---- presentation (shared by generate, status and push) ----

// One line per change: "+ column invoices.paid_at", "~ column users.email: NOT NULL",
// "- table legacy (drops all its rows)".
std::string summaryLine(const Change& c);
std::string summary(const Plan& plan);  // every summaryLine, each ending in '\n'
// One warning per MayFail / LosesData change, in plan order: "drops column users.legacy
// (data loss)", "adds NOT NULL column users.age without a default (fails if users has rows)".
std::vector<std::string> warnings(const Plan& plan);
// A migration name derived from the changes: "add_invoices_paid_at", "create_users",
// "drop_legacy", "alter_users", ... (lower-case, [a-z0-9_], at most 60 characters).
std::string suggestName(const Plan& plan);
// Schema-language rendering of an expression, for messages: `lower(title)`, `'member'`.
std::string exprToString(const ir::Expr& e);

}  // namespace schemac::diff
