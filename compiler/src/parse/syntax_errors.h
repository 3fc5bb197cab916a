// Syntax errors in words a user understands. ANTLR's default messages name tokens the way
// the grammar does ("mismatched input 'x' expecting IDENT"); this strategy keeps ANTLR's
// recovery but phrases every report as "expected a column type after 'email', found '}'",
// naming what was expected by category ("an expression", "a column modifier") where the
// raw token set would be a long list.
#pragma once

#include <antlr4-runtime.h>

#include <cstddef>
#include <functional>
#include <string>

#include "schemac/source.h"

namespace schemac::syntax {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  // `report(range, message)` receives each error; `tokenRange` maps a token to bytes.
  using Report = std::function<void(SourceRange, std::string)>;
  using TokenRange = std::function<SourceRange(antlr4::Token*)>;

  SyntaxErrorStrategy(Report report, TokenRange tokenRange)
      : report_(std::move(report)), tokenRange_(std::move(tokenRange)) {}

  std::size_t errorCount() const { return count_; }

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;
  bool singleTokenInsertion(antlr4::Parser* parser) override;

 private:
  void emit(antlr4::Parser* parser, antlr4::Token* found,
            const antlr4::misc::IntervalSet* expected);  // expected == nullptr: "unexpected X"

  Report report_;
  TokenRange tokenRange_;
  std::size_t count_ = 0;
  std::size_t lastLine_ = 0;        // line of the last reported error
  std::size_t lastTokenIndex_ = 0;  // its offending token
};

// "an expression", "'{' or 'was'", ...: the expected set in words, given the rule the
// parser is in. Exposed for tests.
std::string describeExpected(const antlr4::misc::IntervalSet& expected,
                             antlr4::ParserRuleContext* ctx, const antlr4::dfa::Vocabulary& vocab);

// How a token is shown in a message: 'text' (shortened), or "end of file".
std::string describeToken(antlr4::Token* token);

}  // namespace schemac::syntax
