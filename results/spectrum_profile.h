// How concentrated a function's spectrum is: the share of its variance (the energy of its
// non-constant Fourier coefficients, by Parseval) that its largest terms hold, and the share each
// degree holds. Sparse recovery (SPEX) needs few large terms of low degree; a profile whose
// energy spreads over thousands of terms says no budget-limited sparse method can be exact.
#pragma once

#include <string>
#include <vector>

#include "core/sparse_polynomial.h"

namespace spexbench {

struct SpectrumProfile {
  double variance = 0;    ///< sum of squared non-constant Fourier coefficients
  std::size_t terms = 0;  ///< non-zero non-constant Fourier terms
  struct Top {
    std::size_t k = 0;
    double share = 0;  ///< of the variance held by the k largest terms
  };
  std::vector<Top> top;
  std::vector<double> degree;  ///< degree[d - 1]: the share of the variance in degree d
  struct Needed {
    double share = 0;
    std::size_t terms = 0;  ///< the fewest terms holding `share` of the variance
  };
  std::vector<Needed> needed;
};

/// The profile of f (converted to the Fourier basis) for the top-k sizes `tops` and the variance
/// shares `shares` (each in (0, 1]). Throws spexbench::Error when the conversion would exceed
/// kMaxBasisChangeTerms.
[[nodiscard]] SpectrumProfile spectrum_profile(
    const SparsePolynomial& f, const std::vector<std::size_t>& tops = {10, 100, 1000},
    const std::vector<double>& shares = {0.5, 0.9, 0.99});

/// Aligned text: the top-k shares, the terms needed for each share, the share of each degree.
[[nodiscard]] std::string format_spectrum_profile(const SpectrumProfile& profile);

}  // namespace spexbench
