// An exclusive lock on a folder (flock on its descriptor), held from construction to destruction.
// Processes writing one results file take turns through it; an MPI job claims its shard folder
// with it. A lock on the folder itself, not on a lock file beside it, so that nothing is left
// behind, and the kernel drops it when its holder dies.
#pragma once

#include <filesystem>

namespace spexbench {

class FolderLock {
 public:
  enum class Wait { kUntilFree, kNo };

  /// Locks `folder`. Wait::kUntilFree blocks until no other holder has it; Wait::kNo returns at
  /// once, and held() says whether the lock was free. Throws when the folder cannot be opened.
  FolderLock(const std::filesystem::path& folder, Wait wait);
  ~FolderLock();  // closing the descriptor releases the lock
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

  [[nodiscard]] bool held() const { return held_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

}  // namespace spexbench
