# The remote suite's last test (cmake -P): no captured output of a remote test (schemac's
# stdout and stderr, tursodb's logs, in LOG_DIR) and no line of ctest's LastTest.log contains
# the suite's auth token, which every remote test sends. Fails, too, when nothing was captured
# (the capture itself broken), so that it cannot pass by looking at nothing.
set(token "${TOKEN_HEAD}-${TOKEN_TAIL}")
file(GLOB_RECURSE logs LIST_DIRECTORIES false "${LOG_DIR}/*")
list(LENGTH logs count)
if(count EQUAL 0)
  message(FATAL_ERROR "no captured output in ${LOG_DIR}: run the remote tests "
                      "(ctest -L remote); the capture (SCHEMAC_TEST_LOG_DIR) may be broken")
endif()
# ctest writes the running suite's log as LastTest.log.tmp and renames it at the end.
foreach(ctest_log "${CTEST_LOG}.tmp" "${CTEST_LOG}")
  if(EXISTS "${ctest_log}")
    list(APPEND logs "${ctest_log}")
  endif()
endforeach()
set(hits 0)
foreach(log IN LISTS logs)
  file(STRINGS "${log}" found REGEX "${token}")
  if(found)
    math(EXPR hits "${hits} + 1")
    message("the auth token is in ${log}")
  endif()
endforeach()
if(hits GREATER 0)
  message(FATAL_ERROR "the remote tests' auth token was printed: ${hits} file(s)")
endif()
message("no auth token in ${count} captured outputs and ctest's LastTest.log")
