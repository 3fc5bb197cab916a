# Benchmarks (Google Benchmark): every tests/bench/*_bench.cpp is its own executable, built
# with SCHEMAC_BUILD_BENCH and run by hand (they are not ctest entries).
if(SCHEMAC_BUILD_BENCH)
  find_package(benchmark REQUIRED)
  file(GLOB BENCH_SOURCES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_bench.cpp)
  foreach(src ${BENCH_SOURCES})
    get_filename_component(bench_name ${src} NAME_WE)
    add_executable(schemac_${bench_name} ${src})
    target_link_libraries(schemac_${bench_name} PRIVATE schemac_db benchmark::benchmark)
    # query_bench uses the generated header of the typed-query tests.
    target_include_directories(schemac_${bench_name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/unit/runtime)
    schemac_warnings(schemac_${bench_name})
  endforeach()
endif()

# The whole-process benchmark is scripts/bench.sh (timings are not pass/fail). This smoke test
# keeps its schema generator and driver working: one run on a 10-table schema.
add_test(NAME bench_smoke
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/bench.py $<TARGET_FILE:schemac> --sizes 10 --runs 1)
set_tests_properties(bench_smoke PROPERTIES TIMEOUT 120)
# The same for the incremental generate/status benchmark (scripts/bench.sh runs it on 1,000).
add_test(NAME bench_incremental_smoke
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/incremental_bench.py $<TARGET_FILE:schemac>
                 --tables 10 --runs 1)
set_tests_properties(bench_incremental_smoke PROPERTIES TIMEOUT 120)
