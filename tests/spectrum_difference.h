// How far apart two spectra are, for the tests that check a certified truth against an exhaustive
// transform.
#pragma once

#include <algorithm>
#include <cmath>

#include "core/sparse_polynomial.h"

namespace spexbench::test {

/// Largest |coefficient difference| between two polynomials of one basis, over the terms of
/// either (a term missing from one counts as 0 there).
inline double max_coefficient_error(const SparsePolynomial& a, const SparsePolynomial& b) {
  double worst = 0;
  for (std::size_t t = 0; t < a.size(); ++t)
    worst = std::max(worst, std::abs(a.coef(t) - b.find(a.term(t)).value_or(0.0)));
  for (std::size_t t = 0; t < b.size(); ++t)
    worst = std::max(worst, std::abs(b.coef(t) - a.find(b.term(t)).value_or(0.0)));
  return worst;
}

}  // namespace spexbench::test
