# Benchmarks (Google Benchmark): not run by ctest, run by hand or scripts/bench.sh.
if(SCHEMAC_BUILD_BENCH)
  find_package(benchmark REQUIRED)
  add_executable(query_bench ${CMAKE_CURRENT_LIST_DIR}/query_bench.cpp)
  target_include_directories(query_bench PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit/runtime)
  target_link_libraries(query_bench PRIVATE schemac_db benchmark::benchmark)
  schemac_warnings(query_bench)
endif()
