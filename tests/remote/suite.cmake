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
target_compile_definitions(schemac_remote_tests PRIVATE
  SCHEMAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SCHEMAC_BINARY="$<TARGET_FILE:schemac>"
  TURSODB_NPM_PREFIX="${TURSODB_NPM_PREFIX}")
schemac_warnings(schemac_remote_tests)
# The lease tests size their work for this machine and repeat a run that proved nothing; on a
# loaded machine they take minutes. The limit only bounds a hang.
gtest_discover_tests(schemac_remote_tests DISCOVERY_TIMEOUT 60
                     PROPERTIES TIMEOUT 300 LABELS remote)
