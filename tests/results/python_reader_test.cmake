# Writes a results file with the real executable, then reads it with results/examples/read_results.py
# (h5py), which recomputes R^2 from the stored data and fails on a mismatch.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
execute_process(
  COMMAND ${SPEXBENCH} run --task synthetic.sparse_fourier:n=9,s=6,d=3 --explainer exhaustive
          --budget 512 --out ${WORK_DIR}/cell.h5
  RESULT_VARIABLE run_result)
if(NOT run_result EQUAL 0)
  message(FATAL_ERROR "spexbench run failed: ${run_result}")
endif()
execute_process(COMMAND ${PYTHON} ${READER} ${WORK_DIR}/cell.h5 RESULT_VARIABLE read_result
                OUTPUT_VARIABLE read_output ERROR_VARIABLE read_error)
message("${read_output}${read_error}")
if(NOT read_result EQUAL 0)
  message(FATAL_ERROR "read_results.py failed: ${read_result}")
endif()
