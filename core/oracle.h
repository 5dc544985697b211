// The oracle: the only door from an explainer to a task's value function (docs/architecture.md,
// "Vocabulary").
//
// It counts every mask evaluated (total, unique, batches), enforces the budget (a batch that would
// exceed it is refused with a budget_exceeded Error before anything is evaluated: never silently
// truncated, never extra queries), rejects non-finite values, times the value function apart from
// everything else, and can log every query for later refits. Its counts are the truth that results
// record, whatever an explainer believes it spent.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/mask.h"
#include "core/mask_set.h"
#include "core/task.h"

namespace spexbench {

class QueryCache;

struct OracleOptions {
  std::int64_t budget = 0;      ///< maximum total queries (>= 1)
  bool log_queries = false;     ///< keep every queried mask and value
  QueryCache* cache = nullptr;  ///< answer known masks from here (still counted as queries)
};

struct OracleCounts {
  std::int64_t total = 0;       ///< masks evaluated, repeats included
  std::int64_t unique = 0;      ///< distinct masks among them
  std::int64_t batches = 0;     ///< calls into the value function
  double model_seconds = 0;     ///< wall time inside the value function
  std::int64_t cache_hits = 0;  ///< queries answered by the persistent cache (counted in total)
};

class Oracle {
 public:
  Oracle(Task& task, OracleOptions options);

  [[nodiscard]] int num_features() const { return n_; }
  /// The task's names of its components: what an explainer may know of the task besides n.
  [[nodiscard]] std::vector<std::string> component_names() const { return task_.component_names(); }
  [[nodiscard]] std::int64_t budget() const { return options_.budget; }
  [[nodiscard]] std::int64_t remaining() const { return options_.budget - counts_.total; }

  /// out[r] = f(masks.row(r)). The whole batch counts against the budget; a batch that does not
  /// fit throws Error(kBudgetExceeded) and evaluates nothing. A non-finite value throws
  /// Error(kValueFunction) naming the mask.
  void query(const MaskBatch& masks, std::span<double> out);
  [[nodiscard]] std::vector<double> query(const MaskBatch& masks);

  [[nodiscard]] const OracleCounts& counts() const { return counts_; }
  [[nodiscard]] const MaskBatch& logged_masks() const { return logged_masks_; }
  [[nodiscard]] const std::vector<double>& logged_values() const { return logged_values_; }

 private:
  Task& task_;
  OracleOptions options_;
  int n_;
  OracleCounts counts_;
  MaskSet seen_;
  MaskBatch logged_masks_;
  std::vector<double> logged_values_;
};

}  // namespace spexbench
