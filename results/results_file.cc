#include "results/results_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/folder_lock.h"
#include "results/cell_table.h"
#include "results/hdf5_guard.h"
#include "results/hdf5_io.h"
#include "results/per_cell_groups.h"
#include "results/shard_log.h"

namespace spexbench {
namespace {

namespace fs = std::filesystem;

/// Reads a file's provenance and hands each of its cells, in id order, to `each`, with
/// hdf5::library_mutex() already held; the cells of the file returned are left empty. A reader that
/// only checks a file (write_results' read-back) so holds one cell at a time.
ResultsFile read_results_unlocked(const fs::path& path,
                                  const std::function<void(CellResult&&)>& each);

/// fsync of a file or a folder: a rename is only as safe as the data and the folder entry under it.
void sync_to_disk(const fs::path& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  SPEXBENCH_CHECK(fd >= 0, "cannot open '", path.string(), "' to sync it to disk");
  const int synced = fsync(fd);
  close(fd);
  SPEXBENCH_CHECK(synced == 0, "cannot sync '", path.string(), "' to disk (disk full?)");
}

/// Writes `bytes` to a new file at `path` and syncs it to disk, checking every step.
void write_file(const fs::path& path, const std::vector<char>& bytes) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  SPEXBENCH_CHECK(fd >= 0, "cannot create '", path.string(), "': ", std::strerror(errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int error = n < 0 ? errno : ENOSPC;
      close(fd);
      throw Error(str_cat("cannot write '", path.string(), "': ", std::strerror(error)));
    }
    written += static_cast<std::size_t>(n);
  }
  const bool synced = fsync(fd) == 0;
  const int sync_error = errno;
  SPEXBENCH_CHECK(close(fd) == 0 && synced, "cannot write '", path.string(),
                  "' to disk: ", std::strerror(synced ? errno : sync_error));
}

/// The file a path names, through any symlinks: writing replaces the target, never the link.
fs::path through_links(const fs::path& path) {
  fs::path target = path;
  for (int hop = 0; hop < 40 && fs::is_symlink(target); ++hop) {
    const fs::path link = fs::read_symlink(target);
    target = link.is_absolute() ? link : target.parent_path() / link;
  }
  SPEXBENCH_CHECK(!fs::is_symlink(target), "'", path.string(), "' is a loop of symbolic links");
  return target;
}

void write_provenance(const hdf5::Group& root, const Provenance& p) {
  root.set_attribute("format", std::string("spexbench.results"));
  root.set_attribute("schema_version", static_cast<std::int64_t>(kResultsSchemaVersion));
  root.set_attribute("spexbench_version", p.spexbench_version);
  root.set_attribute("git_describe", p.git_describe);
  root.set_attribute("git_dirty", static_cast<std::int64_t>(p.git_dirty));
  root.set_attribute("build_type", p.build_type);
  root.set_attribute("compiler", p.compiler);
  root.set_attribute("cxx_flags", p.cxx_flags);
  root.set_attribute("host", p.host);
  root.set_attribute("cpu", p.cpu);
  root.set_attribute("gpu", p.gpu);
  root.set_attribute("mpi", p.mpi);
  root.set_attribute("world_size", static_cast<std::int64_t>(p.world_size));
  root.set_attribute("started_utc", p.started_utc);
  root.set_attribute("command_line", p.command_line);
  const hdf5::Group dependencies = root.create_group("dependencies");
  for (const auto& [name, version] : p.dependencies) dependencies.set_attribute(name, version);
}

Provenance read_provenance(const hdf5::Group& root) {
  Provenance p;
  p.spexbench_version = root.string_attribute("spexbench_version");
  p.git_describe = root.string_attribute("git_describe");
  p.git_dirty = root.int_attribute("git_dirty") != 0;
  p.build_type = root.string_attribute("build_type");
  p.compiler = root.string_attribute("compiler");
  p.cxx_flags = root.string_attribute("cxx_flags");
  p.host = root.string_attribute("host");
  p.cpu = root.string_attribute("cpu");
  p.gpu = root.string_attribute("gpu");
  if (root.has_attribute("mpi")) p.mpi = root.string_attribute("mpi");
  if (root.has_attribute("world_size")) p.world_size = root.int_attribute_in("world_size", 1);
  p.started_utc = root.string_attribute("started_utc");
  p.command_line = root.string_attribute("command_line");
  return p;
}

}  // namespace

void check_output_path(const fs::path& path) {
  SPEXBENCH_CHECK(!path.empty(), "output path is empty");
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  SPEXBENCH_CHECK(fs::is_directory(folder), "output folder '", folder.string(),
                  "' does not exist (for output file '", path.string(), "')");
  SPEXBENCH_CHECK(access(folder.c_str(), W_OK) == 0, "output folder '", folder.string(),
                  "' is not writable");
  SPEXBENCH_CHECK(!fs::is_directory(path), "output path '", path.string(), "' is a folder");
}

