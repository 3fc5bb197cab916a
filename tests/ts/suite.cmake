# The TypeScript module, proved (issue 17, docs/typescript.md "Proof"): tsc --strict on the
# generated schema.ts / types.ts, drizzle-kit finding no change against a database schemac
# migrated, and (all_types) a typed drizzle-orm query through @libsql/client. npm packages from
# scripts/install-ts.sh (BUILD_DIR/npm-ts; the test runs it when they are missing); npm
# unreachable is a loud SKIP (exit 77), and a failure under CI=1.
set(_ts_dir ${CMAKE_CURRENT_LIST_DIR})
set(_ts_args --schemac $<TARGET_FILE:schemac> --source-dir ${PROJECT_SOURCE_DIR}
             --build-dir ${PROJECT_BINARY_DIR})
file(GLOB _lumenr_schemas ${PROJECT_SOURCE_DIR}/examples/lumenr/schema/*.schema)
add_test(NAME ts.lumenr
         COMMAND ${Python3_EXECUTABLE} -B ${_ts_dir}/ts_check.py ${_ts_args} --name lumenr
                 --example ${PROJECT_SOURCE_DIR}/examples/lumenr/ts ${_lumenr_schemas})
add_test(NAME ts.all_types
         COMMAND ${Python3_EXECUTABLE} -B ${_ts_dir}/ts_check.py ${_ts_args} --name all_types
                 --roundtrip ${_ts_dir}/corpus/all_types.schema)
add_test(NAME ts.sqlite_extras
         COMMAND ${Python3_EXECUTABLE} -B ${_ts_dir}/ts_check.py ${_ts_args} --name sqlite_extras
                 ${_ts_dir}/corpus/sqlite_extras.schema)
set_tests_properties(ts.lumenr ts.all_types ts.sqlite_extras
                     PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77 LABELS ts RUN_SERIAL TRUE)
