# XGBoost's C API (header xgboost/c_api.h, library libxgboost). Debian 12's own CMake package
# for XGBoost references /usr/bin/xgboost, which libxgboost-dev does not install, so it cannot
# be used; this finds the two files directly and defines spexbench::xgboost.
find_path(XGBoostC_INCLUDE_DIR xgboost/c_api.h)
find_library(XGBoostC_LIBRARY NAMES xgboost)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(XGBoostC REQUIRED_VARS XGBoostC_LIBRARY XGBoostC_INCLUDE_DIR)
if(XGBoostC_FOUND AND NOT TARGET spexbench::xgboost)
  add_library(spexbench::xgboost UNKNOWN IMPORTED)
  set_target_properties(spexbench::xgboost PROPERTIES
    IMPORTED_LOCATION "${XGBoostC_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${XGBoostC_INCLUDE_DIR}")
endif()
