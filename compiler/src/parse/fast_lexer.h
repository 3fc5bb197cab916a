// The fast path's lexer: bytes -> tokens, in one pass, with no allocation per character.
// It recognises exactly the tokens of grammar/SchemaLexer.g4 for valid input; on anything the
// grammar would turn into an error token (unterminated string, stray character, ...) it
// gives up, and parse() falls back to the ANTLR lexer, which reports the error in words.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace schemac::syntax {

enum class Tok : std::uint8_t {
  // names and literals
  Ident,
  Quoted,  // `backtick name`
  Int,
  Decimal,
  String,
  RawSql,  // sql"..."
  // keywords (SchemaLexer.g4 order)
  Namespace,
  Enum,
  Table,
  Was,
  Primary,
  Autoincrement,
  Unique,
  Default,
  References,
  Check,
  Generated,
  Sqltype,
  Unchecked,
  Stored,
  Virtual,
  Index,
  Where,
  Foreign,
  On,
  Delete,
  Update,
  Cascade,
  Restrict,
  Set,
  No,
  Action,
  Asc,
  Desc,
  And,
  Or,
  Not,
  Is,
  In,
  Like,
  Between,
  Null,
  True,
  False,
  Now,
  // SQLite table constructs (contextual: isName accepts them)
  Collate,
  Constraint,
  Deferrable,
  Initially,
  NullableLegacy,
  Strict,
  Without,
  // views, triggers, virtual tables (contextual: all are names)
  View,
  Trigger,
  Before,
  After,
  Instead,
  Of,
  Insert,
  For,
  Each,
  Row,
  When,
  As,
  Using,
  // punctuation
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  Semi,
  Dot,
  Question,
  Concat,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Eq,
  Neq,
  Le,
  Ge,
  Lt,
  Gt,
  Eof
};

struct Token {
  Tok kind = Tok::Eof;
  bool startsLine = false;  // first token of its line (SchemaParser.g4's startsLine())
  std::uint32_t begin = 0;  // byte offsets into the source
  std::uint32_t end = 0;
  // The `///` comments between the previous token and this one: [docBegin, docEnd) in
  // LexedFile::comments (only those of kind Doc are docs).
  std::uint32_t docBegin = 0;
  std::uint32_t docEnd = 0;
};

struct LexedComment {
  enum class Kind : std::uint8_t { Line, Block, Doc };
  Kind kind = Kind::Line;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct LexedFile {
  std::vector<Token> tokens;  // ends with one Eof token
  std::vector<LexedComment> comments;
};

// Returns false when the text holds anything but well-formed tokens (the slow path then
// reports it). Nesting deeper than `maxNesting` (parentheses plus runs of prefix operators,
// as parse.cpp counts them) also returns false.
bool fastLex(std::string_view source, int maxNesting, LexedFile& out);

// For lexing a file in two parts on two threads (fast_parser.cpp). A part starts at a line
// start with the lexer's state at the start of a file; the first part stops `lookahead` tokens
// past `stopAt` (a line start), so that its parser sees the tokens it may peek at.
struct LexPart {
  std::size_t begin = 0;
  std::size_t stopAt = static_cast<std::size_t>(-1);  // none: lex to the end
  std::size_t lookahead = 0;
};

// Where the lexer was when it reached `stopAt`.
struct LexStop {
  bool reached = false;
  // The second part may start at stopAt: no token or comment spans it, no parenthesis is open,
  // no doc comment waits for a token, and a line break precedes it.
  bool clean = false;
  std::uint32_t token = 0;    // index of the first token at or after stopAt
  std::uint32_t comment = 0;  // index of the first comment at or after stopAt
};

// fastLex over a part of `source`; offsets stay offsets into the whole `source`.
bool fastLexPart(std::string_view source, LexPart part, int maxNesting, LexedFile& out,
                 LexStop& stop);

// True for tokens the grammar's `name` rule accepts.
bool isName(Tok t);
// True for tokens the grammar's `enumValueName` rule accepts (every keyword but `was`).
bool isEnumValueName(Tok t);

}  // namespace schemac::syntax
