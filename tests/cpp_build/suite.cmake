# The C++ build loop: install, find_package from an out-of-tree project, incremental builds,
# and the example against the installed package (tests/cpp_build/run.sh).
add_test(NAME cpp_build
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/run.sh ${PROJECT_BINARY_DIR} ${PROJECT_SOURCE_DIR})
set_tests_properties(cpp_build PROPERTIES TIMEOUT 900 LABELS cpp_build)
