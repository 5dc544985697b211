# CI's regression gate: run suites/regression.yaml and compare it with the committed reference.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(COMMAND ${SPEXBENCH} run ${SOURCE_DIR}/suites/regression.yaml --jobs 2 --no-progress
                        --out ${WORK_DIR}/regression.h5
                RESULT_VARIABLE run_result OUTPUT_QUIET)
if(NOT run_result EQUAL 0)
  message(FATAL_ERROR "the regression suite failed to run: ${run_result}")
endif()
# Times are compared with room for a shared or slower CI machine (x5 and 0.5 s), and not at all
# for a build that is not optimised or is sanitised (TIMES OFF); query counts, statuses and metrics
# are compared as strictly as ever.
if(TIMES)
  set(time_options --time-ratio 5 --time-floor 0.5)
else()
  set(time_options --no-times)
endif()
execute_process(COMMAND ${SPEXBENCH} compare ${SOURCE_DIR}/results/reference/regression.h5
                        ${WORK_DIR}/regression.h5 ${time_options}
                RESULT_VARIABLE compare_result OUTPUT_VARIABLE table)
message("${table}")
if(NOT compare_result EQUAL 0)
  message(FATAL_ERROR "regression gate failed (exit ${compare_result}); if the change is intended, "
                      "regenerate results/reference/regression.h5 (see suites/regression.yaml)")
endif()
