# schemac studio (ctest label `studio`): API tests (GoogleTest + httplib's client against a
# server started in-process on port 0 over temp SQLite files), a real-browser test (Debian's
# headless chromium driven by python3-selenium, screenshots in tests/studio-artifacts/) and,
# with SCHEMAC_BUILD_BENCH, a page-speed bench run by hand (not a test).
find_package(Threads REQUIRED)
# cpp-httplib's client (Debian's shared library); the studio's server is its own.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)

add_executable(schemac_studio_tests ${CMAKE_CURRENT_LIST_DIR}/studio_api_test.cpp
                                   # issue 19: protected tables, types, batch, paging, export
                                   ${CMAKE_CURRENT_LIST_DIR}/studio_data_test.cpp
                                   # issue 19 §4: the landing page (inlined, boot data, CSP hashes)
                                   ${CMAKE_CURRENT_LIST_DIR}/studio_page_test.cpp)
target_link_libraries(schemac_studio_tests PRIVATE schemac_studio GTest::gtest GTest::gtest_main
                                                   PkgConfig::HTTPLIB nlohmann_json::nlohmann_json Threads::Threads)
target_compile_definitions(schemac_studio_tests PRIVATE SCHEMAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
schemac_warnings(schemac_studio_tests)
gtest_discover_tests(schemac_studio_tests DISCOVERY_TIMEOUT 60
                     PROPERTIES LABELS studio TIMEOUT 120)

# The studio's own HTTP server against cpp-httplib's client.
add_executable(schemac_http_server_tests ${CMAKE_CURRENT_LIST_DIR}/http_server_test.cpp)
target_link_libraries(schemac_http_server_tests PRIVATE schemac_studio GTest::gtest GTest::gtest_main
                                                        PkgConfig::HTTPLIB Threads::Threads)
target_include_directories(schemac_http_server_tests PRIVATE ${PROJECT_SOURCE_DIR}/studio/src)
schemac_warnings(schemac_http_server_tests)
gtest_discover_tests(schemac_http_server_tests DISCOVERY_TIMEOUT 60
                     PROPERTIES LABELS studio TIMEOUT 120)

# Debian's python3, where python3-selenium lives (a python3 earlier on PATH may not have it).
set(STUDIO_PYTHON /usr/bin/python3 CACHE FILEPATH "python3 with selenium, for the browser test")
add_test(NAME studio_browser
         COMMAND ${STUDIO_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/browser_test.py
                 --schemac $<TARGET_FILE:schemac>
                 --example ${PROJECT_SOURCE_DIR}/examples/lumenr
                 --artifacts ${CMAKE_BINARY_DIR}/tests/studio-artifacts)
set_tests_properties(studio_browser PROPERTIES LABELS "studio;browser" TIMEOUT 180)

if(SCHEMAC_BUILD_BENCH)
  add_executable(schemac_studio_page_bench ${CMAKE_CURRENT_LIST_DIR}/page_bench.cpp)
  target_link_libraries(schemac_studio_page_bench PRIVATE schemac_studio
                                                          PkgConfig::HTTPLIB nlohmann_json::nlohmann_json Threads::Threads)
  schemac_warnings(schemac_studio_page_bench)
endif()
