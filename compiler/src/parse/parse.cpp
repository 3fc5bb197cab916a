// schemac::parse: the hand-written fast path (fast_parser.h) when it accepts the input, else
// the ANTLR reference path: lex (reporting lexical errors once, in words), guard the nesting
// depth, parse with the plain-words error strategy, then build the AST.
#include "schemac/parse.h"

#include <antlr4-runtime.h>

#include <cstdio>
#include <limits>

#include "SchemaLexer.h"
#include "SchemaParser.h"
#include "parse/ast_builder.h"
#include "parse/fast_parser.h"
#include "parse/syntax_errors.h"
#include "parse/utf8_input.h"

namespace schemac {
namespace {

using P = grammar::SchemaParser;

// Nesting of parentheses and prefix operators the parser accepts. ANTLR parses recursively
// (about ten frames per level), so this bounds its stack use on hostile input.
constexpr int kMaxNesting = 100;

// Lexical errors after which the rest of a file is not lexed: the parser does not run on a
// file with any, and a megabyte of stray characters would otherwise be a million tokens.
constexpr std::size_t kMaxLexicalErrors = 1000;

bool isLexicalError(std::size_t type) {
  return type == P::UNTERMINATED_STRING || type == P::UNTERMINATED_QUOTED ||
         type == P::UNTERMINATED_COMMENT || type == P::ERROR_CHAR;
}

class BoundedLexer : public grammar::SchemaLexer {
 public:
  using grammar::SchemaLexer::SchemaLexer;
  std::unique_ptr<antlr4::Token> nextToken() override {
    // Past the limit: jump to the end, so the next token is EOF.
    if (errors_ >= kMaxLexicalErrors) _input->seek(_input->size());
    std::unique_ptr<antlr4::Token> t = grammar::SchemaLexer::nextToken();
    if (isLexicalError(t->getType())) ++errors_;
    return t;
  }

 private:
  std::size_t errors_ = 0;
};

std::string describeChar(std::string_view text) {
  unsigned char c = static_cast<unsigned char>(text.empty() ? 0 : text[0]);
  if (c >= 0x21 && c < 0x7f) return "'" + std::string(text.substr(0, 1)) + "'";
  char buf[16];
  if (c < 0x80) {
    std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
  }
  return "'" + std::string(text) + "'";  // a whole UTF-8 sequence
}

// Reports lexical error tokens; returns true if there was any.
bool reportLexicalErrors(antlr4::CommonTokenStream& tokens, syntax::AstBuilder& b,
                         std::string_view source, DiagEngine& diags) {
  bool any = false;
  for (antlr4::Token* t : tokens.getTokens()) {
    SourceRange r = b.range(t);
    switch (t->getType()) {
      case P::UNTERMINATED_STRING:
        diags.error({r.begin, r.begin}, "unterminated string (missing closing quote)");
        break;
      case P::UNTERMINATED_QUOTED:
        diags.error({r.begin, r.begin}, "unterminated quoted name (missing closing backtick)");
        break;
      case P::UNTERMINATED_COMMENT:
        diags.error({r.begin, {r.begin.file, r.begin.offset + 2}},
                    "unterminated comment (missing '*/')");
        break;
      case P::ERROR_CHAR:
        diags.error(r,
                    "unexpected character " +
                        describeChar(source.substr(r.begin.offset, r.end.offset - r.begin.offset)));
        break;
      default:
        continue;
    }
    any = true;
  }
  return any;
}

// Reports the first place where parentheses or prefix operators nest too deeply.
bool checkNesting(antlr4::CommonTokenStream& tokens, syntax::AstBuilder& b, DiagEngine& diags) {
  int parens = 0;
  int prefixRun = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    std::size_t type = t->getType();
    if (type == P::LPAREN) ++parens;
    if (type == P::RPAREN && parens > 0) --parens;
    prefixRun = (type == P::MINUS || type == P::NOT) ? prefixRun + 1 : 0;
    if (parens + prefixRun > kMaxNesting) {
      diags.error(b.range(t), "expression is too deeply nested (more than " +
                                  std::to_string(kMaxNesting) + " levels)");
      return false;
    }
  }
  return true;
}

void collectComments(antlr4::CommonTokenStream& tokens, syntax::AstBuilder& b,
                     std::string_view source, ast::Module& module) {
  for (antlr4::Token* t : tokens.getTokens()) {
    ast::Comment c;
    switch (t->getType()) {
      case P::LINE_COMMENT:
        c.kind = ast::Comment::Kind::Line;
        break;
      case P::BLOCK_COMMENT:
        c.kind = ast::Comment::Kind::Block;
        break;
      case P::DOC_COMMENT:
        c.kind = ast::Comment::Kind::Doc;
        break;
      default:
        continue;
    }
    c.range = b.range(t);
    c.text =
        std::string(source.substr(c.range.begin.offset, c.range.end.offset - c.range.begin.offset));
    // A `//` comment's text excludes the line break, but a '\r' of CRLF is part of it.
    while (!c.text.empty() && c.text.back() == '\r') c.text.pop_back();
    module.comments.push_back(std::move(c));
  }
}

// Checks every parser relies on; returns false when the text is unusable, reporting why
// unless `diags` is null (the fast path leaves the reporting to the reference path).
bool checkSource(std::string_view source, FileId file, DiagEngine* diags) {
  std::uint32_t bad = 0;
  if (!syntax::Utf8Input::validate(source, &bad)) {
    if (diags) diags->error({{file, bad}, {file, bad + 1}}, "invalid UTF-8 in source file");
    return false;
  }
  if (source.size() >= std::numeric_limits<std::uint32_t>::max()) {
    if (diags) diags->error({{file, 0}, {file, 0}}, "source file is too large");
    return false;
  }
  return true;
}

}  // namespace

