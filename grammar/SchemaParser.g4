// The .schema language (spec section 2). docs/grammar.md explains the choices, in particular
// which words are reserved and how the two genuine ambiguities (a `check`/`unique index` that
// could end a column or start a table item) are resolved.
parser grammar SchemaParser;
options { tokenVocab = SchemaLexer; }

@parser::members {
  // True when the next token is the first on its line. A `check (...)` or `unique index`
  // that starts a line begins a table item instead of continuing the previous column.
  bool startsLine() {
    antlr4::Token* prev = _input->LT(-1);
    return prev == nullptr || _input->LT(1)->getLine() != prev->getLine();
  }

  // ---- SQLite table constructs (collate, deferrable, ...) ----
  // True when the k-th token ahead (1 = the next) is on the same line as the token before it.
  bool sameLine(ssize_t k) {
    antlr4::Token* prev = _input->LT(k == 1 ? -1 : k - 1);
    return prev != nullptr && _input->LT(k)->getLine() == prev->getLine();
  }
  // `unique constraint` within a line: the column modifier (a line-initial one begins an item).
  bool uniqueConstraintAhead() {
    return _input->LA(1) == SchemaParser::UNIQUE && sameLine(1) &&
           _input->LA(2) == SchemaParser::CONSTRAINT && sameLine(2);
  }
}

file
  : namespaceDecl? (decl | SEMI)* EOF
  ;

namespaceDecl
  : NAMESPACE name (DOT name)*
  ;

decl
  : enumDecl
  | tableDecl
  | viewDecl
  | triggerDecl
  | virtualTableDecl
  ;

// ---- enums ----

enumDecl
  : ENUM name wasHint* LBRACE (enumValue | COMMA | SEMI)* RBRACE
  ;

enumValue
  : enumValueName wasHint*
  ;

// Inside an enum body only `was` means something, so every other keyword may name a value.
enumValueName
  : name
  | NAMESPACE | ENUM | TABLE | PRIMARY | AUTOINCREMENT | UNIQUE | DEFAULT | REFERENCES
  | CHECK | GENERATED | SQLTYPE | UNCHECKED | INDEX | FOREIGN | ON | AND | OR | NOT | IS | IN | LIKE | BETWEEN
  | NULL_ | TRUE_ | FALSE_ | NOW
  ;

wasHint
  : WAS name
  ;

// ---- tables ----

tableDecl
  : TABLE name wasHint* tableOption* LBRACE (tableItem | SEMI)* RBRACE
  ;

tableItem
  : primaryItem
  | uniqueConstraintItem
  | uniqueItem
  | indexItem
  | checkItem
  | foreignItem
  | column
  ;

primaryItem
  : PRIMARY name? LPAREN nameList RPAREN nullableLegacy?
  ;

uniqueItem
  : UNIQUE name? LPAREN nameList RPAREN
  ;

indexItem
  : UNIQUE? INDEX name? LPAREN indexPart (COMMA indexPart)* RPAREN (WHERE expr)?
  ;

// A bare name is a column; anything else an expression (`lower(email)`, sql"...").
indexPart
  : name collation? (ASC | DESC)?                              # columnPart
  | expr collation? (ASC | DESC)?                              # exprPart
  ;

checkItem
  : CHECK name? LPAREN expr RPAREN
  ;

foreignItem
  : FOREIGN name? LPAREN nameList RPAREN references
  ;

column
  : name columnType columnModifier*
  ;

columnType
  : name typeArgs? QUESTION?
  ;

// Numbers (decimal(12, 2), varchar(80)) or one word (timestamp(s), timestamp(ms)).
typeArgs
  : LPAREN INT (COMMA INT)* RPAREN
  | LPAREN name RPAREN
  ;

columnModifier
  : PRIMARY                                                    # primaryModifier
  | AUTOINCREMENT                                              # autoincrementModifier
  | {!(startsLine() && _input->LA(2) == SchemaParser::INDEX) && !(_input->LA(2) == SchemaParser::CONSTRAINT && sameLine(2))}? UNIQUE  # uniqueModifier
  | DEFAULT expr                                               # defaultModifier
  | references                                                 # referencesModifier
  | {!startsLine()}? CHECK LPAREN expr RPAREN                  # checkModifier
  | GENERATED LPAREN expr RPAREN (STORED | VIRTUAL)?           # generatedModifier
  | SQLTYPE STRING                                             # sqltypeModifier
  // `tstype` is contextual (not reserved): a plain name followed by a string.
  | {_input->LT(1)->getText() == "tstype"}? IDENT STRING       # tstypeModifier
  | UNCHECKED                                                  # uncheckedModifier
  | wasHint                                                    # wasModifier
  // SQLite table constructs (contextual words: never at the start of a line)
  | {!startsLine()}? collation                                 # collateModifier
  | {uniqueConstraintAhead()}? UNIQUE CONSTRAINT               # uniqueConstraintModifier
  | nullableLegacy                                             # nullableLegacyModifier
  ;

references
  : REFERENCES name LPAREN nameList RPAREN fkAction* deferral?
  ;

