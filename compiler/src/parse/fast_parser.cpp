// Mirrors grammar/SchemaParser.g4 rule by rule; each function names the rule it parses.
// Where ANTLR's adaptive prediction chooses between alternatives, the comment says which
// lookahead decides and why that is the choice ANTLR makes; anything less certain declines.
#include "parse/fast_parser.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <string>
#include <utility>

#include "base/helper_thread.h"
#include "parse/ast_builder.h"  // kMaxExprDepth
#include "parse/fast_lexer.h"
#include "parse/literals.h"

namespace schemac::syntax {
namespace {

// parse.cpp's kMaxNesting: deeper input goes to the slow path, which reports it.
constexpr int kMaxNesting = 100;

struct Decline {};  // thrown to hand the input to the ANTLR path

class FastParser {
 public:
  // `part`: which part of a file cut in two (fastParseInHalves) `lexed` holds; the first part's
  // declarations end at token `stop`, and its comments at comment `stopComment`.
  enum class Part { Whole, First, Second };
  FastParser(FileId file, std::string_view source, const LexedFile& lexed, Part part = Part::Whole,
             const LexStop& stop = {})
      : file_(file),
        src_(source),
        toks_(lexed.tokens),
        comments_(lexed.comments),
        part_(part),
        stop_(part == Part::First ? stop.token : toks_.size()),
        commentCount_(part == Part::First ? stop.comment : comments_.size()) {
    docUsed_.assign(comments_.size(), false);
  }

  FastParseResult run() {
    FastParseResult result;
    ast::Module& m = result.module;
    m.file = file_;
    m.comments.reserve(commentCount_);
    for (std::size_t ci = 0; ci < commentCount_; ++ci) {
      const LexedComment& c = comments_[ci];
      ast::Comment out;
      out.kind = c.kind == LexedComment::Kind::Line    ? ast::Comment::Kind::Line
                 : c.kind == LexedComment::Kind::Block ? ast::Comment::Kind::Block
                                                       : ast::Comment::Kind::Doc;
      out.range = range(c.begin, c.end);
      out.text = std::string(src_.substr(c.begin, c.end - c.begin));
      while (!out.text.empty() && out.text.back() == '\r') out.text.pop_back();
      m.comments.push_back(std::move(out));
    }
    file(m);
    for (std::size_t i = 0; i < commentCount_; ++i) {
      if (comments_[i].kind == LexedComment::Kind::Doc && !docUsed_[i]) {
        result.unusedDocs.push_back(range(comments_[i].begin, comments_[i].end));
      }
    }
    return result;
  }

 private:
  // ---- tokens ----
  const Token& peek(std::size_t k = 0) const {
    std::size_t i = std::min(pos_ + k, toks_.size() - 1);  // the last token is Eof
    return toks_[i];
  }
  Tok la(std::size_t k = 0) const { return peek(k).kind; }
  const Token& take() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  const Token& expect(Tok kind) {
    if (la() != kind) throw Decline{};
    return take();
  }
  bool accept(Tok kind) {
    if (la() != kind) return false;
    take();
    return true;
  }
  // The last token consumed: the end of the construct just parsed.
  std::uint32_t lastEnd() const { return toks_[pos_ - 1].end; }

  SourceRange range(std::uint32_t begin, std::uint32_t end) const {
    return {{file_, begin}, {file_, end}};
  }
  SourceRange range(const Token& t) const { return range(t.begin, t.end); }
  SourceRange rangeFrom(const Token& first) const { return range(first.begin, lastEnd()); }
  std::string_view text(const Token& t) const { return src_.substr(t.begin, t.end - t.begin); }

  ast::Ident ident(const Token& t) {
    ast::Ident id;
    id.range = range(t);
    if (t.kind == Tok::Quoted) {
      id.name = decodeQuotedIdent(text(t));
      id.backticked = true;
      if (id.name.empty()) throw Decline{};  // an error the slow path reports
    } else {
      id.name = std::string(text(t));
    }
    return id;
  }
  ast::Ident name() {
    if (!isName(la())) throw Decline{};
    return ident(take());
  }

  // The `///` lines right before token `t` (AstBuilder::docBefore).
  std::string docBefore(const Token& t) {
    std::string doc;
    for (std::uint32_t i = t.docBegin; i < t.docEnd; ++i) {
      const LexedComment& c = comments_[i];
      if (c.kind != LexedComment::Kind::Doc) continue;
      docUsed_[i] = true;
      std::string_view line = src_.substr(c.begin + 3, c.end - c.begin - 3);
      if (!line.empty() && line[0] == ' ') line.remove_prefix(1);
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.remove_suffix(1);
      }
      if (!doc.empty()) doc += '\n';
      doc += line;
    }
    return doc;
  }

  // ---- declarations ----

