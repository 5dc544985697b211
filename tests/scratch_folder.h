// A fresh folder per test, removed after it: named for the test suite, the test and gtest's random
// seed, so tests run in parallel (ctest -j) or repeated never share one.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace spexbench::testing {

class ScratchFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::temp_directory_path() /
           (std::string("spexbench_") + test->test_suite_name() + "_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" + test->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

}  // namespace spexbench::testing
