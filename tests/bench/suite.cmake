# The benchmark itself is scripts/bench.sh (timings are not pass/fail). This smoke test keeps
# the generator and the bench driver working: one run on a 10-table schema.
add_test(NAME bench_smoke
         COMMAND python3 ${CMAKE_CURRENT_LIST_DIR}/bench.py $<TARGET_FILE:schemac> --sizes 10 --runs 1)
set_tests_properties(bench_smoke PROPERTIES TIMEOUT 120)
