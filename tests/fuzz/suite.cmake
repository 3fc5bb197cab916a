# libFuzzer target for the parser, fmt, sema and the IR JSON round trip. Built only with
# -DSCHEMAC_FUZZ=ON and clang (scripts/fuzz.sh configures build/fuzz that way).
if(SCHEMAC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SCHEMAC_FUZZ needs clang (libFuzzer): CXX=clang++-14")
  endif()
  add_executable(parser_fuzzer ${CMAKE_CURRENT_LIST_DIR}/parser_fuzzer.cpp)
  target_link_libraries(parser_fuzzer PRIVATE schemac_compiler)
  target_compile_options(parser_fuzzer PRIVATE -fsanitize=fuzzer)
  target_link_options(parser_fuzzer PRIVATE -fsanitize=fuzzer)
  schemac_warnings(parser_fuzzer)
endif()
