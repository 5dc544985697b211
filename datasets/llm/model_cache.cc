#include "datasets/llm/model_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench::llm {
namespace {

/// An exclusive flock(2) on a lock file, released on destruction.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path)
      : fd_(open(path.c_str(), O_RDWR | O_CREAT, 0644)) {
    SPEXBENCH_CHECK(fd_ >= 0, "model cache: cannot open '", path.string(),
                    "': ", std::strerror(errno));
    flock(fd_, LOCK_EX);
  }
  ~FileLock() {
    flock(fd_, LOCK_UN);
    close(fd_);
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

std::string hex16(std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string text(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4)
    text[static_cast<std::size_t>(i)] = kDigits[value & 15];
  return text;
}

}  // namespace

std::filesystem::path model_cache_folder() {
  if (const char* cache = std::getenv("SPEXBENCH_CACHE"); cache != nullptr && *cache != 0)
    return std::filesystem::path(cache) / "models";
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != 0)
    return std::filesystem::path(xdg) / "spexbench" / "models";
  const char* home = std::getenv("HOME");
  SPEXBENCH_CHECK(home != nullptr && *home != 0,
                  "model cache: none of SPEXBENCH_CACHE, XDG_CACHE_HOME and HOME is set");
  return std::filesystem::path(home) / ".cache" / "spexbench" / "models";
}

std::filesystem::path load_or_produce_model(
    std::string_view name, std::string_view recipe,
    const std::function<void(const std::filesystem::path&)>& produce,
    const std::function<bool(const std::filesystem::path&)>& load) {
  const std::filesystem::path folder = model_cache_folder();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  SPEXBENCH_CHECK(!error, "model cache: cannot create '", folder.string(), "': ", error.message());
  const std::filesystem::path path =
      folder / (std::string(name) + "-" + hex16(fnv1a64(recipe)) + ".pt");
  const FileLock lock(std::filesystem::path(path).concat(".lock"));
  if (std::filesystem::exists(path) && load(path)) return path;
  const std::filesystem::path temporary =
      std::filesystem::path(path).concat(".tmp" + std::to_string(getpid()));
  produce(temporary);
  std::filesystem::rename(temporary, path, error);
  SPEXBENCH_CHECK(!error, "model cache: cannot move the new model to '", path.string(),
                  "': ", error.message());
  SPEXBENCH_CHECK(load(path), "model cache: cannot read back the model just written to '",
                  path.string(), "'");
  return path;
}

}  // namespace spexbench::llm
