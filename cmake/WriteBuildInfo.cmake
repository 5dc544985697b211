# Script mode: writes build_info.h from the template with the current git state.
find_package(Git QUIET)
set(GIT_DESCRIBE "unknown")
set(GIT_DIRTY 0)
if(GIT_FOUND AND EXISTS ${SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} describe --always --tags --dirty=-dirty
                  WORKING_DIRECTORY ${SOURCE_DIR} OUTPUT_VARIABLE GIT_DESCRIBE
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE _git_result)
  if(NOT _git_result EQUAL 0 OR GIT_DESCRIBE STREQUAL "")
    set(GIT_DESCRIBE "unknown")
  endif()
  if(GIT_DESCRIBE MATCHES "-dirty$")
    set(GIT_DIRTY 1)
  endif()
endif()
configure_file(${TEMPLATE} ${OUTPUT} @ONLY)
