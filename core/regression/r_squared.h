// The coefficient of determination, R^2 = 1 - SS_res / SS_tot, of predictions against observed
// values: one formula for the faithfulness metric and for the proxy's cross-validation scores.
#pragma once

#include <optional>
#include <span>

namespace spexbench {

/// What R^2 is when the observed values are all equal (SS_tot = 0), where the ratio is undefined.
enum class ConstantObserved {
  kUndefined,  ///< no value (the faithfulness metric: a constant function has no R^2)
  kSklearn,    ///< scikit-learn's r2_score: 1 when every prediction is exact, 0 otherwise
};

/// R^2 of `predicted` against `observed` (equal sizes, at least one value).
[[nodiscard]] std::optional<double> r_squared(std::span<const double> observed,
                                              std::span<const double> predicted,
                                              ConstantObserved constant);

}  // namespace spexbench
