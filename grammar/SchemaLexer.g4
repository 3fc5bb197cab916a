lexer grammar SchemaLexer;

NAMESPACE : 'namespace' ;
IDENT     : [a-zA-Z_] [a-zA-Z_0-9]* ;
DOT       : '.' ;
WS        : [ \t\r\n]+ -> skip ;