  // file : namespaceDecl? (decl | SEMI)* EOF
  // The second part of a cut file starts among the declarations (a `namespace` there declines,
  // as it does after a declaration); the first part ends at the cut.
  void file(ast::Module& m) {
    if (la() == Tok::Namespace && part_ != Part::Second) m.ns = namespaceDecl();
    reserveDeclarations(m);
    for (;;) {
      if (pos_ >= stop_) {
        if (pos_ != stop_) throw Decline{};  // a declaration runs across the cut
        return;
      }
      switch (la()) {
        case Tok::Enum:
          m.order.emplace_back(ast::Module::DeclKind::Enum, m.enums.size());
          m.enums.push_back(enumDecl());
          break;
        case Tok::Table:
          m.order.emplace_back(ast::Module::DeclKind::Table, m.tables.size());
          tableDecl(m.tables.emplace_back());
          break;
        case Tok::View:
          m.order.emplace_back(ast::Module::DeclKind::View, m.views.size());
          m.views.push_back(viewDecl());
          break;
        case Tok::Trigger:
          m.order.emplace_back(ast::Module::DeclKind::Trigger, m.triggers.size());
          m.triggers.push_back(triggerDecl());
          break;
        case Tok::Virtual:
          m.order.emplace_back(ast::Module::DeclKind::VirtualTable, m.virtualTables.size());
          m.virtualTables.push_back(virtualTableDecl());
          break;
        case Tok::Semi:
          take();
          break;
        case Tok::Eof:
          return;
        default:
          throw Decline{};
      }
    }
  }

  // Reserves the module's vectors for as many declarations as their keywords at the start
  // of a line (an upper bound, good enough for one allocation each): a growing vector of
  // TableDecl moves every table on each doubling.
  void reserveDeclarations(ast::Module& m) const {
    std::size_t enums = 0, tables = 0;
    for (std::size_t i = pos_; i < stop_; ++i) {
      if (!toks_[i].startsLine) continue;
      if (toks_[i].kind == Tok::Table) ++tables;
      if (toks_[i].kind == Tok::Enum) ++enums;
    }
    m.tables.reserve(tables);
    m.enums.reserve(enums);
    m.order.reserve(tables + enums);
  }

  // Lines of the table body starting at `pos_` (just after its `{`), and those of them that
  // begin with a name (a column; items begin with keywords that are not names). Only a hint
  // for reserve(): a line may hold two items, or continue the previous one.
  std::pair<std::size_t, std::size_t> countTableLines() const {
    std::size_t lines = 0, named = 0;
    for (std::size_t i = pos_; i < toks_.size(); ++i) {
      Tok k = toks_[i].kind;
      if (k == Tok::RBrace || k == Tok::LBrace || k == Tok::Eof) break;
      if (!toks_[i].startsLine) continue;
      ++lines;
      if (isName(k)) ++named;
    }
    return {lines, named};
  }

  // namespaceDecl : NAMESPACE name (DOT name)*
  ast::NamespaceDecl namespaceDecl() {
    const Token& first = peek();
    ast::NamespaceDecl ns;
    ns.doc = docBefore(first);
    take();
    ns.parts.push_back(name());
    while (accept(Tok::Dot)) ns.parts.push_back(name());
    ns.range = rangeFrom(first);
    return ns;
  }

  void wasHints(std::vector<ast::Ident>& out) {
    while (accept(Tok::Was)) out.push_back(name());
  }

  // enumDecl : ENUM name wasHint* LBRACE (enumValue | COMMA | SEMI)* RBRACE
  ast::EnumDecl enumDecl() {
    const Token& first = peek();
    ast::EnumDecl e;
    e.doc = docBefore(first);
    take();
    e.name = name();
    wasHints(e.was);
    expect(Tok::LBrace);
    for (;;) {
      Tok t = la();
      if (t == Tok::Comma || t == Tok::Semi) {
        take();
      } else if (t == Tok::RBrace) {
        take();
        break;
      } else if (isEnumValueName(t)) {
        // enumValue : enumValueName wasHint*
        const Token& v = peek();
        ast::EnumValueDecl value;
        value.doc = docBefore(v);
        value.name = ident(take());
        wasHints(value.was);
        value.range = rangeFrom(v);
        e.values.push_back(std::move(value));
      } else {
        throw Decline{};
      }
    }
    e.range = rangeFrom(first);
    return e;
  }

