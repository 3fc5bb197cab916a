#include "parse/ast_builder.h"

#include <charconv>

#include "SchemaLexer.h"
#include "parse/literals.h"

namespace schemac::syntax {
namespace {

using P = grammar::SchemaParser;

ast::FkAction actionKind(P::FkActionKindContext* ctx) {
  if (ctx->CASCADE()) return ast::FkAction::Cascade;
  if (ctx->RESTRICT()) return ast::FkAction::Restrict;
  if (ctx->NULL_()) return ast::FkAction::SetNull;
  if (ctx->DEFAULT()) return ast::FkAction::SetDefault;
  return ast::FkAction::NoAction;
}

SourceRange span(SourceRange a, SourceRange b) { return {a.begin, b.end}; }

}  // namespace

SourceRange AstBuilder::range(antlr4::Token* token) const {
  std::uint32_t begin = input_.byteOffset(token->getStartIndex());
  std::uint32_t end = input_.byteOffset(token->getStopIndex() + 1);
  if (end < begin) end = begin;  // EOF and conjured tokens are empty
  return {{file_, begin}, {file_, end}};
}

SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  SourceRange r = range(ctx->getStart());
  if (ctx->getStop() != nullptr &&
      ctx->getStop()->getTokenIndex() >= ctx->getStart()->getTokenIndex()) {
    r.end = range(ctx->getStop()).end;
  }
  return r;
}

std::string AstBuilder::text(antlr4::Token* token) const {
  SourceRange r = range(token);
  return std::string(source_.substr(r.begin.offset, r.end.offset - r.begin.offset));
}

ast::Ident AstBuilder::ident(antlr4::Token* token) {
  ast::Ident id;
  id.range = range(token);
  if (token->getType() == P::QUOTED_IDENT) {
    id.name = decodeQuotedIdent(text(token));
    id.backticked = true;
    if (id.name.empty()) diags_.error(id.range, "a name cannot be empty");
  } else {
    id.name = text(token);
  }
  return id;
}

// The `///` lines between the previous token of the parser's channel and `token`.
std::string AstBuilder::docBefore(antlr4::Token* token) {
  std::string doc;
  for (antlr4::Token* t :
       tokens_.getHiddenTokensToLeft(token->getTokenIndex(), grammar::SchemaLexer::DOCS)) {
    docUsed_[t->getTokenIndex()] = true;
    std::string line = text(t).substr(3);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
      line.pop_back();
    }
    if (!doc.empty()) doc += '\n';
    doc += line;
  }
  return doc;
}

void AstBuilder::build(P::FileContext* tree, ast::Module& module) {
  docUsed_.assign(tokens_.size(), false);
  if (auto* ns = tree->namespaceDecl()) module.ns = namespaceDecl(ns);
  for (P::DeclContext* decl : tree->decl()) {
    if (auto* e = decl->enumDecl()) {
      module.order.emplace_back(ast::Module::DeclKind::Enum, module.enums.size());
      module.enums.push_back(enumDecl(e));
    } else if (auto* t = decl->tableDecl()) {
      module.order.emplace_back(ast::Module::DeclKind::Table, module.tables.size());
      module.tables.push_back(tableDecl(t));
    } else if (auto* v = decl->viewDecl()) {
      module.order.emplace_back(ast::Module::DeclKind::View, module.views.size());
      module.views.push_back(viewDecl(v));
    } else if (auto* tr = decl->triggerDecl()) {
      module.order.emplace_back(ast::Module::DeclKind::Trigger, module.triggers.size());
      module.triggers.push_back(triggerDecl(tr));
    } else if (auto* vt = decl->virtualTableDecl()) {
      module.order.emplace_back(ast::Module::DeclKind::VirtualTable, module.virtualTables.size());
      module.virtualTables.push_back(virtualTableDecl(vt));
    }
  }
  for (antlr4::Token* t : tokens_.getTokens()) {
    if (t->getChannel() == grammar::SchemaLexer::DOCS && !docUsed_[t->getTokenIndex()]) {
      diags_.warning(range(t), kUnusedDocMessage);
    }
  }
}

ast::NamespaceDecl AstBuilder::namespaceDecl(P::NamespaceDeclContext* ctx) {
  ast::NamespaceDecl ns;
  ns.doc = docBefore(ctx->getStart());
  for (P::NameContext* n : ctx->name()) ns.parts.push_back(name(n));
  ns.range = range(ctx);
  return ns;
}

