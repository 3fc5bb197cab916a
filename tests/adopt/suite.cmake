# Adopting databases other tools made (issue 15), end to end with the real tools: drizzle-kit,
# drizzle-orm and @libsql/client from npm (scripts/install-drizzle.sh, into BUILD_DIR/npm-drizzle;
# the tests run it themselves when the packages are missing), tursodb (scripts/install-tursodb.sh)
# and Debian's python3-django. A tool that cannot be had is a loud SKIP (exit 77), and a failure
# under CI=1; a missing feature or a wrong answer is a failure. `python3 -B`: the drivers import
# adopt_lib.py and must not leave __pycache__ in the source tree.
set(_adopt_dir ${CMAKE_CURRENT_LIST_DIR})
set(_adopt_args --schemac $<TARGET_FILE:schemac> --source-dir ${PROJECT_SOURCE_DIR})
foreach(target file tursodb)
  add_test(NAME adopt.drizzle.${target}
           COMMAND ${Python3_EXECUTABLE} -B ${_adopt_dir}/drizzle_adopt.py --target ${target}
                   ${_adopt_args} --build-dir ${PROJECT_BINARY_DIR}
                   --cxx ${CMAKE_CXX_COMPILER} "--cxx-flags=${CMAKE_CXX_FLAGS}"
                   --runtime-lib $<TARGET_FILE:schemac_runtime>
                   --support-lib $<TARGET_FILE:schemac_support>)
endforeach()
add_test(NAME adopt.django
         COMMAND ${Python3_EXECUTABLE} -B ${_adopt_dir}/django_adopt.py ${_adopt_args})
add_test(NAME adopt.bad_input
         COMMAND ${Python3_EXECUTABLE} -B ${_adopt_dir}/bad_input.py ${_adopt_args}
                 --build-dir ${PROJECT_BINARY_DIR})
set_tests_properties(adopt.drizzle.file adopt.drizzle.tursodb adopt.django adopt.bad_input
                     PROPERTIES TIMEOUT 180 SKIP_RETURN_CODE 77 LABELS adopt)
