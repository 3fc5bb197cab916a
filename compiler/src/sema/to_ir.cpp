// Last pass: the checked declarations become the IR. Only runs when no error was reported,
// so every lookup here succeeds. Names come from the constraint plans; expressions use the
// decisions the expression checker recorded.
#include <algorithm>
#include <cctype>
#include <string>

#include "base/helper_thread.h"
#include "sema/context.h"

namespace schemac::sema {
namespace {

std::string lowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> names(const std::vector<ast::Ident>& ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const ast::Ident& id : ids) out.push_back(id.name);
  return out;
}

// `collate NAME`: SQLite's built-in collations in lower case (their names are
// case-insensitive), any other as written.
std::string lowerCollation(const ast::Ident& id) {
  std::string lower = lowerCase(id.name);
  return lower == "nocase" || lower == "binary" || lower == "rtrim" ? lower : id.name;
}

ir::Deferral lowerDeferral(std::optional<ast::Deferral> d) {
  if (!d) return ir::Deferral::NotDeferrable;
  return *d == ast::Deferral::InitiallyDeferred ? ir::Deferral::Deferred : ir::Deferral::Immediate;
}

ir::FkAction lowerAction(std::optional<ast::FkAction> a) {
  switch (a.value_or(ast::FkAction::NoAction)) {
    case ast::FkAction::NoAction:
      return ir::FkAction::NoAction;
    case ast::FkAction::Restrict:
      return ir::FkAction::Restrict;
    case ast::FkAction::Cascade:
      return ir::FkAction::Cascade;
    case ast::FkAction::SetNull:
      return ir::FkAction::SetNull;
    case ast::FkAction::SetDefault:
      return ir::FkAction::SetDefault;
  }
  return ir::FkAction::NoAction;
}

class Lowering {
 public:
  explicit Lowering(const Context& ctx) : ctx_(ctx) {}

  // `t`: the table the expression belongs to (it holds the checker's notes).
  ir::Expr expr(const ast::Expr& e, const TableInfo& t) const {
    ir::Expr out;
    out.negated = e.negated;
    const ExprNote* note = nullptr;
    if (auto it = t.exprNotes.find(&e); it != t.exprNotes.end()) note = &it->second;
    switch (e.kind) {
      case ast::ExprKind::Null:
        out.kind = ir::ExprKind::Null;
        return out;
      case ast::ExprKind::Bool:
        out.kind = ir::ExprKind::Bool;
        out.text = lowerCase(e.text) == "true" ? "true" : "false";
        return out;
      case ast::ExprKind::Int:
        out.kind = ir::ExprKind::Int;
        out.text = e.text;
        return out;
      case ast::ExprKind::Decimal:
        out.kind = ir::ExprKind::Decimal;
        out.text = e.text;
        return out;
      case ast::ExprKind::String:
        // A string literal that stood for an enum value is that value.
        out.kind = note && note->kind == ExprNote::Kind::EnumValue ? ir::ExprKind::EnumValue
                                                                   : ir::ExprKind::String;
        out.text = e.text;
        return out;
      case ast::ExprKind::Now:
        out.kind = ir::ExprKind::Now;
        // The dialect lowers each to its own clock expression (seconds or milliseconds).
        if (note && note->kind == ExprNote::Kind::NowDate) {
          out.text = "date";
        } else if (note && note->kind == ExprNote::Kind::NowTimestampSeconds) {
          out.text = "timestamp_s";
        } else if (note && note->kind == ExprNote::Kind::NowTimestampText) {
          out.text = "timestamp_text";
        } else {
          out.text = "timestamp";
        }
        return out;
      case ast::ExprKind::Name:
        out.kind = note && note->kind == ExprNote::Kind::EnumValue ? ir::ExprKind::EnumValue
                                                                   : ir::ExprKind::Column;
        out.text = e.text;
        return out;
      case ast::ExprKind::Unary: {
        std::string op = lowerCase(e.text);
        // `-5` is one literal, so a default of -5 is the same IR however it was written.
        const ast::Expr* a = e.args.empty() ? nullptr : &e.args[0];
        if (a && op == "-" &&
            (a->kind == ast::ExprKind::Int || a->kind == ast::ExprKind::Decimal)) {
          out.kind = a->kind == ast::ExprKind::Int ? ir::ExprKind::Int : ir::ExprKind::Decimal;
          out.text = a->text.starts_with("-") ? a->text.substr(1) : "-" + a->text;
          return out;
        }
        out.kind = ir::ExprKind::Unary;
        out.text = op;
        break;
      }
      case ast::ExprKind::Binary: {
        out.kind = ir::ExprKind::Binary;
        std::string op = lowerCase(e.text);
        out.text = op == "<>" ? "!=" : op == "==" ? "=" : op;
        break;
      }
      case ast::ExprKind::IsNull:
        out.kind = ir::ExprKind::IsNull;
        break;
      case ast::ExprKind::In:
        out.kind = ir::ExprKind::In;
        break;
      case ast::ExprKind::Like:
        out.kind = ir::ExprKind::Like;
        break;
      case ast::ExprKind::Between:
        out.kind = ir::ExprKind::Between;
        break;
      case ast::ExprKind::Call:
        out.kind = ir::ExprKind::Call;
        out.text = lowerCase(e.text);
        break;
      case ast::ExprKind::Raw:
        out.kind = ir::ExprKind::Raw;
        out.text = e.text;
        return out;
    }
    out.args.reserve(e.args.size());
    for (const ast::Expr& a : e.args) out.args.push_back(expr(a, t));
    return out;
  }

