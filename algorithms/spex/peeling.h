// SPEX's bins and its peeling (message-passing) decoder (docs/spex.md, "Decoding").
//
// A bin (c, j) is the vector U_c(j) = (U_{c,0}(j), ..., U_{c,P}(j)) of its P + 1 delayed
// transforms. Each iteration:
//   * decodes every bin still to check whose energy ||U||^2 exceeds the zero cutoff into a
//     candidate frequency k (hard or Chase decoding of the parity signs);
//   * accepts (c, j) as a singleton when k maps to bin j of group c and the least-squares amplitude
//     rho = <sig(k), U> / (P + 1) leaves less than `residual_cutoff` (0.9) of the bin's energy
//     ("multi-detect": the dominant term of a multiton is stripped too); otherwise the bin is a
//     multiton and is not looked at again until something is peeled from it;
//   * averages rho over the bins that found the same k, records (k, rho), subtracts rho sig(k) from
//     the bin of k in every group, and marks those bins to check again.
// It stops when no bin is left to check, after `max_iterations`, or when no new frequency was
// found in the last `stall_iterations` - 1 iterations. A frequency peeled more than once (residual
// corrections) gets the sum of its amplitudes.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "algorithms/spex/bch_code.h"
#include "algorithms/spex/query_design.h"
#include "core/sparse_polynomial.h"

namespace spexbench::spex {

/// bins[c][j * (P + 1) + p] = U_{c,p}(j), from the oracle's values for group c (delay-major, as
/// QueryDesign::group_masks orders them): one fast WHT of size 2^b per (c, p), scaled by 2^-b.
[[nodiscard]] std::vector<double> group_bins(std::span<const double> values, int delays,
                                             std::size_t bins_per_group);

/// Decodes one bin (P + 1 values) into a candidate frequency.
using BinDecoder = std::function<std::vector<std::uint32_t>(std::span<const double> bin)>;

struct PeelingOptions {
  double residual_cutoff = 0.9;  ///< multi-detect acceptance: residual / bin energy below this
  int max_iterations = 100;
  int stall_iterations = 15;  ///< stop when this window brings no new frequency
  double zero_energy = 1e-9;  ///< a bin is empty when ||U||^2 <= zero_energy (P + 1)
};

struct PeelingStats {
  int iterations = 0;
  std::size_t distinct = 0;  ///< distinct frequencies peeled
  std::size_t peels = 0;     ///< peel operations, repeats included
  std::size_t decodes = 0;   ///< bins decoded
};

/// Peels `bins` (modified in place) and returns the recovered Fourier spectrum.
[[nodiscard]] SparsePolynomial peel(std::vector<std::vector<double>>& bins,
                                    const QueryDesign& design, const BchCode& code,
                                    const BinDecoder& decode, const PeelingOptions& options,
                                    PeelingStats& stats);

}  // namespace spexbench::spex
