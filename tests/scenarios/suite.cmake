# Schema-evolution scenarios: one ctest entry per tests/scenarios/cases/*.scenario, each run
# by schemac_scenario on real SQLite files (see scenario_runner.cpp for the file format).
add_executable(schemac_scenario ${CMAKE_CURRENT_LIST_DIR}/scenario_runner.cpp)
target_link_libraries(schemac_scenario PRIVATE schemac_db)
schemac_warnings(schemac_scenario)
file(GLOB SCENARIO_CASES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/cases/*.scenario)
foreach(case ${SCENARIO_CASES})
  get_filename_component(case_name ${case} NAME_WE)
  add_test(NAME scenario/${case_name} COMMAND schemac_scenario ${case})
  set_tests_properties(scenario/${case_name} PROPERTIES TIMEOUT 60 LABELS scenario)
endforeach()