ast::EnumDecl AstBuilder::enumDecl(P::EnumDeclContext* ctx) {
  ast::EnumDecl e;
  e.doc = docBefore(ctx->getStart());
  e.name = name(ctx->name());
  for (P::WasHintContext* w : ctx->wasHint()) e.was.push_back(name(w->name()));
  for (P::EnumValueContext* v : ctx->enumValue()) {
    ast::EnumValueDecl value;
    value.doc = docBefore(v->getStart());
    value.name = ident(v->enumValueName()->getStart());
    for (P::WasHintContext* w : v->wasHint()) value.was.push_back(name(w->name()));
    value.range = range(v);
    e.values.push_back(std::move(value));
  }
  e.range = range(ctx);
  return e;
}

ast::TableDecl AstBuilder::tableDecl(P::TableDeclContext* ctx) {
  using K = ast::TableItemKind;
  ast::TableDecl t;
  t.doc = docBefore(ctx->getStart());
  t.name = name(ctx->name());
  for (P::WasHintContext* w : ctx->wasHint()) t.was.push_back(name(w->name()));
  for (P::TableOptionContext* o : ctx->tableOption()) t.options.push_back(tableOption(o));
  for (P::TableItemContext* item : ctx->tableItem()) {
    if (auto* c = item->column()) {
      t.items.emplace_back(K::Column, t.columns.size());
      t.columns.push_back(column(c));
    } else if (auto* pk = item->primaryItem()) {
      ast::PrimaryItem primary{nameList(pk->nameList()), range(pk), std::nullopt, std::nullopt};
      if (pk->name()) primary.name = name(pk->name());
      if (pk->nullableLegacy()) primary.nullableLegacy = range(pk->nullableLegacy());
      t.items.emplace_back(K::Primary, t.primaryKeys.size());
      t.primaryKeys.push_back(std::move(primary));
    } else if (auto* uc = item->uniqueConstraintItem()) {
      ast::UniqueItem unique;
      unique.constraint = true;
      if (uc->name()) unique.name = name(uc->name());
      for (P::IndexPartContext* part : uc->indexPart()) unique.parts.push_back(indexPart(part));
      unique.range = range(uc);
      t.items.emplace_back(K::Unique, t.uniques.size());
      t.uniques.push_back(std::move(unique));
    } else if (auto* u = item->uniqueItem()) {
      ast::UniqueItem unique;
      if (u->name()) unique.name = name(u->name());
      unique.columns = nameList(u->nameList());
      unique.range = range(u);
      t.items.emplace_back(K::Unique, t.uniques.size());
      t.uniques.push_back(std::move(unique));
    } else if (auto* ix = item->indexItem()) {
      ast::IndexItem index;
      index.unique = ix->UNIQUE() != nullptr;
      if (ix->name()) index.name = name(ix->name());
      for (P::IndexPartContext* part : ix->indexPart()) index.parts.push_back(indexPart(part));
      if (ix->expr()) index.where = topExpr(ix->expr());
      index.range = range(ix);
      t.items.emplace_back(K::Index, t.indexes.size());
      t.indexes.push_back(std::move(index));
    } else if (auto* ck = item->checkItem()) {
      ast::CheckItem check;
      check.unnamed = isUnnamedWord(ck->name());
      if (ck->name() && !check.unnamed) check.name = name(ck->name());
      check.expr = topExpr(ck->expr());
      check.range = range(ck);
      t.items.emplace_back(K::Check, t.checks.size());
      t.checks.push_back(std::move(check));
    } else if (auto* fk = item->foreignItem()) {
      ast::ForeignItem foreign;
      foreign.unnamed = isUnnamedWord(fk->name());
      if (fk->name() && !foreign.unnamed) foreign.name = name(fk->name());
      foreign.columns = nameList(fk->nameList());
      foreign.references = references(fk->references());
      foreign.range = range(fk);
      t.items.emplace_back(K::Foreign, t.foreignKeys.size());
      t.foreignKeys.push_back(std::move(foreign));
    }
  }
  t.range = range(ctx);
  return t;
}

