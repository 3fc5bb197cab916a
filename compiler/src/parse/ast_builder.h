// Parse tree -> AST. Private to the parser: no ANTLR type leaves compiler/src/parse.
#pragma once

#include <antlr4-runtime.h>

#include "SchemaParser.h"
#include "parse/utf8_input.h"
#include "schemac/ast.h"
#include "schemac/diag.h"

namespace schemac::syntax {

// Deepest expression tree accepted (chains like a + b + ... count one level per operator);
// deeper ones are an error, so later recursive passes cannot overflow the stack.
inline constexpr int kMaxExprDepth = 256;

inline constexpr const char* kUnusedDocMessage =
    "doc comment documents nothing (it must come right before a declaration, a column or an "
    "enum value)";

class AstBuilder {
 public:
  AstBuilder(FileId file, std::string_view source, const Utf8Input& input,
             antlr4::CommonTokenStream& tokens, DiagEngine& diags)
      : file_(file), source_(source), input_(input), tokens_(tokens), diags_(diags) {}

  // Fills `module` (declarations and doc comments) from a tree parsed without errors.
  void build(grammar::SchemaParser::FileContext* tree, ast::Module& module);

  SourceRange range(antlr4::Token* token) const;
  SourceRange range(antlr4::ParserRuleContext* ctx) const;

 private:
  using P = grammar::SchemaParser;

  ast::NamespaceDecl namespaceDecl(P::NamespaceDeclContext* ctx);
  ast::EnumDecl enumDecl(P::EnumDeclContext* ctx);
  ast::TableDecl tableDecl(P::TableDeclContext* ctx);
  // views, triggers, virtual tables
  ast::ViewDecl viewDecl(P::ViewDeclContext* ctx);
  ast::TriggerDecl triggerDecl(P::TriggerDeclContext* ctx);
  ast::VirtualTableDecl virtualTableDecl(P::VirtualTableDeclContext* ctx);
  ast::ColumnDecl column(P::ColumnContext* ctx);
  ast::TypeRef columnType(P::ColumnTypeContext* ctx);
  ast::References references(P::ReferencesContext* ctx);
  std::vector<ast::Ident> nameList(P::NameListContext* ctx);
  // SQLite table constructs.
  bool isUnnamedWord(P::NameContext* ctx) const;  // the bare word `unnamed`
  ast::TableOption tableOption(P::TableOptionContext* ctx);
  ast::Deferral deferral(P::DeferralContext* ctx);
  ast::IndexPart indexPart(P::IndexPartContext* ctx);
  ast::Ident ident(antlr4::Token* token);
  ast::Ident name(P::NameContext* ctx) { return ident(ctx->getStart()); }
  // A STRING or RAW_SQL token as a String or Raw expression (escapes decoded).
  ast::Expr stringLiteral(antlr4::Token* token);
  std::string docBefore(antlr4::Token* token);

  // Expressions. `depth` receives the height of the built tree.
  ast::Expr expr(P::ExprContext* ctx, int* depth);
  ast::Expr andExpr(P::AndExprContext* ctx, int* depth);
  ast::Expr notExpr(P::NotExprContext* ctx, int* depth);
  ast::Expr predicate(P::PredicateContext* ctx, int* depth);
  ast::Expr concatExpr(P::ConcatExprContext* ctx, int* depth);
  ast::Expr addExpr(P::AddExprContext* ctx, int* depth);
  ast::Expr mulExpr(P::MulExprContext* ctx, int* depth);
  ast::Expr unaryExpr(P::UnaryExprContext* ctx, int* depth);
  ast::Expr primaryExpr(P::PrimaryExprContext* ctx, int* depth);
  // Builds a complete top-level expression, reporting one error if it is too deep.
  ast::Expr topExpr(P::ExprContext* ctx);
  // Folds `operand (op operand)*` children into a left-nested chain of Binary nodes.
  template <typename Ctx, typename Build>
  ast::Expr binaryChain(antlr4::ParserRuleContext* ctx, const std::vector<Ctx*>& operands,
                        int* depth, Build build);
  std::string text(antlr4::Token* token) const;

  FileId file_;
  std::string_view source_;
  const Utf8Input& input_;
  antlr4::CommonTokenStream& tokens_;
  DiagEngine& diags_;
  std::vector<bool> docUsed_;  // by token index: doc comments attached to something
  bool depthReported_ = false;
};

}  // namespace schemac::syntax
