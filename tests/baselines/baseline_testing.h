// Helpers for the baseline tests: run one cell and compare polynomials term by term.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "core/cell.h"
#include "core/interaction_index.h"

namespace spexbench::test {

inline CellResult run_baseline(const std::string& task, const std::string& explainer,
                               std::int64_t budget, std::uint64_t seed = 0) {
  CellResult cell = run_cell(
      {.task = task, .explainer = explainer, .budget = budget, .seed = seed, .holdout = 200});
  EXPECT_EQ(cell.status, CellStatus::kOk) << cell.error;
  return cell;
}

/// Largest |a(S) - b(S)| over the union of both supports, both read in the Möbius basis.
inline double max_difference(const SparsePolynomial& a, const SparsePolynomial& b) {
  const SparsePolynomial am = a.to_basis(Basis::kMobius), bm = b.to_basis(Basis::kMobius);
  const TermIndex ai(am), bi(bm);
  double worst = 0;
  for (std::size_t t = 0; t < am.size(); ++t) {
    const auto other = bi.find(am.term(t));
    worst = std::max(worst, std::abs(am.coef(t) - (other ? bm.coef(*other) : 0.0)));
  }
  for (std::size_t t = 0; t < bm.size(); ++t)
    if (!ai.find(bm.term(t))) worst = std::max(worst, std::abs(bm.coef(t)));
  return worst;
}

/// A dense random function over n <= 12 components (many terms of every degree).
inline std::string dense_task(int n) {
  const int terms = std::min(3 * n * n, (1 << n) - 1);
  return "synthetic.sparse_fourier:n=" + std::to_string(n) + ",s=" + std::to_string(terms) +
         ",d=" + std::to_string(n) + ",law=gaussian";
}

}  // namespace spexbench::test
