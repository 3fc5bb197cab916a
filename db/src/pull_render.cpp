// IR -> `.schema` text for `schemac pull`, written through codegen::Printer.
#include <algorithm>
#include <cctype>
#include <string>

#include "pull_internal.h"
#include "schemac/codegen/printer.h"
#include "schemac/db/pull.h"
#include "schemac/format.h"

namespace schemac::db {
namespace {

// Binding strength in the .schema grammar (SchemaParser.g4), weakest first. Note that `||`
// binds more weakly than `+` here, unlike in SQL.
enum Level : int { kOr = 1, kAnd, kNot, kPredicate, kConcat, kAdd, kMul, kUnary, kAtom };

struct Text {
  std::string text;
  int level;
};

Text render(const ir::Expr& e);

std::string expr(const ir::Expr& e) { return render(e).text; }

// `e` where the grammar wants at least `min`: parenthesised when it binds more weakly.
std::string operand(const ir::Expr& e, int min) {
  Text t = render(e);
  return t.level < min ? "(" + t.text + ")" : t.text;
}

std::string args(const std::vector<ir::Expr>& a, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < a.size(); ++i) {
    if (i > from) out += ", ";
    out += expr(a[i]);
  }
  return out;
}

int binaryLevel(const std::string& op) {
  if (op == "or") return kOr;
  if (op == "and") return kAnd;
  if (op == "||") return kConcat;
  if (op == "+" || op == "-") return kAdd;
  if (op == "*" || op == "/" || op == "%") return kMul;
  return kPredicate;  // = != < <= > >=
}

Text render(const ir::Expr& e) {
  switch (e.kind) {
    case ir::ExprKind::Null:
      return {"null", kAtom};
    case ir::ExprKind::Bool:
    case ir::ExprKind::Int:
    case ir::ExprKind::Decimal:
      return {e.text, kAtom};
    case ir::ExprKind::String:
      return {formatString(e.text), kAtom};
    case ir::ExprKind::Now:
      return {"now", kAtom};
    case ir::ExprKind::EnumValue:
    case ir::ExprKind::Column:
      return {formatName(e.text), kAtom};
    case ir::ExprKind::Unary:
      if (e.text == "not") return {"not " + operand(e.args.at(0), kNot), kNot};
      return {e.text + operand(e.args.at(0), kUnary), kUnary};
    case ir::ExprKind::Binary: {
      // Left-nested chains need no parentheses; a predicate's operands are concat-level and
      // a predicate cannot take another predicate as its left operand.
      int level = binaryLevel(e.text);
      int leftMin = level == kPredicate ? kConcat : level;
      return {operand(e.args.at(0), leftMin) + " " + e.text + " " +
                  operand(e.args.at(1), level == kPredicate ? kConcat : level + 1),
              level};
    }
    case ir::ExprKind::IsNull:
      return {operand(e.args.at(0), kConcat) + (e.negated ? " is not null" : " is null"),
              kPredicate};
    case ir::ExprKind::In:
      return {operand(e.args.at(0), kConcat) + (e.negated ? " not in (" : " in (") +
                  args(e.args, 1) + ")",
              kPredicate};
    case ir::ExprKind::Like:
      return {operand(e.args.at(0), kConcat) + (e.negated ? " not like " : " like ") +
                  operand(e.args.at(1), kConcat),
              kPredicate};
    case ir::ExprKind::Between:
      return {operand(e.args.at(0), kConcat) + (e.negated ? " not between " : " between ") +
                  operand(e.args.at(1), kConcat) + " and " + operand(e.args.at(2), kConcat),
              kPredicate};
    case ir::ExprKind::Call:
      return {e.text + "(" + args(e.args) + ")", kAtom};
    case ir::ExprKind::Raw:
      return {"sql" + formatString(e.text), kAtom};  // rawSql()
  }
  return {"null", kAtom};
}

// A declared type as the database spells it, changing only the whitespace the language's
// `sqltype` does not accept (runs of spaces, line breaks, spaces just inside the parentheses
// or before a comma): `NUMERIC(10,2)` and `varchar(30)` stay as they are, `numeric ( 10 ,2 )`
// becomes `numeric (10,2)`. SQLite and every comparison ignore the spacing.
std::string sqlTypeText(const std::string& declared) {
  auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  bool space = false;
  for (char c : declared) {
    if (isSpace(c)) {
      space = true;
      continue;
    }
    bool keep = space && !out.empty() && out.back() != '(' && out.back() != '+' &&
                out.back() != '-' && c != ')' && c != ',';
    if (keep) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string columnList(const std::vector<std::string>& cols) {
  std::string out;
  for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? ", " : "") + formatName(cols[i]);
  return out;
}

void docLines(codegen::Printer& p, const std::string& doc) {
  if (doc.empty()) return;
  std::size_t pos = 0;
  while (true) {
    std::size_t nl = doc.find('\n', pos);
    std::string line = doc.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    p.emit({{"line", line}}, line.empty() ? "///\n" : "/// $line$\n");
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
}

// A collation name as the language writes it after `collate`.
std::string collateText(const std::string& collation) {
  return collation.empty() ? "" : " collate " + formatName(collation);
}

// A line of output being built, remembering where each expression's text lands in it (pull
// maps a compile error back to the expression it is in).
class Line {
 public:
  Line& operator+=(std::string_view text) {
    text_ += text;
    return *this;
  }
  // `e`, parenthesised when it binds more weakly than `min`.
  Line& add(const ir::Expr& e, int min = 0) {
    std::size_t begin = text_.size();
    text_ += min ? operand(e, min) : expr(e);
    spans_.push_back({&e, begin, text_.size()});
    return *this;
  }
  Line& operator+=(const Line& other) {
    for (const Span& sp : other.spans_) {
      spans_.push_back({sp.expr, sp.begin + text_.size(), sp.end + text_.size()});
    }
    text_ += other.text_;
    return *this;
  }
  const std::string& text() const { return text_; }
  bool empty() const { return text_.empty(); }

  // Writes the line (indented by the printer) and records where its expressions are.
  void emit(codegen::Printer& p, detail::ExprSpans* spans) const {
    p.emit({{"line", text_}}, "$line$\n");
    if (spans == nullptr) return;
    std::size_t start = p.str().size() - 1 - text_.size();
    for (const Span& sp : spans_) (*spans)[sp.expr] = {start + sp.begin, start + sp.end};
  }

 private:
  struct Span {
    const ir::Expr* expr;
    std::size_t begin, end;
  };
  std::string text_;
  std::vector<Span> spans_;
};

// The key parts of an index or unique constraint: columns, or expressions (parenthesised
// unless a single atom, so `desc` and `collate` cannot bind inside them).
Line indexParts(const std::vector<ir::IndexColumn>& parts) {
  Line out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += ", ";
    if (parts[i].expr) {
      out.add(*parts[i].expr, kAtom);
    } else {
      out += formatName(parts[i].column);
    }
    out += collateText(parts[i].collation);
    if (parts[i].desc) out += " desc";
  }
  return out;
}

// SQLite lets a key column of a rowid table hold NULL unless it is INTEGER PRIMARY KEY; the
// language spells such a key `nullable_legacy`.
bool nullableKey(const ir::Table& t) {
  for (const std::string& k : t.primaryKey) {
    const ir::Column* c = t.findColumn(k);
    if (c != nullptr && c->nullable) return true;
  }
  return false;
}

std::string deferralText(ir::Deferral d) {
  switch (d) {
    case ir::Deferral::NotDeferrable:
      return "";
    case ir::Deferral::Immediate:
      return " deferrable initially immediate";
    case ir::Deferral::Deferred:
      return " deferrable initially deferred";
  }
  return "";
}

void renderTable(codegen::Printer& p, const ir::Table& t, detail::ExprSpans* spans) {
  docLines(p, t.doc);
  std::string options =
      std::string(t.withoutRowid ? " without rowid" : "") + (t.strict ? " strict" : "");
  p.emit({{"name", formatName(t.name)}, {"options", options}}, "table $name$$options$ {\n");
  {
    auto in = p.withIndent();
    std::size_t nameWidth = 0, typeWidth = 0;
    std::vector<std::string> types;
    for (const ir::Column& c : t.columns) {
      types.push_back(ir::typeToString(c.type) + (c.nullable ? "?" : ""));
      nameWidth = std::max(nameWidth, formatName(c.name).size());
      typeWidth = std::max(typeWidth, types.back().size());
    }
    // A single unnamed key is the column's `primary`; a named or composite one is an item.
    bool keyItem = t.primaryKey.size() > 1 || !t.primaryKeyName.empty();
    std::string legacy = nullableKey(t) ? " nullable_legacy" : "";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      const ir::Column& c = t.columns[i];
      Line mods;
      if (!keyItem && t.primaryKey.size() == 1 && t.primaryKey[0] == c.name) {
        mods += " primary" + legacy;
      }
      if (c.autoincrement) mods += " autoincrement";
      if (c.unchecked) mods += " unchecked";
      if (!c.sqlType.empty()) mods += " sqltype " + formatString(sqlTypeText(c.sqlType));
      mods += collateText(c.collation);
      if (c.defaultValue) (mods += " default ").add(*c.defaultValue);
      if (c.generated) {
        (mods += " generated (").add(c.generated->expr) += ")";
        mods += c.generated->stored ? " stored" : " virtual";
      }
      std::string name = formatName(c.name);
      Line line;
      line += name + std::string(nameWidth - name.size() + 2, ' ') + types[i];
      if (!mods.empty()) (line += std::string(typeWidth - types[i].size() + 1, ' ')) += mods;
      docLines(p, c.doc);
      line.emit(p, spans);
    }
    bool blank = false;
    auto section = [&] {
      if (!blank) p.emitRaw("\n");
      blank = true;
    };
    if (keyItem && !t.primaryKey.empty()) {
      section();
      std::string name = t.primaryKeyName.empty() ? "" : formatName(t.primaryKeyName) + " ";
      p.emit({{"name", name}, {"cols", columnList(t.primaryKey)}, {"legacy", legacy}},
             "primary $name$($cols$)$legacy$\n");
    }
    for (const ir::Index& ix : t.indexes) {
      section();
      Line line;
      if (ix.constraint) {
        line += "unique constraint " + (ix.unnamed ? "" : formatName(ix.name) + " ") + "(";
      } else {
        line += std::string(ix.unique ? "unique " : "") + "index " + formatName(ix.name) + " (";
      }
      (line += indexParts(ix.columns)) += ")";
      if (ix.where) (line += " where ").add(*ix.where);
      line.emit(p, spans);
    }
    for (const ir::Check& ck : t.checks) {
      section();
      Line line;
      line += "check " + (ck.unnamed ? std::string("unnamed") : formatName(ck.name)) + " (";
      (line.add(ck.expr)) += ")";
      line.emit(p, spans);
    }
    for (const ir::ForeignKey& fk : t.foreignKeys) {
      section();
      std::string actions;
      if (fk.onDelete != ir::FkAction::NoAction) {
        actions += std::string(" on delete ") + ir::fkActionName(fk.onDelete);
      }
      if (fk.onUpdate != ir::FkAction::NoAction) {
        actions += std::string(" on update ") + ir::fkActionName(fk.onUpdate);
      }
      actions += deferralText(fk.deferral);
      p.emit({{"name", fk.unnamed ? "unnamed" : formatName(fk.name)},
              {"cols", columnList(fk.columns)},
              {"ref", formatName(fk.refTable)},
              {"refCols", columnList(fk.refColumns)},
              {"actions", actions}},
             "foreign $name$ ($cols$) references $ref$($refCols$)$actions$\n");
    }
  }
  p.emit("}\n");
}

std::string rawSql(const std::string& sql) { return "sql" + formatString(sql); }

void renderVirtualTable(codegen::Printer& p, const ir::VirtualTable& v) {
  docLines(p, v.doc);
  p.emit({{"name", formatName(v.name)},
          {"module", formatName(v.module)},
          {"args", v.args.empty() ? "" : " " + rawSql(v.args)}},
         "virtual table $name$ using $module$$args$\n");
}

void renderView(codegen::Printer& p, const ir::View& v) {
  docLines(p, v.doc);
  p.emit({{"name", formatName(v.name)}, {"sql", rawSql(v.sql)}}, "view $name$ as $sql$\n");
}

void renderTrigger(codegen::Printer& p, const ir::Trigger& t) {
  docLines(p, t.doc);
  std::string event = ir::triggerEventName(t.event);
  if (!t.columns.empty()) event += " of " + columnList(t.columns);
  p.emit({{"name", formatName(t.name)},
          {"timing", ir::triggerTimingName(t.timing)},
          {"event", event},
          {"table", formatName(t.table)},
          {"row", t.forEachRow ? " for each row" : ""},
          {"when", t.when.empty() ? "" : " when " + rawSql(t.when)},
          {"body", rawSql(t.body)}},
         "trigger $name$ $timing$ $event$ on $table$$row$$when$ $body$\n");
}

}  // namespace

