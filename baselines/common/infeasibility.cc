#include "baselines/common/infeasibility.h"

#include "core/error.h"
#include "core/regression/design.h"

namespace spexbench::baselines {

std::optional<std::string> interaction_infeasible(int order, int n) {
  for (const InfeasibleFrom& rule : kInteractionInfeasibility)
    if (order >= rule.order && n >= rule.n)
      return str_cat("order ", order, " interactions are not run at n=", n,
                     " (published rule: order >= ", rule.order, " needs n < ", rule.n, ")");
  if (order > n) return str_cat("order=", order, " exceeds n=", n);
  return std::nullopt;
}

std::optional<std::string> polynomial_fit_infeasible(int order, int n, std::int64_t budget) {
  if (auto reason = interaction_infeasible(order, n)) return reason;
  return budget_below(budget, static_cast<std::int64_t>(count_sets_up_to(n, order)),
                      str_cat("one query per coefficient of the order-", order, " polynomial"));
}

std::optional<std::string> budget_below(std::int64_t budget, std::int64_t minimum,
                                        const std::string& why) {
  if (budget >= minimum) return std::nullopt;
  return str_cat("budget ", budget, " is below the minimum of ", minimum, " (", why, ")");
}

}  // namespace spexbench::baselines
