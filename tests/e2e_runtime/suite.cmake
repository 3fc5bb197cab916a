# Runtime speed figures (docs/runtime.md). In ctest the figures are printed, not enforced:
# run bench_runtime.py with --enforce on a quiet machine for the limits.
add_test(NAME e2e_runtime_bench
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/bench_runtime.py $<TARGET_FILE:schemac>
                 --migrations 500 --tables 1000
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
set_tests_properties(e2e_runtime_bench PROPERTIES TIMEOUT 300)