  // tableDecl : TABLE name wasHint* LBRACE (tableItem | SEMI)* RBRACE
  // Fills `t` in place (a fresh element of Module::tables) rather than moving it there.
  void tableDecl(ast::TableDecl& t) {
    using K = ast::TableItemKind;
    const Token& first = peek();
    t.doc = docBefore(first);
    take();
    t.name = name();
    wasHints(t.was);
    tableOptions(t.options);
    expect(Tok::LBrace);
    auto [lines, named] = countTableLines();
    t.columns.reserve(named);
    t.items.reserve(lines);
    for (;;) {
      switch (la()) {
        case Tok::Semi:
          take();
          continue;
        case Tok::RBrace:
          take();
          t.range = rangeFrom(first);
          return;
        case Tok::Primary: {
          // primaryItem : PRIMARY name? LPAREN nameList RPAREN nullableLegacy?
          const Token& start = take();
          ast::PrimaryItem pk;
          if (la() != Tok::LParen) pk.name = name();
          expect(Tok::LParen);
          pk.columns = nameList();
          expect(Tok::RParen);
          if (nullableLegacyAhead()) pk.nullableLegacy = range(take());
          pk.range = rangeFrom(start);
          t.items.emplace_back(K::Primary, t.primaryKeys.size());
          t.primaryKeys.push_back(std::move(pk));
          continue;
        }
        case Tok::Unique:
          if (la(1) == Tok::Index) {
            t.items.emplace_back(K::Index, t.indexes.size());
            t.indexes.push_back(indexItem());
          } else if (la(1) == Tok::Constraint) {
            // uniqueConstraintItem, ANTLR's alternative before uniqueItem (which would read
            // `constraint` as the name of a unique index).
            t.items.emplace_back(K::Unique, t.uniques.size());
            t.uniques.push_back(uniqueConstraintItem());
          } else {
            // uniqueItem : UNIQUE name? LPAREN nameList RPAREN
            const Token& start = take();
            ast::UniqueItem u;
            if (la() != Tok::LParen) u.name = name();
            expect(Tok::LParen);
            u.columns = nameList();
            expect(Tok::RParen);
            u.range = rangeFrom(start);
            t.items.emplace_back(K::Unique, t.uniques.size());
            t.uniques.push_back(std::move(u));
          }
          continue;
        case Tok::Index:
          t.items.emplace_back(K::Index, t.indexes.size());
          t.indexes.push_back(indexItem());
          continue;
        case Tok::Check: {
          // checkItem : CHECK name? LPAREN expr RPAREN
          const Token& start = take();
          ast::CheckItem c;
          c.unnamed = isWord(0, "unnamed");
          if (c.unnamed) {
            take();
          } else if (la() != Tok::LParen) {
            c.name = name();
          }
          expect(Tok::LParen);
          c.expr = topExpr();
          expect(Tok::RParen);
          c.range = rangeFrom(start);
          t.items.emplace_back(K::Check, t.checks.size());
          t.checks.push_back(std::move(c));
          continue;
        }
        case Tok::Foreign: {
          // foreignItem : FOREIGN name? LPAREN nameList RPAREN references
          const Token& start = take();
          ast::ForeignItem f;
          f.unnamed = isWord(0, "unnamed");
          if (f.unnamed) {
            take();
          } else if (la() != Tok::LParen) {
            f.name = name();
          }
          expect(Tok::LParen);
          f.columns = nameList();
          expect(Tok::RParen);
          f.references = references();
          f.range = rangeFrom(start);
          t.items.emplace_back(K::Foreign, t.foreignKeys.size());
          t.foreignKeys.push_back(std::move(f));
          continue;
        }
        default:
          if (!isName(la())) throw Decline{};
          t.items.emplace_back(K::Column, t.columns.size());
          column(t.columns.emplace_back());
          continue;
      }
    }
  }

  // indexItem : UNIQUE? INDEX name? LPAREN indexPart (COMMA indexPart)* RPAREN (WHERE expr)?
  ast::IndexItem indexItem() {
    const Token& start = peek();
    ast::IndexItem ix;
    ix.unique = accept(Tok::Unique);
    expect(Tok::Index);
    if (la() != Tok::LParen) ix.name = name();
    expect(Tok::LParen);
    do {
      ix.parts.push_back(indexPart());
    } while (accept(Tok::Comma));
    expect(Tok::RParen);
    // `where` could also be the name of a next column. Entering the optional block is
    // ANTLR's first alternative, chosen whenever it can still succeed; if it cannot, the
    // table item loop meets a token it does not expect and the whole input declines.
    if (accept(Tok::Where)) ix.where = topExpr();
    ix.range = rangeFrom(start);
    return ix;
  }

  // nameList : name (COMMA name)*
  std::vector<ast::Ident> nameList() {
    std::vector<ast::Ident> out;
    out.push_back(name());
    while (accept(Tok::Comma)) out.push_back(name());
    return out;
  }

  // column : name columnType columnModifier*
  // Fills `c` in place: a ColumnDecl is large, moving it costs as much as parsing it.
  void column(ast::ColumnDecl& c) {
    const Token& first = peek();
    c.doc = docBefore(first);
    c.name = name();
    c.type = columnType();
    while (columnModifier(c)) {
    }
    c.range = rangeFrom(first);
  }

  // columnType : name typeArgs? QUESTION?
  // typeArgs : LPAREN INT (COMMA INT)* RPAREN | LPAREN name RPAREN
  ast::TypeRef columnType() {
    const Token& first = peek();
    ast::TypeRef type;
    type.name = name();
    if (accept(Tok::LParen)) {
      if (isName(la())) {
        type.unit = name();
      } else {
        do {
          const Token& n = expect(Tok::Int);
          std::string_view digits = text(n);
          int value = 0;
          auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
          if (ec != std::errc() || end != digits.data() + digits.size()) throw Decline{};
          type.args.push_back(value);
        } while (accept(Tok::Comma));
      }
      expect(Tok::RParen);
    }
    type.nullable = accept(Tok::Question);
    type.range = rangeFrom(first);
    return type;
  }

