// Tokens of the .schema language (spec section 2). docs/grammar.md explains the choices.
// Comments never reach the parser: `//` and `/* */` go to the COMMENTS channel, `///` doc
// comments to DOCS, so the AST builder can attach docs and fmt can keep every comment.
// Lexical errors become tokens (UNTERMINATED_*, ERROR_CHAR) instead of ANTLR's default
// recovery, so the front end reports them once, in words, without cascades.
lexer grammar SchemaLexer;

channels { COMMENTS, DOCS }

// ---- keywords (most are contextual: see `name` in SchemaParser.g4) ----
NAMESPACE     : 'namespace' ;
ENUM          : 'enum' ;
TABLE         : 'table' ;
WAS           : 'was' ;
PRIMARY       : 'primary' ;
AUTOINCREMENT : 'autoincrement' ;
UNIQUE        : 'unique' ;
DEFAULT       : 'default' ;
REFERENCES    : 'references' ;
CHECK         : 'check' ;
GENERATED     : 'generated' ;
SQLTYPE       : 'sqltype' ;
UNCHECKED     : 'unchecked' ;
STORED        : 'stored' ;
VIRTUAL       : 'virtual' ;
INDEX         : 'index' ;
WHERE         : 'where' ;
FOREIGN       : 'foreign' ;
ON            : 'on' ;
DELETE        : 'delete' ;
UPDATE        : 'update' ;
CASCADE       : 'cascade' ;
RESTRICT      : 'restrict' ;
SET           : 'set' ;
NO            : 'no' ;
ACTION        : 'action' ;
ASC           : 'asc' ;
DESC          : 'desc' ;
AND           : 'and' ;
OR            : 'or' ;
NOT           : 'not' ;
IS            : 'is' ;
IN            : 'in' ;
LIKE          : 'like' ;
BETWEEN       : 'between' ;
NULL_          : 'null' ;
TRUE_          : 'true' ;
FALSE_         : 'false' ;
NOW           : 'now' ;
// SQLite table constructs (all contextual)
COLLATE         : 'collate' ;
CONSTRAINT      : 'constraint' ;
DEFERRABLE      : 'deferrable' ;
INITIALLY       : 'initially' ;
NULLABLE_LEGACY : 'nullable_legacy' ;
STRICT          : 'strict' ;
WITHOUT         : 'without' ;
// ---- views, triggers, virtual tables (all contextual: listed in `name`) ----
VIEW          : 'view' ;
TRIGGER       : 'trigger' ;
BEFORE        : 'before' ;
AFTER         : 'after' ;
INSTEAD       : 'instead' ;
OF            : 'of' ;
INSERT        : 'insert' ;
FOR           : 'for' ;
EACH          : 'each' ;
ROW           : 'row' ;
WHEN          : 'when' ;
AS            : 'as' ;
USING         : 'using' ;

// ---- punctuation and operators ----
LBRACE   : '{' ;
RBRACE   : '}' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
COMMA    : ',' ;
SEMI     : ';' ;
DOT      : '.' ;
QUESTION : '?' ;
CONCAT   : '||' ;
PLUS     : '+' ;
MINUS    : '-' ;
STAR     : '*' ;
SLASH    : '/' ;
PERCENT  : '%' ;
EQ       : '=' ;
NEQ      : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;

// ---- literals and names ----
// `sql"..."` / `sql'...'`: raw SQL passed through verbatim (after escape decoding).
RAW_SQL  : 'sql' (DQ_STRING | SQ_STRING) ;
STRING   : DQ_STRING | SQ_STRING ;
DECIMAL  : [0-9]+ '.' [0-9]+ ;
INT      : [0-9]+ ;
IDENT    : [a-zA-Z_] [a-zA-Z_0-9]* ;
// Any text between backticks; a literal backtick is written twice.
QUOTED_IDENT : '`' (~[`\r\n] | '``')* '`' ;

// ---- trivia ----
// `///` followed by anything but a fourth slash is a doc comment; `////` is a plain comment.
DOC_COMMENT   : '///' (~[/\r\n] ~[\r\n]*)? -> channel(DOCS) ;
LINE_COMMENT  : '//' ~[\r\n]* -> channel(COMMENTS) ;
BLOCK_COMMENT : '/*' .*? '*/' -> channel(COMMENTS) ;
WS            : [ \t\r\n\f]+ -> skip ;

// ---- lexical errors, reported by the front end ----
// Longest match picks the proper rule whenever the closing delimiter is there.
UNTERMINATED_STRING  : 'sql'? ('"' (~["\\\r\n] | '\\' ~[\r\n])* | '\'' (~['\\\r\n] | '\\' ~[\r\n])*) ;
UNTERMINATED_QUOTED  : '`' (~[`\r\n] | '``')* ;
UNTERMINATED_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF ;  // no '*/' anywhere after it
ERROR_CHAR           : . ;

fragment DQ_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
fragment SQ_STRING : '\'' (~['\\\r\n] | '\\' ~[\r\n])* '\'' ;