  // Fills `col` in place (a fresh element of Table::columns).
  void column(const TableInfo& t, const ColumnInfo& c, ir::Column& col) const {
    const ast::ColumnDecl& d = *c.decl;
    col.name = d.name.name;
    col.type = *c.type;
    col.nullable = d.type.nullable;
    if (!d.defaults.empty()) col.defaultValue = expr(d.defaults[0], t);
    if (!d.generated.empty()) {
      col.generated =
          ir::Generated{expr(d.generated[0].expr, t), d.generated[0].stored.value_or(false)};
    }
    col.autoincrement = !d.autoincrement.empty();
    if (!d.sqlTypes.empty()) col.sqlType = d.sqlTypes[0].text;
    if (!d.tsTypes.empty()) col.tsType = d.tsTypes[0].text;
    col.unchecked = !d.unchecked.empty();
    if (!d.collations.empty()) col.collation = lowerCollation(d.collations[0]);
    col.doc = d.doc;
    col.renamedFrom = names(d.was);
  }

  // Fills `out` in place (a fresh element of Schema::tables).
  void table(const TableInfo& t, ir::Table& out) const {
    out.name = t.name();
    out.columns.reserve(t.columns.size());
    for (const ColumnInfo& c : t.columns) column(t, c, out.columns.emplace_back());
    out.primaryKey = t.primaryKey;
    for (const ast::PrimaryItem& item : t.decl->primaryKeys) {
      if (item.name && t.primaryKeyRange && *t.primaryKeyRange == item.range) {
        out.primaryKeyName = item.name->name;
      }
    }
    for (const ast::TableOption& o : t.decl->options) {
      (o.kind == ast::TableOption::Kind::WithoutRowid ? out.withoutRowid : out.strict) = true;
    }
    out.indexes.reserve(t.indexes.size());
    out.checks.reserve(t.checks.size());
    out.foreignKeys.reserve(t.foreignKeys.size());
    for (const IndexPlan& p : t.indexes) {
      ir::Index ix;
      ix.columns.reserve(p.columns.size());
      ix.name = p.name;
      ix.unique = p.unique;
      ix.constraint = p.constraint;
      ix.unnamed = p.unnamed;
      for (std::size_t i = 0; i < p.columns.size(); ++i) ix.columns.push_back(indexColumn(t, p, i));
      if (p.where) ix.where = expr(*p.where, t);
      out.indexes.push_back(std::move(ix));
    }
    for (const CheckPlan& p : t.checks) {
      ir::Check check{p.name, expr(*p.expr, t), p.unnamed};
      out.checks.push_back(std::move(check));
    }
    for (const ForeignKeyPlan& p : t.foreignKeys) {
      ir::ForeignKey fk;
      fk.name = p.name;
      for (const ast::Ident* c : p.columns) fk.columns.push_back(c->name);
      const ast::References& ref = *p.references;
      fk.refTable = ref.table.name;
      if (ref.columns.empty()) {
        fk.refColumns = ctx_.tables[ctx_.tableIndex.find(ref.table.name)].primaryKey;
      } else {
        fk.refColumns = names(ref.columns);
      }
      fk.onDelete = lowerAction(ref.actions.onDelete);
      fk.onUpdate = lowerAction(ref.actions.onUpdate);
      fk.deferral = lowerDeferral(ref.deferral);
      fk.unnamed = p.unnamed;
      out.foreignKeys.push_back(std::move(fk));
    }
    out.doc = t.decl->doc;
    out.renamedFrom = names(t.decl->was);
  }

