# The Python package installs offline: pip builds it from a copy of python/ (so that its build
# folders stay out of the source tree) into a target folder, without an index or build isolation,
# and the package test then runs against that installed copy.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(COPY ${SOURCE_DIR}/python DESTINATION ${WORK_DIR})
execute_process(
  COMMAND ${PYTHON} -m pip install --no-build-isolation --no-index --no-deps --quiet
          --target ${WORK_DIR}/site ${WORK_DIR}/python
  RESULT_VARIABLE pip_result OUTPUT_VARIABLE pip_output ERROR_VARIABLE pip_error)
if(NOT pip_result EQUAL 0)
  message(FATAL_ERROR "pip install failed (${pip_result}):\n${pip_output}${pip_error}")
endif()
if(NOT EXISTS ${WORK_DIR}/site/spexbench/__init__.py)
  message(FATAL_ERROR "pip installed no spexbench package into ${WORK_DIR}/site")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${WORK_DIR}/site
          ${PYTHON} ${SOURCE_DIR}/tests/python/spexbench_package_test.py ${SPEXBENCH}
          ${WORK_DIR}/cells
  RESULT_VARIABLE test_result OUTPUT_VARIABLE test_output ERROR_VARIABLE test_error)
message("${test_output}${test_error}")
if(NOT test_result EQUAL 0)
  message(FATAL_ERROR "the package test failed against the installed copy")
endif()
