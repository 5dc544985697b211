#include "core/folder_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/error.h"

namespace spexbench {

FolderLock::FolderLock(const std::filesystem::path& folder, Wait wait) {
  fd_ = open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  SPEXBENCH_CHECK(fd_ >= 0, "cannot open folder '", folder.string(),
                  "' to lock it: ", std::strerror(errno));
  const int operation = wait == Wait::kNo ? LOCK_EX | LOCK_NB : LOCK_EX;
  while (flock(fd_, operation) != 0) {
    if (errno == EINTR) continue;
    const int error = errno;
    if (wait == Wait::kNo && error == EWOULDBLOCK) return;  // held by another: held_ stays false
    close(fd_);
    throw Error(str_cat("cannot lock folder '", folder.string(), "': ", std::strerror(error)));
  }
  held_ = true;
}

FolderLock::~FolderLock() { close(fd_); }

}  // namespace spexbench
