# Compiles one test file and checks the outcome (run by ctest, see suite.cmake):
#   EXPECT=fail: the compile must fail with an error matching the file's `// expect-error:`
#                regex (so an unrelated error, e.g. a typo in the test, does not pass);
#   EXPECT=pass: the compile must succeed without any diagnostic.
# Variables: COMPILER, SOURCE, INCLUDES (;-list), DEFINES (;-list), EXPECT.
file(STRINGS "${SOURCE}" expect_lines REGEX "// expect-error: ")
set(args -std=c++20 -fsyntax-only -Wall -Wextra -Werror -pedantic)
foreach(dir ${INCLUDES})
  list(APPEND args "-I${dir}")
endforeach()
foreach(def ${DEFINES})
  list(APPEND args "-D${def}")
endforeach()
execute_process(COMMAND ${COMPILER} ${args} ${SOURCE} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
if(EXPECT STREQUAL "pass")
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "")
    message(FATAL_ERROR "expected a clean compile of ${SOURCE}, got (${rc}):\n${out}")
  endif()
  return()
endif()
if(rc EQUAL 0)
  message(FATAL_ERROR "expected ${SOURCE} not to compile, but it did")
endif()
if(NOT expect_lines)
  message(FATAL_ERROR "${SOURCE} has no `// expect-error:` line")
endif()
foreach(line ${expect_lines})
  string(REGEX REPLACE ".*// expect-error: " "" regex "${line}")
  if(NOT out MATCHES "${regex}")
    message(FATAL_ERROR "${SOURCE} failed to compile, but not with /${regex}/:\n${out}")
  endif()
endforeach()
