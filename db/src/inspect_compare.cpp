// describeDifferences: a readable account of how two IRs differ, for test failures and for
// explaining drift. Objects are matched by name; lists with meaningful order by position.
#include <map>

#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"

namespace schemac::db {
namespace {

std::string exprText(const ir::Expr& e) {
  static const char* kKinds[] = {"null",      "bool",    "int",   "decimal", "string", "now",
                                 "enumValue", "column",  "unary", "binary",  "isNull", "in",
                                 "like",      "between", "call",  "raw"};
  if (e.kind == ir::ExprKind::Raw) return "sql`" + e.text + "`";
  std::string out = kKinds[static_cast<int>(e.kind)];
  if (e.negated) out = "not " + out;
  if (!e.text.empty()) out += ":" + e.text;
  if (!e.args.empty()) {
    out += "(";
    for (std::size_t i = 0; i < e.args.size(); ++i) out += (i ? ", " : "") + exprText(e.args[i]);
    out += ")";
  }
  return out;
}

std::string optExpr(const std::optional<ir::Expr>& e) { return e ? exprText(*e) : "(none)"; }

std::string orNone(const std::string& s) { return s.empty() ? "(none)" : s; }

const char* yesNo(bool b) { return b ? "true" : "false"; }

std::string deferral(ir::Deferral d) {
  return d == ir::Deferral::NotDeferrable
             ? "not deferrable"
             : std::string("deferrable initially ") + ir::deferralName(d);
}

std::string options(const ir::Table& t) {
  std::string out;
  if (t.withoutRowid) out = "without rowid";
  if (t.strict) out += out.empty() ? "strict" : ", strict";
  return orNone(out);
}

std::string indexPart(const ir::IndexColumn& c) {
  std::string out = c.expr ? exprText(*c.expr) : c.column;
  if (!c.collation.empty()) out += " collate " + c.collation;
  if (c.desc) out += " desc";
  return out;
}

std::string list(const std::vector<std::string>& v) {
  std::string out = "(";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + ")";
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

class Differ {
 public:
  std::vector<std::string> out;

  void field(const std::string& where, const std::string& what, const std::string& expected,
             const std::string& actual) {
    if (expected != actual)
      out.push_back(where + ": " + what + ": expected " + expected + ", got " + actual);
  }

  template <typename T, typename Fn>
  void byName(const std::string& where, const char* what, const std::vector<T>& expected,
              const std::vector<T>& actual, Fn compare) {
    std::map<std::string, const T*> a;
    for (const T& x : actual) a[x.name] = &x;
    for (const T& e : expected) {
      auto it = a.find(e.name);
      if (it == a.end()) {
        out.push_back(where + what + " " + quoted(e.name) + " is missing");
        continue;
      }
      compare(where + what + " " + quoted(e.name), e, *it->second);
      a.erase(it);
    }
    for (const auto& [name, x] : a)
      out.push_back(where + "unexpected " + what + " " + quoted(name));
  }

  void table(const std::string& w, const ir::Table& e, const ir::Table& a) {
    field(w, "doc", quoted(e.doc), quoted(a.doc));
    std::vector<std::string> en, an;
    for (const auto& c : e.columns) en.push_back(c.name);
    for (const auto& c : a.columns) an.push_back(c.name);
    field(w, "columns", list(en), list(an));
    for (std::size_t i = 0; i < e.columns.size() && i < a.columns.size(); ++i) {
      if (e.columns[i].name == a.columns[i].name)
        column(w + ": column " + quoted(e.columns[i].name), e.columns[i], a.columns[i]);
    }
    field(w, "primary key", list(e.primaryKey), list(a.primaryKey));
    field(w, "primary key name", orNone(e.primaryKeyName), orNone(a.primaryKeyName));
    field(w, "options", options(e), options(a));
    byName(w + ": ", "index", e.indexes, a.indexes,
           [&](const std::string& iw, const ir::Index& x, const ir::Index& y) {
             field(iw, "unique", yesNo(x.unique), yesNo(y.unique));
             field(iw, "unique constraint", yesNo(x.constraint), yesNo(y.constraint));
             field(iw, "unnamed", yesNo(x.unnamed), yesNo(y.unnamed));
             auto cols = [](const ir::Index& ix) {
               std::vector<std::string> v;
               for (const auto& c : ix.columns) v.push_back(indexPart(c));
               return list(v);
             };
             field(iw, "columns", cols(x), cols(y));
             field(iw, "where", optExpr(x.where), optExpr(y.where));
           });
    byName(w + ": ", "check", e.checks, a.checks,
           [&](const std::string& cw, const ir::Check& x, const ir::Check& y) {
             field(cw, "expression", exprText(x.expr), exprText(y.expr));
             field(cw, "unnamed", yesNo(x.unnamed), yesNo(y.unnamed));
           });
    byName(w + ": ", "foreign key", e.foreignKeys, a.foreignKeys,
           [&](const std::string& fw, const ir::ForeignKey& x, const ir::ForeignKey& y) {
             field(fw, "columns", list(x.columns), list(y.columns));
             field(fw, "references", x.refTable + list(x.refColumns),
                   y.refTable + list(y.refColumns));
             field(fw, "on delete", ir::fkActionName(x.onDelete), ir::fkActionName(y.onDelete));
             field(fw, "on update", ir::fkActionName(x.onUpdate), ir::fkActionName(y.onUpdate));
             field(fw, "deferrable", deferral(x.deferral), deferral(y.deferral));
             field(fw, "unnamed", yesNo(x.unnamed), yesNo(y.unnamed));
           });
    field(w, "rename hints", list(e.renamedFrom), list(a.renamedFrom));
  }

  void column(const std::string& w, const ir::Column& e, const ir::Column& a) {
    auto type = [](const ir::Type& t) {
      return ir::typeToString(t) + (t.kind == ir::TypeKind::Enum ? " (enum)" : "");
    };
    field(w, "type", type(e.type), type(a.type));
    if (e.type != a.type && type(e.type) == type(a.type)) {
      field(w, "type fields",
            "p" + std::to_string(e.type.precision) + " s" + std::to_string(e.type.scale) + " n" +
                std::to_string(e.type.length) + " " + e.type.enumName,
            "p" + std::to_string(a.type.precision) + " s" + std::to_string(a.type.scale) + " n" +
                std::to_string(a.type.length) + " " + a.type.enumName);
    }
    if (e.sqlType != a.sqlType) {
      field(w, "declared type", codegen::sqlite::declaredType(e), codegen::sqlite::declaredType(a));
    }
    field(w, "unchecked", e.unchecked ? "true" : "false", a.unchecked ? "true" : "false");
    field(w, "nullable", e.nullable ? "true" : "false", a.nullable ? "true" : "false");
    field(w, "collation", orNone(e.collation), orNone(a.collation));
    field(w, "default", optExpr(e.defaultValue), optExpr(a.defaultValue));
    auto gen = [](const std::optional<ir::Generated>& g) {
      return g ? exprText(g->expr) + (g->stored ? " stored" : " virtual") : "(none)";
    };
    field(w, "generated", gen(e.generated), gen(a.generated));
    field(w, "autoincrement", e.autoincrement ? "true" : "false",
          a.autoincrement ? "true" : "false");
    field(w, "doc", quoted(e.doc), quoted(a.doc));
    field(w, "rename hints", list(e.renamedFrom), list(a.renamedFrom));
  }
};

}  // namespace

std::vector<std::string> describeDifferences(const ir::Schema& expected, const ir::Schema& actual) {
  Differ d;
  d.field("schema", "namespace", quoted(expected.ns), quoted(actual.ns));
  d.field("schema", "doc", quoted(expected.doc), quoted(actual.doc));
  d.byName("", "table", expected.tables, actual.tables,
           [&](const std::string& w, const ir::Table& e, const ir::Table& a) { d.table(w, e, a); });
  d.byName("", "enum", expected.enums, actual.enums,
           [&](const std::string& w, const ir::Enum& e, const ir::Enum& a) {
             std::vector<std::string> ev, av;
             for (const auto& v : e.values)
               ev.push_back(v.name + (v.doc.empty() ? "" : " /" + v.doc + "/"));
             for (const auto& v : a.values)
               av.push_back(v.name + (v.doc.empty() ? "" : " /" + v.doc + "/"));
             d.field(w, "values", list(ev), list(av));
             d.field(w, "doc", quoted(e.doc), quoted(a.doc));
             d.field(w, "rename hints", list(e.renamedFrom), list(a.renamedFrom));
           });
  d.byName("", "view", expected.views, actual.views,
           [&](const std::string& w, const ir::View& e, const ir::View& a) {
             d.field(w, "query", quoted(e.sql), quoted(a.sql));
             d.field(w, "doc", quoted(e.doc), quoted(a.doc));
           });
  d.byName("", "trigger", expected.triggers, actual.triggers,
           [&](const std::string& w, const ir::Trigger& e, const ir::Trigger& a) {
             auto head = [](const ir::Trigger& t) {
               std::string out = std::string(ir::triggerTimingName(t.timing)) + " " +
                                 ir::triggerEventName(t.event);
               if (!t.columns.empty()) out += " of " + list(t.columns);
               out += " on " + t.table;
               if (t.forEachRow) out += " for each row";
               return out;
             };
             d.field(w, "event", head(e), head(a));
             d.field(w, "when", e.when.empty() ? "(none)" : quoted(e.when),
                     a.when.empty() ? "(none)" : quoted(a.when));
             d.field(w, "body", quoted(e.body), quoted(a.body));
             d.field(w, "doc", quoted(e.doc), quoted(a.doc));
           });
  d.byName("", "virtual table", expected.virtualTables, actual.virtualTables,
           [&](const std::string& w, const ir::VirtualTable& e, const ir::VirtualTable& a) {
             d.field(w, "module", e.module, a.module);
             d.field(w, "arguments", quoted(e.args), quoted(a.args));
             d.field(w, "doc", quoted(e.doc), quoted(a.doc));
           });
  // Anything operator== sees that the walk above does not name (order of named objects).
  if (d.out.empty() && !(expected == actual)) {
    d.out.push_back("schemas differ in the order of named objects or in enum value rename hints");
  }
  return d.out;
}

}  // namespace schemac::db
