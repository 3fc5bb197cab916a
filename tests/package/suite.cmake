# The packages (docs/building.md, "Packages"): scripts/package.sh makes the npm tgz and the .deb
# from this build directory (fixture package.build), then: the tgz installed offline into an
# empty project runs the seed's scripts (package.npm); the .deb unpacked with dpkg -x serves
# find_package(schemac) for the LumenR example (package.deb); the generated man page renders and
# the completions parse (package.docs). Without npm / dpkg-deb a loud SKIP (77), a failure under
# CI=1. Not under ASan (a sanitized binary is no package; the asan test preset leaves them out).
set(_pkg_run bash ${CMAKE_CURRENT_LIST_DIR}/run.sh)
set(_pkg_dist ${PROJECT_BINARY_DIR}/tests/package-dist)
set(_pkg_env BUILD_DIR=${PROJECT_BINARY_DIR} SOURCE_DIR=${PROJECT_SOURCE_DIR} DIST_DIR=${_pkg_dist}
             SCHEMAC_VERSION=${PROJECT_VERSION})
foreach(_pkg_kind build npm deb docs)
  add_test(NAME package.${_pkg_kind} COMMAND ${_pkg_run} ${_pkg_kind})
  set_tests_properties(package.${_pkg_kind} PROPERTIES ENVIRONMENT "${_pkg_env}" LABELS package
                       SKIP_RETURN_CODE 77 TIMEOUT 600)
endforeach()
set_tests_properties(package.build PROPERTIES FIXTURES_SETUP schemac_packages)
set_tests_properties(package.npm package.deb PROPERTIES FIXTURES_REQUIRED schemac_packages)
