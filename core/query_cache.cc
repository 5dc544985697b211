#include "core/query_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "core/error.h"
#include "core/rng.h"

namespace spexbench {
namespace {

constexpr char kMagic[] = "spexbench-qcache 1\n";

}  // namespace

std::size_t QueryCache::RowHash::operator()(const std::vector<std::uint64_t>& row) const {
  std::uint64_t h = 0x8c8f1c0d2b3e4f51ULL;
  for (const std::uint64_t w : row) h = splitmix64(h ^ w);
  return h;
}

void QueryCache::check_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  SPEXBENCH_CHECK(std::filesystem::is_directory(folder), "query cache: cannot use folder '",
                  folder.string(), "'", error ? str_cat(": ", error.message()) : std::string());
  SPEXBENCH_CHECK(::access(folder.c_str(), W_OK | X_OK) == 0, "query cache: folder '",
                  folder.string(), "' is not writable");
}

QueryCache::QueryCache(const std::filesystem::path& folder, const std::string& task_spec,
                       std::uint64_t seed, int n)
    : n_(n) {
  check_folder(folder);
  char name[32];
  std::snprintf(name, sizeof(name), "%016llx.qcache",
                static_cast<unsigned long long>(derive_seed(seed, "qcache", task_spec)));
  path_ = folder / name;
  const std::size_t words = words_for(n);
  const std::size_t record = words * 8 + 8;
  std::ifstream in(path_, std::ios::binary);
  if (!in) return;
  std::string header(sizeof(kMagic) - 1, '\0');
  std::uint32_t stored_n = 0;
  in.read(header.data(), static_cast<std::streamsize>(header.size()));
  in.read(reinterpret_cast<char*>(&stored_n), sizeof(stored_n));
  if (!in) return;  // an empty file being created by another process
  SPEXBENCH_CHECK(header == kMagic && static_cast<int>(stored_n) == n, "query cache: '",
                  path_.string(), "' is not a cache of ", task_spec, " over n=", n);
  std::vector<char> buffer(record);
  while (in.read(buffer.data(), static_cast<std::streamsize>(record))) {  // a short tail is dropped
    std::vector<std::uint64_t> row(words);
    std::memcpy(row.data(), buffer.data(), words * 8);
    double value = 0;
    std::memcpy(&value, buffer.data() + words * 8, 8);
    values_[std::move(row)] = value;
  }
}

std::optional<double> QueryCache::find(std::span<const std::uint64_t> row) const {
  const auto it = values_.find(std::vector<std::uint64_t>(row.begin(), row.end()));
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

void QueryCache::add(const MaskBatch& masks, std::span<const double> values) {
  const std::size_t words = masks.words_per_row();
  std::string bytes;
  for (std::size_t r = 0; r < masks.rows(); ++r) {
    const auto row = masks.row(r);
    if (!values_.emplace(std::vector<std::uint64_t>(row.begin(), row.end()), values[r]).second)
      continue;
    bytes.append(reinterpret_cast<const char*>(row.data()), words * 8);
    bytes.append(reinterpret_cast<const char*>(&values[r]), 8);
  }
  if (bytes.empty()) return;
  const int fd = open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  SPEXBENCH_CHECK(fd >= 0, "query cache: cannot write '", path_.string(),
                  "': ", std::strerror(errno));
  flock(fd, LOCK_EX);
  if (lseek(fd, 0, SEEK_END) == 0) {  // a new file: the header first
    const auto n = static_cast<std::uint32_t>(n_);
    std::string header(kMagic, sizeof(kMagic) - 1);
    header.append(reinterpret_cast<const char*>(&n), sizeof(n));
    bytes.insert(0, header);
  }
  const ssize_t written = write(fd, bytes.data(), bytes.size());
  flock(fd, LOCK_UN);
  close(fd);
  SPEXBENCH_CHECK(written == static_cast<ssize_t>(bytes.size()), "query cache: short write to '",
                  path_.string(), "'");
}

}  // namespace spexbench