ast::ColumnDecl AstBuilder::column(P::ColumnContext* ctx) {
  ast::ColumnDecl c;
  c.doc = docBefore(ctx->getStart());
  c.name = name(ctx->name());
  c.type = columnType(ctx->columnType());
  for (P::ColumnModifierContext* m : ctx->columnModifier()) {
    if (dynamic_cast<P::PrimaryModifierContext*>(m)) {
      c.primary.push_back(range(m));
    } else if (dynamic_cast<P::AutoincrementModifierContext*>(m)) {
      c.autoincrement.push_back(range(m));
    } else if (dynamic_cast<P::UniqueModifierContext*>(m)) {
      c.unique.push_back(range(m));
    } else if (auto* d = dynamic_cast<P::DefaultModifierContext*>(m)) {
      c.defaults.push_back(topExpr(d->expr()));
    } else if (auto* r = dynamic_cast<P::ReferencesModifierContext*>(m)) {
      ast::References ref = references(r->references());
      if (ref.columns.size() != 1) {
        diags_.error(ref.range,
                     "a column's 'references' names exactly one column; use a table item "
                     "'foreign (a, b) references t(x, y)' for a composite key");
      }
      c.references.push_back(std::move(ref));
    } else if (auto* ck = dynamic_cast<P::CheckModifierContext*>(m)) {
      c.checks.push_back(topExpr(ck->expr()));
    } else if (auto* g = dynamic_cast<P::GeneratedModifierContext*>(m)) {
      ast::Generated gen;
      gen.expr = topExpr(g->expr());
      if (g->STORED()) gen.stored = true;
      if (g->VIRTUAL()) gen.stored = false;
      gen.range = range(g);
      c.generated.push_back(std::move(gen));
    } else if (auto* st = dynamic_cast<P::SqltypeModifierContext*>(m)) {
      c.sqlTypes.push_back(stringLiteral(st->STRING()->getSymbol()));
    } else if (auto* ts = dynamic_cast<P::TstypeModifierContext*>(m)) {
      c.tsTypes.push_back(stringLiteral(ts->STRING()->getSymbol()));
    } else if (dynamic_cast<P::UncheckedModifierContext*>(m)) {
      c.unchecked.push_back(range(m));
    } else if (auto* w = dynamic_cast<P::WasModifierContext*>(m)) {
      c.was.push_back(name(w->wasHint()->name()));
    } else if (auto* co = dynamic_cast<P::CollateModifierContext*>(m)) {
      c.collations.push_back(name(co->collation()->name()));
    } else if (dynamic_cast<P::UniqueConstraintModifierContext*>(m)) {
      c.uniqueConstraint.push_back(range(m));
    } else if (dynamic_cast<P::NullableLegacyModifierContext*>(m)) {
      c.nullableLegacy.push_back(range(m));
    }
  }
  c.range = range(ctx);
  return c;
}

ast::TypeRef AstBuilder::columnType(P::ColumnTypeContext* ctx) {
  ast::TypeRef type;
  type.name = name(ctx->name());
  if (auto* args = ctx->typeArgs()) {
    if (args->name() != nullptr) type.unit = name(args->name());
    for (antlr4::tree::TerminalNode* n : args->INT()) {
      std::string digits = text(n->getSymbol());
      int value = 0;
      auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || end != digits.data() + digits.size()) {
        diags_.error(range(n->getSymbol()), "number '" + digits + "' is too large");
      }
      type.args.push_back(value);
    }
  }
  type.nullable = ctx->QUESTION() != nullptr;
  type.range = range(ctx);
  return type;
}

ast::Expr AstBuilder::stringLiteral(antlr4::Token* tok) {
  ast::Expr e;
  e.range = range(tok);
  bool raw = tok->getType() == P::RAW_SQL;
  std::string literal = text(tok);
  std::size_t skip = raw ? 3 : 0;  // "sql"
  e.kind = raw ? ast::ExprKind::Raw : ast::ExprKind::String;
  e.quote = literal[skip];
  DecodeError err;
  if (auto value = decodeString(std::string_view(literal).substr(skip), &err)) {
    e.text = std::move(*value);
  } else {
    std::uint32_t at = e.range.begin.offset + static_cast<std::uint32_t>(skip + err.offset);
    diags_.error({{file_, at}, {file_, at + static_cast<std::uint32_t>(err.length)}}, err.message);
  }
  return e;
}