  // One turn of `columnModifier*`: parses a modifier and returns true, or returns false
  // when the column ends here (the token starts a table item, a new column, `;` or `}`).
  bool columnModifier(ast::ColumnDecl& c) {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::Primary:
        // `primary (` and `primary name (` can only be a primaryItem: no modifier may be
        // followed by `(`, and a column's type is not `(`.
        if (la(1) == Tok::LParen || (isName(la(1)) && la(2) == Tok::LParen)) return false;
        c.primary.push_back(range(take()));
        return true;
      case Tok::Autoincrement:
        c.autoincrement.push_back(range(take()));
        return true;
      case Tok::Unique:
        if (la(1) == Tok::Constraint && !peek(1).startsLine) return uniqueConstraintModifier(c);
        // The grammar's predicate: a line-initial `unique index` starts an index item.
        if (t.startsLine && la(1) == Tok::Index) return false;
        // `unique (` and `unique name (` can only be a uniqueItem (after a `unique`
        // modifier, `name` would start a column, whose type cannot be `(`).
        if (la(1) == Tok::LParen || (isName(la(1)) && la(2) == Tok::LParen)) return false;
        // Otherwise a modifier. `unique index` not at a line start reads both as a modifier
        // followed by an index and as a unique index; the modifier is ANTLR's first
        // alternative (the loop's "enter").
        c.unique.push_back(range(take()));
        return true;
      case Tok::Default:
        take();
        c.defaults.push_back(topExpr());
        return true;
      case Tok::References: {
        ast::References ref = references();
        if (ref.columns.size() != 1) throw Decline{};  // an error the slow path reports
        c.references.push_back(std::move(ref));
        return true;
      }
      case Tok::Check:
        // The grammar's predicate: a line-initial `check` starts a check item.
        if (t.startsLine) return false;
        // `check name (` can only be a check item. `check (` within a line matches both
        // the modifier and the item; the modifier is ANTLR's first alternative.
        if (la(1) != Tok::LParen) return false;
        take();
        take();
        c.checks.push_back(topExpr());
        expect(Tok::RParen);
        return true;
      case Tok::Generated: {
        // GENERATED LPAREN expr RPAREN (STORED | VIRTUAL)?
        take();
        ast::Generated g;
        expect(Tok::LParen);
        g.expr = topExpr();
        expect(Tok::RParen);
        if (la() == Tok::Stored || la() == Tok::Virtual) g.stored = take().kind == Tok::Stored;
        g.range = rangeFrom(t);
        c.generated.push_back(std::move(g));
        return true;
      }
      case Tok::Sqltype:
        // SQLTYPE STRING
        take();
        c.sqlTypes.push_back(stringModifierValue());
        return true;
      case Tok::Ident:
        // `tstype STRING`: a contextual word (a name followed by a string cannot start a
        // column, whose type is a name).
        if (text(t) != "tstype" || la(1) != Tok::String) return false;
        take();
        c.tsTypes.push_back(stringModifierValue());
        return true;
      case Tok::Unchecked:
        c.unchecked.push_back(range(take()));
        return true;
      case Tok::Was:
        take();
        c.was.push_back(name());
        return true;
      case Tok::Collate:
      case Tok::NullableLegacy:
        return contextualModifier(c);
      default:
        return false;
    }
  }

  // The STRING of `sqltype STRING` / `tstype STRING`, decoded.
  ast::Expr stringModifierValue() {
    const Token& lit = expect(Tok::String);
    ast::Expr e;
    e.kind = ast::ExprKind::String;
    e.quote = text(lit)[0];
    DecodeError err;
    std::optional<std::string> value = decodeString(text(lit), &err);
    if (!value) throw Decline{};  // a bad escape: the slow path reports it
    e.text = std::move(*value);
    e.range = range(lit);
    return e;
  }

  // references : REFERENCES name LPAREN nameList RPAREN fkAction*
  ast::References references() {
    const Token& first = expect(Tok::References);
    ast::References ref;
    ref.table = name();
    expect(Tok::LParen);
    ref.columns = nameList();
    expect(Tok::RParen);
    // fkAction : ON (DELETE | UPDATE) fkActionKind
    while (accept(Tok::On)) {
      bool onDelete;
      if (accept(Tok::Delete)) {
        onDelete = true;
      } else if (accept(Tok::Update)) {
        onDelete = false;
      } else {
        throw Decline{};
      }
      std::optional<ast::FkAction>& slot = onDelete ? ref.actions.onDelete : ref.actions.onUpdate;
      if (slot) throw Decline{};  // given twice: an error the slow path reports
      slot = actionKind();
    }
    if (la() == Tok::Deferrable && !peek().startsLine) ref.deferral = deferral();
    ref.range = rangeFrom(first);
    return ref;
  }

  // ---- SQLite table constructs ----

  // True when the k-th token from here is the identifier `word` (rowid, deferred, immediate,
  // unnamed: words the grammar leaves to the AST builder).
  bool isWord(std::size_t k, std::string_view word) const {
    return la(k) == Tok::Ident && text(peek(k)) == word;
  }
  // nullableLegacy : {!startsLine()}? NULLABLE_LEGACY
  bool nullableLegacyAhead() const { return la() == Tok::NullableLegacy && !peek().startsLine; }

  // tableOption : without rowid | strict
  void tableOptions(std::vector<ast::TableOption>& out) {
    while (la() == Tok::Without || la() == Tok::Strict) {
      const Token& first = take();
      ast::TableOption option;
      if (first.kind == Tok::Without) {
        if (!isWord(0, "rowid")) throw Decline{};  // the slow path reports it
        take();
        option.kind = ast::TableOption::Kind::WithoutRowid;
      }
      option.range = rangeFrom(first);
      out.push_back(option);
    }
  }

