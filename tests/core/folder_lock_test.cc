#include "core/folder_lock.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

TEST(FolderLock, ASecondHolderIsRefusedWithoutWaitingUntilTheFirstLetsGo) {
  const fs::path folder = fs::temp_directory_path() / "spexbench_folder_lock_test";
  fs::create_directories(folder);
  std::optional<FolderLock> first;
  first.emplace(folder, FolderLock::Wait::kUntilFree);
  EXPECT_TRUE(first->held());
  {
    // flock locks belong to the open file description: a second open in one process contends
    // like another process would.
    const FolderLock second(folder, FolderLock::Wait::kNo);
    EXPECT_FALSE(second.held());
  }
  first.reset();
  const FolderLock third(folder, FolderLock::Wait::kNo);
  EXPECT_TRUE(third.held());
  fs::remove(folder);
}

TEST(FolderLock, AFolderThatIsNotThereIsAnErrorNamingIt) {
  const fs::path absent = fs::temp_directory_path() / "spexbench_folder_lock_absent";
  fs::remove_all(absent);
  try {
    const FolderLock lock(absent, FolderLock::Wait::kUntilFree);
    FAIL() << "an absent folder was locked";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(absent.string()), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace spexbench