ast::References AstBuilder::references(P::ReferencesContext* ctx) {
  ast::References ref;
  ref.table = name(ctx->name());
  ref.columns = nameList(ctx->nameList());
  for (P::FkActionContext* a : ctx->fkAction()) {
    bool onDelete = a->DELETE() != nullptr;
    std::optional<ast::FkAction>& slot = onDelete ? ref.actions.onDelete : ref.actions.onUpdate;
    if (slot) {
      diags_.error(range(a), std::string("'on ") + (onDelete ? "delete" : "update") +
                                 "' is given twice for the same reference");
    }
    slot = actionKind(a->fkActionKind());
  }
  if (ctx->deferral()) ref.deferral = deferral(ctx->deferral());
  ref.range = range(ctx);
  return ref;
}

// ---- SQLite table constructs ----

bool AstBuilder::isUnnamedWord(P::NameContext* ctx) const {
  return ctx != nullptr && ctx->IDENT() != nullptr && ctx->getText() == "unnamed";
}

ast::TableOption AstBuilder::tableOption(P::TableOptionContext* ctx) {
  ast::TableOption option;
  option.range = range(ctx);
  if (ctx->STRICT()) return option;
  option.kind = ast::TableOption::Kind::WithoutRowid;
  if (ctx->IDENT()->getText() != "rowid") {
    diags_.error(range(ctx->IDENT()->getSymbol()),
                 "expected 'rowid' after 'without', found '" + ctx->IDENT()->getText() + "'");
  }
  return option;
}

ast::Deferral AstBuilder::deferral(P::DeferralContext* ctx) {
  if (!ctx->INITIALLY()) return ast::Deferral::Deferrable;
  std::string when = ctx->IDENT()->getText();
  if (when == "deferred") return ast::Deferral::InitiallyDeferred;
  if (when != "immediate") {
    diags_.error(range(ctx->IDENT()->getSymbol()),
                 "expected 'deferred' or 'immediate' after 'initially', found '" + when + "'");
  }
  return ast::Deferral::InitiallyImmediate;
}

ast::IndexPart AstBuilder::indexPart(P::IndexPartContext* ctx) {
  ast::IndexPart part;
  P::CollationContext* collation = nullptr;
  if (auto* c = dynamic_cast<P::ColumnPartContext*>(ctx)) {
    part.column = name(c->name());
    part.desc = c->DESC() != nullptr;
    collation = c->collation();
  } else if (auto* e = dynamic_cast<P::ExprPartContext*>(ctx)) {
    part.expr = topExpr(e->expr());
    part.desc = e->DESC() != nullptr;
    collation = e->collation();
  }
  if (collation) part.collation = name(collation->name());
  return part;
}

std::vector<ast::Ident> AstBuilder::nameList(P::NameListContext* ctx) {
  std::vector<ast::Ident> out;
  for (P::NameContext* n : ctx->name()) out.push_back(name(n));
  return out;
}

// ---- views, triggers, virtual tables ----

ast::ViewDecl AstBuilder::viewDecl(P::ViewDeclContext* ctx) {
  ast::ViewDecl v;
  v.doc = docBefore(ctx->getStart());
  v.name = name(ctx->name());
  v.query = stringLiteral(ctx->RAW_SQL()->getSymbol());
  v.range = range(ctx);
  return v;
}

ast::TriggerDecl AstBuilder::triggerDecl(P::TriggerDeclContext* ctx) {
  ast::TriggerDecl t;
  t.doc = docBefore(ctx->getStart());
  t.name = name(ctx->name(0));
  P::TriggerTimingContext* timing = ctx->triggerTiming();
  t.timing = timing->BEFORE()  ? ast::TriggerTiming::Before
             : timing->AFTER() ? ast::TriggerTiming::After
                               : ast::TriggerTiming::InsteadOf;
  t.timingRange = range(timing);
  P::TriggerEventContext* event = ctx->triggerEvent();
  t.event = event->INSERT()   ? ast::TriggerEvent::Insert
            : event->DELETE() ? ast::TriggerEvent::Delete
                              : ast::TriggerEvent::Update;
  t.eventRange = range(event);
  if (P::NameListContext* cols = ctx->nameList()) {
    t.of = SourceRange{range(ctx->OF()->getSymbol()).begin, range(cols).end};
    t.columns = nameList(cols);
  }
  t.target = name(ctx->name(1));
  if (ctx->FOR() != nullptr) {
    t.forEachRow =
        SourceRange{range(ctx->FOR()->getSymbol()).begin, range(ctx->ROW()->getSymbol()).end};
  }
  std::vector<antlr4::tree::TerminalNode*> sql = ctx->RAW_SQL();
  if (ctx->WHEN() != nullptr) t.when = stringLiteral(sql.front()->getSymbol());
  t.body = stringLiteral(sql.back()->getSymbol());
  t.range = range(ctx);
  return t;
}

