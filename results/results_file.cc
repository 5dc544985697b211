#include "results/results_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/folder_lock.h"
#include "results/hdf5_guard.h"
#include "results/hdf5_io.h"

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

/// An int attribute, checked to lie in [low, high] before it is narrowed: a damaged file gives an
/// error naming it, not a wrapped value.
int int_attribute(const hdf5::Group& group, const std::string& name, int low,
                  int high = std::numeric_limits<int>::max()) {
  const std::int64_t value = group.int_attribute(name);
  SPEXBENCH_CHECK(value >= low && value <= high, group.where(), ": attribute '", name,
                  "' = ", value, " is out of range [", low, ", ", high,
                  "] (corrupt or not written by spexbench)");
  return static_cast<int>(value);
}

hdf5::Group write_polynomial(const hdf5::Group& parent, const std::string& name,
                             const SparsePolynomial& poly) {
  hdf5::Group group = parent.create_group(name);
  group.set_attribute("basis", std::string(basis_name(poly.basis())));
  group.set_attribute("num_features", static_cast<std::int64_t>(poly.num_features()));
  group.write("offsets", poly.offsets());
  group.write("features", poly.features());
  group.write("coefs", poly.coefs());
  return group;
}

SparsePolynomial read_polynomial(const hdf5::Group& parent, const std::string& name) {
  const hdf5::Group group = parent.open_group(name);
  return SparsePolynomial::from_csr(
      int_attribute(group, "num_features", 1), parse_basis(group.string_attribute("basis")),
      group.read_uint64("offsets"), group.read_uint32("features"), group.read_doubles("coefs"));
}

void write_masks(const hdf5::Group& group, const MaskBatch& masks, std::span<const double> values) {
  group.set_attribute("num_features", static_cast<std::int64_t>(masks.num_features()));
  group.write("masks", masks.words(), masks.words_per_row());
  group.write("values", values);
}

void read_masks(const hdf5::Group& group, MaskBatch& masks, std::vector<double>& values) {
  const int n = int_attribute(group, "num_features", 1);
  values = group.read_doubles("values");
  const std::vector<std::uint64_t> words = group.read_uint64("masks");
  SPEXBENCH_CHECK(words.size() == values.size() * words_for(n), group.where(),
                  ": masks and values disagree in size");
  masks = MaskBatch(values.size(), n);
  std::copy(words.begin(), words.end(), masks.words().begin());
}

void write_cell(const hdf5::Group& cells, const CellResult& cell, const Provenance& writer) {
  const hdf5::Group group = cells.create_group(cell.id);
  const CellSpec& spec = cell.spec;
  group.set_attribute("code_version",
                      cell.code_version.empty() ? writer.git_describe : cell.code_version);
  group.set_attribute("host", cell.host.empty() ? writer.host : cell.host);
  group.set_attribute("rank", static_cast<std::int64_t>(cell.rank));
  group.set_attribute("task_spec", spec.task);
  group.set_attribute("explainer_spec", spec.explainer);
  group.set_attribute("budget", spec.budget);
  group.set_attribute("master_seed", spec.seed);
  group.set_attribute("instance", static_cast<std::int64_t>(spec.instance));
  group.set_attribute("repetition", static_cast<std::int64_t>(spec.repetition));
  group.set_attribute("holdout_count", static_cast<std::int64_t>(spec.holdout));
  group.set_attribute("log_queries", static_cast<std::int64_t>(spec.log_queries));
  group.set_attribute("threads", static_cast<std::int64_t>(spec.threads));
  group.set_attribute("task_seed", cell.task_seed);
  group.set_attribute("explainer_seed", cell.explainer_seed);
  group.set_attribute("num_features", static_cast<std::int64_t>(cell.num_features));
  group.set_attribute("status", std::string(cell_status_name(cell.status)));
  group.set_attribute("error", cell.error);
  group.set_attribute("queries_total", cell.counts.total);
  group.set_attribute("queries_unique", cell.counts.unique);
  group.set_attribute("batches", cell.counts.batches);
  group.set_attribute("cache_hits", cell.counts.cache_hits);
  group.set_attribute("evaluation_queries", cell.evaluation_queries);
  group.set_attribute("oracle_seconds", cell.counts.model_seconds);
  group.set_attribute("algorithm_seconds", cell.algorithm_seconds);
  group.set_attribute("wall_seconds", cell.wall_seconds);
  if (cell.estimate) write_polynomial(group, "estimate", *cell.estimate);
  if (cell.ground_truth) {
    write_polynomial(group, "ground_truth", *cell.ground_truth)
        .set_attribute("kind", std::string(truth_kind_name(cell.ground_truth_kind)));
  }
  if (cell.holdout_masks.rows() > 0)
    write_masks(group.create_group("holdout"), cell.holdout_masks, cell.holdout_values);
  if (spec.log_queries && cell.query_masks.rows() > 0)
    write_masks(group.create_group("queries"), cell.query_masks, cell.query_values);
  const hdf5::Group info = group.create_group("explainer_info");
  for (const auto& [name, value] : cell.explainer_info) info.set_attribute(name, value);
  if (!are_generated_component_names(cell.component_names))
    group.write_strings("component_names", cell.component_names);
  if (!cell.task_info.empty()) {
    const hdf5::Group task_info = group.create_group("task_info");
    for (const auto& [name, value] : cell.task_info) task_info.set_attribute(name, value);
  }
  const hdf5::Group metrics = group.create_group("metrics");
  for (const MetricValue& metric : cell.metrics) {
    metrics.write_scalar(metric.name, metric.value);
    metrics.dataset_attributes(metric.name)
        .set_attribute("version", static_cast<std::int64_t>(metric.version));
  }
}

