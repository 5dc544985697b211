# render_in_chromium(PAGE FILE SHOT WIDTH HEIGHT): loads FILE (a path) in headless chromium, which
# must render it, with a screenshot SHOT of WIDTH x HEIGHT pixels that is not blank, and without a
# console message (a script error, a missing resource). PAGE names it in messages. Needs CHROMIUM
# and WORK_DIR (its profile goes there).
function(render_in_chromium page file shot width height)
  execute_process(
    COMMAND ${CHROMIUM} --headless=new --no-sandbox --disable-gpu --hide-scrollbars
            --window-size=${width},${height} --enable-logging=stderr --v=0
            --user-data-dir=${WORK_DIR}/profile --screenshot=${shot} file://${file}
    RESULT_VARIABLE browser_result ERROR_VARIABLE browser_log OUTPUT_QUIET TIMEOUT 120)
  if(NOT browser_result EQUAL 0)
    message(FATAL_ERROR "chromium failed on ${page} (${browser_result}):\n${browser_log}")
  endif()
  string(REGEX MATCHALL "[^\n]*CONSOLE[^\n]*" console "${browser_log}")
  if(console)
    message(FATAL_ERROR "${page} logged to the console:\n${console}")
  endif()
  file(SIZE ${shot} shot_bytes)
  if(shot_bytes LESS 10000)
    message(FATAL_ERROR "the screenshot of ${page} is ${shot_bytes} bytes: nothing rendered?")
  endif()
  message("${page}: rendered, no console messages, screenshot ${shot} (${shot_bytes} bytes)")
endfunction()