ast::VirtualTableDecl AstBuilder::virtualTableDecl(P::VirtualTableDeclContext* ctx) {
  ast::VirtualTableDecl v;
  v.doc = docBefore(ctx->getStart());
  v.name = name(ctx->name(0));
  v.module = name(ctx->name(1));
  if (ctx->RAW_SQL() != nullptr) v.args = stringLiteral(ctx->RAW_SQL()->getSymbol());
  v.range = range(ctx);
  return v;
}

// ---- expressions ----

ast::Expr AstBuilder::topExpr(P::ExprContext* ctx) {
  int depth = 0;
  return expr(ctx, &depth);
}

template <typename Ctx, typename Build>
ast::Expr AstBuilder::binaryChain(antlr4::ParserRuleContext* ctx, const std::vector<Ctx*>& operands,
                                  int* depth, Build build) {
  ast::Expr lhs = build(operands[0], depth);
  // Operators sit between the operands among the children: child 2k+1.
  for (std::size_t i = 1; i < operands.size(); ++i) {
    auto* op = dynamic_cast<antlr4::tree::TerminalNode*>(ctx->children[2 * i - 1]);
    int rhsDepth = 0;
    ast::Expr rhs = build(operands[i], &rhsDepth);
    *depth = std::max(*depth, rhsDepth) + 1;
    if (*depth > kMaxExprDepth) {
      if (!depthReported_) {
        diags_.error(range(ctx), "expression is too deeply nested (more than " +
                                     std::to_string(kMaxExprDepth) + " levels)");
        depthReported_ = true;
      }
      *depth = 1;
      return ast::Expr{ast::ExprKind::Null, "", {}, false, false, '"', range(ctx)};
    }
    ast::Expr bin;
    bin.kind = ast::ExprKind::Binary;
    bin.text = op ? text(op->getSymbol()) : "?";
    bin.range = span(lhs.range, rhs.range);
    bin.args.push_back(std::move(lhs));
    bin.args.push_back(std::move(rhs));
    lhs = std::move(bin);
  }
  return lhs;
}

ast::Expr AstBuilder::expr(P::ExprContext* ctx, int* depth) {
  return binaryChain(ctx, ctx->andExpr(), depth,
                     [this](P::AndExprContext* c, int* d) { return andExpr(c, d); });
}

ast::Expr AstBuilder::andExpr(P::AndExprContext* ctx, int* depth) {
  return binaryChain(ctx, ctx->notExpr(), depth,
                     [this](P::NotExprContext* c, int* d) { return notExpr(c, d); });
}

ast::Expr AstBuilder::notExpr(P::NotExprContext* ctx, int* depth) {
  if (ctx->NOT()) {
    ast::Expr e;
    e.kind = ast::ExprKind::Unary;
    e.text = "not";
    e.args.push_back(notExpr(ctx->notExpr(), depth));
    ++*depth;
    e.range = range(ctx);
    return e;
  }
  return predicate(ctx->predicate(), depth);
}

