// A shard log: the append-only file in which one process of a suite run (one MPI rank, or a plain
// run) keeps each cell as it finishes, so that a killed run loses nothing finished and a rerun
// resumes from it. One file per process, not one per cell: 10^5 cells in one-cell HDF5 files made
// 10^5 files in one folder (metadata load on a parallel filesystem) and a merge that spent minutes
// opening them.
//
// Layout (results/README.md, "Shard logs"): a 24-byte header, then records, each its payload's
// length, a CRC-32 of the length and one of the payload, and the payload (results/cell_record.h).
// A record is written whole with one write and synced before the cell counts as finished. A
// process killed mid-write leaves a torn last record: readers keep every whole record before it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "core/cell.h"
#include "results/provenance.h"

namespace spexbench {

/// The file name ending of shard logs.
inline constexpr const char* kShardLogExtension = ".shard";

class ShardLogWriter {
 public:
  /// Creates `path` (which must not exist) and holds an exclusive lock on it (flock) until
  /// destroyed, which tells readers that its cells may still grow. Throws Error when the file
  /// cannot be created.
  ShardLogWriter(std::filesystem::path path, Provenance writer);
  ~ShardLogWriter();
  ShardLogWriter(const ShardLogWriter&) = delete;
  ShardLogWriter& operator=(const ShardLogWriter&) = delete;

  /// Appends `cell` and syncs it to the disk; safe to call from several threads. Throws Error when
  /// the write fails (a full disk): the cell is then not in the log.
  void append(const CellResult& cell);
  /// Releases the file: no more appends, and readers see a finished log.
  void close();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  Provenance writer_;
  std::mutex mutex_;
  int fd_ = -1;
};

struct ShardLogContents {
  std::vector<CellResult> cells;  ///< every whole record, in the order written
  /// Bytes after the last whole record, and why they could not be read (a torn write, damage).
  std::uint64_t unread_bytes = 0;
  std::string unread_reason;
};

/// Reads a shard log. Throws Error for a file that is not one (a wrong or missing header); a
/// damaged or torn record ends the reading, and what follows it is reported, not thrown.
[[nodiscard]] ShardLogContents read_shard_log(const std::filesystem::path& path);

/// Whether a live process still holds `path` open for appending (ShardLogWriter's lock).
[[nodiscard]] bool shard_log_in_use(const std::filesystem::path& path);

}  // namespace spexbench
