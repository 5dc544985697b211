# Runs a two-task suite with the real executable, draws its figures, and checks that the curves of
# the two tasks (same n, same explainer, same budget) stay apart in the figures' CSV files rather
# than being averaged into one; then draws them --paper and checks the PDFs embed TrueType fonts,
# not the Type 3 fonts venues refuse.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(WRITE ${WORK_DIR}/two-tasks.yaml
"name: two-tasks
seeds: [0]
holdout: 200
tasks:
  - task: 'synthetic.sparse_fourier:n=8,s=6,d=3'
  - task: 'synthetic.soum:n=8,s=4,d=3'
explainers: [exhaustive]
budgets: [256]
")
execute_process(COMMAND ${SPEXBENCH} run ${WORK_DIR}/two-tasks.yaml --out ${WORK_DIR}/two-tasks.h5
                RESULT_VARIABLE run_result ERROR_VARIABLE run_error)
if(NOT run_result EQUAL 0)
  message(FATAL_ERROR "spexbench run failed (${run_result}): ${run_error}")
endif()
execute_process(COMMAND ${SPEXBENCH} figures ${WORK_DIR}/two-tasks.h5 --out ${WORK_DIR}/figures
                RESULT_VARIABLE figures_result OUTPUT_VARIABLE figures_output
                ERROR_VARIABLE figures_error)
message("${figures_output}${figures_error}")
if(NOT figures_result EQUAL 0)
  message(FATAL_ERROR "spexbench figures failed: ${figures_result}")
endif()
foreach(figure faithfulness_vs_queries time_vs_n)
  file(STRINGS ${WORK_DIR}/figures/${figure}.csv lines)
  foreach(task synthetic.sparse_fourier synthetic.soum)
    set(rows ${lines})
    list(FILTER rows INCLUDE REGEX "^\"?${task}[:,]")
    list(LENGTH rows count)
    if(NOT count EQUAL 1)
      message(FATAL_ERROR "${figure}.csv has ${count} rows for ${task}, expected 1: ${lines}")
    endif()
  endforeach()
endforeach()
execute_process(COMMAND ${SPEXBENCH} figures ${WORK_DIR}/two-tasks.h5 --out ${WORK_DIR}/paper --paper
                RESULT_VARIABLE paper_result OUTPUT_QUIET ERROR_VARIABLE paper_error)
if(NOT paper_result EQUAL 0)
  message(FATAL_ERROR "spexbench figures --paper failed (${paper_result}): ${paper_error}")
endif()
file(GLOB pdfs ${WORK_DIR}/paper/*.pdf)
if(NOT pdfs)
  message(FATAL_ERROR "figures --paper wrote no PDF")
endif()
foreach(pdf ${pdfs})
  file(STRINGS ${pdf} type3 REGEX "/Type3")
  file(STRINGS ${pdf} truetype REGEX "/FontFile2")
  if(type3 OR NOT truetype)
    message(FATAL_ERROR "${pdf}: Type 3 fonts, or no embedded TrueType font")
  endif()
endforeach()
