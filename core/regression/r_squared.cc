#include "core/regression/r_squared.h"

#include "core/error.h"

namespace spexbench {

std::optional<double> r_squared(std::span<const double> observed, std::span<const double> predicted,
                                ConstantObserved constant) {
  SPEXBENCH_CHECK(!observed.empty() && observed.size() == predicted.size(), "R^2 of ",
                  predicted.size(), " predictions against ", observed.size(), " values");
  double mean = 0;
  for (const double y : observed) mean += y;
  mean /= static_cast<double>(observed.size());
  double residual = 0, total = 0;
  for (std::size_t r = 0; r < observed.size(); ++r) {
    residual += (observed[r] - predicted[r]) * (observed[r] - predicted[r]);
    total += (observed[r] - mean) * (observed[r] - mean);
  }
  if (total == 0) {  // NaN values fall through: a NaN R^2 says the data were not finite
    if (constant == ConstantObserved::kUndefined) return std::nullopt;
    return residual == 0 ? 1.0 : 0.0;
  }
  return 1.0 - residual / total;
}

}  // namespace spexbench
