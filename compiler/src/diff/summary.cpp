// Human-readable rendering of a Plan: one summary line per change, the warnings, and the
// migration name derived from the changes.
#include <fmt/core.h>

#include <algorithm>
#include <cctype>

#include "schemac/diff.h"
#include "schemac/support/quote.h"

namespace schemac::diff {
namespace {

std::string joinNames(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::string binaryOp(const ir::Expr& e) {
  return "(" + exprToString(e.args.at(0)) + " " + e.text + " " + exprToString(e.args.at(1)) + ")";
}

std::string columnChangeText(const AlterColumn& a) {
  std::vector<std::string> parts;
  if (a.what & kType) {
    parts.push_back("type " + ir::typeToString(a.from.type) + " -> " + ir::typeToString(a.to.type));
  }
  if (a.what & kNullability) parts.push_back(a.to.nullable ? "nullable" : "NOT NULL");
  if (a.what & kDefault) {
    parts.push_back(a.to.defaultValue ? "default " + exprToString(*a.to.defaultValue)
                                      : "no default");
  }
  if (a.what & kGenerated) {
    parts.push_back(a.to.generated ? "generated (" + exprToString(a.to.generated->expr) + ")" +
                                         (a.to.generated->stored ? " stored" : "")
                                   : "not generated");
  }
  if (a.what & kAutoincrement) {
    parts.push_back(a.to.autoincrement ? "autoincrement" : "no autoincrement");
  }
  if (a.what & kSqlType) {
    parts.push_back(a.to.sqlType.empty() ? "no sqltype" : "sqltype \"" + a.to.sqlType + "\"");
  }
  if (a.what & kUnchecked) parts.push_back(a.to.unchecked ? "unchecked" : "checked");
  if (a.what & kCollation) {
    parts.push_back(a.to.collation.empty() ? "no collation" : "collate " + a.to.collation);
  }
  return joinNames(parts);
}

struct LineRenderer {
  std::string operator()(const CreateTable& x) { return "+ table " + x.table.name; }
  std::string operator()(const DropTable& x) {
    return "- table " + x.table.name + " (drops all its rows)";
  }
  std::string operator()(const RenameTable& x) { return "~ table " + x.from + " -> " + x.to; }
  std::string operator()(const AddColumn& x) { return "+ column " + x.table + "." + x.column.name; }
  std::string operator()(const DropColumn& x) {
    return "- column " + x.table + "." + x.column.name + " (drops its values)";
  }
  std::string operator()(const RenameColumn& x) {
    return "~ column " + x.table + "." + x.from + " -> " + x.to;
  }
  std::string operator()(const AlterColumn& x) {
    return "~ column " + x.table + "." + x.to.name + ": " + columnChangeText(x);
  }
  std::string operator()(const CreateIndex& x) {
    return std::string("+ ") + (x.index.unique ? "unique index " : "index ") + x.index.name +
           " on " + x.table;
  }
  std::string operator()(const DropIndex& x) {
    return std::string("- ") + (x.index.unique ? "unique index " : "index ") + x.index.name +
           " on " + x.table;
  }
  std::string operator()(const AddCheck& x) { return "+ check " + x.check.name + " on " + x.table; }
  std::string operator()(const DropCheck& x) {
    return "- check " + x.check.name + " on " + x.table;
  }
  std::string operator()(const AddForeignKey& x) {
    return "+ foreign key " + x.fk.name + " on " + x.table + " -> " + x.fk.refTable;
  }
  std::string operator()(const DropForeignKey& x) {
    return "- foreign key " + x.fk.name + " on " + x.table;
  }
  std::string operator()(const AlterPrimaryKey& x) {
    std::string out =
        "~ primary key " + x.table + ": (" + joinNames(x.from) + ") -> (" + joinNames(x.to) + ")";
    if (x.fromName != x.toName) {
      out += x.toName.empty() ? ", unnamed" : ", named " + x.toName;
    }
    return out;
  }
  std::string operator()(const AlterTableOptions& x) {
    std::vector<std::string> parts;
    if (x.fromWithoutRowid != x.toWithoutRowid) {
      parts.push_back(x.toWithoutRowid ? "without rowid" : "with rowid");
    }
    if (x.fromStrict != x.toStrict) parts.push_back(x.toStrict ? "strict" : "not strict");
    return "~ table " + x.table + ": " + joinNames(parts);
  }
  std::string operator()(const CreateView& x) { return "+ view " + x.view.name; }
  std::string operator()(const DropView& x) { return "- view " + x.view.name; }
  std::string operator()(const CreateTrigger& x) {
    return "+ trigger " + x.trigger.name + " on " + x.trigger.table;
  }
  std::string operator()(const DropTrigger& x) {
    return "- trigger " + x.trigger.name + " on " + x.trigger.table;
  }
  std::string operator()(const CreateVirtualTable& x) {
    return "+ virtual table " + x.table.name + " using " + x.table.module;
  }
  std::string operator()(const DropVirtualTable& x) {
    return "- virtual table " + x.table.name + " (drops its rows)";
  }
  std::string operator()(const CreateEnum& x) { return "+ enum " + x.e.name; }
  std::string operator()(const DropEnum& x) { return "- enum " + x.e.name; }
  std::string operator()(const RenameEnum& x) { return "~ enum " + x.from + " -> " + x.to; }
  std::string operator()(const AddEnumValue& x) {
    return "+ enum value " + x.enumName + "." + x.value;
  }
  std::string operator()(const DropEnumValue& x) {
    return "- enum value " + x.enumName + "." + x.value;
  }
  std::string operator()(const RenameEnumValue& x) {
    return "~ enum value " + x.enumName + "." + x.from + " -> " + x.to;
  }
  std::string operator()(const ReorderEnumValues& x) {
    return "~ enum " + x.enumName + ": value order (" + joinNames(x.to) + ")";
  }
  std::string operator()(const ReorderColumns& x) {
    return "~ table " + x.table + ": column order (" + joinNames(x.to) + ")";
  }
};

// Name fragment of one change, e.g. "add_invoices_paid_at".
struct NameRenderer {
  std::string operator()(const CreateTable& x) { return "create_" + x.table.name; }
  std::string operator()(const DropTable& x) { return "drop_" + x.table.name; }
  std::string operator()(const RenameTable& x) { return "rename_" + x.from + "_to_" + x.to; }
  std::string operator()(const AddColumn& x) { return "add_" + x.table + "_" + x.column.name; }
  std::string operator()(const DropColumn& x) { return "drop_" + x.table + "_" + x.column.name; }
  std::string operator()(const RenameColumn& x) {
    return "rename_" + x.table + "_" + x.from + "_to_" + x.to;
  }
  std::string operator()(const AlterColumn& x) { return "alter_" + x.table + "_" + x.to.name; }
  std::string operator()(const CreateIndex& x) { return "add_" + x.index.name; }
  std::string operator()(const DropIndex& x) { return "drop_" + x.index.name; }
  std::string operator()(const AddCheck& x) { return "add_" + x.check.name; }
  std::string operator()(const DropCheck& x) { return "drop_" + x.check.name; }
  std::string operator()(const AddForeignKey& x) { return "add_" + x.fk.name; }
  std::string operator()(const DropForeignKey& x) { return "drop_" + x.fk.name; }
  std::string operator()(const AlterPrimaryKey& x) { return "alter_" + x.table + "_pkey"; }
  std::string operator()(const CreateEnum& x) { return "create_" + x.e.name; }
  std::string operator()(const DropEnum& x) { return "drop_" + x.e.name; }
  std::string operator()(const RenameEnum& x) { return "rename_" + x.from + "_to_" + x.to; }
  std::string operator()(const AddEnumValue& x) { return "add_" + x.enumName + "_" + x.value; }
  std::string operator()(const DropEnumValue& x) { return "drop_" + x.enumName + "_" + x.value; }
  std::string operator()(const RenameEnumValue& x) {
    return "rename_" + x.enumName + "_" + x.from + "_to_" + x.to;
  }
  std::string operator()(const ReorderEnumValues& x) { return "reorder_" + x.enumName; }
  std::string operator()(const ReorderColumns& x) { return "reorder_" + x.table; }
  std::string operator()(const AlterTableOptions& x) { return "alter_" + x.table + "_options"; }
  std::string operator()(const CreateView& x) { return "create_view_" + x.view.name; }
  std::string operator()(const DropView& x) { return "drop_view_" + x.view.name; }
  std::string operator()(const CreateTrigger& x) { return "create_trigger_" + x.trigger.name; }
  std::string operator()(const DropTrigger& x) { return "drop_trigger_" + x.trigger.name; }
  std::string operator()(const CreateVirtualTable& x) { return "create_" + x.table.name; }
  std::string operator()(const DropVirtualTable& x) { return "drop_" + x.table.name; }
};

// The table a change concerns, or "" for enum changes.
struct TableOf {
  std::string operator()(const CreateTable& x) { return x.table.name; }
  std::string operator()(const DropTable& x) { return x.table.name; }
  std::string operator()(const RenameTable& x) { return x.to; }
  std::string operator()(const CreateEnum&) { return {}; }
  std::string operator()(const DropEnum&) { return {}; }
  std::string operator()(const RenameEnum&) { return {}; }
  std::string operator()(const AddEnumValue&) { return {}; }
  std::string operator()(const DropEnumValue&) { return {}; }
  std::string operator()(const RenameEnumValue&) { return {}; }
  std::string operator()(const ReorderEnumValues&) { return {}; }
  std::string operator()(const CreateView&) { return {}; }
  std::string operator()(const DropView&) { return {}; }
  std::string operator()(const CreateVirtualTable&) { return {}; }
  std::string operator()(const DropVirtualTable&) { return {}; }
  std::string operator()(const CreateTrigger& x) { return x.trigger.table; }
  std::string operator()(const DropTrigger& x) { return x.trigger.table; }
  template <typename T>
  std::string operator()(const T& x) {
    return x.table;
  }
};

std::string sanitize(const std::string& s) {
  std::string out;
  for (char ch : s) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  if (out.size() > 60) {
    out.resize(60);
    while (!out.empty() && out.back() == '_') out.pop_back();
  }
  return out.empty() ? "migration" : out;
}

}  // namespace

std::string exprToString(const ir::Expr& e) {
  using K = ir::ExprKind;
  switch (e.kind) {
    case K::Null:
      return "null";
    case K::Bool:
    case K::Int:
    case K::Decimal:
    case K::EnumValue:
    case K::Column:
      return e.text;
    case K::String:
      return support::quoteString(e.text);
    case K::Now:
      return "now";
    case K::Unary:
      return e.text == "not" ? "not " + exprToString(e.args.at(0))
                             : e.text + exprToString(e.args.at(0));
    case K::Binary:
      return binaryOp(e);
    case K::IsNull:
      return exprToString(e.args.at(0)) + (e.negated ? " is not null" : " is null");
    case K::In: {
      std::string out = exprToString(e.args.at(0)) + (e.negated ? " not in (" : " in (");
      for (std::size_t i = 1; i < e.args.size(); ++i) {
        if (i > 1) out += ", ";
        out += exprToString(e.args[i]);
      }
      return out + ")";
    }
    case K::Like:
      return exprToString(e.args.at(0)) + (e.negated ? " not like " : " like ") +
             exprToString(e.args.at(1));
    case K::Between:
      return exprToString(e.args.at(0)) + (e.negated ? " not between " : " between ") +
             exprToString(e.args.at(1)) + " and " + exprToString(e.args.at(2));
    case K::Call: {
      std::string out = e.text + "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) out += ", ";
        out += exprToString(e.args[i]);
      }
      return out + ")";
    }
    case K::Raw:
      return "sql\"" + e.text + "\"";
  }
  return e.text;
}

std::string summaryLine(const Change& c) { return std::visit(LineRenderer{}, c.kind); }

std::string summary(const Plan& plan) {
  std::string out;
  for (const Change& c : plan.changes) out += summaryLine(c) + "\n";
  return out;
}

std::vector<std::string> warnings(const Plan& plan) {
  std::vector<std::string> out;
  for (const Change& c : plan.changes) {
    if (c.safety != Safety::Safe) out.push_back(c.reason);
  }
  return out;
}

std::string suggestName(const Plan& plan) {
  if (plan.changes.empty()) return "migration";
  if (plan.changes.size() == 1) return sanitize(std::visit(NameRenderer{}, plan.changes[0].kind));
  // All changes about one table: name the table; otherwise the first change and a count.
  std::string table = std::visit(TableOf{}, plan.changes[0].kind);
  bool oneTable =
      !table.empty() && std::all_of(plan.changes.begin(), plan.changes.end(), [&](const Change& c) {
        return std::visit(TableOf{}, c.kind) == table;
      });
  if (oneTable) {
    bool creates = std::holds_alternative<CreateTable>(plan.changes[0].kind);
    return sanitize((creates ? "create_" : "alter_") + table);
  }
  return sanitize(std::visit(NameRenderer{}, plan.changes[0].kind) + "_and_more");
}

}  // namespace schemac::diff
