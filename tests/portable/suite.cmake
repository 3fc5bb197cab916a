# The portable binary (ctest label `portable`, docs/building.md): schemac needs nothing but
# glibc, and libcurl is loaded only for a remote URL, with one clear error when it is missing.
if(SCHEMAC_PORTABLE)  # off under the sanitizer and fuzz presets
  add_test(NAME portable.needed
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_needed.sh $<TARGET_FILE:schemac>)
  set_tests_properties(portable.needed PROPERTIES LABELS portable TIMEOUT 60)
endif()
add_test(NAME portable.libcurl_missing
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_libcurl_missing.sh $<TARGET_FILE:schemac>)
set_tests_properties(portable.libcurl_missing PROPERTIES LABELS portable TIMEOUT 120)
# glibc >= 2.31: linked against the sysroot of scripts/glibc-sysroot.sh, and run on it.
if(SCHEMAC_PORTABLE)
  add_test(NAME portable.glibc
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_glibc.sh $<TARGET_FILE:schemac>
                   "${SCHEMAC_GLIBC_SYSROOT_DIR}" ${PROJECT_SOURCE_DIR}/examples)
  set_tests_properties(portable.glibc PROPERTIES LABELS portable TIMEOUT 120 SKIP_RETURN_CODE 77)
endif()
# Under a memory limit (ulimit -d / -v): the same files, or one "out of memory" line.
if(SCHEMAC_PORTABLE)
  add_test(NAME portable.memory_limit
           COMMAND ${CMAKE_CURRENT_LIST_DIR}/check_memory_limit.sh $<TARGET_FILE:schemac>
                   ${PROJECT_SOURCE_DIR}/tests/bench/gen_schema.py)
  set_tests_properties(portable.memory_limit PROPERTIES LABELS portable TIMEOUT 120)
endif()