fkAction
  : ON (DELETE | UPDATE) fkActionKind
  ;

fkActionKind
  : CASCADE
  | RESTRICT
  | SET NULL_
  | SET DEFAULT
  | NO ACTION
  ;

nameList
  : name (COMMA name)*
  ;

// ---- SQLite table constructs: options, constraint names, collations, deferral ----
// Their keywords are contextual (also names, see `name`); the words after `without` and
// `initially` (rowid, deferred, immediate) are identifiers the AST builder checks.

// `without rowid` | `strict`, after the table's name and `was` hints.
tableOption
  : WITHOUT IDENT
  | STRICT
  ;

// `unique constraint [NAME] (a collate nocase, b desc)`: a UNIQUE table constraint instead
// of a unique index; its parts are written as an index's (sema rejects expressions). Listed
// before uniqueItem, which would read `constraint` as the index's name.
uniqueConstraintItem
  : UNIQUE CONSTRAINT name? LPAREN indexPart (COMMA indexPart)* RPAREN
  ;

// `collate NAME` on a column or an index part.
collation
  : COLLATE name
  ;

// `nullable_legacy`: a nullable primary key column is intended (`primary (a, b)` item too).
nullableLegacy
  : {!startsLine()}? NULLABLE_LEGACY
  ;

// `deferrable [initially deferred | initially immediate]` after a references clause.
deferral
  : {!startsLine()}? DEFERRABLE ({!startsLine()}? INITIALLY IDENT)?
  ;

// ---- views, triggers, virtual tables ----
// Their SQL is raw text (sql"..."), passed through as written; only the header is parsed.

viewDecl
  : VIEW name AS RAW_SQL
  ;

// `of` is accepted after any event so sema can say it only goes with `update`.
triggerDecl
  : TRIGGER name triggerTiming triggerEvent (OF nameList)? ON name (FOR EACH ROW)?
    (WHEN RAW_SQL)? RAW_SQL
  ;

triggerTiming
  : BEFORE
  | AFTER
  | INSTEAD OF
  ;

triggerEvent
  : INSERT
  | DELETE
  | UPDATE
  ;

// The arguments may be left out: `using MODULE` alone means none.
virtualTableDecl
  : VIRTUAL TABLE name USING name RAW_SQL?
  ;

// ---- expressions, lowest precedence first ----

expr
  : andExpr (OR andExpr)*
  ;

andExpr
  : notExpr (AND notExpr)*
  ;

notExpr
  : NOT notExpr
  | predicate
  ;

predicate
  : concatExpr predicateTail?
  ;

predicateTail
  : compareOp concatExpr                                     # compareTail
  | IS NOT? NULL_                                             # isNullTail
  | NOT? IN LPAREN expr (COMMA expr)* RPAREN                 # inTail
  | NOT? LIKE concatExpr                                     # likeTail
  | NOT? BETWEEN concatExpr AND concatExpr                   # betweenTail
  ;

compareOp
  : EQ | NEQ | LT | LE | GT | GE
  ;

concatExpr
  : addExpr (CONCAT addExpr)*
  ;

addExpr
  : mulExpr ((PLUS | MINUS) mulExpr)*
  ;

mulExpr
  : unaryExpr ((STAR | SLASH | PERCENT) unaryExpr)*
  ;

unaryExpr
  : MINUS unaryExpr
  | primaryExpr
  ;

primaryExpr
  : INT                                                      # intLiteral
  | DECIMAL                                                  # decimalLiteral
  | STRING                                                   # stringLiteral
  | RAW_SQL                                                  # rawSql
  | TRUE_                                                     # trueLiteral
  | FALSE_                                                    # falseLiteral
  | NULL_                                                     # nullLiteral
  | NOW                                                      # nowLiteral
  | name LPAREN (expr (COMMA expr)*)? RPAREN                 # callExpr
  | name                                                     # nameExpr
  | LPAREN expr RPAREN                                       # parenExpr
  ;

// ---- names ----

// A name: an identifier, a backtick-quoted identifier, or a keyword that cannot start or
// continue anything where a name is allowed. Type names are plain identifiers, so `date`,
// `text`, `type`, `key`, `status` need no quoting. Reserved (backticks required): the item
// and modifier keywords, `on` (so `on delete <typo>` is an error there, not a new column),
// and the words of expressions (and, or, not, ..., null, now). The words of views, triggers
// and virtual tables are all contextual: each has a fixed place in its declaration.
name
  : IDENT
  | QUOTED_IDENT
  | NAMESPACE | ENUM | TABLE | STORED | VIRTUAL | WHERE | DELETE | UPDATE
  | CASCADE | RESTRICT | SET | NO | ACTION | ASC | DESC
  // SQLite table constructs
  | COLLATE | CONSTRAINT | DEFERRABLE | INITIALLY | NULLABLE_LEGACY | STRICT | WITHOUT
  // views, triggers, virtual tables
  | VIEW | TRIGGER | BEFORE | AFTER | INSTEAD | OF | INSERT | FOR | EACH | ROW | WHEN | AS | USING
  ;
