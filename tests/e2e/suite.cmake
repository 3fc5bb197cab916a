# End-to-end: every .schema of tests/ and examples/ compiled, lowered, applied to a fresh SQLite
# file, checked with PRAGMA integrity_check, introspected back equal to normalizeForSqlite(IR),
# and cross-checked fact by fact against SQLite's own pragmas. One ctest entry; the cases are
# discovered when it runs, so new .schema files are picked up without rebuilding.
add_executable(schemac_e2e_sqlite ${CMAKE_CURRENT_LIST_DIR}/sqlite_roundtrip_test.cpp)
target_link_libraries(schemac_e2e_sqlite PRIVATE schemac_db GTest::gtest GTest::gtest_main)
target_include_directories(schemac_e2e_sqlite PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit)
target_compile_definitions(schemac_e2e_sqlite PRIVATE SCHEMAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
schemac_warnings(schemac_e2e_sqlite)
add_test(NAME e2e_sqlite COMMAND schemac_e2e_sqlite)
set_tests_properties(e2e_sqlite PROPERTIES TIMEOUT 600)