  // uniqueConstraintItem : UNIQUE CONSTRAINT name? LPAREN indexPart (COMMA indexPart)* RPAREN
  ast::UniqueItem uniqueConstraintItem() {
    const Token& start = take();
    take();  // `constraint`
    ast::UniqueItem u;
    u.constraint = true;
    if (la() != Tok::LParen) u.name = name();
    expect(Tok::LParen);
    do {
      u.parts.push_back(indexPart());
    } while (accept(Tok::Comma));
    expect(Tok::RParen);
    u.range = rangeFrom(start);
    return u;
  }

  // The column modifier `unique constraint` (the grammar's uniqueConstraintAhead()), unless
  // the words begin a uniqueConstraintItem: at the start of a line, or followed by `(` or
  // `name (` (which no modifier is followed by).
  bool uniqueConstraintModifier(ast::ColumnDecl& c) {
    const Token& t = peek();
    if (t.startsLine) return false;
    if (la(2) == Tok::LParen || (isName(la(2)) && la(3) == Tok::LParen)) return false;
    take();
    take();
    c.uniqueConstraint.push_back(rangeFrom(t));
    return true;
  }

  // `collate NAME` and `nullable_legacy` within a line; at the start of a line they begin
  // the next column (named so). Where both readings parse, the modifier is ANTLR's choice
  // (the loop's "enter").
  bool contextualModifier(ast::ColumnDecl& c) {
    const Token& t = peek();
    if (t.startsLine) return false;
    if (t.kind == Tok::Collate) {
      take();
      c.collations.push_back(name());
      return true;
    }
    c.nullableLegacy.push_back(range(take()));
    return true;
  }

  // deferral : deferrable (initially (deferred | immediate))?
  ast::Deferral deferral() {
    take();
    if (la() != Tok::Initially || peek().startsLine) return ast::Deferral::Deferrable;
    take();
    if (isWord(0, "deferred")) {
      take();
      return ast::Deferral::InitiallyDeferred;
    }
    if (!isWord(0, "immediate")) throw Decline{};  // the slow path reports it
    take();
    return ast::Deferral::InitiallyImmediate;
  }

  // indexPart : name collation? (ASC | DESC)? | expr collation? (ASC | DESC)?
  // A name followed by what may follow a part is the first alternative (ANTLR's choice where
  // both match); anything else is an expression.
  ast::IndexPart indexPart() {
    ast::IndexPart part;
    Tok next = la(1);
    if (isName(la()) && (next == Tok::Comma || next == Tok::RParen || next == Tok::Asc ||
                         next == Tok::Desc || next == Tok::Collate)) {
      part.column = name();
    } else {
      part.expr = topExpr();
    }
    if (accept(Tok::Collate)) {
      part.collation = name();
    }
    if (la() == Tok::Asc || la() == Tok::Desc) part.desc = take().kind == Tok::Desc;
    return part;
  }

  // fkActionKind : CASCADE | RESTRICT | SET NULL_ | SET DEFAULT | NO ACTION
  ast::FkAction actionKind() {
    switch (take().kind) {
      case Tok::Cascade:
        return ast::FkAction::Cascade;
      case Tok::Restrict:
        return ast::FkAction::Restrict;
      case Tok::Set:
        if (accept(Tok::Null)) return ast::FkAction::SetNull;
        expect(Tok::Default);
        return ast::FkAction::SetDefault;
      case Tok::No:
        expect(Tok::Action);
        return ast::FkAction::NoAction;
      default:
        throw Decline{};
    }
  }

  // ---- views, triggers, virtual tables ----

  // A RAW_SQL token as a Raw expression (AstBuilder::stringLiteral).
  ast::Expr rawSql() {
    const Token& t = expect(Tok::RawSql);
    std::string_view literal = text(t).substr(3);  // "sql"
    ast::Expr e;
    e.kind = ast::ExprKind::Raw;
    e.quote = literal[0];
    DecodeError err;
    std::optional<std::string> value = decodeString(literal, &err);
    if (!value) throw Decline{};  // a bad escape: the slow path reports it
    e.text = std::move(*value);
    e.range = range(t);
    return e;
  }

  // viewDecl : VIEW name AS RAW_SQL
  ast::ViewDecl viewDecl() {
    const Token& first = peek();
    ast::ViewDecl v;
    v.doc = docBefore(first);
    take();
    v.name = name();
    expect(Tok::As);
    v.query = rawSql();
    v.range = rangeFrom(first);
    return v;
  }

