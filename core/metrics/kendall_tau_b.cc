#include "core/metrics/kendall_tau_b.h"

#include <cmath>

namespace spexbench {

std::optional<double> kendall_tau_b(const std::vector<double>& x, const std::vector<double>& y,
                                    double zeros) {
  double concordant = 0, discordant = 0, ties_x = 0, ties_y = 0;
  const auto count = [&](double dx, double dy, double times) {
    if (dx == 0 && dy == 0) return;
    if (dx == 0)
      ties_x += times;
    else if (dy == 0)
      ties_y += times;
    else if ((dx > 0) == (dy > 0))
      concordant += times;
    else
      discordant += times;
  };
  for (std::size_t i = 0; i < x.size(); ++i) {
    for (std::size_t j = i + 1; j < x.size(); ++j) count(x[i] - x[j], y[i] - y[j], 1);
    count(x[i], y[i], zeros);  // against each of the (0, 0) pairs
  }
  const double denominator =
      std::sqrt((concordant + discordant + ties_x) * (concordant + discordant + ties_y));
  if (denominator == 0) return std::nullopt;
  return (concordant - discordant) / denominator;
}

}  // namespace spexbench