  // One part of an index. An expression that is only a column name (`(email)`) is that
  // column, as SQLite reads it.
  ir::IndexColumn indexColumn(const TableInfo& t, const IndexPlan& p, std::size_t i) const {
    ir::IndexColumn col;
    col.desc = p.desc[i];
    if (p.columns[i]) {
      col.column = p.columns[i]->name;
    } else {
      ir::Expr e = expr(*p.exprs[i], t);
      if (e.kind == ir::ExprKind::Column) {
        col.column = e.text;
      } else {
        col.expr = std::move(e);
      }
    }
    if (p.collations[i]) col.collation = lowerCollation(*p.collations[i]);
    return col;
  }

  ir::Enum enumDecl(const EnumInfo& e) const {
    ir::Enum out;
    out.name = e.name();
    for (const ast::EnumValueDecl& v : e.decl->values) {
      out.values.push_back({v.name.name, v.doc, names(v.was)});
    }
    out.doc = e.decl->doc;
    out.renamedFrom = names(e.decl->was);
    return out;
  }

 private:
  const Context& ctx_;
};

// ---- views, triggers, virtual tables: kept as written ----

ir::TriggerTiming lowerTiming(ast::TriggerTiming t) {
  switch (t) {
    case ast::TriggerTiming::Before:
      return ir::TriggerTiming::Before;
    case ast::TriggerTiming::After:
      return ir::TriggerTiming::After;
    case ast::TriggerTiming::InsteadOf:
      return ir::TriggerTiming::InsteadOf;
  }
  return ir::TriggerTiming::Before;
}

ir::TriggerEvent lowerEvent(ast::TriggerEvent e) {
  switch (e) {
    case ast::TriggerEvent::Insert:
      return ir::TriggerEvent::Insert;
    case ast::TriggerEvent::Delete:
      return ir::TriggerEvent::Delete;
    case ast::TriggerEvent::Update:
      return ir::TriggerEvent::Update;
  }
  return ir::TriggerEvent::Insert;
}

void lowerObjects(const Context& ctx, ir::Schema& s) {
  for (const ast::ViewDecl* v : ctx.views) s.views.push_back({v->name.name, v->query.text, v->doc});
  for (const ast::TriggerDecl* t : ctx.triggers) {
    ir::Trigger out;
    out.name = t->name.name;
    out.table = t->target.name;
    out.timing = lowerTiming(t->timing);
    out.event = lowerEvent(t->event);
    out.columns = names(t->columns);
    out.forEachRow = t->forEachRow.has_value();
    if (t->when) out.when = t->when->text;
    out.body = t->body.text;
    out.doc = t->doc;
    s.triggers.push_back(std::move(out));
  }
  for (const ast::VirtualTableDecl* v : ctx.virtualTables) {
    s.virtualTables.push_back(
        {v->name.name, v->module.name, v->args ? v->args->text : std::string(), v->doc});
  }
}

}  // namespace

ir::Schema lowerToIr(const Context& ctx) {
  Lowering lower(ctx);
  ir::Schema s;
  if (ctx.ns) {
    for (const ast::Ident& p : ctx.ns->parts) s.ns += (s.ns.empty() ? "" : ".") + p.name;
  }
  s.doc = ctx.schemaDoc;
  // In name order, the order ir::canonicalize sorts them into (names are unique here): it
  // then finds them sorted instead of moving whole tables around.
  std::vector<const TableInfo*> tables;
  tables.reserve(ctx.tables.size());
  for (const TableInfo& t : ctx.tables) tables.push_back(&t);
  std::sort(tables.begin(), tables.end(),
            [](const TableInfo* a, const TableInfo* b) { return a->name() < b->name(); });
  std::vector<const EnumInfo*> enums;
  enums.reserve(ctx.enums.size());
  for (const EnumInfo& e : ctx.enums) enums.push_back(&e);
  std::sort(enums.begin(), enums.end(),
            [](const EnumInfo* a, const EnumInfo* b) { return a->name() < b->name(); });
  s.enums.reserve(enums.size());
  // Each table is lowered on its own, from the checked AST: a big schema's second half on the
  // helper thread.
  s.tables.resize(tables.size());
  auto lowerTables = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) lower.table(*tables[i], s.tables[i]);
  };
  if (useHelperFor(tables.size())) {
    std::size_t half = tables.size() / 2;
    HelperThread helper([&] { lowerTables(half, tables.size()); });
    lowerTables(0, half);
    helper.join();
  } else {
    lowerTables(0, tables.size());
  }
  for (const EnumInfo* e : enums) s.enums.push_back(lower.enumDecl(*e));
  lowerObjects(ctx, s);
  ir::canonicalize(s);
  return s;
}

}  // namespace schemac::sema
