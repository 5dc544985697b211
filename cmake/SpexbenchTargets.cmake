# Warnings, sanitizers and plug-in helpers shared by every target.

function(spexbench_configure_target target)
  # GCC 12 reports every C++20 designated initializer that leaves a member to its default (our
  # ParamOptions idiom) under -Wmissing-field-initializers; later GCCs do not.
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                           -Wno-missing-field-initializers)
  if(SPEXBENCH_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SPEXBENCH_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${SPEXBENCH_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${SPEXBENCH_SANITIZE})
  endif()
  target_include_directories(${target} PUBLIC $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}>)
endfunction()

# Plug-in folders are OBJECT libraries so that no self-registration is dropped by the linker
# (docs/architecture.md, "Layout"). Every executable links all of them directly with
# spexbench_link_plugins().
set_property(GLOBAL PROPERTY SPEXBENCH_PLUGIN_LIBRARIES "")

function(spexbench_add_plugin_library name)
  add_library(${name} OBJECT)
  spexbench_configure_target(${name})
  target_link_libraries(${name} PUBLIC spexbench_core)
  set_property(GLOBAL APPEND PROPERTY SPEXBENCH_PLUGIN_LIBRARIES ${name})
endfunction()

function(spexbench_link_plugins target)
  get_property(plugins GLOBAL PROPERTY SPEXBENCH_PLUGIN_LIBRARIES)
  target_link_libraries(${target} PRIVATE ${plugins})
endfunction()

# An optional back end: `option` is AUTO (use the package when found), ON (require it) or OFF;
# `result` is set to whether it is used.
macro(spexbench_optional_package option package result)
  if(${option} STREQUAL "AUTO")
    find_package(${package} QUIET)
    set(${result} ${${package}_FOUND})
  elseif(${option})
    find_package(${package} REQUIRED)
    set(${result} ON)
  else()
    set(${result} OFF)
  endif()
endmacro()
