# Build provenance stamped into every results file: version, git describe with a dirty flag,
# build type, compiler and flags. Regenerated at every build (the file is only rewritten when its
# content changes, so nothing recompiles needlessly).
set(SPEXBENCH_BUILD_INFO_DIR ${PROJECT_BINARY_DIR}/generated)
string(TOUPPER "${CMAKE_BUILD_TYPE}" _spexbench_build_type_upper)
set(_spexbench_flags "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_spexbench_build_type_upper}}")
if(SPEXBENCH_SANITIZE)
  string(APPEND _spexbench_flags " -fsanitize=${SPEXBENCH_SANITIZE}")
endif()
string(STRIP "${_spexbench_flags}" _spexbench_flags)

add_custom_target(spexbench_build_info
  COMMAND ${CMAKE_COMMAND}
          -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -DOUTPUT=${SPEXBENCH_BUILD_INFO_DIR}/spexbench/build_info.h
          -DTEMPLATE=${PROJECT_SOURCE_DIR}/cmake/build_info.h.in
          -DVERSION=${PROJECT_VERSION}
          -DBUILD_TYPE=${CMAKE_BUILD_TYPE}
          -DCOMPILER=${CMAKE_CXX_COMPILER_ID}\ ${CMAKE_CXX_COMPILER_VERSION}
          "-DFLAGS=${_spexbench_flags}"
          -P ${PROJECT_SOURCE_DIR}/cmake/WriteBuildInfo.cmake
  BYPRODUCTS ${SPEXBENCH_BUILD_INFO_DIR}/spexbench/build_info.h
  COMMENT "Stamping build provenance")
