// When the interaction baselines are not run: the SPEX experiments' rule (docs/spex.md, "Baselines
// as the experiments ran them"), also shapiq's threshold for switching to SPEX. Kept as data so
// every interaction baseline (and a leaderboard reading the stored reason) applies the same table.
#pragma once

#include <optional>
#include <string>

namespace spexbench::baselines {

struct InfeasibleFrom {
  int order;  ///< interaction order l at or above which ...
  int n;      ///< ... n at or above this is not run
};

inline constexpr InfeasibleFrom kInteractionInfeasibility[] = {{2, 64}, {3, 32}, {4, 16}};

/// The reason an order-`order` interaction baseline is not run at n, or nullopt.
[[nodiscard]] std::optional<std::string> interaction_infeasible(int order, int n);

/// interaction_infeasible, then a budget below the sum_{k<=order} C(n, k) coefficients of an
/// order-`order` polynomial: the check of the regression-based interaction indices.
[[nodiscard]] std::optional<std::string> polynomial_fit_infeasible(int order, int n,
                                                                   std::int64_t budget);

/// The reason `budget` is below `minimum` for `method`, or nullopt.
[[nodiscard]] std::optional<std::string> budget_below(std::int64_t budget, std::int64_t minimum,
                                                      const std::string& why);

}  // namespace spexbench::baselines