  // triggerDecl : TRIGGER name triggerTiming triggerEvent (OF nameList)? ON name
  //               (FOR EACH ROW)? (WHEN RAW_SQL)? RAW_SQL
  ast::TriggerDecl triggerDecl() {
    const Token& first = peek();
    ast::TriggerDecl t;
    t.doc = docBefore(first);
    take();
    t.name = name();
    // triggerTiming : BEFORE | AFTER | INSTEAD OF
    const Token& timing = take();
    switch (timing.kind) {
      case Tok::Before:
        t.timing = ast::TriggerTiming::Before;
        break;
      case Tok::After:
        t.timing = ast::TriggerTiming::After;
        break;
      case Tok::Instead:
        t.timing = ast::TriggerTiming::InsteadOf;
        expect(Tok::Of);
        break;
      default:
        throw Decline{};
    }
    t.timingRange = rangeFrom(timing);
    // triggerEvent : INSERT | DELETE | UPDATE
    const Token& event = take();
    switch (event.kind) {
      case Tok::Insert:
        t.event = ast::TriggerEvent::Insert;
        break;
      case Tok::Delete:
        t.event = ast::TriggerEvent::Delete;
        break;
      case Tok::Update:
        t.event = ast::TriggerEvent::Update;
        break;
      default:
        throw Decline{};
    }
    t.eventRange = range(event);
    if (la() == Tok::Of) {
      const Token& of = take();
      t.columns = nameList();
      t.of = rangeFrom(of);
    }
    expect(Tok::On);
    t.target = name();
    if (la() == Tok::For) {
      const Token& f = take();
      expect(Tok::Each);
      expect(Tok::Row);
      t.forEachRow = rangeFrom(f);
    }
    if (accept(Tok::When)) t.when = rawSql();
    t.body = rawSql();
    t.range = rangeFrom(first);
    return t;
  }

  // virtualTableDecl : VIRTUAL TABLE name USING name RAW_SQL?
  ast::VirtualTableDecl virtualTableDecl() {
    const Token& first = peek();
    ast::VirtualTableDecl v;
    v.doc = docBefore(first);
    take();
    expect(Tok::Table);
    v.name = name();
    expect(Tok::Using);
    v.module = name();
    if (la() == Tok::RawSql) v.args = rawSql();
    v.range = rangeFrom(first);
    return v;
  }

  // ---- expressions (AstBuilder's depth accounting, so the same inputs are too deep) ----

  ast::Expr topExpr() {
    int depth = 0;
    return expr(&depth);
  }

  ast::Expr binary(std::string_view op, ast::Expr lhs, ast::Expr rhs, int rhsDepth, int* depth) {
    *depth = std::max(*depth, rhsDepth) + 1;
    if (*depth > kMaxExprDepth) throw Decline{};
    ast::Expr bin;
    bin.kind = ast::ExprKind::Binary;
    bin.text = std::string(op);
    bin.range = {lhs.range.begin, rhs.range.end};
    bin.args.reserve(2);
    bin.args.push_back(std::move(lhs));
    bin.args.push_back(std::move(rhs));
    return bin;
  }

  // `operand (op operand)*`, folded into a left-nested chain of Binary nodes.
  using Level = ast::Expr (FastParser::*)(int*);
  ast::Expr chain(int* depth, Level operand, std::initializer_list<Tok> ops) {
    ast::Expr lhs = (this->*operand)(depth);
    while (std::find(ops.begin(), ops.end(), la()) != ops.end()) {
      std::string_view op = text(take());
      int d = 0;
      ast::Expr rhs = (this->*operand)(&d);
      lhs = binary(op, std::move(lhs), std::move(rhs), d, depth);
    }
    return lhs;
  }

  // A literal or a name (not a call) followed by a token that continues no expression at
  // the levels from `expr` down (`concatOnly`: from `concatExpr` down). Most expressions of
  // a schema are such single operands; parsing them directly skips the eight levels of the
  // descent, which yield exactly primaryExpr's node and depth for them.
  bool loneOperandAhead(bool concatOnly, std::size_t k = 0) const {
    switch (la(k)) {
      case Tok::Int:
      case Tok::Decimal:
      case Tok::String:
      case Tok::RawSql:
      case Tok::True:
      case Tok::False:
      case Tok::Null:
      case Tok::Now:
        break;
      default:
        if (!isName(la(k))) return false;
    }
    switch (la(k + 1)) {
      case Tok::LParen:  // a call
      case Tok::Concat:
      case Tok::Plus:
      case Tok::Minus:
      case Tok::Star:
      case Tok::Slash:
      case Tok::Percent:
        return false;
      case Tok::Or:
      case Tok::And:
      case Tok::Not:
      case Tok::Eq:
      case Tok::Neq:
      case Tok::Lt:
      case Tok::Le:
      case Tok::Gt:
      case Tok::Ge:
      case Tok::Is:
      case Tok::In:
      case Tok::Like:
      case Tok::Between:
        return concatOnly;
      default:
        return true;
    }
  }

  // expr : andExpr (OR andExpr)*
  ast::Expr expr(int* depth) {
    if (loneOperandAhead(false)) return primaryExpr(depth);
    if (loneOperandAhead(true) && isComparison(la(1)) && loneOperandAhead(false, 2)) {
      return loneComparison(depth);
    }
    return chain(depth, &FastParser::andExpr, {Tok::Or});
  }

  // The six comparison tokens are declared together (fast_lexer.h), Eq first and Gt last.
  static_assert(static_cast<int>(Tok::Gt) - static_cast<int>(Tok::Eq) == 5);
  static bool isComparison(Tok t) { return t >= Tok::Eq && t <= Tok::Gt; }

