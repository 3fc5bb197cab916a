parser grammar SchemaParser;
options { tokenVocab = SchemaLexer; }

file : (NAMESPACE IDENT (DOT IDENT)*)? EOF ;