ast::Expr AstBuilder::predicate(P::PredicateContext* ctx, int* depth) {
  ast::Expr lhs = concatExpr(ctx->concatExpr(), depth);
  P::PredicateTailContext* tail = ctx->predicateTail();
  if (tail == nullptr) return lhs;
  ast::Expr e;
  e.range = range(ctx);
  int d = 0;
  auto add = [&](ast::Expr arg) {
    *depth = std::max(*depth, d);
    e.args.push_back(std::move(arg));
  };
  e.args.push_back(std::move(lhs));
  if (auto* cmp = dynamic_cast<P::CompareTailContext*>(tail)) {
    e.kind = ast::ExprKind::Binary;
    e.text = cmp->compareOp()->getText();
    add(concatExpr(cmp->concatExpr(), &d));
  } else if (auto* isNull = dynamic_cast<P::IsNullTailContext*>(tail)) {
    e.kind = ast::ExprKind::IsNull;
    e.negated = isNull->NOT() != nullptr;
  } else if (auto* in = dynamic_cast<P::InTailContext*>(tail)) {
    e.kind = ast::ExprKind::In;
    e.negated = in->NOT() != nullptr;
    for (P::ExprContext* x : in->expr()) add(expr(x, &d));
  } else if (auto* like = dynamic_cast<P::LikeTailContext*>(tail)) {
    e.kind = ast::ExprKind::Like;
    e.negated = like->NOT() != nullptr;
    add(concatExpr(like->concatExpr(), &d));
  } else if (auto* between = dynamic_cast<P::BetweenTailContext*>(tail)) {
    e.kind = ast::ExprKind::Between;
    e.negated = between->NOT() != nullptr;
    for (P::ConcatExprContext* x : between->concatExpr()) add(concatExpr(x, &d));
  }
  ++*depth;
  return e;
}

ast::Expr AstBuilder::concatExpr(P::ConcatExprContext* ctx, int* depth) {
  return binaryChain(ctx, ctx->addExpr(), depth,
                     [this](P::AddExprContext* c, int* d) { return addExpr(c, d); });
}

ast::Expr AstBuilder::addExpr(P::AddExprContext* ctx, int* depth) {
  return binaryChain(ctx, ctx->mulExpr(), depth,
                     [this](P::MulExprContext* c, int* d) { return mulExpr(c, d); });
}

ast::Expr AstBuilder::mulExpr(P::MulExprContext* ctx, int* depth) {
  return binaryChain(ctx, ctx->unaryExpr(), depth,
                     [this](P::UnaryExprContext* c, int* d) { return unaryExpr(c, d); });
}

ast::Expr AstBuilder::unaryExpr(P::UnaryExprContext* ctx, int* depth) {
  if (ctx->MINUS()) {
    ast::Expr e;
    e.kind = ast::ExprKind::Unary;
    e.text = "-";
    e.args.push_back(unaryExpr(ctx->unaryExpr(), depth));
    ++*depth;
    e.range = range(ctx);
    return e;
  }
  return primaryExpr(ctx->primaryExpr(), depth);
}

ast::Expr AstBuilder::primaryExpr(P::PrimaryExprContext* ctx, int* depth) {
  ast::Expr e;
  e.range = range(ctx);
  *depth = 1;
  antlr4::Token* tok = ctx->getStart();
  if (dynamic_cast<P::IntLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Int;
    e.text = text(tok);
  } else if (dynamic_cast<P::DecimalLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Decimal;
    e.text = text(tok);
  } else if (dynamic_cast<P::StringLiteralContext*>(ctx) || dynamic_cast<P::RawSqlContext*>(ctx)) {
    e = stringLiteral(tok);
  } else if (dynamic_cast<P::TrueLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Bool;
    e.text = "true";
  } else if (dynamic_cast<P::FalseLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Bool;
    e.text = "false";
  } else if (dynamic_cast<P::NullLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Null;
  } else if (dynamic_cast<P::NowLiteralContext*>(ctx)) {
    e.kind = ast::ExprKind::Now;
    e.text = "now";
  } else if (auto* call = dynamic_cast<P::CallExprContext*>(ctx)) {
    e.kind = ast::ExprKind::Call;
    e.text = ident(call->name()->getStart()).name;
    int argDepth = 0;
    for (P::ExprContext* arg : call->expr()) {
      int d = 0;
      e.args.push_back(expr(arg, &d));
      argDepth = std::max(argDepth, d);
    }
    *depth = argDepth + 1;
  } else if (auto* n = dynamic_cast<P::NameExprContext*>(ctx)) {
    e.kind = ast::ExprKind::Name;
    e.text = ident(n->name()->getStart()).name;
  } else if (auto* paren = dynamic_cast<P::ParenExprContext*>(ctx)) {
    e = expr(paren->expr(), depth);
    e.parenthesized = true;
    e.range = range(ctx);
  }
  return e;
}

}  // namespace schemac::syntax
