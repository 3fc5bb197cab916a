#include "schemac/ast_dump.h"

namespace schemac::ast {
namespace {

const char* kindName(ExprKind k) {
  switch (k) {
    case ExprKind::Null:
      return "null";
    case ExprKind::Bool:
      return "bool";
    case ExprKind::Int:
      return "int";
    case ExprKind::Decimal:
      return "decimal";
    case ExprKind::String:
      return "string";
    case ExprKind::Now:
      return "now";
    case ExprKind::Name:
      return "name";
    case ExprKind::Unary:
      return "unary";
    case ExprKind::Binary:
      return "binary";
    case ExprKind::IsNull:
      return "isnull";
    case ExprKind::In:
      return "in";
    case ExprKind::Like:
      return "like";
    case ExprKind::Between:
      return "between";
    case ExprKind::Call:
      return "call";
    case ExprKind::Raw:
      return "raw";
  }
  return "?";
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

void expr(std::string& out, const Expr& e) {
  out += "(";
  out += kindName(e.kind);
  if (!e.text.empty()) out += " " + quoted(e.text);
  if (e.negated) out += " negated";
  if (e.parenthesized) out += " parens";
  if (e.kind == ExprKind::String || e.kind == ExprKind::Raw) out += std::string(" quote") + e.quote;
  for (const Expr& a : e.args) {
    out += " ";
    expr(out, a);
  }
  out += ")";
}

std::string idents(const std::vector<Ident>& ids) {
  std::string out;
  for (const Ident& id : ids) out += " " + quoted(id.name);
  return out;
}

const char* timingName(TriggerTiming t) {
  switch (t) {
    case TriggerTiming::Before:
      return "before";
    case TriggerTiming::After:
      return "after";
    case TriggerTiming::InsteadOf:
      return "instead-of";
  }
  return "?";
}

const char* eventName(TriggerEvent e) {
  switch (e) {
    case TriggerEvent::Insert:
      return "insert";
    case TriggerEvent::Delete:
      return "delete";
    case TriggerEvent::Update:
      return "update";
  }
  return "?";
}

// Views, triggers and virtual tables, one line each.
void objectDecl(std::string& out, const Module& m, Module::DeclKind kind, std::size_t i) {
  switch (kind) {
    case Module::DeclKind::View: {
      const ViewDecl& v = m.views[i];
      out += "view " + quoted(v.name.name) + " doc " + quoted(v.doc) + " as ";
      expr(out, v.query);
      break;
    }
    case Module::DeclKind::Trigger: {
      const TriggerDecl& t = m.triggers[i];
      out += "trigger " + quoted(t.name.name) + " doc " + quoted(t.doc) + " " +
             timingName(t.timing) + " " + eventName(t.event);
      if (t.of) out += " of" + idents(t.columns);
      out += " on " + quoted(t.target.name);
      if (t.forEachRow) out += " for-each-row";
      if (t.when) {
        out += " when ";
        expr(out, *t.when);
      }
      out += " body ";
      expr(out, t.body);
      break;
    }
    case Module::DeclKind::VirtualTable: {
      const VirtualTableDecl& v = m.virtualTables[i];
      out += "virtual-table " + quoted(v.name.name) + " doc " + quoted(v.doc) + " using " +
             quoted(v.module.name);
      if (v.args) {
        out += " ";
        expr(out, *v.args);
      }
      break;
    }
    default:
      return;
  }
  out += "\n";
}

void actions(std::string& out, const References& r) {
  out += " references " + quoted(r.table.name) + idents(r.columns);
  if (r.actions.onDelete)
    out += " on-delete " + std::to_string(static_cast<int>(*r.actions.onDelete));
  if (r.actions.onUpdate)
    out += " on-update " + std::to_string(static_cast<int>(*r.actions.onUpdate));
  if (r.deferral) out += " deferral " + std::to_string(static_cast<int>(*r.deferral));
}

void indexPart(std::string& out, const IndexPart& p) {
  out += " ";
  if (p.expr) {
    expr(out, *p.expr);
  } else {
    out += quoted(p.column.name);
  }
  if (p.collation) out += " collate " + quoted(p.collation->name);
  out += p.desc ? " desc" : "";
}

}  // namespace

std::string dump(const Module& m) {
  std::string out;
  if (m.ns) out += "namespace" + idents(m.ns->parts) + " doc " + quoted(m.ns->doc) + "\n";
  for (auto [kind, i] : m.order) {
    if (kind == Module::DeclKind::Enum) {
      const EnumDecl& e = m.enums[i];
      out +=
          "enum " + quoted(e.name.name) + " was" + idents(e.was) + " doc " + quoted(e.doc) + "\n";
      for (const EnumValueDecl& v : e.values) {
        out += "  value " + quoted(v.name.name) + " was" + idents(v.was) + " doc " + quoted(v.doc) +
               "\n";
      }
      continue;
    }
    if (kind != Module::DeclKind::Table) {
      objectDecl(out, m, kind, i);
      continue;
    }
    const TableDecl& t = m.tables[i];
    out += "table " + quoted(t.name.name) + " was" + idents(t.was) + " doc " + quoted(t.doc);
    for (const TableOption& o : t.options) {
      out += o.kind == TableOption::Kind::WithoutRowid ? " without-rowid" : " strict";
    }
    out += "\n";
    for (auto [ik, j] : t.items) {
      switch (ik) {
        case TableItemKind::Column: {
          const ColumnDecl& c = t.columns[j];
          out += "  column " + quoted(c.name.name) + " type " + quoted(c.type.name.name);
          for (int a : c.type.args) out += " " + std::to_string(a);
          if (c.type.unit) out += " unit " + quoted(c.type.unit->name);
          if (c.type.nullable) out += " nullable";
          out += " doc " + quoted(c.doc) + "\n";
          out += "    primary " + std::to_string(c.primary.size()) + " autoincrement " +
                 std::to_string(c.autoincrement.size()) + " unique " +
                 std::to_string(c.unique.size()) + "\n";
          for (const Expr& d : c.defaults) {
            out += "    default ";
            expr(out, d);
            out += "\n";
          }
          for (const References& r : c.references) {
            out += "   ";
            actions(out, r);
            out += "\n";
          }
          for (const Expr& ck : c.checks) {
            out += "    check ";
            expr(out, ck);
            out += "\n";
          }
          for (const Generated& g : c.generated) {
            out += "    generated ";
            expr(out, g.expr);
            out += g.stored ? (*g.stored ? " stored" : " virtual") : "";
            out += "\n";
          }
          for (const Expr& st : c.sqlTypes) {
            out += "    sqltype ";
            expr(out, st);
            out += "\n";
          }
          for (const Expr& ts : c.tsTypes) {
            out += "    tstype ";
            expr(out, ts);
            out += "\n";
          }
          if (!c.unchecked.empty())
            out += "    unchecked " + std::to_string(c.unchecked.size()) + "\n";
          if (!c.was.empty()) out += "    was" + idents(c.was) + "\n";
          if (!c.collations.empty()) out += "    collate" + idents(c.collations) + "\n";
          if (!c.uniqueConstraint.empty())
            out += "    unique-constraint " + std::to_string(c.uniqueConstraint.size()) + "\n";
          if (!c.nullableLegacy.empty())
            out += "    nullable-legacy " + std::to_string(c.nullableLegacy.size()) + "\n";
          break;
        }
        case TableItemKind::Primary: {
          const PrimaryItem& pk = t.primaryKeys[j];
          out += "  primary " + (pk.name ? quoted(pk.name->name) : "-") + idents(pk.columns) +
                 (pk.nullableLegacy ? " nullable-legacy" : "") + "\n";
          break;
        }
        case TableItemKind::Unique:
          out += std::string("  unique ") + (t.uniques[j].constraint ? "constraint " : "") +
                 (t.uniques[j].name ? quoted(t.uniques[j].name->name) : "-") +
                 idents(t.uniques[j].columns);
          for (const IndexPart& p : t.uniques[j].parts) indexPart(out, p);
          out += "\n";
          break;
        case TableItemKind::Index: {
          const IndexItem& ix = t.indexes[j];
          out += std::string("  index ") + (ix.unique ? "unique " : "") +
                 (ix.name ? quoted(ix.name->name) : "-");
          for (const IndexPart& p : ix.parts) indexPart(out, p);
          if (ix.where) {
            out += " where ";
            expr(out, *ix.where);
          }
          out += "\n";
          break;
        }
        case TableItemKind::Check:
          out += "  check " +
                 (t.checks[j].name ? quoted(t.checks[j].name->name)
                                   : (t.checks[j].unnamed ? "unnamed" : "-")) +
                 " ";
          expr(out, t.checks[j].expr);
          out += "\n";
          break;
        case TableItemKind::Foreign: {
          const ForeignItem& fk = t.foreignKeys[j];
          out += "  foreign " + (fk.name ? quoted(fk.name->name) : (fk.unnamed ? "unnamed" : "-")) +
                 idents(fk.columns);
          actions(out, fk.references);
          out += "\n";
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace schemac::ast
