#include "baselines/common/infeasibility.h"

#include "core/error.h"

namespace spexbench::baselines {

std::optional<std::string> interaction_infeasible(int order, int n) {
  for (const InfeasibleFrom& rule : kInteractionInfeasibility)
    if (order >= rule.order && n >= rule.n)
      return str_cat("order ", order, " interactions are not run at n=", n,
                     " (published rule: order >= ", rule.order, " needs n < ", rule.n, ")");
  if (order > n) return str_cat("order=", order, " exceeds n=", n);
  return std::nullopt;
}

std::optional<std::string> budget_below(std::int64_t budget, std::int64_t minimum,
                                        const std::string& why) {
  if (budget >= minimum) return std::nullopt;
  return str_cat("budget ", budget, " is below the minimum of ", minimum, " (", why, ")");
}

}  // namespace spexbench::baselines