CellResult read_cell(const hdf5::Group& cells, const std::string& id) {
  const hdf5::Group group = cells.open_group(id);
  CellResult cell;
  cell.id = id;
  CellSpec& spec = cell.spec;
  spec.task = group.string_attribute("task_spec");
  spec.explainer = group.string_attribute("explainer_spec");
  spec.budget = group.int_attribute("budget");
  spec.seed = group.uint_attribute("master_seed");
  spec.instance = int_attribute(group, "instance", 0);
  spec.repetition = int_attribute(group, "repetition", 0);
  spec.holdout = int_attribute(group, "holdout_count", 0);
  spec.log_queries = group.int_attribute("log_queries") != 0;
  spec.threads = int_attribute(group, "threads", 1);
  cell.task_seed = group.uint_attribute("task_seed");
  cell.explainer_seed = group.uint_attribute("explainer_seed");
  cell.num_features = int_attribute(group, "num_features", 0);
  cell.status = parse_cell_status(group.string_attribute("status"));
  cell.error = group.string_attribute("error");
  cell.counts.total = group.int_attribute("queries_total");
  cell.counts.unique = group.int_attribute("queries_unique");
  cell.counts.batches = group.int_attribute("batches");
  if (group.has_attribute("cache_hits")) cell.counts.cache_hits = group.int_attribute("cache_hits");
  cell.counts.model_seconds = group.double_attribute("oracle_seconds");
  cell.algorithm_seconds = group.double_attribute("algorithm_seconds");
  cell.wall_seconds = group.double_attribute("wall_seconds");
  if (group.has_attribute("code_version"))
    cell.code_version = group.string_attribute("code_version");
  if (group.has_attribute("host")) cell.host = group.string_attribute("host");
  if (group.has_attribute("rank")) cell.rank = int_attribute(group, "rank", 0);
  if (group.has("estimate")) cell.estimate = read_polynomial(group, "estimate");
  if (group.has("ground_truth")) {
    cell.ground_truth = read_polynomial(group, "ground_truth");
    const hdf5::Group truth = group.open_group("ground_truth");
    if (truth.has_attribute("kind"))
      cell.ground_truth_kind = parse_truth_kind(truth.string_attribute("kind"));
  }
  if (group.has("holdout"))
    read_masks(group.open_group("holdout"), cell.holdout_masks, cell.holdout_values);
  if (group.has("queries"))
    read_masks(group.open_group("queries"), cell.query_masks, cell.query_values);
  const hdf5::Group info = group.open_group("explainer_info");
  for (const std::string& name : info.attribute_names())
    cell.explainer_info.emplace_back(name, info.string_attribute(name));
  // Stored only where the task names its components; x<i> otherwise and in older files.
  cell.component_names = group.has("component_names")
                             ? group.read_strings("component_names")
                             : generated_component_names(cell.num_features);
  SPEXBENCH_CHECK(static_cast<int>(cell.component_names.size()) == cell.num_features, group.where(),
                  ": ", cell.component_names.size(), " component names for n=", cell.num_features);
  if (group.has("task_info")) {  // absent when the task reports nothing, and in older files
    const hdf5::Group task_info = group.open_group("task_info");
    for (const std::string& name : task_info.attribute_names())
      cell.task_info.emplace_back(name, task_info.string_attribute(name));
  }
  if (group.has_attribute("evaluation_queries")) {
    cell.evaluation_queries = group.int_attribute("evaluation_queries");
  } else {  // files before the attribute kept the removal test's queries in explainer_info
    const auto old =
        std::find_if(cell.explainer_info.begin(), cell.explainer_info.end(),
                     [](const auto& entry) { return entry.first == "removal_queries"; });
    if (old != cell.explainer_info.end()) {
      const std::string& text = old->second;
      const auto parsed =
          std::from_chars(text.data(), text.data() + text.size(), cell.evaluation_queries);
      SPEXBENCH_CHECK(parsed.ec == std::errc() && parsed.ptr == text.data() + text.size(),
                      group.where(), ": removal_queries is '", text, "', not a count");
      cell.explainer_info.erase(old);
    }
  }
  const hdf5::Group metrics = group.open_group("metrics");
  for (const std::string& name : metrics.children()) {
    cell.metrics.push_back({name, metrics.read_scalar(name),
                            int_attribute(metrics.dataset_attributes(name), "version", 0)});
  }
  return cell;
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
  if (root.has_attribute("world_size")) p.world_size = int_attribute(root, "world_size", 1);
  p.started_utc = root.string_attribute("started_utc");
  p.command_line = root.string_attribute("command_line");
  return p;
}

}  // namespace