std::optional<ast::Module> parseFast(const SourceManager& sm, FileId file, DiagEngine& diags) {
  std::string_view source = sm.contents(file);
  if (!checkSource(source, file, nullptr)) return std::nullopt;
  std::optional<syntax::FastParseResult> result = syntax::fastParse(file, source);
  if (!result) return std::nullopt;
  for (SourceRange r : result->unusedDocs) diags.warning(r, syntax::kUnusedDocMessage);
  return std::move(result->module);
}

ast::Module parse(const SourceManager& sm, FileId file, DiagEngine& diags) {
  if (std::optional<ast::Module> module = parseFast(sm, file, diags)) return std::move(*module);
  return parseReference(sm, file, diags);
}

ast::Module parseReference(const SourceManager& sm, FileId file, DiagEngine& diags) {
  ast::Module module;
  module.file = file;
  std::string_view source = sm.contents(file);
  if (!checkSource(source, file, &diags)) return module;

  syntax::Utf8Input input(source);
  BoundedLexer lexer(&input);
  lexer.removeErrorListeners();  // every input lexes: errors are tokens (see the grammar)
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  syntax::AstBuilder builder(file, source, input, tokens, diags);
  collectComments(tokens, builder, source, module);

  if (reportLexicalErrors(tokens, builder, source, diags)) return module;
  if (!checkNesting(tokens, builder, diags)) return module;

  grammar::SchemaParser parser(&tokens);
  parser.removeErrorListeners();
  // Two stages, as the ANTLR book recommends: fast SLL prediction, bailing out at the first
  // problem; only then full LL with error reporting and recovery (same result, slower).
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    P::FileContext* tree = parser.file();
    builder.build(tree, module);
    return module;
  } catch (const antlr4::ParseCancellationException&) {
  }
  tokens.seek(0);
  parser.reset();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::LL);
  auto strategy = std::make_shared<syntax::SyntaxErrorStrategy>(
      [&](SourceRange r, std::string msg) { diags.error(r, std::move(msg)); },
      [&](antlr4::Token* t) { return builder.range(t); });
  parser.setErrorHandler(strategy);
  P::FileContext* tree = parser.file();
  if (strategy->errorCount() > 0) return module;
  builder.build(tree, module);
  return module;
}

}  // namespace schemac
