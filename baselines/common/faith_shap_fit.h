// Faith-Shap of order l (Tsai, Yeh, Ravikumar 2023) from Shapley-kernel weighted coalitions: the
// polynomial of degree <= l in the Möbius basis with the least kernel-weighted squared error on
// the coalitions, matching f(∅) and f(N) exactly. Order 1 is KernelSHAP's constrained regression,
// whose solution is the Shapley values (efficiency holds exactly: sum phi_i = f(N) - f(∅)).
#pragma once

#include <span>

#include "baselines/common/shapley_kernel_design.h"
#include "core/sparse_polynomial.h"

namespace spexbench::baselines {

[[nodiscard]] SparsePolynomial faith_shap_fit(int order, const WeightedCoalitions& coalitions,
                                              std::span<const double> values, double f_empty,
                                              double f_full);

}  // namespace spexbench::baselines