std::string cell_bucket(const std::string& id) { return id.substr(0, kCellBucketChars); }

std::string cell_path(const std::string& id) { return "/cells/" + cell_bucket(id) + "/" + id; }

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
      {
        std::map<std::string, std::size_t> bucket_sizes;
        for (const CellResult* cell : cells) ++bucket_sizes[cell_bucket(cell->id)];
        const hdf5::Group group = root.create_group("cells", bucket_sizes.size(), kCellBucketChars);
        std::unordered_map<std::string, hdf5::Group> buckets;
        for (const CellResult* cell : cells) {
          const std::string name = cell_bucket(cell->id);
          auto bucket = buckets.find(name);
          if (bucket == buckets.end()) {
            hdf5::Group created = group.create_group(name, bucket_sizes[name], cell->id.size());
            bucket = buckets.emplace(name, std::move(created)).first;
          }
          write_cell(bucket->second, *cell, provenance);
        }
      }
      image = root.take_image();
    }
    write_file(temporary, image);
    std::vector<char>().swap(image);  // gone before the read-back: a file of 10^5 cells is 0.9 GB
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
    held.push_back(read_results(file).cells);
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
  auto read_from = [&](const hdf5::Group& parent, const std::string& id) {
    CellResult cell = read_cell(parent, id);
    // Files written before cells carried their version: the file's is the best there is.
    if (cell.code_version.empty()) cell.code_version = file.provenance.git_describe;
    each(std::move(cell));
  };
  if (file.schema_version < 4) {  // every cell straight under /cells
    for (const std::string& id : cells.children()) read_from(cells, id);
    return file;
  }
  for (const std::string& name : cells.children()) {
    const hdf5::Group bucket = cells.open_group(name);
    for (const std::string& id : bucket.children()) {
      SPEXBENCH_CHECK(cell_bucket(id) == name, bucket.where(), ": cell '", id,
                      "' belongs in bucket '", cell_bucket(id),
                      "' (corrupt or not written by spexbench)");
      read_from(bucket, id);
    }
  }
  return file;
}

}  // namespace

}  // namespace spexbench
