# Run after the ANTLR 4.7.2 tool: its C++ target builds the lexer's and the parser's ATN in a
# static initialiser (`X::Initializer X::_init;`), so every schemac start paid for it, even
# `--version` and commands that never use ANTLR (the fast parser is the default path). This
# moves the work into the first constructor call (a function-local static: thread-safe, once),
# and with it the name tables the generated code built at start-up as well.
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
  # The name tables (rule, literal, symbolic, channel, mode names: vectors of strings) and the
  # vocabulary made from them were built at start-up too (~80,000 instructions of every
  # schemac run): they are now filled by the same Initializer, before it uses them. Until then
  # they are empty (constant-initialised); only an existing lexer or parser reads them.
  set(fills "")
  foreach(names _ruleNames _channelNames _modeNames _literalNames _symbolicNames)
    set(head "std::vector<std::string> ${class}::${names} = {")
    string(FIND "${text}" "${head}" at)
    if(at LESS 0)
      continue()  # the parser has no channel or mode names
    endif()
    string(SUBSTRING "${text}" ${at} -1 tail)
    string(FIND "${tail}" "\n};\n" end)  # the list ends the line before; names may hold '}'
    if(end LESS 0)
      message(FATAL_ERROR "${file}: end of ${names} not found: update grammar/lazy_init.cmake")
    endif()
    math(EXPR len "${end} + 4")
    string(SUBSTRING "${tail}" 0 ${len} eager)
    string(LENGTH "${head}" head_len)
    math(EXPR list_len "${end} + 2 - ${head_len}")
    string(SUBSTRING "${tail}" ${head_len} ${list_len} list)  # "\n  u8\"A\", ...\n}"
    string(REPLACE "${eager}" "std::vector<std::string> ${class}::${names};  // filled by Initializer\n"
           text "${text}")
    string(APPEND fills "  ${names} = {${list};\n")
  endforeach()
  set(vocab "dfa::Vocabulary ${class}::_vocabulary(_literalNames, _symbolicNames);")
  set(init "${class}::Initializer::Initializer() {\n")
  string(FIND "${text}" "${vocab}" at_vocab)
  string(FIND "${text}" "${init}" at_init)
  if(fills STREQUAL "" OR at_vocab LESS 0 OR at_init LESS 0)
    message(FATAL_ERROR "${file}: name tables, vocabulary or Initializer not found: update grammar/lazy_init.cmake")
  endif()
  # Constructed at start-up from the still empty name tables (cheap; a default constructor would
  # not compile with clang: Vocabulary has const members), rebuilt by the Initializer.
  string(REPLACE "${vocab}" "${vocab}  // empty until the Initializer rebuilds it" text "${text}")
  # Vocabulary has const members (no assignment): replaced in place, once, before any use.
  string(REPLACE "${init}" "${init}${fills}  _vocabulary.~Vocabulary();\n  new (&_vocabulary) dfa::Vocabulary(_literalNames, _symbolicNames);\n"
         text "${text}")
  file(WRITE ${file} "${text}")
endforeach()
