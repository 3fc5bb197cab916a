#include "parse/syntax_errors.h"

#include <algorithm>
#include <initializer_list>
#include <set>
#include <vector>

#include "SchemaParser.h"

namespace schemac::syntax {
namespace {

using P = grammar::SchemaParser;

// Stop reporting after this many errors in one file: later ones are mostly consequences.
constexpr std::size_t kMaxErrors = 20;

bool hasAll(const std::set<std::size_t>& s, std::initializer_list<std::size_t> tokens) {
  return std::all_of(tokens.begin(), tokens.end(), [&](std::size_t t) { return s.count(t); });
}

void eraseAll(std::set<std::size_t>& s, std::initializer_list<std::size_t> tokens) {
  for (std::size_t t : tokens) s.erase(t);
}

// Tokens the `name` rule accepts besides identifiers; they are never listed one by one.
// clang-format off
const std::initializer_list<std::size_t> kNameTokens = {
    P::IDENT,   P::QUOTED_IDENT, P::NAMESPACE, P::ENUM,   P::TABLE,   P::STORED,
    P::VIRTUAL, P::WHERE,        P::DELETE,    P::UPDATE, P::CASCADE, P::RESTRICT,
    P::SET,     P::NO,           P::ACTION,    P::ASC,    P::DESC,
    // SQLite table constructs
    P::COLLATE, P::CONSTRAINT, P::DEFERRABLE, P::INITIALLY, P::NULLABLE_LEGACY, P::STRICT,
    P::WITHOUT,
    // views, triggers, virtual tables
    P::VIEW, P::TRIGGER, P::BEFORE, P::AFTER, P::INSTEAD, P::OF, P::INSERT, P::FOR, P::EACH,
    P::ROW, P::WHEN, P::AS, P::USING};
// clang-format on

// Keywords an enum value may also be named after.
const std::initializer_list<std::size_t> kEnumValueKeywords = {P::PRIMARY,    P::AUTOINCREMENT,
                                                               P::UNIQUE,     P::DEFAULT,
                                                               P::REFERENCES, P::CHECK,
                                                               P::GENERATED,  P::SQLTYPE,
                                                               P::UNCHECKED,  P::INDEX,
                                                               P::FOREIGN,    P::ON,
                                                               P::AND,        P::OR,
                                                               P::NOT,        P::IS,
                                                               P::IN,         P::LIKE,
                                                               P::BETWEEN,    P::NULL_,
                                                               P::TRUE_,      P::FALSE_,
                                                               P::NOW};

const std::initializer_list<std::size_t> kExprStart = {P::INT,   P::DECIMAL, P::STRING, P::RAW_SQL,
                                                       P::TRUE_, P::FALSE_,  P::NULL_,  P::NOW,
                                                       P::MINUS, P::NOT,     P::LPAREN};

// Tokens that continue an expression already written: listing them would drown the
// interesting part ("')'") in operators.
const std::initializer_list<std::size_t> kOperators = {
    P::OR, P::AND, P::NOT, P::IS,     P::IN,   P::LIKE,  P::BETWEEN, P::EQ,    P::NEQ,    P::LT,
    P::LE, P::GT,  P::GE,  P::CONCAT, P::PLUS, P::MINUS, P::STAR,    P::SLASH, P::PERCENT};

const std::initializer_list<std::size_t> kModifiers = {
    P::PRIMARY, P::AUTOINCREMENT, P::UNIQUE,  P::DEFAULT,   P::REFERENCES,
    P::CHECK,   P::GENERATED,     P::SQLTYPE, P::UNCHECKED, P::WAS};

const std::initializer_list<std::size_t> kItemStarts = {P::PRIMARY, P::UNIQUE, P::INDEX, P::CHECK,
                                                        P::FOREIGN};

std::size_t ruleOf(antlr4::tree::ParseTree* tree) {
  auto* ctx = dynamic_cast<antlr4::RuleContext*>(tree);
  return ctx ? ctx->getRuleIndex() : static_cast<std::size_t>(-1);
}

// In a declaration with several names (trigger, virtual table), whether the one wanted is the
// first, the declared name: `ctx` is that name, or the declaration before any name.
template <typename Decl>
bool isFirstName(antlr4::ParserRuleContext* ctx) {
  auto* decl = dynamic_cast<Decl*>(ctx);
  if (decl == nullptr && ctx != nullptr) decl = dynamic_cast<Decl*>(ctx->parent);
  if (decl == nullptr) return true;
  P::NameContext* first = decl->name().empty() ? nullptr : decl->name(0);
  return first == nullptr || first == ctx;
}

// What kind of name the parser wants, from the rule it is in.
std::string nameWord(antlr4::ParserRuleContext* ctx) {
  std::size_t rule = ruleOf(ctx);
  std::size_t parent = ruleOf(ctx ? ctx->parent : nullptr);
  if (rule == P::RuleName) {
    rule = parent;
    parent = ruleOf(ctx->parent ? ctx->parent->parent : nullptr);
  }
  switch (rule) {
    case P::RuleColumnType:
      return "a column type";
    case P::RuleTableDecl:
      return "a table name";
    case P::RuleEnumDecl:
    case P::RuleEnumValue:
    case P::RuleEnumValueName:
      return "an enum value";
    case P::RuleNamespaceDecl:
      return "a name";
    case P::RuleWasHint:
      return "the previous name";
    case P::RuleReferences:
      return "a table name";
    case P::RuleNameList:
    case P::RuleIndexPart:
      return "a column name";
    case P::RuleColumn:
      return "a column name";
    // views, triggers, virtual tables: the first name is the declared one
    case P::RuleViewDecl:
      return "a view name";
    case P::RuleTriggerDecl:
      return isFirstName<P::TriggerDeclContext>(ctx) ? "a trigger name" : "a table or view name";
    case P::RuleVirtualTableDecl:
      return isFirstName<P::VirtualTableDeclContext>(ctx) ? "a virtual table name"
                                                          : "a module name";
    default:
      return "a name";
  }
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string shorten(std::string text) {
  constexpr std::size_t kMax = 24;
  if (text.size() > kMax) {
    std::size_t cut = kMax;
    // Do not cut a UTF-8 sequence in half.
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xc0) == 0x80) --cut;
    text = text.substr(0, cut) + "...";
  }
  return text;
}

// Whether the parser is inside a view, trigger or virtual table declaration.
bool inObjectDecl(antlr4::RuleContext* ctx) {
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent)) {
    std::size_t rule = ctx->getRuleIndex();
    if (rule == P::RuleViewDecl || rule == P::RuleTriggerDecl || rule == P::RuleVirtualTableDecl) {
      return true;
    }
  }
  return false;
}

