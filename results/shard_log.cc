#include "results/shard_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "core/error.h"
#include "results/cell_record.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

constexpr char kMagic[16] = {'s', 'p', 'e', 'x', 'b', 'e', 'n', 'c',
                             'h', '.', 's', 'h', 'a', 'r', 'd', 's'};
constexpr std::uint64_t kLogVersion = 1;
constexpr std::size_t kHeaderBytes = sizeof(kMagic) + sizeof(kLogVersion);
/// Before each payload: its length (8 bytes), the length's CRC-32 and the payload's (4 each). The
/// length has its own check so that a damaged one is never trusted to size a read.
constexpr std::size_t kRecordHeaderBytes = 16;

std::uint32_t crc_of(const char* data, std::size_t size) {
  return static_cast<std::uint32_t>(
      crc32_z(crc32_z(0, nullptr, 0), reinterpret_cast<const Bytef*>(data), size));
}

void write_all(int fd, const char* data, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0 && errno == EINTR) continue;
    SPEXBENCH_CHECK(written > 0, "cannot append to the shard log ", path.string(), ": ",
                    std::strerror(errno));
    data += written;
    size -= static_cast<std::size_t>(written);
  }
}

template <typename T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T get(const char* at) {
  T value;
  std::memcpy(&value, at, sizeof(T));
  return value;
}

}  // namespace

ShardLogWriter::ShardLogWriter(fs::path path, Provenance writer)
    : path_(std::move(path)), writer_(std::move(writer)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
  SPEXBENCH_CHECK(fd_ >= 0, "cannot create the shard log ", path_.string(), ": ",
                  std::strerror(errno));
  try {
    SPEXBENCH_CHECK(::flock(fd_, LOCK_EX | LOCK_NB) == 0, "cannot lock the shard log ",
                    path_.string(), ": ", std::strerror(errno));
    std::string header(kMagic, sizeof(kMagic));
    put(header, kLogVersion);
    write_all(fd_, header.data(), header.size(), path_);
  } catch (...) {
    ::close(fd_);
    std::error_code ignored;
    fs::remove(path_, ignored);
    throw;
  }
}

ShardLogWriter::~ShardLogWriter() { close(); }

void ShardLogWriter::append(const CellResult& cell) {
  const std::string payload = encode_cell(cell, writer_);
  std::string record;
  record.reserve(kRecordHeaderBytes + payload.size());
  const auto length = static_cast<std::uint64_t>(payload.size());
  put(record, length);
  put(record, crc_of(record.data(), sizeof(length)));
  put(record, crc_of(payload.data(), payload.size()));
  record += payload;
  const std::lock_guard lock(mutex_);
  SPEXBENCH_CHECK(fd_ >= 0, "the shard log ", path_.string(), " is closed");
  write_all(fd_, record.data(), record.size(), path_);
  SPEXBENCH_CHECK(::fdatasync(fd_) == 0, "cannot sync the shard log ", path_.string(), ": ",
                  std::strerror(errno));
}

void ShardLogWriter::close() {
  const std::lock_guard lock(mutex_);
  if (fd_ >= 0) ::close(fd_);  // releases the lock
  fd_ = -1;
}

ShardLogContents read_shard_log(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  SPEXBENCH_CHECK(in.good(), "cannot open the shard log ", path.string());
  char header[kHeaderBytes];
  in.read(header, kHeaderBytes);
  SPEXBENCH_CHECK(in.gcount() == static_cast<std::streamsize>(kHeaderBytes) &&
                      std::memcmp(header, kMagic, sizeof(kMagic)) == 0,
                  "'", path.string(), "' is not a spexbench shard log");
  const auto version = get<std::uint64_t>(header + sizeof(kMagic));
  SPEXBENCH_CHECK(version == kLogVersion, "the shard log ", path.string(), " has version ", version,
                  "; this build reads version ", kLogVersion);
  std::error_code error;
  const std::uint64_t size = fs::file_size(path, error);
  SPEXBENCH_CHECK(!error, "cannot read the size of the shard log ", path.string());
  ShardLogContents contents;
  std::uint64_t at = kHeaderBytes;
  std::vector<char> payload;
  // Stops at the first record that is not whole and sound: what follows it is reported.
  auto stop = [&](std::string why) {
    contents.unread_bytes = size - at;
    contents.unread_reason = std::move(why);
    return contents;
  };
  while (at < size) {
    char head[kRecordHeaderBytes];
    if (size - at < kRecordHeaderBytes || !in.read(head, kRecordHeaderBytes))
      return stop("a record cut short");
    const auto length = get<std::uint64_t>(head);
    if (crc_of(head, sizeof(length)) != get<std::uint32_t>(head + 8))
      return stop(str_cat("a damaged record length at byte ", at));
    if (length > size - at - kRecordHeaderBytes) return stop("a record cut short");
    payload.resize(static_cast<std::size_t>(length));
    if (!in.read(payload.data(), static_cast<std::streamsize>(length)))
      return stop("a record cut short");
    if (crc_of(payload.data(), payload.size()) != get<std::uint32_t>(head + 12))
      return stop(str_cat("a damaged record at byte ", at));
    try {
      contents.cells.push_back(decode_cell(payload));
    } catch (const Error& e) {
      return stop(str_cat("the record at byte ", at, ": ", e.what()));
    }
    at += kRecordHeaderBytes + length;
  }
  return contents;
}

bool shard_log_in_use(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return !free;
}

}  // namespace spexbench
