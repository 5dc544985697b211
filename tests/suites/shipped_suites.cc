#include "tests/suites/shipped_suites.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.h"
#include "suites/engine/suite.h"

namespace spexbench::test {

int load_shipped_suites(const std::function<bool(const std::string&)>& tolerated) {
  namespace fs = std::filesystem;
  int loaded = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SPEXBENCH_SOURCE_DIR) / "suites")) {
    if (entry.path().extension() != ".yaml") continue;
    try {
      const Suite suite = load_suite(entry.path());
      EXPECT_FALSE(expand_suite(suite).empty()) << entry.path();
      ++loaded;
    } catch (const Error& e) {
      EXPECT_TRUE(tolerated(e.what())) << entry.path() << ": " << e.what();
    }
  }
  return loaded;
}

}  // namespace spexbench::test