// Whether token LT(k) is a keyword that begins a declaration, first on its line.
bool startsDecl(antlr4::TokenStream* stream, ssize_t k) {
  antlr4::Token* t = stream->LT(k);
  antlr4::Token* before = stream->LT(k - 1);
  std::size_t type = t->getType();
  bool keyword = type == P::VIEW || type == P::TRIGGER || type == P::VIRTUAL || type == P::TABLE ||
                 type == P::ENUM;
  return keyword && (before == nullptr || before->getLine() != t->getLine());
}

}  // namespace

std::string describeToken(antlr4::Token* token) {
  if (token == nullptr || token->getType() == antlr4::Token::EOF) return "end of file";
  return "'" + shorten(token->getText()) + "'";
}

std::string describeExpected(const antlr4::misc::IntervalSet& expected,
                             antlr4::ParserRuleContext* ctx, const antlr4::dfa::Vocabulary& vocab) {
  std::set<std::size_t> toks;
  for (ssize_t t : expected.toList()) toks.insert(static_cast<std::size_t>(t));
  std::vector<std::string> words;
  std::size_t rule = ruleOf(ctx);

  if (rule == P::RuleFkActionKind) {
    return "an action ('cascade', 'restrict', 'set null', 'set default' or 'no action')";
  }
  bool inEnum = rule == P::RuleEnumDecl || rule == P::RuleEnumValue ||
                rule == P::RuleEnumValueName ||
                (rule == P::RuleName && ruleOf(ctx->parent) == P::RuleEnumValueName);
  if (inEnum && toks.count(P::IDENT)) {
    words.push_back("an enum value");
    eraseAll(toks, kNameTokens);
    eraseAll(toks, kEnumValueKeywords);
    eraseAll(toks, {P::COMMA});  // optional separators between values
  }
  if (toks.count(P::IDENT) && hasAll(toks, {P::INT, P::STRING, P::LPAREN})) {
    words.push_back("an expression");
    eraseAll(toks, kExprStart);
    eraseAll(toks, kNameTokens);
  }
  // Operators only continue what is already there; mention them only if nothing else fits.
  std::set<std::size_t> withoutOps = toks;
  eraseAll(withoutOps, kOperators);
  if (!withoutOps.empty() || !words.empty()) {
    toks = withoutOps;
  } else if (!toks.empty()) {
    return "an operator";
  }
  if (hasAll(toks, {P::DEFAULT, P::REFERENCES, P::GENERATED})) {
    words.push_back("a column modifier");
    eraseAll(toks, kModifiers);
    eraseAll(toks, {P::QUESTION, P::LPAREN});  // `?` and type arguments: rarely what is meant
  }
  if (toks.count(P::IDENT) && hasAll(toks, {P::INDEX, P::FOREIGN})) {
    words.push_back("a column or table item");
    eraseAll(toks, kNameTokens);
    eraseAll(toks, kItemStarts);
  }
  if (toks.count(P::IDENT)) {
    words.push_back(nameWord(ctx));
    eraseAll(toks, kNameTokens);
  }
  // `;` is optional everywhere: worth naming only when nothing else fits.
  if (toks.size() > 1 || !words.empty()) toks.erase(P::SEMI);
  // Punctuation first ('{' reads better than 'was' after a table name), then keywords.
  std::vector<std::size_t> rest(toks.begin(), toks.end());
  std::stable_partition(rest.begin(), rest.end(),
                        [](std::size_t t) { return t >= P::LBRACE && t <= P::GT; });
  for (std::size_t t : rest) {
    switch (t) {
      case antlr4::Token::EOF:
        words.push_back("end of file");
        break;
      case P::INT:
        words.push_back("a number");
        break;
      case P::DECIMAL:
        words.push_back("a decimal number");
        break;
      case P::STRING:
        words.push_back("a string");
        break;
      case P::RAW_SQL:
        words.push_back("sql\"...\"");
        break;
      case P::QUOTED_IDENT:
        words.push_back("a name");
        break;
      case P::WITHOUT:
        words.push_back("'without rowid'");
        break;
      default: {
        std::string lit = vocab.getLiteralName(t);
        if (!lit.empty()) words.push_back(lit);
      }
    }
  }
  if (words.empty()) return "something else";
  return join(words);
}

