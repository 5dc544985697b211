# An explanation page in a real browser: writes a cell with named components, its HTML report and
# pages, then loads the leaderboard and the cell's page in headless chromium, which must render
# them (a screenshot of each) without a console message (a script error, a missing resource).
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${SPEXBENCH} run --task data.subsets:n=6,points=3,features=4 --explainer exhaustive
          --budget 64 --out ${WORK_DIR}/cell.h5 --json
  OUTPUT_VARIABLE cell_json RESULT_VARIABLE run_result)
if(NOT run_result EQUAL 0)
  message(FATAL_ERROR "spexbench run failed: ${run_result}")
endif()
string(JSON cell_id GET "${cell_json}" cell_id)
execute_process(COMMAND ${SPEXBENCH} report ${WORK_DIR}/cell.h5 --html ${WORK_DIR}/report.html
                OUTPUT_QUIET RESULT_VARIABLE report_result)
if(NOT report_result EQUAL 0)
  message(FATAL_ERROR "spexbench report failed: ${report_result}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/render_in_chromium.cmake)
foreach(page report.html report.explanations/${cell_id}.html)
  if(NOT EXISTS ${WORK_DIR}/${page})
    message(FATAL_ERROR "report did not write ${page}")
  endif()
  string(REPLACE "/" "_" shot ${page})
  render_in_chromium(${page} ${WORK_DIR}/${page} ${WORK_DIR}/${shot}.png 1000 900)
endforeach()
file(READ ${WORK_DIR}/report.html leaderboard)
if(NOT leaderboard MATCHES "report.explanations/${cell_id}.html")
  message(FATAL_ERROR "the leaderboard does not link the cell's page")
endif()
file(READ ${WORK_DIR}/report.explanations/${cell_id}.html page)
if(NOT page MATCHES "redundant 0")
  message(FATAL_ERROR "the page does not name the components")
endif()
