// The removal test of the SPEX and ProxySPEX papers (docs/proxyspex.md, "The removal test"): how
// much the true output moves when the r components the explanation deems most influential are
// removed.
//
//   Rem(r) = |f(1) - f(m_r)| / |f(1)|,   m_r = argmax over masks with exactly r components removed
//                                                of |fhat(1) - fhat(m)|,
// where fhat is the explanation's surrogate. The maximiser is exact: every choice of r components
// when there are at most 200,000, otherwise a mixed-integer program on the Möbius form solved by
// COIN-OR CBC, once maximising and once minimising fhat (kept components x_i binary, one y_S per
// higher-order term with y_S <= x_i and y_S >= sum_{i in S} x_i - |S| + 1, sum x_i = n - r).
// f is then queried on 1 and on each m_r: r_max - r_min + 2 queries, counted apart from the budget.
//
// Registered as the cell evaluation "removal:r_min=R,r_max=R" (core/cell_evaluation.h): a cell
// with it in CellSpec::evaluations stores rem_<r> (version 1) for r in [r_min, min(r_max, n)],
// none when f(1) = 0.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/cell.h"
#include "core/mask.h"
#include "core/sparse_polynomial.h"
#include "core/task.h"

namespace spexbench {

/// The r components to remove (as a mask keeping the others) maximising |fhat(1) - fhat(m)|:
/// by enumeration when C(n, r) <= enumeration_limit, else by the MILP.
[[nodiscard]] MaskBatch most_influential_removal(const SparsePolynomial& surrogate, int r,
                                                 double enumeration_limit = 200000);

/// The evaluation spec of the removal test for r in [r_min, r_max].
[[nodiscard]] std::string removal_spec(int r_min, int r_max);

}  // namespace spexbench
