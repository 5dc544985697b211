#include "core/oracle.h"

#include <chrono>
#include <cmath>

#include "core/error.h"
#include "core/params.h"

namespace spexbench {
Oracle::Oracle(Task& task, OracleOptions options)
    : task_(task),
      options_(options),
      n_(task.num_features()),
      seen_(task.num_features()),
      logged_masks_(0, task.num_features()) {
  SPEXBENCH_CHECK(options.budget >= 1, "budget=", options.budget, ", must be >= 1");
}

std::vector<double> Oracle::query(const MaskBatch& masks) {
  std::vector<double> out(masks.rows());
  query(masks, out);
  return out;
}

void Oracle::query(const MaskBatch& masks, std::span<double> out) {
  SPEXBENCH_ASSERT(out.size() == masks.rows(), "oracle: output size ", out.size(), " for ",
                   masks.rows(), " masks");
  SPEXBENCH_CHECK(masks.num_features() == n_, "oracle: masks over n=", masks.num_features(),
                  " for a task with n=", n_);
  if (masks.rows() == 0) return;
  const auto rows = static_cast<std::int64_t>(masks.rows());
  if (rows > remaining()) {
    throw Error(str_cat("oracle: a batch of ", rows, " queries would bring the total to ",
                        counts_.total + rows, ", over the budget of ", options_.budget, " (",
                        counts_.total, " used)"),
                ErrorKind::kBudgetExceeded);
  }

  const auto start = std::chrono::steady_clock::now();
  task_.evaluate(masks, out);
  counts_.model_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  counts_.total += rows;
  ++counts_.batches;
  for (std::size_t r = 0; r < masks.rows(); ++r)
    counts_.unique += seen_.insert(masks.row(r)) ? 1 : 0;

  for (std::size_t r = 0; r < masks.rows(); ++r) {
    if (!std::isfinite(out[r])) {
      throw Error(
          str_cat("task '", task_.spec(), "' returned ", format_param(out[r]),
                  " (not finite) for query ", counts_.total - rows + static_cast<std::int64_t>(r),
                  " (", masks.count_kept(r), " of ", n_, " components kept)"),
          ErrorKind::kValueFunction);
    }
  }
  if (options_.log_queries) {
    for (std::size_t r = 0; r < masks.rows(); ++r) logged_masks_.push_back(masks.row(r));
    logged_values_.insert(logged_values_.end(), out.begin(), out.end());
  }
}

}  // namespace spexbench