  // `operand CMP operand` of two lone operands, followed by nothing that continues it: the
  // node and depth `predicate` builds for it (and the levels above pass through).
  ast::Expr loneComparison(int* depth) {
    const Token& first = peek();
    ast::Expr e;
    e.kind = ast::ExprKind::Binary;
    e.args.reserve(2);
    int d = 0;
    e.args.push_back(primaryExpr(&d));
    e.text = std::string(text(take()));
    e.args.push_back(primaryExpr(&d));
    *depth = 2;  // max(lhs, rhs) + 1, both operands at depth 1
    e.range = rangeFrom(first);
    return e;
  }
  // andExpr : notExpr (AND notExpr)*
  ast::Expr andExpr(int* depth) { return chain(depth, &FastParser::notExpr, {Tok::And}); }

  // notExpr : NOT notExpr | predicate
  ast::Expr notExpr(int* depth) {
    if (la() != Tok::Not) return predicate(depth);
    const Token& first = take();
    ast::Expr e;
    e.kind = ast::ExprKind::Unary;
    e.text = "not";
    e.args.push_back(notExpr(depth));
    ++*depth;
    e.range = rangeFrom(first);
    return e;
  }

  // predicate : concatExpr predicateTail?
  ast::Expr predicate(int* depth) {
    const Token& first = peek();
    ast::Expr lhs = concatExpr(depth);
    ast::Expr e;
    int d = 0;
    auto add = [&](ast::Expr arg) {
      *depth = std::max(*depth, d);
      e.args.push_back(std::move(arg));
    };
    Tok t = la();
    bool negated = false;
    if (t == Tok::Not) {
      Tok next = la(1);
      if (next != Tok::In && next != Tok::Like && next != Tok::Between) throw Decline{};
      take();
      negated = true;
      t = next;
    }
    switch (t) {
      case Tok::Eq:
      case Tok::Neq:
      case Tok::Lt:
      case Tok::Le:
      case Tok::Gt:
      case Tok::Ge:
        e.kind = ast::ExprKind::Binary;
        e.text = std::string(text(take()));
        e.args.reserve(2);
        e.args.push_back(std::move(lhs));
        add(concatExpr(&d));
        break;
      case Tok::Is:
        take();
        e.kind = ast::ExprKind::IsNull;
        e.negated = accept(Tok::Not);
        expect(Tok::Null);
        e.args.push_back(std::move(lhs));
        break;
      case Tok::In:
        take();
        e.kind = ast::ExprKind::In;
        e.negated = negated;
        e.args.push_back(std::move(lhs));
        expect(Tok::LParen);
        do {
          add(expr(&d));
        } while (accept(Tok::Comma));
        expect(Tok::RParen);
        break;
      case Tok::Like:
        take();
        e.kind = ast::ExprKind::Like;
        e.negated = negated;
        e.args.reserve(2);
        e.args.push_back(std::move(lhs));
        add(concatExpr(&d));
        break;
      case Tok::Between:
        take();
        e.kind = ast::ExprKind::Between;
        e.negated = negated;
        e.args.reserve(3);
        e.args.push_back(std::move(lhs));
        add(concatExpr(&d));
        expect(Tok::And);
        add(concatExpr(&d));
        break;
      default:
        return lhs;
    }
    ++*depth;
    e.range = rangeFrom(first);
    return e;
  }

  // concatExpr : addExpr (CONCAT addExpr)*
  ast::Expr concatExpr(int* depth) {
    if (loneOperandAhead(true)) return primaryExpr(depth);
    return chain(depth, &FastParser::addExpr, {Tok::Concat});
  }
  // addExpr : mulExpr ((PLUS | MINUS) mulExpr)*
  ast::Expr addExpr(int* depth) {
    return chain(depth, &FastParser::mulExpr, {Tok::Plus, Tok::Minus});
  }
  // mulExpr : unaryExpr ((STAR | SLASH | PERCENT) unaryExpr)*
  ast::Expr mulExpr(int* depth) {
    return chain(depth, &FastParser::unaryExpr, {Tok::Star, Tok::Slash, Tok::Percent});
  }

  // unaryExpr : MINUS unaryExpr | primaryExpr
  ast::Expr unaryExpr(int* depth) {
    if (la() != Tok::Minus) return primaryExpr(depth);
    const Token& first = take();
    ast::Expr e;
    e.kind = ast::ExprKind::Unary;
    e.text = "-";
    e.args.push_back(unaryExpr(depth));
    ++*depth;
    e.range = rangeFrom(first);
    return e;
  }

