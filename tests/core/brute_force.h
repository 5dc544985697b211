// Brute-force definitions (straight from the formulas) that fast code is checked against.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <vector>

#include "core/rng.h"
#include "core/sparse_polynomial.h"

namespace spexbench::test {

inline std::vector<double> random_values(int n, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> values(std::size_t{1} << n);
  for (double& v : values) v = rng.uniform(-1, 1);
  return values;
}

/// f(x) for a table index x straight from the basis definition.
inline double brute_evaluate(const SparsePolynomial& poly, std::uint64_t x) {
  double sum = 0;
  for (std::size_t t = 0; t < poly.size(); ++t) {
    std::uint64_t bits = 0;
    for (const auto f : poly.term(t)) bits |= std::uint64_t{1} << f;
    if (poly.basis() == Basis::kFourier) {
      sum += (std::popcount(bits & x) % 2 ? -1.0 : 1.0) * poly.coef(t);
    } else if ((bits & x) == bits) {
      sum += poly.coef(t);
    }
  }
  return sum;
}

/// A random polynomial with `terms` terms of degree 0..max_degree over n components.
inline SparsePolynomial random_polynomial(int n, int terms, int max_degree, Basis basis,
                                          std::uint64_t seed) {
  Rng rng(seed);
  SparsePolynomial poly(n, basis);
  for (int t = 0; t < terms; ++t) {
    const auto degree =
        static_cast<std::uint32_t>(rng.below(static_cast<std::uint64_t>(max_degree) + 1));
    auto features = rng.sample_without_replacement(static_cast<std::uint32_t>(n), degree);
    std::sort(features.begin(), features.end());
    poly.add_term(features, rng.uniform(-2, 2));
  }
  poly.canonicalize();
  return poly;
}

}  // namespace spexbench::test
