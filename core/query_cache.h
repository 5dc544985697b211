// A persistent cache of value-function results for one task instance, so a rerun or another
// explainer on the same instance reuses expensive evaluations (retraining, LLM, external workers).
//
// One file per instance: <dir>/<16 hex digits of hash(task spec, seed)>.qcache, a header
// ("spexbench-qcache 1", n) then fixed-size records (the mask's words, its value). Records are
// appended under an exclusive file lock, so processes and threads can share a folder; a record cut
// short by a crash is ignored when the file is read. The cache never changes what is counted: the
// oracle charges every query against the budget and records cache hits apart.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/mask.h"

namespace spexbench {

class QueryCache {
 public:
  /// Opens (creating the folder and file if needed) the cache of (task_spec, seed) over n
  /// components. Throws spexbench::Error for an unusable folder or a file of another instance.
  QueryCache(const std::filesystem::path& folder, const std::string& task_spec, std::uint64_t seed,
             int n);

  /// Creates `folder` if needed and throws spexbench::Error unless it is a folder this process
  /// can write to: a suite checks its cache before it runs any cell.
  static void check_folder(const std::filesystem::path& folder);

  [[nodiscard]] std::optional<double> find(std::span<const std::uint64_t> row) const;
  /// Records values (appends them to the file).
  void add(const MaskBatch& masks, std::span<const double> values);
  [[nodiscard]] std::size_t size() const { return values_.size(); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  struct RowHash {
    std::size_t operator()(const std::vector<std::uint64_t>& row) const;
  };
  std::filesystem::path path_;
  int n_;
  std::unordered_map<std::vector<std::uint64_t>, double, RowHash> values_;
};

}  // namespace spexbench
