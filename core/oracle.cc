#include "core/oracle.h"

#include <cmath>

#include "core/error.h"
#include "core/params.h"
#include "core/query_cache.h"
#include "core/stopwatch.h"

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

  const Stopwatch model_time;
  if (options_.cache == nullptr) {
    task_.evaluate(masks, out);
  } else {
    // Known masks from the cache; each distinct unknown mask evaluated once, then cached.
    std::vector<std::size_t> missing;  // rows to evaluate: first occurrences of unknown masks
    std::vector<bool> repeat(masks.rows(), false);  // later occurrences within this batch
    MaskSet batch_seen(n_);
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      if (const auto value = options_.cache->find(masks.row(r))) {
        out[r] = *value;
        ++counts_.cache_hits;
      } else if (batch_seen.insert(masks.row(r))) {
        missing.push_back(r);
      } else {
        repeat[r] = true;
        ++counts_.cache_hits;
      }
    }
    if (!missing.empty()) {
      MaskBatch fresh(0, n_);
      for (const std::size_t r : missing) fresh.push_back(masks.row(r));
      std::vector<double> values(missing.size());
      task_.evaluate(fresh, values);
      bool finite = true;
      for (std::size_t k = 0; k < missing.size(); ++k) {
        out[missing[k]] = values[k];
        finite = finite && std::isfinite(values[k]);
      }
      if (finite) options_.cache->add(fresh, values);  // never cache a failure
    }
    for (std::size_t r = 0; r < masks.rows(); ++r) {
      if (!repeat[r]) continue;
      const auto value = options_.cache->find(masks.row(r));
      out[r] = value ? *value : std::nan("");  // absent only when the batch was not finite
    }
  }
  counts_.model_seconds += model_time.seconds();
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