void SyntaxErrorStrategy::emit(antlr4::Parser* parser, antlr4::Token* found,
                               const antlr4::misc::IntervalSet* expected) {
  if (count_ >= kMaxErrors) return;
  antlr4::TokenStream* stream = parser->getTokenStream();
  // The token before `found` on the parser's channel: what the message says "after".
  antlr4::Token* prev = nullptr;
  if (found != nullptr && found->getTokenIndex() < stream->size()) {
    for (std::size_t i = found->getTokenIndex(); i-- > 0;) {
      antlr4::Token* t = stream->get(i);
      if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
        prev = t;
        break;
      }
    }
  }
  std::string message;
  if (expected != nullptr) {
    message =
        "expected " + describeExpected(*expected, parser->getContext(), parser->getVocabulary());
    if (prev != nullptr) message += " after " + describeToken(prev);
    message += ", found " + describeToken(found);
  } else {
    message = "unexpected " + describeToken(found);
    if (prev != nullptr) message += " after " + describeToken(prev);
  }

  // Whatever is missing at the end of a line (a type, an expression, a parenthesis) is
  // pointed at right after what precedes it; anything else at the offending token.
  bool atFound = found != nullptr && found->getType() != antlr4::Token::EOF &&
                 (prev == nullptr || prev->getLine() == found->getLine());
  SourceRange range;
  if (atFound) {
    range = tokenRange_(found);
  } else if (prev != nullptr) {
    SourceRange p = tokenRange_(prev);
    range = {p.end, p.end};
  } else {
    range = tokenRange_(found);
  }
  std::size_t line = atFound || prev == nullptr ? (found ? found->getLine() : 0) : prev->getLine();
  // One error per line, and none right after the previous one: after a wrong token ANTLR
  // often resumes by reading the next words as a new column, which is not worth a message.
  std::size_t index = found != nullptr ? found->getTokenIndex() : 0;
  if (count_ > 0 && (line == lastLine_ || index <= lastTokenIndex_ + 3)) return;
  lastLine_ = line;
  lastTokenIndex_ = index;
  if (++count_ == kMaxErrors) message += " (too many errors; stopping here)";
  report_(range, std::move(message));
}

