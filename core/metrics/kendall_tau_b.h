// Kendall's tau-b of paired values, shared by the metrics that compare rankings of coefficients
// (kendall_tau) and of index values (index_kendall_tau).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace spexbench {

/// tau-b = (concordant - discordant) / sqrt((n0 - ties_x)(n0 - ties_y)) over the pairs (x_i, y_i)
/// and `zeros` more pairs (0, 0), counted in closed form: an index has C(n, <= l) values, almost
/// all zero on both sides, which a pair-by-pair count could not visit. nullopt when either side is
/// constant. O(m^2) in the listed pairs.
[[nodiscard]] std::optional<double> kendall_tau_b(const std::vector<double>& x,
                                                  const std::vector<double>& y, double zeros = 0);

}  // namespace spexbench
