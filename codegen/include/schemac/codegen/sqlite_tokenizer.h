// A small SQL tokenizer for SQLite's dialect: enough to split scripts, recognise literals and
// read back the CREATE statements SQLite stores in sqlite_schema (string literals, quoted
// identifiers in all four styles, comments, numbers, operators). It never fails: bytes it does
// not understand become Unknown tokens, unterminated literals run to the end of the input.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemac::codegen::sqlite {

enum class TokenKind {
  Word,          // bare identifier or keyword: users, CREATE, NULL
  QuotedIdent,   // "x", `x` or [x]
  String,        // 'text'
  Blob,          // x'00ff'
  Number,        // 12, 12.5, .5, 1e3, 0x1F
  Variable,      // ?, ?1, :name, @name, $name
  Punct,         // ( ) , ; . and operators: || <= >= <> != == << >> -> ->> + - * / % = < > & | ~
  LineComment,   // -- to end of line (the '\n' is not part of it)
  BlockComment,  // /* ... */
  Unknown,       // anything else, or an unterminated literal
};

struct Token {
  TokenKind kind = TokenKind::Unknown;
  std::size_t begin = 0;  // byte offsets into the tokenized text
  std::size_t end = 0;
  std::string_view text;

  bool isComment() const {
    return kind == TokenKind::LineComment || kind == TokenKind::BlockComment;
  }
  // A bare word equal to `upper` ignoring ASCII case ("create" matches "CREATE").
  bool isWord(std::string_view upper) const;
  bool isPunct(std::string_view p) const { return kind == TokenKind::Punct && text == p; }
  // The name an identifier token denotes: quotes removed and doubled quotes undone.
  // Bare words and string literals ('x' used as a name) are accepted too.
  std::string identValue() const;
  // The value of a string literal ('it''s' -> it's).
  std::string stringValue() const;
};

// Every token of `sql` in order, comments included, whitespace dropped.
std::vector<Token> tokenize(std::string_view sql);

// True when `sql` is one literal SQLite accepts bare after DEFAULT: a string, a blob, NULL, or
// a number with an optional sign.
bool isPlainLiteral(std::string_view sql);

// True when `sql` holds nothing but whitespace and comments.
bool isBlankOrComment(std::string_view sql);

}  // namespace schemac::codegen::sqlite