antlr4::Token* SyntaxErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  // Deleting a brace to make the next token fit (a `}` so that `table` of the next
  // declaration reads as a column type) turns one error into a cascade.
  std::size_t type = parser->getCurrentToken()->getType();
  if (type == P::RBRACE || type == P::LBRACE) return nullptr;
  // So does deleting a token of a view, trigger or virtual table so that the next
  // declaration's keyword reads as the name wanted there.
  if (inObjectDecl(parser->getContext()) && startsDecl(parser->getTokenStream(), 2)) {
    return nullptr;
  }
  return antlr4::DefaultErrorStrategy::singleTokenDeletion(parser);
}

bool SyntaxErrorStrategy::singleTokenInsertion(antlr4::Parser* parser) {
  // Inside a view, trigger or virtual table, whose words are all names, ANTLR would conjure
  // the missing word (`on`) and read the next declaration's keyword as a name: another error
  // on the next line. A declaration keyword starting a line ends the broken one instead.
  if (inObjectDecl(parser->getContext()) && startsDecl(parser->getTokenStream(), 1)) {
    return false;
  }
  return antlr4::DefaultErrorStrategy::singleTokenInsertion(parser);
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& e) {
  // Prediction may have looked past the start token. The expected set belongs to the
  // decision, so it only describes the offending token when prediction failed right there.
  antlr4::Token* start = e.getStartToken();
  antlr4::Token* found = e.getOffendingToken();
  if (start != nullptr && found != nullptr && start->getTokenIndex() != found->getTokenIndex()) {
    if (ruleOf(parser->getContext()) == P::RuleFkActionKind) {  // `set foo`, `no foo`
      antlr4::misc::IntervalSet actions(
          {static_cast<ssize_t>(P::CASCADE), static_cast<ssize_t>(P::RESTRICT)});
      emit(parser, found, &actions);
      return;
    }
    emit(parser, found, nullptr);
    return;
  }
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  emit(parser, found, &expected);
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& e) {
  antlr4::misc::IntervalSet expected = e.getExpectedTokens();
  emit(parser, e.getOffendingToken(), &expected);
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& e) {
  antlr4::misc::IntervalSet expected = parser->getExpectedTokens();
  emit(parser, e.getOffendingToken(), &expected);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
  emit(parser, parser->getCurrentToken(), &expected);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  antlr4::misc::IntervalSet expected = getExpectedTokens(parser);
  emit(parser, parser->getCurrentToken(), &expected);
}

}  // namespace schemac::syntax
