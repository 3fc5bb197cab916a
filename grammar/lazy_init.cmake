# Run after the ANTLR 4.7.2 tool: its C++ target builds the lexer's and the parser's ATN in a
# static initialiser (`X::Initializer X::_init;`), so every schemac start paid for it, even
# `--version` and commands that never use ANTLR (the fast parser is the default path). This
# moves the work into the first constructor call (a function-local static: thread-safe, once).
# Usage: cmake -DDIR=<generated dir> -P lazy_init.cmake
foreach(class SchemaLexer SchemaParser)
  set(file ${DIR}/${class}.cpp)
  file(READ ${file} text)
  set(eager "${class}::Initializer ${class}::_init;")
  string(FIND "${text}" "${eager}" at)
  if(at LESS 0)
    message(FATAL_ERROR "${file}: no '${eager}' (a different ANTLR version?): update grammar/lazy_init.cmake")
  endif()
  string(REPLACE "${eager}" "// ${class}::_init: built on first use, see the constructor." text "${text}")
  string(REGEX MATCH "${class}::${class}\\([A-Za-z]+ \\*input\\) : [A-Za-z]+\\(input\\) {\n" ctor "${text}")
  if(NOT ctor)
    message(FATAL_ERROR "${file}: constructor not found: update grammar/lazy_init.cmake")
  endif()
  string(REPLACE "${ctor}" "${ctor}  static const Initializer lazyInit;  // the ATN, once\n" text "${text}")
  file(WRITE ${file} "${text}")
endforeach()