  ast::Expr primaryExpr(int* depth) {
    const Token& t = peek();
    ast::Expr e;
    *depth = 1;
    switch (t.kind) {
      case Tok::Int:
        e.kind = ast::ExprKind::Int;
        e.text = std::string(text(take()));
        break;
      case Tok::Decimal:
        e.kind = ast::ExprKind::Decimal;
        e.text = std::string(text(take()));
        break;
      case Tok::String:
      case Tok::RawSql: {
        bool raw = take().kind == Tok::RawSql;
        std::string_view literal = text(t).substr(raw ? 3 : 0);  // "sql"
        e.kind = raw ? ast::ExprKind::Raw : ast::ExprKind::String;
        e.quote = literal[0];
        DecodeError err;
        std::optional<std::string> value = decodeString(literal, &err);
        if (!value) throw Decline{};  // a bad escape: the slow path reports it
        e.text = std::move(*value);
        break;
      }
      case Tok::True:
      case Tok::False:
        e.kind = ast::ExprKind::Bool;
        e.text = t.kind == Tok::True ? "true" : "false";
        take();
        break;
      case Tok::Null:
        e.kind = ast::ExprKind::Null;
        take();
        break;
      case Tok::Now:
        e.kind = ast::ExprKind::Now;
        e.text = "now";
        take();
        break;
      case Tok::LParen: {
        take();
        e = expr(depth);
        expect(Tok::RParen);
        e.parenthesized = true;
        break;
      }
      default: {
        if (!isName(t.kind)) throw Decline{};
        ast::Ident id = ident(take());
        if (la() == Tok::LParen) {
          // callExpr : name LPAREN (expr (COMMA expr)*)? RPAREN
          take();
          e.kind = ast::ExprKind::Call;
          e.text = std::move(id.name);
          int argDepth = 0;
          if (la() != Tok::RParen) {
            do {
              int d = 0;
              e.args.push_back(expr(&d));
              argDepth = std::max(argDepth, d);
            } while (accept(Tok::Comma));
          }
          expect(Tok::RParen);
          *depth = argDepth + 1;
        } else {
          e.kind = ast::ExprKind::Name;
          e.text = std::move(id.name);
        }
        break;
      }
    }
    e.range = rangeFrom(t);
    return e;
  }

  FileId file_;
  std::string_view src_;
  const std::vector<Token>& toks_;
  const std::vector<LexedComment>& comments_;
  Part part_;
  std::size_t stop_;          // token index where the declarations end
  std::size_t commentCount_;  // comments of this part
  std::vector<bool> docUsed_;
  std::size_t pos_ = 0;
};

// Tokens the first part lexes past the cut: the parser peeks at most 3 ahead.
constexpr std::size_t kCutLookahead = 8;

// The first line start after a `}` that stands alone on its line (the end of a table or enum),
// at or after `from`; npos when there is none.
std::size_t findCut(std::string_view source, std::size_t from) {
  if (from < 1) from = 1;
  for (std::size_t i = from - 1; (i = source.find("\n}\n", i)) != std::string_view::npos; ++i) {
    if (i + 3 < source.size()) return i + 3;
  }
  return std::string_view::npos;
}

// Appends `second`'s declarations and comments to `first`'s.
void appendModule(ast::Module& first, ast::Module&& second) {
  using K = ast::Module::DeclKind;
  const std::size_t base[] = {first.enums.size(), first.tables.size(), first.views.size(),
                              first.triggers.size(), first.virtualTables.size()};
  auto append = [](auto& to, auto& from) {
    to.reserve(to.size() + from.size());
    for (auto& x : from) to.push_back(std::move(x));
  };
  append(first.enums, second.enums);
  append(first.tables, second.tables);
  append(first.views, second.views);
  append(first.triggers, second.triggers);
  append(first.virtualTables, second.virtualTables);
  first.order.reserve(first.order.size() + second.order.size());
  for (auto [kind, index] : second.order) {
    first.order.emplace_back(kind, index + base[static_cast<std::size_t>(kind)]);
  }
  static_assert(static_cast<int>(K::Enum) == 0 && static_cast<int>(K::VirtualTable) == 4);
  append(first.comments, second.comments);
}

}  // namespace

std::optional<FastParseResult> fastParseInHalves(FileId file, std::string_view source,
                                                 std::size_t cutFrom) {
  std::size_t cut = findCut(source, cutFrom);
  if (cut == std::string_view::npos) return std::nullopt;
  // The second part on the helper thread: lexed from the cut as if a file started there, and
  // parsed as the declarations that follow the first part's.
  std::optional<FastParseResult> second;
  HelperThread helper([&] {
    LexedFile lexed;
    LexStop unused;
    if (!fastLexPart(source, LexPart{cut}, kMaxNesting, lexed, unused)) return;
    try {
      second = FastParser(file, source, lexed, FastParser::Part::Second).run();
    } catch (const Decline&) {
    }
  });
  std::optional<FastParseResult> first;
  LexedFile lexed;
  LexStop stop;
  // The same lexer over the whole file but for stopping at the cut: the second part's tokens
  // are the whole file's when the lexer's state there is a file's start (stop.clean).
  if (fastLexPart(source, LexPart{0, cut, kCutLookahead}, kMaxNesting, lexed, stop) &&
      stop.reached && stop.clean) {
    try {
      first = FastParser(file, source, lexed, FastParser::Part::First, stop).run();
    } catch (const Decline&) {
    }
  }
  helper.join();
  if (!first || !second) return std::nullopt;
  appendModule(first->module, std::move(second->module));
  first->unusedDocs.insert(first->unusedDocs.end(), second->unusedDocs.begin(),
                           second->unusedDocs.end());
  return first;
}

std::optional<FastParseResult> fastParse(FileId file, std::string_view source) {
  if (source.size() >= kMinBytesInHalves) {
    if (auto result = fastParseInHalves(file, source, source.size() / 2)) return result;
  }
  return fastParseInOneGo(file, source);
}

std::optional<FastParseResult> fastParseInOneGo(FileId file, std::string_view source) {
  LexedFile lexed;
  if (!fastLex(source, kMaxNesting, lexed)) return std::nullopt;
  try {
    return FastParser(file, source, lexed).run();
  } catch (const Decline&) {
    return std::nullopt;
  }
}

}  // namespace schemac::syntax
