# libFuzzer target for the parser, fmt, sema and the IR JSON round trip. Built only with
# -DSCHEMAC_FUZZ=ON and clang: the `fuzz` preset (build/fuzz, clang++-14, ASan + UBSan) builds
# just this target, and its ctest test fuzz.parser (label fuzz) fuzzes for SCHEMAC_FUZZ_SECONDS
# on a copy of the seed corpus (tests/fuzz/run_fuzzer.sh). scripts/fuzz.sh runs all three.
if(SCHEMAC_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SCHEMAC_FUZZ needs clang (libFuzzer): cmake --preset fuzz, or "
                        "-DCMAKE_CXX_COMPILER=clang++-14 (Debian packages clang-14, "
                        "libclang-rt-14-dev)")
  endif()
  add_executable(parser_fuzzer ${CMAKE_CURRENT_LIST_DIR}/parser_fuzzer.cpp)
  target_link_libraries(parser_fuzzer PRIVATE schemac_compiler)
  target_compile_options(parser_fuzzer PRIVATE -fsanitize=fuzzer)
  target_link_options(parser_fuzzer PRIVATE -fsanitize=fuzzer)
  schemac_warnings(parser_fuzzer)

  set(SCHEMAC_FUZZ_SECONDS 60 CACHE STRING "How long the fuzz.parser test fuzzes, in seconds")
  find_program(SCHEMAC_BASH bash REQUIRED)
  add_test(NAME fuzz.parser
           COMMAND ${SCHEMAC_BASH} ${CMAKE_CURRENT_LIST_DIR}/run_fuzzer.sh
                   $<TARGET_FILE:parser_fuzzer> ${CMAKE_CURRENT_LIST_DIR}
                   ${CMAKE_CURRENT_BINARY_DIR}/fuzz-parser ${SCHEMAC_FUZZ_SECONDS})
  # Loading the corpus, the last input (at most -timeout=10 s) and the final report on top.
  math(EXPR _fuzz_timeout "${SCHEMAC_FUZZ_SECONDS} + 180")
  set_tests_properties(fuzz.parser PROPERTIES LABELS fuzz TIMEOUT ${_fuzz_timeout})
endif()
