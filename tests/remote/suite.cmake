# Remote libSQL: the whole database workflow against a real Hrana server (tursodb from the npm
# package `turso`, installed into BUILD_DIR/npm by scripts/install-tursodb.sh, which
# scripts/setup.sh runs), and the error paths against a fake server (cpp-httplib). A missing
# tursodb fails the tests; it never skips them.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
set(TURSODB_NPM_PREFIX ${CMAKE_BINARY_DIR}/npm CACHE PATH
    "Where scripts/install-tursodb.sh installed the npm package turso (tursodb)")
file(GLOB REMOTE_TEST_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
add_executable(schemac_remote_tests ${REMOTE_TEST_SOURCES})
target_link_libraries(schemac_remote_tests PRIVATE schemac_db schemac_migrations GTest::gtest GTest::gtest_main
                                                   PkgConfig::CPP_HTTPLIB)
target_include_directories(schemac_remote_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit/runtime
                                                        ${PROJECT_SOURCE_DIR}/runtime/src)
# One distinctive auth token for every remote test (tursodb accepts any token), and every
# output a test captures (schemac's stdout/stderr, tursodb's log) copied to REMOTE_LOG_DIR: the
# suite's last test greps them, and ctest's LastTest.log, for the token (issue 18: never printed).
set(REMOTE_TEST_TOKEN_HEAD "schemac-remote-test-token")
set(REMOTE_TEST_TOKEN_TAIL "Qx7f3K9vZ2")
set(REMOTE_LOG_DIR ${CMAKE_BINARY_DIR}/remote-logs)
target_compile_definitions(schemac_remote_tests PRIVATE
  SCHEMAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SCHEMAC_BINARY="$<TARGET_FILE:schemac>"
  TURSODB_NPM_PREFIX="${TURSODB_NPM_PREFIX}"
  SCHEMAC_TEST_TOKEN="${REMOTE_TEST_TOKEN_HEAD}-${REMOTE_TEST_TOKEN_TAIL}")
schemac_warnings(schemac_remote_tests)
# The lease tests size their work for this machine and repeat a run that proved nothing; on a
# loaded machine they take minutes. The limit only bounds a hang.
gtest_discover_tests(schemac_remote_tests DISCOVERY_TIMEOUT 60
                     PROPERTIES TIMEOUT 300 LABELS remote
                                ENVIRONMENT SCHEMAC_TEST_LOG_DIR=${REMOTE_LOG_DIR}
                                FIXTURES_REQUIRED remote_logs)
add_test(NAME remote_logs_reset
         COMMAND ${CMAKE_COMMAND} -E rm -rf ${REMOTE_LOG_DIR})
# The token is passed in two halves so that this test's own command line, which ctest writes
# to LastTest.log, does not contain it.
add_test(NAME remote_no_token_in_logs
         COMMAND ${CMAKE_COMMAND} -DLOG_DIR=${REMOTE_LOG_DIR}
                 -DCTEST_LOG=${CMAKE_BINARY_DIR}/Testing/Temporary/LastTest.log
                 -DTOKEN_HEAD=${REMOTE_TEST_TOKEN_HEAD} -DTOKEN_TAIL=${REMOTE_TEST_TOKEN_TAIL}
                 -P ${CMAKE_CURRENT_LIST_DIR}/no_token_in_logs.cmake)
set_tests_properties(remote_logs_reset PROPERTIES FIXTURES_SETUP remote_logs LABELS remote)
set_tests_properties(remote_no_token_in_logs PROPERTIES FIXTURES_CLEANUP remote_logs LABELS remote)
