# Issue 16's proof that schemac describes real SQLite databases exactly (docs/fidelity.md):
# each corpus database (and a real Django `migrate`) through pull -> generate -> migrate ->
# an independent semantic comparison -> status/drift -> a rebuild; the comparator's own test;
# a seeded property test (sql -> database -> pull -> sql is a fixed point); the same pipeline
# on tursodb. Label `fidelity`. A tool that cannot be had is a loud SKIP (77), a failure under
# CI=1. `python3 -B`: no __pycache__ in the source tree.
set(_fid_dir ${CMAKE_CURRENT_LIST_DIR})
set(_fid_run ${Python3_EXECUTABLE} -B ${_fid_dir}/run_corpus.py --schemac $<TARGET_FILE:schemac>
             --source-dir ${PROJECT_SOURCE_DIR} --build-dir ${PROJECT_BINARY_DIR})
file(GLOB _fid_corpus CONFIGURE_DEPENDS ${_fid_dir}/corpus/*.sql)
set(_fid_tests fidelity.comparator fidelity.property fidelity.tursodb fidelity.matrix)
foreach(sql ${_fid_corpus} django)
  get_filename_component(name ${sql} NAME_WE)
  add_test(NAME fidelity.corpus.${name} COMMAND ${_fid_run} --db ${name})
  list(APPEND _fid_tests fidelity.corpus.${name})
endforeach()
# One construct per row x (language, lowering, rebuild keeps it, pull, status detects change).
add_test(NAME fidelity.matrix
         COMMAND ${Python3_EXECUTABLE} -B ${_fid_dir}/construct_matrix.py
                 --schemac $<TARGET_FILE:schemac>)
add_test(NAME fidelity.comparator
         COMMAND ${Python3_EXECUTABLE} -B ${_fid_dir}/comparator_test.py)
add_test(NAME fidelity.property
         COMMAND ${Python3_EXECUTABLE} -B ${_fid_dir}/property_test.py
                 --schemac $<TARGET_FILE:schemac> --cases 25 --seed 16)
# On tursodb, the databases that cover what it supports (composite keys in another order than
# their columns, named keys, PascalCase names, views, triggers, expression and partial indexes,
# STRICT, deferrable keys, a nullable legacy key); `run_corpus.py --target tursodb` without
# --db runs them all.
add_test(NAME fidelity.tursodb
         COMMAND ${_fid_run} --target tursodb --db chinook --db drizzle_app --db edge_cases
                 --db prisma_app --db sqlite_utils_fts)
set_tests_properties(${_fid_tests} PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77 LABELS fidelity)
# The matrix runs ~150 schemac processes; under ASan each start costs ~0.7 s (103 s measured
# on 2 cores against 5.6 s in the default build), so it gets the room the sanitizer needs.
set_tests_properties(fidelity.matrix PROPERTIES TIMEOUT 600)