namespace {

/// write_results of cells held elsewhere: a merge of 10^5 cells points at them, never copies them.
void write_cells(const fs::path& named, const Provenance& provenance,
                 std::span<const CellResult* const> cells) {
  const fs::path path = through_links(named);
  check_output_path(path);
  const std::lock_guard lock(hdf5::library_mutex());
  const fs::path temporary =
      path.string() + ".tmp-" + std::to_string(static_cast<long long>(getpid()));
  try {
    // Built in memory, written by us: every write, the sync and the close are checked (a full
    // disk), and HDF5 never holds a file it failed to write.
    std::vector<char> image;
    {
      hdf5::Group root = hdf5::create_memory_file(temporary.string());
      write_provenance(root, provenance);
      write_cell_table(root.create_group("cells"), cells, provenance);
      image = root.take_image();
    }
    write_file(temporary, image);
    std::vector<char>().swap(image);  // gone before the read-back: it may be as large as the cells
    // Only a file that is on the disk and reads back whole replaces the old one.
    std::size_t read_back = 0;
    try {
      (void)read_results_unlocked(temporary, [&](CellResult&&) { ++read_back; });
    } catch (const Error& e) {
      throw Error(str_cat("the new results file did not read back (", e.what(), "); '",
                          path.string(), "' is unchanged"));
    }
    SPEXBENCH_CHECK(read_back == cells.size(), "the new results file read back ", read_back,
                    " cells of ", cells.size(), "; '", path.string(), "' is unchanged");
    fs::rename(temporary, path);
    sync_to_disk(path.has_parent_path() ? path.parent_path() : fs::path("."));
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
}

}  // namespace

void write_results(const fs::path& path, const Provenance& provenance,
                   std::span<const CellResult> cells) {
  std::vector<const CellResult*> pointers;
  pointers.reserve(cells.size());
  for (const CellResult& cell : cells) pointers.push_back(&cell);
  write_cells(path, provenance, pointers);
}

namespace {

/// Held while a results file's cells are read, merged and written back: runs adding cells to one
/// file at the same time (a shell loop with &, GNU parallel) then take turns instead of each
/// writing back what it read and losing the others' cells.
FolderLock lock_folder_of(const fs::path& file) {
  return FolderLock(fs::absolute(file).parent_path(), FolderLock::Wait::kUntilFree);
}

}  // namespace

std::size_t add_to_results(const fs::path& named, const Provenance& provenance,
                           std::span<const CellResult> cells, std::span<const fs::path> move_in) {
  const fs::path path = through_links(named);
  check_output_path(path);
  const FolderLock lock = lock_folder_of(path);
  // The cells already there and those moved in are held here (a deque: what it holds never
  // moves); the caller's are pointed at.
  std::deque<std::vector<CellResult>> held;
  if (fs::exists(path)) held.push_back(read_results(path).cells);
  std::unordered_map<std::string, const CellResult*> latest;  // id -> its newest version
  auto add = [&](const std::vector<CellResult>& from) {
    for (const CellResult& cell : from) latest.insert_or_assign(cell.id, &cell);
  };
  if (!held.empty()) add(held.back());
  std::vector<fs::path> moved;
  for (const fs::path& file : move_in) {
    if (!fs::exists(file)) continue;
    held.push_back(file.extension() == kShardLogExtension ? read_shard_log(file).cells
                                                          : read_results(file).cells);
    add(held.back());
    moved.push_back(file);
  }
  for (const CellResult& cell : cells) latest.insert_or_assign(cell.id, &cell);
  std::vector<const CellResult*> merged;
  merged.reserve(latest.size());
  for (const auto& [id, cell] : latest) merged.push_back(cell);
  std::sort(merged.begin(), merged.end(),
            [](const CellResult* a, const CellResult* b) { return a->id < b->id; });
  write_cells(path, provenance, merged);
  std::error_code ignored;
  for (const fs::path& file : moved) fs::remove(file, ignored);
  return merged.size();
}

ResultsFile read_results(const fs::path& path) {
  const std::lock_guard lock(hdf5::library_mutex());
  return hdf5::read_guarded(path.string(), [](const std::string& p) {
    std::vector<CellResult> cells;
    ResultsFile file =
        read_results_unlocked(p, [&](CellResult&& cell) { cells.push_back(std::move(cell)); });
    file.cells = std::move(cells);
    return file;
  });
}

void update_results(const fs::path& named, const std::function<bool(ResultsFile&)>& change) {
  const fs::path path = through_links(named);
  check_output_path(path);
  const FolderLock lock = lock_folder_of(path);
  ResultsFile file = read_results(path);
  if (change(file)) write_results(path, file.provenance, file.cells);
}

namespace {

ResultsFile read_results_unlocked(const fs::path& path,
                                  const std::function<void(CellResult&&)>& each) {
  const hdf5::Group root = hdf5::open_file(path.string());
  SPEXBENCH_CHECK(
      root.has_attribute("format") && root.string_attribute("format") == "spexbench.results", "'",
      path.string(), "' is not a spexbench results file");
  ResultsFile file;
  const std::int64_t schema_version =
      root.int_attribute("schema_version");  // checked before narrowing
  SPEXBENCH_CHECK(schema_version >= 1, "'", path.string(), "' has results schema version ",
                  schema_version, ", which no build of spexbench wrote");
  SPEXBENCH_CHECK(schema_version <= kResultsSchemaVersion, "'", path.string(),
                  "' has results schema version ", schema_version,
                  "; this build of spexbench reads versions up to ", kResultsSchemaVersion,
                  " (upgrade spexbench)");
  file.schema_version = static_cast<int>(schema_version);
  file.provenance = read_provenance(root);
  const hdf5::Group dependencies = root.open_group("dependencies");
  for (const std::string& name : dependencies.attribute_names())
    file.provenance.dependencies[name] = dependencies.string_attribute(name);
  const hdf5::Group cells = root.open_group("cells");
  auto read = [&](CellResult&& cell) {
    // Files written before cells carried their version: the file's is the best there is.
    if (cell.code_version.empty()) cell.code_version = file.provenance.git_describe;
    each(std::move(cell));
  };
  if (file.schema_version < 5) {
    read_per_cell_groups(cells, file.schema_version, read);
  } else {
    read_cell_table(cells, file.schema_version, read);
  }
  return file;
}

}  // namespace

}  // namespace spexbench