std::string renderSchemaText(const ir::Schema& schema) { return renderSchemaText(schema, nullptr); }

std::string renderSchemaText(const ir::Schema& schema, detail::ExprSpans* spans) {
  codegen::Printer p;
  bool first = true;
  auto separate = [&] {
    if (!first) p.emitRaw("\n");
    first = false;
  };
  if (!schema.ns.empty()) {
    separate();
    docLines(p, schema.doc);
    p.emit({{"ns", schema.ns}}, "namespace $ns$\n");
  }
  for (const ir::Enum& e : schema.enums) {
    separate();
    docLines(p, e.doc);
    std::string values;
    for (const ir::EnumValue& v : e.values) values += " " + formatName(v.name);
    p.emit({{"name", formatName(e.name)}, {"values", values}}, "enum $name$ {$values$ }\n");
  }
  for (const ir::Table& t : schema.tables) {
    separate();
    renderTable(p, t, spans);
  }
  for (const ir::VirtualTable& v : schema.virtualTables) {
    separate();
    renderVirtualTable(p, v);
  }
  for (const ir::View& v : schema.views) {
    separate();
    renderView(p, v);
  }
  for (const ir::Trigger& t : schema.triggers) {
    separate();
    renderTrigger(p, t);
  }
  return p.take();
}

}  // namespace schemac::db
