# The leaderboard site in a real browser: runs a two-task suite, writes `report --html DIR/
# --figures`, loads the index (with its figures) and a task page in headless chromium, which must
# render them without a console message (a script error, a missing figure),
# then clicks the ranking table's "explainer" header twice through a harness page and checks the
# rows came out in alphabetical order, then reversed.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(WRITE ${WORK_DIR}/suite.yaml
"name: site
seeds: [0]
holdout: 100
tasks:
  - task: 'synthetic.sparse_fourier:n=6,s=4,d=2'
    instances: 2
  - task: 'synthetic.soum:n=6,s=3,d=2'
    instances: 2
explainers: [lime, exhaustive, lasso]
budgets: [64]
")
execute_process(COMMAND ${SPEXBENCH} run ${WORK_DIR}/suite.yaml --out ${WORK_DIR}/site.h5
                RESULT_VARIABLE run_result OUTPUT_QUIET ERROR_VARIABLE run_error)
if(NOT run_result EQUAL 0)
  message(FATAL_ERROR "spexbench run failed (${run_result}): ${run_error}")
endif()
execute_process(COMMAND ${SPEXBENCH} report ${WORK_DIR}/site.h5 --html ${WORK_DIR}/site/ --figures
                OUTPUT_QUIET ERROR_QUIET RESULT_VARIABLE report_result)
if(NOT report_result EQUAL 0)
  message(FATAL_ERROR "spexbench report failed: ${report_result}")
endif()
file(GLOB task_pages RELATIVE ${WORK_DIR}/site ${WORK_DIR}/site/tasks/*.html)
list(LENGTH task_pages task_count)
if(NOT task_count EQUAL 2)
  message(FATAL_ERROR "expected a page per task, 2, found ${task_count}: ${task_pages}")
endif()
list(GET task_pages 0 first_task)
file(READ ${WORK_DIR}/site/index.html index)
foreach(needle "Across tasks: mean rank by" "<svg" "href=\"${first_task}\"" "<script>"
               "<img src=\"figures/faithfulness_vs_queries.png\"")
  string(FIND "${index}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "index.html lacks '${needle}'")
  endif()
endforeach()
string(REGEX MATCH "<(script|link|img)[^>]*(src|href)=\"https?:" remote "${index}")
if(remote)
  message(FATAL_ERROR "index.html fetches from the network: ${remote}")
endif()
include(${CMAKE_CURRENT_LIST_DIR}/render_in_chromium.cmake)
foreach(page index.html ${first_task})
  string(REPLACE "/" "_" shot ${page})
  render_in_chromium(${page} ${WORK_DIR}/site/${page} ${WORK_DIR}/${shot}.png 1100 1400)
endforeach()
# Sorting: a harness page holds the index in a frame, clicks the header and records the first row.
file(WRITE ${WORK_DIR}/site/harness.html
"<!DOCTYPE html><html><body><pre id=\"result\">not run</pre>
<iframe id=\"frame\" src=\"index.html\"></iframe>
<script>
document.getElementById('frame').onload = function () {
  var page = this.contentDocument, table = page.querySelector('table');
  var header = Array.prototype.filter.call(table.rows[0].cells,
      function (cell) { return cell.textContent === 'explainer'; })[0];
  var first = function () { return table.rows[1].cells[header.cellIndex].textContent; };
  var before = first();
  header.click();
  var ascending = first() + ' ' + header.getAttribute('aria-sort');
  header.click();
  var descending = first() + ' ' + header.getAttribute('aria-sort');
  document.getElementById('result').textContent =
      'before=' + before + ';ascending=' + ascending + ';descending=' + descending + ';';
};
</script></body></html>
")
execute_process(
  COMMAND ${CHROMIUM} --headless=new --no-sandbox --disable-gpu --enable-logging=stderr --v=0
          --user-data-dir=${WORK_DIR}/profile --allow-file-access-from-files --dump-dom
          file://${WORK_DIR}/site/harness.html
  RESULT_VARIABLE browser_result OUTPUT_VARIABLE dom ERROR_VARIABLE browser_log TIMEOUT 120)
string(REGEX MATCHALL "[^\n]*CONSOLE[^\n]*" console "${browser_log}")
if(NOT browser_result EQUAL 0 OR console)
  message(FATAL_ERROR "chromium failed on the sorting harness (${browser_result}):\n${browser_log}")
endif()
string(REGEX MATCH "before=[^<]*" result "${dom}")
message("sorting: ${result}")
if(NOT result MATCHES "ascending=exhaustive ascending;descending=lime descending;")
  message(FATAL_ERROR "sorting the ranking by explainer gave '${result}'")
endif()
